import { randomUUID } from 'node:crypto';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { expectErrorShape } from '../helpers/assertions';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The audit-log viewer: admins only, filters, newest-first keyset pages, and the CSV export
 * (BOM, `;`, formula cells neutralised, every matching row across batches, the export audited).
 */
describe('audit-log viewer and CSV export', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let adminId: string;
  let adminToken: string;
  let coordinatorId: string;
  let coordinatorToken: string;
  const helpSeekerId = randomUUID();

  async function seed(
    rows: { staff: string | null; action: string; type: string; id: string; at: string; details?: object }[],
  ): Promise<void> {
    for (const row of rows) {
      await stack.dataSource.query(
        `INSERT INTO audit_log (staff_user_id, action, entity_type, entity_id, details, at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [row.staff, row.action, row.type, row.id, JSON.stringify(row.details ?? {}), row.at],
      );
    }
  }

  const get = (path: string, token: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` }, redirect: 'manual' });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const admin = await createStaffUser(stack.dataSource, {
      name: 'Ada Admin',
      email: 'ada@agency.test',
      role: 'admin',
    });
    const coordinator = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim@agency.test',
    });
    adminId = admin.id;
    coordinatorId = coordinator.id;
    adminToken = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
    coordinatorToken = await loginAs(stack.baseUrl, coordinator.email, STAFF_PASSWORD);
    await stack.dataSource.query(`DELETE FROM audit_log`);
    await seed([
      // 2026-03-01 00:30 in Berlin is 2026-02-28 23:30 UTC: a Berlin day filter must include it.
      {
        staff: coordinatorId,
        action: 'help-seeker.contact-viewed',
        type: 'help-seeker',
        id: helpSeekerId,
        at: '2026-02-28T23:30:00Z',
      },
      {
        staff: adminId,
        action: 'settings.matching-updated',
        type: 'agency-setting',
        id: 'matching',
        at: '2026-03-02T10:00:00Z',
        details: { before: { a: 1 }, after: { a: 2 } },
      },
      {
        staff: coordinatorId,
        action: 'match.approved',
        type: 'match',
        id: randomUUID(),
        at: '2026-03-03T10:00:00Z',
      },
      {
        staff: null,
        action: 'volunteer.erased',
        type: 'volunteer',
        id: randomUUID(),
        at: '2026-03-04T10:00:00Z',
      },
      // A cell a spreadsheet would run: the export neutralises it.
      {
        staff: coordinatorId,
        action: 'help-seeker.contact-viewed',
        type: 'help-seeker',
        id: '=HYPERLINK("http://evil")',
        at: '2026-03-05T10:00:00Z',
        details: { note: '@SUM(A1); -1' },
      },
    ]);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('is for admins only: coordinators get 403 on the API, the page and the export', async () => {
    const api = await requestJson(stack.baseUrl, 'GET', '/api/staff/audit', { token: coordinatorToken });
    expect(api.status).toBe(403);
    expect((await get('/console/audit', coordinatorToken)).status).toBe(403);
    expect((await get('/console/audit/export.csv', coordinatorToken)).status).toBe(403);
    expect((await fetch(`${stack.baseUrl}/api/staff/audit`)).status).toBe(401);
  });

  it('lists newest first and filters by staff member, action, subject and Berlin days', async () => {
    const all = await requestJson(stack.baseUrl, 'GET', '/api/staff/audit', { token: adminToken });
    expect(all.status).toBe(200);
    const actions = all.body.entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual([
      'help-seeker.contact-viewed',
      'volunteer.erased',
      'match.approved',
      'settings.matching-updated',
      'help-seeker.contact-viewed',
    ]);
    expect(all.body.entries[1].staffName).toBeNull();
    expect(all.body.entries[3]).toMatchObject({
      staffName: 'Ada Admin',
      details: { before: { a: 1 }, after: { a: 2 } },
    });

    const byStaff = await requestJson(stack.baseUrl, 'GET', `/api/staff/audit?staffUserId=${coordinatorId}`, {
      token: adminToken,
    });
    expect(byStaff.body.entries).toHaveLength(3);
    const byAction = await requestJson(stack.baseUrl, 'GET', '/api/staff/audit?action=match.approved', {
      token: adminToken,
    });
    expect(byAction.body.entries).toHaveLength(1);
    const bySubject = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/staff/audit?entityType=help-seeker&entityId=${helpSeekerId}`,
      { token: adminToken },
    );
    expect(bySubject.body.entries.map((e: { entityId: string }) => e.entityId)).toEqual([helpSeekerId]);
    const firstDay = await requestJson(
      stack.baseUrl,
      'GET',
      '/api/staff/audit?from=2026-03-01&to=2026-03-01',
      { token: adminToken },
    );
    expect(firstDay.body.entries.map((e: { entityId: string }) => e.entityId)).toEqual([helpSeekerId]);
    const period = await requestJson(stack.baseUrl, 'GET', '/api/staff/audit?from=2026-03-02&to=2026-03-04', {
      token: adminToken,
    });
    expect(period.body.entries).toHaveLength(3);
  });

  it('pages by cursor without repeating or losing entries of the same instant', async () => {
    const at = '2026-04-01T08:00:00Z';
    await seed(
      Array.from({ length: 7 }, (_, i) => ({
        staff: adminId,
        action: 'paging.test',
        type: 'x',
        id: `p${i}`,
        at,
      })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?action=paging.test&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await requestJson(stack.baseUrl, 'GET', `/api/staff/audit${query}`, { token: adminToken });
      expect(page.status).toBe(200);
      expect(page.body.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.entries.map((e: { entityId: string }) => e.entityId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p6', 'p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
  });

  it.each([
    'limit=0',
    'limit=abc',
    'from=2026-02-31',
    'to=1990-13-45',
    'staffUserId=not-a-uuid',
    'cursor=abc',
    'action=%3Cscript%3E',
    'unknown=1',
  ])('answers %s with a 400 and field messages, never a 500', async (query) => {
    const response = await requestJson(stack.baseUrl, 'GET', `/api/staff/audit?${query}`, {
      token: adminToken,
    });
    expectErrorShape(response, 400);
    // The page reads the filter fields (and the cursor) only; the same bad values show the form with errors.
    if (!query.startsWith('limit') && !query.startsWith('unknown')) {
      expect((await get(`/console/audit?${query}`, adminToken)).status).toBe(400);
    }
  });

  it('shows the console page with the filter applied and an older-entries link', async () => {
    const response = await get(`/console/audit?staffUserId=${coordinatorId}`, adminToken);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Kontaktdaten angesehen');
    expect(html).toContain('Kim Koordination');
    expect(html).not.toContain('settings.matching-updated');
    const paged = await (await get('/console/audit?action=paging.test', adminToken)).text();
    expect(paged).not.toContain('rel="next"'); // 7 fit on the first page of 50
  });

  it('exports the filtered entries as CSV for German Excel, neutralised, and audits the export', async () => {
    const response = await get(`/console/audit/export.csv?staffUserId=${coordinatorId}`, adminToken);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Nr.;Zeitpunkt (UTC);Mitarbeiter-ID;Mitarbeiter*in;Aktion (Code);Aktion;Art des Datensatzes;Kennung des Datensatzes;Einzelheiten (JSON)',
    );
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 3 + 1);
    const hostile = lines[1].split(';');
    expect(hostile[7]).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain('"{""note"":""@SUM(A1); -1""}"');
    expect(lines[1]).toContain(';Kontaktdaten angesehen;');

    const audited = await stack.dataSource.query(
      `SELECT staff_user_id, details FROM audit_log WHERE action = 'audit-log.exported'`,
    );
    expect(audited).toEqual([
      { staff_user_id: adminId, details: { filter: { staffUserId: coordinatorId } } },
    ]);
  });

  it('streams every matching row across batches, with "," on request', async () => {
    await stack.dataSource.query(
      `INSERT INTO audit_log (staff_user_id, action, entity_type, entity_id, at)
       SELECT $1, 'bulk.test', 'x', 'b' || i, timestamptz '2026-05-01T00:00:00Z' + i * interval '1 second'
         FROM generate_series(1, 1234) i`,
      [adminId],
    );
    const response = await get('/console/audit/export.csv?action=bulk.test&separator=comma', adminToken);
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0].split(',')).toHaveLength(9);
    expect(lines).toHaveLength(1 + 1234);
    const ids = lines.slice(1).map((line) => line.split(',')[7]);
    expect(new Set(ids).size).toBe(1234);
    expect(ids[0]).toBe('b1234');
    expect(ids.at(-1)).toBe('b1');
  });

  it('serves each filter from an index', async () => {
    const plans: string[] = await stack.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      await manager.query(`SET LOCAL enable_bitmapscan = off`);
      const explain = async (where: string) =>
        (
          await manager.query<{ 'QUERY PLAN': string }[]>(
            `EXPLAIN SELECT * FROM audit_log a ${where} ORDER BY a.at DESC, a.id DESC LIMIT 51`,
          )
        )
          .map((row) => row['QUERY PLAN'])
          .join('\n');
      return Promise.all([
        explain(`WHERE a.staff_user_id = '${adminId}'`),
        explain(`WHERE a.action = 'bulk.test'`),
        explain(`WHERE a.entity_type = 'x' AND a.entity_id = 'b1'`),
        explain(`WHERE a.at >= '2026-01-01'`),
      ]);
    });
    expect(plans[0]).toContain('audit_log_staff_at_idx');
    expect(plans[1]).toContain('audit_log_action_at_idx');
    expect(plans[2]).toContain('audit_log_entity_at_idx');
    expect(plans[3]).toContain('audit_log_at_idx');
    for (const plan of plans) {
      expect(plan).not.toMatch(/\bSort\b/);
    }
  });
});
