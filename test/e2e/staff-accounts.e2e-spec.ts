import type { ParsedMail } from 'mailparser';
import { AuditLog } from '../../src/staff/audit-log.entity';
import { totpCode } from '../../src/staff/passwords/totp';
import { StaffPasswordReset } from '../../src/staff/staff-password-reset.entity';
import { StaffSession } from '../../src/staff/staff-session.entity';
import { StaffUser } from '../../src/staff/staff-user.entity';
import { PasswordResetRequestsService } from '../../src/accounts/password-reset-requests.service';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { linksIn, messagesTo } from '../helpers/mail';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

const NEW_PASSWORD = 'a much longer passphrase of mine';
const FIRST_PASSWORD = 'admin set this one for you';

/** Polls until the condition holds (the worker sends and purges asynchronously). */
async function eventually<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) {
      return value;
    }
    if (Date.now() > until) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('staff account lifecycle (API)', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let adminToken: string;

  const mailTo = (address: string): Promise<ParsedMail> =>
    eventually(() => Promise.resolve(messagesTo(smtp.messages, address).at(-1)));

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, env: { SESSION_PURGE_MS: '300' } });
    const admin = await createStaffUser(stack.dataSource, { role: 'admin', email: 'lead@agency.test' });
    adminToken = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should make an admin-set first password be changed before anything else', async () => {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/users', {
      token: adminToken,
      body: { name: 'Neu Kollegin', email: 'Neu@Agency.test', role: 'coordinator', password: FIRST_PASSWORD },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'neu@agency.test',
      active: true,
      passwordChangeRequired: true,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/hash|secret/i);

    const token = await loginAs(stack.baseUrl, 'neu@agency.test', FIRST_PASSWORD);
    const me = await requestJson(stack.baseUrl, 'GET', '/api/staff/session', { token });
    expect(me.body.staff.restriction).toBe('password-change');
    const blocked = await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toBe('password-change-required');

    const weak = await requestJson(stack.baseUrl, 'PUT', '/api/staff/session/password', {
      token,
      body: { currentPassword: FIRST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
    const changed = await requestJson(stack.baseUrl, 'PUT', '/api/staff/session/password', {
      token,
      body: { currentPassword: FIRST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(changed.status).toBe(204);
    expect((await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token })).status).toBe(200);
    const row = await stack.dataSource.getRepository(StaffUser).findOneByOrFail({ email: 'neu@agency.test' });
    expect(row.passwordChangeRequired).toBe(false);
  });

  it('should end every session of a deactivated account at once, refuse its login, and audit both ways', async () => {
    const kim = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    const first = await loginAs(stack.baseUrl, kim.email, STAFF_PASSWORD);
    const second = await loginAs(stack.baseUrl, kim.email, STAFF_PASSWORD);

    const off = await requestJson(stack.baseUrl, 'POST', `/api/staff/users/${kim.id}/deactivate`, {
      token: adminToken,
    });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    for (const token of [first, second]) {
      expect((await requestJson(stack.baseUrl, 'GET', '/api/staff/session', { token })).status).toBe(401);
    }
    expect(await stack.dataSource.getRepository(StaffSession).countBy({ staffUserId: kim.id })).toBe(0);
    const refused = await requestJson(stack.baseUrl, 'POST', '/api/staff/session', {
      body: { email: kim.email, password: STAFF_PASSWORD },
    });
    expect(refused.status).toBe(401);

    const on = await requestJson(stack.baseUrl, 'POST', `/api/staff/users/${kim.id}/reactivate`, {
      token: adminToken,
    });
    expect(on.body.active).toBe(true);
    await loginAs(stack.baseUrl, kim.email, STAFF_PASSWORD);
    const audit = await stack.dataSource
      .getRepository(AuditLog)
      .find({ where: { entityId: kim.id }, order: { id: 'ASC' } });
    const lifecycle = audit.filter((entry) => /deactivated|reactivated/.test(entry.action));
    expect(lifecycle.map((entry) => [entry.action, entry.details])).toEqual([
      ['staff.deactivated', { before: { active: true }, after: { active: false }, sessionsEnded: 2 }],
      ['staff.reactivated', { before: { active: false }, after: { active: true } }],
    ]);
  });

  it('should refuse deactivating oneself or the last active admin, and a coordinator managing accounts', async () => {
    const [admin] = await stack.dataSource.getRepository(StaffUser).findBy({ email: 'lead@agency.test' });
    const self = await requestJson(stack.baseUrl, 'POST', `/api/staff/users/${admin.id}/deactivate`, {
      token: adminToken,
    });
    expect(self.status).toBe(409);
    const coordinator = await createStaffUser(stack.dataSource);
    const token = await loginAs(stack.baseUrl, coordinator.email, STAFF_PASSWORD);
    expect((await requestJson(stack.baseUrl, 'GET', '/api/staff/users', { token })).status).toBe(403);
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/users/${admin.id}/deactivate`, { token })).status,
    ).toBe(403);
  });

  it('should answer a reset request the same for any address and email a single-use link', async () => {
    const lea = await createStaffUser(stack.dataSource, { email: 'lea@agency.test' });
    const leaSession = await loginAs(stack.baseUrl, lea.email, STAFF_PASSWORD);
    const known = await requestJson(stack.baseUrl, 'POST', '/api/staff/password-reset', {
      body: { email: 'LEA@agency.test' },
    });
    const unknown = await requestJson(stack.baseUrl, 'POST', '/api/staff/password-reset', {
      body: { email: 'nobody@agency.test' },
    });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual(unknown.body);

    const mail = await mailTo(lea.email);
    expect(mail.subject).toBe('Neues Passwort für nahbar festlegen');
    const [link] = linksIn(mail, '/console/password-reset/');
    const token = link.split('/').at(-1)!;
    // Only the hash is stored.
    const resets = await stack.dataSource.getRepository(StaffPasswordReset).findBy({ staffUserId: lea.id });
    expect(resets).toHaveLength(1);
    expect(JSON.stringify(resets)).not.toContain(token);
    expect(resets[0].expiresAt.getTime() - resets[0].createdAt.getTime()).toBeCloseTo(3600_000, -4);

    const weak = await requestJson(stack.baseUrl, 'POST', '/api/staff/password-reset/confirm', {
      body: { token, newPassword: 'password123' },
    });
    expect(weak.status).toBe(400);
    const done = await requestJson(stack.baseUrl, 'POST', '/api/staff/password-reset/confirm', {
      body: { token, newPassword: NEW_PASSWORD },
    });
    expect(done.status).toBe(204);
    const again = await requestJson(stack.baseUrl, 'POST', '/api/staff/password-reset/confirm', {
      body: { token, newPassword: `${NEW_PASSWORD} again` },
    });
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid-reset-link');
    expect(
      (await requestJson(stack.baseUrl, 'GET', '/api/staff/session', { token: leaSession })).status,
    ).toBe(401);
    await loginAs(stack.baseUrl, lea.email, NEW_PASSWORD);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(messagesTo(smtp.messages, 'nobody@agency.test')).toHaveLength(0);
  });

  it('should send no reset email to a deactivated account, and let an admin send one in English', async () => {
    const service = stack.api.get(PasswordResetRequestsService);
    const gone = await createStaffUser(stack.dataSource, { email: 'gone@agency.test' });
    await requestJson(stack.baseUrl, 'POST', `/api/staff/users/${gone.id}/deactivate`, { token: adminToken });
    expect(await service.sendIfAccount(gone.email)).toBe(false);

    const sam = await createStaffUser(stack.dataSource, { email: 'sam@agency.test' });
    await stack.dataSource.getRepository(StaffUser).update(sam.id, { locale: 'en' });
    const sent = await requestJson(stack.baseUrl, 'POST', `/api/staff/users/${sam.id}/password-reset`, {
      token: adminToken,
    });
    expect(sent.status).toBe(202);
    const mail = await mailTo(sam.email);
    expect(mail.subject).toBe('Set a new password for nahbar');
    const reset = await stack.dataSource
      .getRepository(StaffPasswordReset)
      .findOneByOrFail({ staffUserId: sam.id });
    expect(reset.requestedByStaffId).not.toBeNull();
  });

  it('should ask for the TOTP code after the password, accept each code once, and spend recovery codes', async () => {
    const tom = await createStaffUser(stack.dataSource, { email: 'tom@agency.test' });
    let token = await loginAs(stack.baseUrl, tom.email, STAFF_PASSWORD);
    const begun = await requestJson(stack.baseUrl, 'POST', '/api/staff/account/two-factor', { token });
    expect(begun.status).toBe(201);
    const secret: string = begun.body.secret;
    expect(begun.body.otpauthUri).toContain(`secret=${secret}`);
    const stored = await stack.dataSource.query(`SELECT totp_secret FROM staff_user WHERE id = $1`, [tom.id]);
    expect(stored[0].totp_secret).not.toContain(secret);

    const wrong = await requestJson(stack.baseUrl, 'POST', '/api/staff/account/two-factor/confirm', {
      token,
      body: { code: '000000' === totpCode(secret, Date.now()) ? '111111' : '000000' },
    });
    expect(wrong.status).toBe(401);
    const confirmed = await requestJson(stack.baseUrl, 'POST', '/api/staff/account/two-factor/confirm', {
      token,
      body: { code: totpCode(secret, Date.now()) },
    });
    expect(confirmed.status).toBe(200);
    const recoveryCodes: string[] = confirmed.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);

    await requestJson(stack.baseUrl, 'DELETE', '/api/staff/session', { token });
    const login = await requestJson(stack.baseUrl, 'POST', '/api/staff/session', {
      body: { email: tom.email, password: STAFF_PASSWORD },
    });
    expect(login.body.secondFactorRequired).toBe(true);
    token = login.body.token;
    const early = await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token });
    expect(early.status).toBe(403);
    expect(early.body.error).toBe('second-factor-required');
    // The code of the enrolment step was used: the next step's code (within the window) is not.
    const next = totpCode(secret, Date.now() + 30_000);
    const ok = await requestJson(stack.baseUrl, 'POST', '/api/staff/session/second-factor', {
      token,
      body: { code: next },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.staff.restriction).toBeUndefined();
    expect((await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token })).status).toBe(200);

    // Recovery code: once.
    for (const expected of [200, 401]) {
      const again = await requestJson(stack.baseUrl, 'POST', '/api/staff/session', {
        body: { email: tom.email, password: STAFF_PASSWORD },
      });
      const step = await requestJson(stack.baseUrl, 'POST', '/api/staff/session/second-factor', {
        token: again.body.token,
        body: { code: recoveryCodes[3].toUpperCase() },
      });
      expect(step.status).toBe(expected);
    }
    const replay = await requestJson(stack.baseUrl, 'POST', '/api/staff/session', {
      body: { email: tom.email, password: STAFF_PASSWORD },
    });
    const replayed = await requestJson(stack.baseUrl, 'POST', '/api/staff/session/second-factor', {
      token: replay.body.token,
      body: { code: next },
    });
    expect(replayed.status).toBe(401);
  });

  it('should force enrolment when an admin requires two-factor for all staff', async () => {
    const ida = await createStaffUser(stack.dataSource, { email: 'ida@agency.test' });
    const bad = await requestJson(stack.baseUrl, 'PUT', '/api/staff/security-settings', {
      token: adminToken,
      body: { totpRequired: 'yes' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['totpRequired']);
    const put = await requestJson(stack.baseUrl, 'PUT', '/api/staff/security-settings', {
      token: adminToken,
      body: { totpRequired: true },
    });
    expect(put.status).toBe(200);
    try {
      const token = await loginAs(stack.baseUrl, ida.email, STAFF_PASSWORD);
      const blocked = await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token });
      expect(blocked.body.error).toBe('two-factor-enrolment-required');
      const begun = await requestJson(stack.baseUrl, 'POST', '/api/staff/account/two-factor', { token });
      const confirmed = await requestJson(stack.baseUrl, 'POST', '/api/staff/account/two-factor/confirm', {
        token,
        body: { code: totpCode(begun.body.secret, Date.now()) },
      });
      expect(confirmed.status).toBe(200);
      expect((await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token })).status).toBe(
        200,
      );
      const audit = await stack.dataSource.getRepository(AuditLog).findOneByOrFail({
        action: 'settings.staff-security-changed',
      });
      expect(audit.details).toEqual({ before: { totpRequired: false }, after: { totpRequired: true } });
    } finally {
      await requestJson(stack.baseUrl, 'PUT', '/api/staff/security-settings', {
        token: adminToken,
        body: { totpRequired: false },
      });
    }
  });

  it('should purge expired and idle sessions in the worker', async () => {
    const pia = await createStaffUser(stack.dataSource, { email: 'pia@agency.test' });
    const sessions = stack.dataSource.getRepository(StaffSession);
    const live = await loginAs(stack.baseUrl, pia.email, STAFF_PASSWORD);
    await sessions.insert([
      { staffUserId: pia.id, tokenHash: 'expired-one', expiresAt: new Date(Date.now() - 1000) },
      {
        staffUserId: pia.id,
        tokenHash: 'idle-one',
        expiresAt: new Date(Date.now() + 3600_000),
        lastSeenAt: new Date(Date.now() - 31 * 60_000),
      },
    ]);
    await eventually(async () => (await sessions.countBy({ staffUserId: pia.id })) === 1);
    expect((await requestJson(stack.baseUrl, 'GET', '/api/staff/session', { token: live })).status).toBe(200);
  });
});
