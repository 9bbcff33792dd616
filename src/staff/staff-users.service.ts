import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AuditService } from './audit.service';
import { CreateStaffUserDto } from './dto/create-staff-user.dto';
import { AuthenticatedStaff, hashPassword } from './staff-auth.service';
import { StaffUser } from './staff-user.entity';

/** Staff accounts, managed by admins. */
@Injectable()
export class StaffUsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<StaffUser[]> {
    return this.dataSource.getRepository(StaffUser).find({ order: { name: 'ASC' } });
  }

  async create(dto: CreateStaffUserDto, admin: AuthenticatedStaff): Promise<StaffUser> {
    const email = dto.email.trim().toLowerCase();
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
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
}
