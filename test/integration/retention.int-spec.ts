import { createLinkToken } from '../../src/shared/signed-links';
import { RetentionService } from '../../src/retention/retention.service';
import { daysAhead, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { linksIn } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const DAY_MS = 86_400_000;
const monthsAgo = (months: number): Date => new Date(Date.now() - months * 30.5 * DAY_MS);
const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);

/**
 * The retention job against real PostgreSQL, with the clock moved by writing old timestamps:
 * closed cases anonymised after their period, inactive volunteers asked (email with a "stay" link)
 * and anonymised when silent, old audit details stripped; once per day, nothing twice.
 */
describe('retention job', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let retention: RetentionService;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const admin = await createStaffUser(stack.dataSource, { email: 'ada@agency.test', role: 'admin' });
    token = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    retention = stack.worker!.get(RetentionService);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function intake(name: string, phone: string): Promise<{ requestId: string; seekerId: string }> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: {
        category: 'shopping',
        description: `Einkauf für ${name}`,
        postalCode: '22765',
        schedule: { kind: 'one-off', date: daysAhead(3), start: '10:00', end: '11:30' },
        helpSeeker: { name, phone, preferredContact: 'phone' },
        consent: { dataProcessing: true },
      },
    });
    expect(created.status).toBe(201);
    const [{ seekerId }] = await stack.dataSource.query(
      `SELECT help_seeker_id AS "seekerId" FROM help_request WHERE id = $1`,
      [created.body.id],
    );
    return { requestId: created.body.id, seekerId };
  }

  async function close(requestId: string, closedAt: Date): Promise<void> {
    await stack.dataSource.query(
      `UPDATE help_request SET status = 'done', closed_at = $2, status_changed_at = $2 WHERE id = $1`,
      [requestId, closedAt],
    );
  }

  async function volunteer(name: string, lastActive: Date): Promise<{ id: string; email: string }> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ name, status: 'inactive' }),
    });
    expect(created.status).toBe(201);
    await stack.dataSource.query(
      `UPDATE volunteer SET created_at = $2, updated_at = $2, email_confirmed_at = $2 WHERE id = $1`,
      [created.body.id, lastActive],
    );
    return { id: created.body.id, email: created.body.email };
  }

  const seeker = async (id: string) =>
    (await stack.dataSource.query(`SELECT name, phone FROM help_seeker WHERE id = $1`, [id]))[0];
  const erasedAt = async (id: string) =>
    (await stack.dataSource.query(`SELECT erased_at FROM volunteer WHERE id = $1`, [id]))[0].erased_at;

  it('anonymises, asks, strips — once per day, and nothing twice', async () => {
    const due = await intake('Alma Altfall', '040 1111111');
    await close(due.requestId, monthsAgo(25));
    const recent = await intake('Berta Neufall', '040 2222222');
    await close(recent.requestId, monthsAgo(23));
    // One case closed long ago, another still open: the person is still being helped.
    const stillOpen = await intake('Clara Offen', '040 3333333');
    await close(stillOpen.requestId, monthsAgo(30));
    // A second, open request of the same person (a copy of the first, as a second intake would make).
    await stack.dataSource.query(
      `INSERT INTO help_request
       SELECT (jsonb_populate_record(NULL::help_request,
                 to_jsonb(r) || jsonb_build_object('id', gen_random_uuid(), 'status', 'open', 'closed_at', NULL))).*
         FROM help_request r WHERE r.id = $1`,
      [stillOpen.requestId],
    );

    const inactive = await volunteer('Ina Inaktiv', monthsAgo(25));
    const active = await volunteer('Aktiv Anton', daysAgo(10));
    const silent = await volunteer('Stilla Still', monthsAgo(26));
    await stack.dataSource.query(
      `INSERT INTO volunteer_retention_check (volunteer_id, asked_at) VALUES ($1, $2)`,
      [silent.id, daysAgo(31)],
    );
    const stayed = await volunteer('Bleibe Bernd', monthsAgo(26));
    await stack.dataSource.query(
      `INSERT INTO volunteer_retention_check (volunteer_id, asked_at, stay_confirmed_at) VALUES ($1, $2, $3)`,
      [stayed.id, daysAgo(40), daysAgo(10)],
    );

    await stack.dataSource.query(
      `INSERT INTO audit_log (staff_user_id, action, entity_type, entity_id, details, at) VALUES
         (NULL, 'old.entry', 'x', 'old', '{"before": {"phone": "040 999"}}', $1),
         (NULL, 'young.entry', 'x', 'young', '{"before": {"phone": "040 888"}}', $2)`,
      [monthsAgo(37), monthsAgo(35)],
    );

    const now = new Date();
    const first = await retention.run(now);
    expect(first).toMatchObject({
      ran: true,
      counts: {
        helpSeekersAnonymised: 1,
        helpSeekersDeferred: 0,
        volunteersAsked: 1,
        volunteersAnonymised: 1,
        auditEntriesStripped: 1,
      },
    });

    // Help-seekers: only the one whose every case closed before the period; statistics stay.
    expect(await seeker(due.seekerId)).toEqual({ name: '–', phone: null });
    expect(await seeker(recent.seekerId)).toEqual({ name: 'Berta Neufall', phone: '040 2222222' });
    expect(await seeker(stillOpen.seekerId)).toEqual({ name: 'Clara Offen', phone: '040 3333333' });
    const [kept] = await stack.dataSource.query(
      `SELECT status, category, postal_code FROM help_request WHERE id = $1`,
      [due.requestId],
    );
    expect(kept).toEqual({ status: 'done', category: 'shopping', postal_code: '22765' });
    const [erasure] = await stack.dataSource.query(
      `SELECT staff_user_id, details FROM audit_log WHERE action = 'help-seeker.erased' AND entity_id = $1`,
      [due.seekerId],
    );
    expect(erasure).toMatchObject({ staff_user_id: null, details: { reason: 'retention' } });

    // Volunteers: the silent one anonymised, the inactive one asked, the others untouched.
    expect(await erasedAt(silent.id)).not.toBeNull();
    expect(await erasedAt(inactive.id)).toBeNull();
    expect(await erasedAt(active.id)).toBeNull();
    expect(await erasedAt(stayed.id)).toBeNull();
    const asked = await stack.dataSource.query(
      `SELECT recipient, locale FROM notification WHERE kind = 'volunteer-retention-check'`,
    );
    expect(asked).toEqual([{ recipient: inactive.email, locale: 'de' }]);

    // Audit details past their period are gone; the entry and younger details stay.
    const entries = await stack.dataSource.query(
      `SELECT entity_id, details FROM audit_log WHERE action IN ('old.entry', 'young.entry') ORDER BY entity_id`,
    );
    expect(entries).toEqual([
      { entity_id: 'old', details: {} },
      { entity_id: 'young', details: { before: { phone: '040 888' } } },
    ]);

    // Recorded as counts only.
    const runs = await stack.dataSource.query(`SELECT counts FROM retention_run`);
    expect(runs).toEqual([{ counts: (first as { counts: object }).counts }]);
    const [ran] = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'retention.ran'`,
    );
    expect(ran.details).toEqual((first as { counts: object }).counts);

    // The same day again: nothing. The next day: nothing left to do, nobody asked twice.
    expect(await retention.run(now)).toMatchObject({ ran: false, reason: 'already-ran' });
    expect(await retention.run(new Date(now.getTime() + DAY_MS))).toMatchObject({
      ran: true,
      counts: {
        helpSeekersAnonymised: 0,
        helpSeekersDeferred: 0,
        volunteersAsked: 0,
        volunteersAnonymised: 0,
        auditEntriesStripped: 0,
      },
    });
    expect(
      await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM notification WHERE kind = 'volunteer-retention-check'`,
      ),
    ).toEqual([{ n: 1 }]);

    // The email, in the volunteer's language, with a signed link: answering "stay" resets the clock.
    const [mail] = await eventually('the retention email', () => {
      const found = smtp.messages.filter((m) => m.subject?.includes('dabei bleiben'));
      return Promise.resolve(found.length > 0 ? found : null);
    });
    expect(mail.text).toContain('Ina Inaktiv');
    const [link] = linksIn(mail, '/retention/');
    expect(link).toBeDefined();
    const path = new URL(link).pathname;
    const page = await fetch(`${stack.baseUrl}${path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Ja, ich bleibe dabei');
    expect(
      (
        await stack.dataSource.query(
          `SELECT stay_confirmed_at FROM volunteer_retention_check WHERE volunteer_id = $1`,
          [inactive.id],
        )
      )[0].stay_confirmed_at,
    ).toBeNull(); // GET never acts
    const answered = await fetch(`${stack.baseUrl}${path}`, { method: 'POST' });
    expect(answered.status).toBe(200);
    expect(await answered.text()).toContain('Danke, Sie bleiben eingetragen!');

    // Forty days on: past the answer period, but the volunteer said "stay", so neither erased nor asked again.
    expect(await retention.run(new Date(now.getTime() + 40 * DAY_MS))).toMatchObject({
      ran: true,
      counts: { volunteersAsked: 0, volunteersAnonymised: 0 },
    });
    expect(await erasedAt(inactive.id)).toBeNull();

    // An anonymised volunteer's link leads nowhere.
    const deadLink = createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'retention',
      subjectId: silent.id,
      action: 'stay',
      version: 1,
      expiresAt: new Date(now.getTime() + DAY_MS),
    });
    expect((await fetch(`${stack.baseUrl}/retention/${deadLink}`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${stack.baseUrl}/retention/not-a-token`)).status).toBe(400);
  });

  it('runs once when two workers start the same day together', async () => {
    const day = new Date(Date.now() + 100 * DAY_MS);
    const outcomes = await Promise.all([retention.run(day), retention.run(day)]);
    expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
    expect(
      await stack.dataSource.query(`SELECT count(*)::int AS n FROM retention_run WHERE day = $1`, [
        outcomes[0].day,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('lets admins edit the periods (validated, audited) and refuses coordinators', async () => {
    const { csrfTokenFor } = await import('../../src/web/console/csrf');
    const cookie = `nahbar_staff=${token}`;
    const csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const post = (form: Record<string, string>, headers: Record<string, string> = { cookie }) =>
      fetch(`${stack.baseUrl}/console/settings/retention`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...form }),
        redirect: 'manual',
      });
    const page = await fetch(`${stack.baseUrl}/console/settings/retention`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="24"');
    const bad = await post({
      closedCaseMonths: '0',
      volunteerInactiveMonths: 'x',
      volunteerAnswerDays: '30',
      auditDetailMonths: '36',
    });
    expect(bad.status).toBe(400);
    expect(await stack.dataSource.query(`SELECT 1 FROM agency_setting WHERE key = 'retention'`)).toEqual([]);
    const good = await post({
      closedCaseMonths: '12',
      volunteerInactiveMonths: '18',
      volunteerAnswerDays: '14',
      auditDetailMonths: '48',
    });
    expect(good.status).toBe(303);
    const [stored] = await stack.dataSource.query(`SELECT value FROM agency_setting WHERE key = 'retention'`);
    expect(stored.value).toEqual({
      closedCaseMonths: 12,
      volunteerInactiveMonths: 18,
      volunteerAnswerDays: 14,
      auditDetailMonths: 48,
    });
    const [audited] = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'settings.retention-updated'`,
    );
    expect(audited.details).toMatchObject({
      before: { closedCaseMonths: 24 },
      after: { closedCaseMonths: 12 },
    });

    await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    const kimToken = await loginAs(stack.baseUrl, 'kim@agency.test', STAFF_PASSWORD);
    const kim = await fetch(`${stack.baseUrl}/console/settings/retention`, {
      headers: { cookie: `nahbar_staff=${kimToken}` },
    });
    expect(kim.status).toBe(403);

    // The same through the API: admins read and replace all four periods; bad values are a 400.
    const read = await requestJson(stack.baseUrl, 'GET', '/api/staff/settings/retention', { token });
    expect(read).toEqual({ status: 200, body: stored.value });
    const refused = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/retention', {
      token,
      body: {
        closedCaseMonths: 1000,
        volunteerInactiveMonths: 24,
        volunteerAnswerDays: 30,
        auditDetailMonths: 36,
      },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([{ field: 'closedCaseMonths', message: expect.any(String) }]);
    const replaced = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/retention', {
      token,
      body: {
        closedCaseMonths: 24,
        volunteerInactiveMonths: 24,
        volunteerAnswerDays: 30,
        auditDetailMonths: 36,
      },
    });
    expect(replaced.status).toBe(200);
    expect(
      (
        await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/retention', {
          token: kimToken,
          body: replaced.body,
        })
      ).status,
    ).toBe(403);
  });
});
