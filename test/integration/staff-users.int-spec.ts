import { ConflictError } from '../../src/shared/domain-error';
import { StaffUser } from '../../src/staff/staff-user.entity';
import { StaffUsersService } from '../../src/staff/staff-users.service';
import { createStaffUser } from '../factories/staff.factory';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

describe('staff accounts', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should keep the last admin an admin, and let one of two step down', async () => {
    const service = stack.api.get(StaffUsersService);
    const ada = await createStaffUser(stack.dataSource, { role: 'admin' });
    const actor = { id: ada.id, name: ada.name, email: ada.email, role: ada.role };
    await expect(service.changeRole(ada.id, 'coordinator', actor)).rejects.toBeInstanceOf(ConflictError);
    const bo = await createStaffUser(stack.dataSource, { role: 'coordinator' });
    await service.changeRole(bo.id, 'admin', actor);
    await service.changeRole(ada.id, 'coordinator', actor);
    const roles = await stack.dataSource.getRepository(StaffUser).find({ order: { email: 'ASC' } });
    expect(Object.fromEntries(roles.map((user) => [user.id, user.role]))).toEqual({
      [ada.id]: 'coordinator',
      [bo.id]: 'admin',
    });
  });

  it('should refuse a second account with the same email', async () => {
    const service = stack.api.get(StaffUsersService);
    const admin = await createStaffUser(stack.dataSource, { role: 'admin', email: 'lead@agency.test' });
    const actor = { id: admin.id, name: admin.name, email: admin.email, role: admin.role };
    await expect(
      service.create(
        { name: 'Doppelt', email: 'LEAD@agency.test', role: 'coordinator', password: 'long enough!' },
        actor,
      ),
    ).rejects.toMatchObject({ code: 'email-taken', field: 'email' });
  });
});
