import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ConflictError, DomainError, NotFoundError } from '../shared/domain-error';
import { AuditService } from './audit.service';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { AuthenticatedStaff, hashPassword } from './staff-auth.service';
import { StaffRole, StaffUser } from './staff-user.entity';

/** Staff accounts, managed by admins. */
@Injectable()
export class StaffUsersService {
  constructor(
    @InjectRepository(StaffUser) private readonly staffUsers: Repository<StaffUser>,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<StaffUser[]> {
    return this.staffUsers.find({ order: { name: 'ASC' } });
  }

  async create(dto: CreateStaffUserDto, admin: AuthenticatedStaff): Promise<StaffUser> {
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    return this.staffUsers.manager.transaction(async (manager) => {
      if (await manager.existsBy(StaffUser, { email })) {
        throw new DomainError('email-taken', 'a staff member with this email exists already', 'email');
      }
      const user = await manager.save(
        manager.create(StaffUser, { name: dto.name.trim(), email, role: dto.role, passwordHash }),
      );
      await this.audit.record(
        {
          staffUserId: admin.id,
          action: 'staff.created',
          entityType: 'staff-user',
          entityId: user.id,
          details: { role: dto.role },
        },
        manager,
      );
      return user;
    });
  }

  /** An agency must keep at least one admin, or nobody could change settings or accounts again. */
  async changeRole(id: string, role: StaffRole, admin: AuthenticatedStaff): Promise<StaffUser> {
    return this.staffUsers.manager.transaction(async (manager) => {
      // Lock the admins, so two admins demoting each other at once cannot leave none.
      await manager.query(`SELECT id FROM staff_user WHERE role = 'admin' FOR UPDATE`);
      const user = await manager.findOneBy(StaffUser, { id });
      if (!user) {
        throw new NotFoundError('staff user', id);
      }
      if (
        user.role === 'admin' &&
        role !== 'admin' &&
        (await manager.countBy(StaffUser, { role: 'admin' })) <= 1
      ) {
        throw new ConflictError('the last admin cannot lose the admin role');
      }
      await manager.update(StaffUser, id, { role });
      await this.audit.record(
        {
          staffUserId: admin.id,
          action: 'staff.role-changed',
          entityType: 'staff-user',
          entityId: id,
          details: { from: user.role, to: role },
        },
        manager,
      );
      return { ...user, role };
    });
  }
}
