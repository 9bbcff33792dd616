import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
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
        manager.create(StaffUser, {
          name: dto.name.trim(),
          email,
          role: dto.role,
          locale: dto.locale ?? 'de',
          passwordHash,
          // The admin knows this password: its owner replaces it at the first login.
          passwordChangeRequired: true,
        }),
      );
      await this.audit.record(
        {
          staffUserId: admin.id,
          action: 'staff.created',
          entityType: 'staff-user',
          entityId: user.id,
          details: { role: dto.role, passwordChangeRequired: true },
        },
        manager,
      );
      return user;
    });
  }

  /**
   * Deactivates an account: every session of it ends in the same transaction, it cannot log in,
   * and unused reset links die with it. Nobody deactivates themselves, and the last active admin stays.
   */
  async deactivate(id: string, admin: AuthenticatedStaff): Promise<StaffUser> {
    if (id === admin.id) {
      throw new ConflictError('you cannot deactivate your own account');
    }
    return this.staffUsers.manager.transaction(async (manager) => {
      await manager.query(`SELECT id FROM staff_user WHERE role = 'admin' FOR UPDATE`);
      const user = await manager.findOneBy(StaffUser, { id });
      if (!user) {
        throw new NotFoundError('staff user', id);
      }
      if (user.deactivatedAt) {
        return user;
      }
      if (user.role === 'admin' && (await this.activeAdmins(manager)) <= 1) {
        throw new ConflictError('the last active admin cannot be deactivated');
      }
      const deactivatedAt = new Date();
      await manager.update(StaffUser, id, { deactivatedAt });
      const [, sessionsEnded] = await manager.query<[unknown[], number]>(
        `DELETE FROM staff_session WHERE staff_user_id = $1`,
        [id],
      );
      await manager.query(
        `UPDATE staff_password_reset SET used_at = now() WHERE staff_user_id = $1 AND used_at IS NULL`,
        [id],
      );
      await this.audit.record(
        {
          staffUserId: admin.id,
          action: 'staff.deactivated',
          entityType: 'staff-user',
          entityId: id,
          details: { before: { active: true }, after: { active: false }, sessionsEnded },
        },
        manager,
      );
      return { ...user, deactivatedAt };
    });
  }

  async reactivate(id: string, admin: AuthenticatedStaff): Promise<StaffUser> {
    return this.staffUsers.manager.transaction(async (manager) => {
      const user = await manager.findOneBy(StaffUser, { id });
      if (!user) {
        throw new NotFoundError('staff user', id);
      }
      if (!user.deactivatedAt) {
        return user;
      }
      await manager.update(StaffUser, id, { deactivatedAt: null });
      await this.audit.record(
        {
          staffUserId: admin.id,
          action: 'staff.reactivated',
          entityType: 'staff-user',
          entityId: id,
          details: { before: { active: false }, after: { active: true } },
        },
        manager,
      );
      return { ...user, deactivatedAt: null };
    });
  }

  private activeAdmins(manager: EntityManager): Promise<number> {
    return manager.countBy(StaffUser, { role: 'admin', deactivatedAt: IsNull() });
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
        !user.deactivatedAt &&
        (await this.activeAdmins(manager)) <= 1
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
