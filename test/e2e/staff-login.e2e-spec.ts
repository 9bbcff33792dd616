import bcrypt from 'bcryptjs';
import { StaffUser } from '../../src/staff/staff-user.entity';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/** A JSON login from a given client address (the stacks trust X-Forwarded-For where set). */
async function apiLogin(
  baseUrl: string,
  email: string,
  password: string,
  ip?: string,
): Promise<{ status: number; cookie: string | null; body: any }> {
  const response = await fetch(`${baseUrl}/api/staff/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(ip ? { 'X-Forwarded-For': ip } : {}) },
    body: JSON.stringify({ email, password }),
  });
  return { status: response.status, cookie: response.headers.get('set-cookie'), body: await response.json() };
}

/** The console's login form, with its CSRF cookie and token, from a given client address. */
async function consoleLogin(
  baseUrl: string,
  email: string,
  password: string,
  ip: string,
): Promise<{ status: number; html: string }> {
  const page = await fetch(`${baseUrl}/console/login`, { headers: { 'X-Forwarded-For': ip } });
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const response = await fetch(`${baseUrl}/console/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Cookie: cookie,
      'X-Forwarded-For': ip,
    },
    body: new URLSearchParams({ _csrf: token, email, password, next: '/console' }).toString(),
  });
  return { status: response.status, html: await response.text() };
}

