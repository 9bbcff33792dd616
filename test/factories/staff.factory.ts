import { DataSource } from 'typeorm';
import { hashPassword } from '../../src/staff/staff-auth.service';
import { StaffRole, StaffUser } from '../../src/staff/staff-user.entity';

export const STAFF_PASSWORD = 'correct horse battery staple';

export async function createStaffUser(
  dataSource: DataSource,
  overrides: Partial<{ name: string; email: string; role: StaffRole; password: string }> = {},
): Promise<StaffUser> {
  return dataSource.getRepository(StaffUser).save({
    name: overrides.name ?? 'Kim Koordination',
    email: overrides.email ?? `staff-${Math.random().toString(36).slice(2, 8)}@agency.test`,
    role: overrides.role ?? 'coordinator',
    passwordHash: await hashPassword(overrides.password ?? STAFF_PASSWORD),
  });
}
