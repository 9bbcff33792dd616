import { csrfTokenFor } from '../../src/web/console/csrf';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/** An admin turns the reports off for coordinators (page and API), audited; nobody else can. */
describe('report settings: who may read the reports', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let admin: string;
  let coordinator: string;

  const page = async (path: string, token: string) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      headers: { cookie: `nahbar_staff=${token}` },
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text() };
  };
  const post = async (path: string, token: string, fields: Record<string, string>) => {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: `nahbar_staff=${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrfTokenFor(token, stack.config.LINK_SECRET),
        ...fields,
      }).toString(),
      redirect: 'manual',
    });
    return { status: response.status, location: response.headers.get('location') };
  };
  const api = (method: string, token: string, body?: unknown) =>
    requestJson(stack.baseUrl, method, '/api/v1/staff/settings/reports', { token, body });
  const reportsApi = async (token: string) =>
    (await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/reports', { token })).status;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const ada = await createStaffUser(stack.dataSource, { email: 'ada.settings@agency.test', role: 'admin' });
    const kim = await createStaffUser(stack.dataSource, { email: 'kim.settings@agency.test' });
    admin = await loginAs(stack.baseUrl, ada.email, STAFF_PASSWORD);
    coordinator = await loginAs(stack.baseUrl, kim.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('lets coordinators read reports until an admin unticks the box, and again after ticking it', async () => {
    expect((await api('GET', coordinator)).body).toEqual({ reportsForCoordinators: true });
    expect((await page('/console', coordinator)).html).toContain('href="/console/reports"');
    expect((await page('/console/reports', coordinator)).status).toBe(200);

    const form = await page('/console/settings/reports', admin);
    expect(form.status).toBe(200);
    expect(form.html).toMatch(/name="reportsForCoordinators" value="1" checked/);
    // The box unticked: browsers send no field at all.
    const saved = await post('/console/settings/reports', admin, {});
    expect(saved).toEqual({ status: 303, location: '/console/settings/reports?done=saved' });
    expect((await page('/console/settings/reports?done=saved', admin)).html).not.toMatch(
      /name="reportsForCoordinators" value="1" checked/,
    );

    const coordinatorsToday = await page('/console', coordinator);
    expect(coordinatorsToday.status).toBe(200);
    expect(coordinatorsToday.html).not.toContain('href="/console/reports"');
    expect((await page('/console', admin)).html).toContain('href="/console/reports"');
    expect((await page('/console/reports', coordinator)).status).toBe(403);
    expect((await page('/console/reports/export.csv?table=requests', coordinator)).status).toBe(403);
    expect(await reportsApi(coordinator)).toBe(403);
    expect((await page('/console/reports', admin)).status).toBe(200);
    expect(await reportsApi(admin)).toBe(200);

    expect((await api('PATCH', admin, { reportsForCoordinators: true })).body).toEqual({
      reportsForCoordinators: true,
    });
    expect(await reportsApi(coordinator)).toBe(200);

    const audits = await stack.dataSource.query<{ details: unknown }[]>(
      `SELECT details FROM audit_log WHERE action = 'settings.reports-updated' ORDER BY at, id`,
    );
    expect(audits.map((row) => row.details)).toEqual([
      { before: { reportsForCoordinators: true }, after: { reportsForCoordinators: false } },
      { before: { reportsForCoordinators: false }, after: { reportsForCoordinators: true } },
    ]);
  });

  it('refuses bad values with the field named and coordinators with 403, storing nothing', async () => {
    const before = await stack.dataSource.query(`SELECT value FROM agency_setting WHERE key = 'reports'`);
    const wrongType = await api('PATCH', admin, { reportsForCoordinators: 'nein' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.errors).toEqual([
      { field: 'reportsForCoordinators', message: 'must be true or false' },
    ]);
    const unknownKey = await api('PATCH', admin, { showEverything: true });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.errors[0].field).toBe('showEverything');
    expect((await api('PATCH', coordinator, { reportsForCoordinators: false })).status).toBe(403);
    expect((await post('/console/settings/reports', coordinator, {})).status).toBe(403);
    expect((await page('/console/settings/reports', coordinator)).status).toBe(403);
    expect(await stack.dataSource.query(`SELECT value FROM agency_setting WHERE key = 'reports'`)).toEqual(
      before,
    );
  });
});