describe('staff login', () => {
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

  it('should hold the lock after 25 parallel wrong logins, also against the right password', async () => {
    const kim = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    const wrong = await Promise.all(
      Array.from({ length: 25 }, () => apiLogin(stack.baseUrl, kim.email, 'wrong password guess')),
    );
    expect(wrong.map((result) => result.status)).toEqual(Array(25).fill(401));
    const right = await apiLogin(stack.baseUrl, kim.email, STAFF_PASSWORD);
    expect(right.status).toBe(401);
    const row = await stack.dataSource.getRepository(StaffUser).findOneByOrFail({ id: kim.id });
    expect(row.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('should re-hash an old bcrypt hash at the next successful login', async () => {
    const repository = stack.dataSource.getRepository(StaffUser);
    const old = await createStaffUser(stack.dataSource);
    await repository.update(old.id, { passwordHash: await bcrypt.hash(STAFF_PASSWORD, 4) });
    expect((await apiLogin(stack.baseUrl, old.email, STAFF_PASSWORD)).status).toBe(201);
    const { passwordHash } = await repository
      .createQueryBuilder('staff')
      .addSelect('staff.passwordHash')
      .where('staff.id = :id', { id: old.id })
      .getOneOrFail();
    expect(passwordHash).toMatch(/^scrypt\$/);
    expect((await apiLogin(stack.baseUrl, old.email, STAFF_PASSWORD)).status).toBe(201);
  });

  it('should not accept a password that only matches in its first 72 bytes', async () => {
    const prefix = 'ä'.repeat(36); // 72 bytes in UTF-8
    const user = await createStaffUser(stack.dataSource, { password: `${prefix} first` });
    expect((await apiLogin(stack.baseUrl, user.email, `${prefix} second`)).status).toBe(401);
    expect((await apiLogin(stack.baseUrl, user.email, `${prefix} first`)).status).toBe(201);
  });

  it('should end an idle session and purge expired ones at the next login', async () => {
    const user = await createStaffUser(stack.dataSource);
    const login = await apiLogin(stack.baseUrl, user.email, STAFF_PASSWORD);
    expect(login.cookie).not.toMatch(/Secure/i);
    const whoAmI = () =>
      fetch(`${stack.baseUrl}/api/staff/session`, {
        headers: { Authorization: `Bearer ${login.body.token}` },
      });
    expect((await whoAmI()).status).toBe(200);
    await stack.dataSource.query(
      `UPDATE staff_session SET last_seen_at = now() - interval '31 minutes' WHERE staff_user_id = $1`,
      [user.id],
    );
    expect((await whoAmI()).status).toBe(401);
    expect((await apiLogin(stack.baseUrl, user.email, STAFF_PASSWORD)).status).toBe(201);
    const [{ count }] = await stack.dataSource.query(
      `SELECT count(*)::int AS count FROM staff_session WHERE last_seen_at < now() - interval '30 minutes'`,
    );
    expect(count).toBe(0);
  });

  it('should refuse cookie-authenticated state changes from another site, but not bearer calls', async () => {
    const user = await createStaffUser(stack.dataSource);
    const login = await apiLogin(stack.baseUrl, user.email, STAFF_PASSWORD);
    const cookie = (login.cookie ?? '').split(';')[0];
    const post = (headers: Record<string, string>) =>
      fetch(`${stack.baseUrl}/api/staff/volunteers`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: '{}',
      }).then((response) => response.status);
    // A cross-site form or script: the browser sends the cookie, and another site's Origin.
    expect(await post({ Cookie: cookie, Origin: 'https://evil.example' })).toBe(403);
    expect(await post({ Cookie: cookie })).toBe(403);
    // Our own page: the custom header or this site's Origin; API clients: the bearer token.
    expect(await post({ Cookie: cookie, 'X-Requested-By': 'nahbar' })).toBe(400);
    expect(await post({ Cookie: cookie, Origin: stack.baseUrl })).toBe(400);
    expect(await post({ Authorization: `Bearer ${login.body.token}` })).toBe(400);
    // Reading with the cookie stays possible (links in staff emails open in the browser).
    const read = await fetch(`${stack.baseUrl}/api/staff/session`, { headers: { Cookie: cookie } });
    expect(read.status).toBe(200);
  });

  it('should refuse a login from another site (no login CSRF)', async () => {
    const user = await createStaffUser(stack.dataSource);
    const response = await fetch(`${stack.baseUrl}/api/staff/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify({ email: user.email, password: STAFF_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('should let staff change their own password: policy checked, other sessions end, audited', async () => {
    const user = await createStaffUser(stack.dataSource);
    const first = await apiLogin(stack.baseUrl, user.email, STAFF_PASSWORD);
    const second = await apiLogin(stack.baseUrl, user.email, STAFF_PASSWORD);
    const change = (token: string, body: object) =>
      fetch(`${stack.baseUrl}/api/staff/session/password`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      }).then((response) => response.status);
    expect(
      await change(first.body.token, { currentPassword: STAFF_PASSWORD, newPassword: 'Password123456' }),
    ).toBe(400);
    expect(
      await change(first.body.token, { currentPassword: 'not it', newPassword: 'Kaffee am Elbstrand 7' }),
    ).toBe(401);
    expect(
      await change(first.body.token, {
        currentPassword: STAFF_PASSWORD,
        newPassword: 'Kaffee am Elbstrand 7',
      }),
    ).toBe(204);
    const whoAmI = (token: string) =>
      fetch(`${stack.baseUrl}/api/staff/session`, { headers: { Authorization: `Bearer ${token}` } }).then(
        (response) => response.status,
      );
    expect(await whoAmI(first.body.token)).toBe(200);
    expect(await whoAmI(second.body.token)).toBe(401);
    expect((await apiLogin(stack.baseUrl, user.email, STAFF_PASSWORD)).status).toBe(401);
    expect((await apiLogin(stack.baseUrl, user.email, 'Kaffee am Elbstrand 7')).status).toBe(201);
    const audit = await stack.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'staff.password-changed' AND entity_id = $1`,
      [user.id],
    );
    expect(audit[0].count).toBe(1);
  });
});

describe('staff login throttles', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  // PUBLIC_BASE_URL names the https site; the test talks to the server itself.
  const baseUrl = (): string => `http://127.0.0.1:${stack.env.PORT}`;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({
      smtpPort: smtp.port,
      worker: false,
      env: {
        PUBLIC_BASE_URL: 'https://nahbar.example',
        TRUST_PROXY: 'true',
        STAFF_LOGINS_PER_IP_HOUR: '5',
        STAFF_LOGINS_PER_ACCOUNT_HOUR: '3',
        PASSWORD_CHECKS_CONCURRENT: '1',
        PASSWORD_CHECKS_WAITING: '1',
      },
    });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('should set the session cookie Secure when the site is https', async () => {
    const user = await createStaffUser(stack.dataSource);
    const login = await apiLogin(baseUrl(), user.email, STAFF_PASSWORD, '10.0.1.1');
    expect(login.status).toBe(201);
    expect(login.cookie).toMatch(/; Secure/i);
  });

  it('should refuse an account after its hourly attempts, even with the right password', async () => {
    const user = await createStaffUser(stack.dataSource);
    for (const ip of ['10.0.2.1', '10.0.2.2', '10.0.2.3']) {
      expect((await apiLogin(baseUrl(), user.email, 'wrong password guess', ip)).status).toBe(401);
    }
    const refused = await apiLogin(baseUrl(), user.email, STAFF_PASSWORD, '10.0.2.4');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('too-many-logins');
  });

  it('should refuse a client address after its hourly attempts, in the API and in the console', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const email = `nobody-${attempt}@agency.test`;
      expect((await apiLogin(baseUrl(), email, 'wrong password guess', '10.0.3.1')).status).toBe(401);
    }
    expect((await apiLogin(baseUrl(), 'other@agency.test', 'x', '10.0.3.1')).status).toBe(429);
    const page = await consoleLogin(baseUrl(), 'someone@agency.test', 'x', '10.0.3.1');
    expect(page.status).toBe(429);
    expect(page.html).toContain('Zu viele Anmeldeversuche');
  });

  it('should refuse password checks beyond the cap at once and keep /api/health answering', async () => {
    const logins = Array.from({ length: 12 }, (_, index) =>
      apiLogin(baseUrl(), `flood-${index}@agency.test`, 'wrong password guess', `10.0.4.${index}`),
    );
    const health = Array.from({ length: 5 }, () => fetch(`${baseUrl()}/api/health`));
    const statuses = (await Promise.all(logins)).map((result) => result.status);
    // One check runs and one waits; the rest are refused without a password check.
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((status) => status === 401 || status === 503)).toBe(true);
    expect((await Promise.all(health)).map((response) => response.status)).toEqual(Array(5).fill(200));
  });
});
