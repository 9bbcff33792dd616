import { insertOpportunity, insertProvider, insertVolunteer } from '../factories/opportunities.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Report figures against a small scenario in January 2025 whose counts are worked out by hand
 * below (see docs/reports.md for each definition), the small-number rule and its secondary
 * suppression, a request that crosses a month boundary, Berlin midnight, the CSV export and access.
 */
describe('reports: figures, small numbers, CSV, access', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let coordinator: string;
  let admin: string;

  const get = (path: string, token: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` }, redirect: 'manual' });

  type Cell = { value: number | null; suppressed: boolean; shown: string };
  type Table = { name: string; columns: string[]; rows: { key: string; cells: Cell[] }[]; totals: Cell[] };
  const shown = (table: Table) =>
    Object.fromEntries([
      ...table.rows.map((row) => [row.key, row.cells.map((cell) => cell.shown)]),
      ['total', table.totals.map((c) => c.shown)],
    ]);

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const db = stack.dataSource;
    const kim = await createStaffUser(db, { email: 'kim.reports@agency.test' });
    const ada = await createStaffUser(db, { email: 'ada.reports@agency.test', role: 'admin' });
    coordinator = await loginAs(stack.baseUrl, kim.email, STAFF_PASSWORD);
    admin = await loginAs(stack.baseUrl, ada.email, STAFF_PASSWORD);

    const seeker = async (name: string) =>
      (
        await db.query<{ id: string }[]>(
          `INSERT INTO help_seeker (name, postal_code, preferred_contact) VALUES ($1, '22765', 'phone') RETURNING id`,
          [name],
        )
      )[0].id;
    const [hs1, hs2, hs3] = [await seeker('Helga'), await seeker('Otto'), await seeker('Erna')];
    const request = async (
      seekerId: string,
      district: string,
      source: string,
      createdAt: string,
      more: { matchedAt?: string; closedAt?: string; status?: string; reason?: string } = {},
    ) =>
      (
        await db.query<{ id: string }[]>(
          `INSERT INTO help_request (help_seeker_id, postal_code, latitude, longitude, district, source, category, description,
             schedule, status, created_at, matched_at, closed_at, close_reason)
           VALUES ($1, '22765', 53.55, 9.93, $2, $3, 'shopping', 'x', '{"kind":"one-off","date":"2025-01-20","start":"10:00","end":"11:00"}',
             $4, $5, $6, $7, $8) RETURNING id`,
          [
            seekerId,
            district,
            source,
            more.status ?? 'open',
            createdAt,
            more.matchedAt ?? null,
            more.closedAt ?? null,
            more.reason ?? null,
          ],
        )
      )[0].id;
    // Ottensen: R1 received 31 Jan, matched 2 Feb (48 h; crosses the month); R2 matched after 24 h, done;
    // R3 matched after 10 h; R11 received 31 Jan 23:30 Berlin (22:30 UTC): January in Berlin.
    const r1 = await request(hs1, 'Ottensen', 'phone-intake', '2025-01-31T11:00:00Z', {
      matchedAt: '2025-02-02T11:00:00Z',
      status: 'matched',
    });
    const r2 = await request(hs1, 'Ottensen', 'phone-intake', '2025-01-10T09:00:00Z', {
      matchedAt: '2025-01-11T09:00:00Z',
      closedAt: '2025-01-20T12:00:00Z',
      status: 'done',
    });
    const r3 = await request(hs1, 'Ottensen', 'public-form', '2025-01-05T08:00:00Z', {
      matchedAt: '2025-01-05T18:00:00Z',
      status: 'matched',
    });
    await request(hs3, 'Ottensen', 'public-form', '2025-01-31T22:30:00Z');
    // Altona-Altstadt: R4 matched after 48 h; R5 cancelled; R6 unfulfilled (nobody fits).
    const r4 = await request(hs2, 'Altona-Altstadt', 'phone-intake', '2025-01-06T09:00:00Z', {
      matchedAt: '2025-01-08T09:00:00Z',
      status: 'matched',
    });
    await request(hs2, 'Altona-Altstadt', 'phone-intake', '2025-01-12T09:00:00Z', {
      closedAt: '2025-01-13T09:00:00Z',
      status: 'cancelled',
    });
    await request(hs2, 'Altona-Altstadt', 'phone-intake', '2025-01-14T09:00:00Z', {
      closedAt: '2025-01-28T09:00:00Z',
      status: 'unfulfilled',
      reason: 'nobody-fits',
    });
    // Bahrenfeld: two open requests and one rejected as spam (not an enquiry).
    const r7 = await request(hs3, 'Bahrenfeld', 'public-form', '2025-01-15T09:00:00Z');
    const r8 = await request(hs3, 'Bahrenfeld', 'public-form', '2025-01-16T09:00:00Z');
    await request(hs3, 'Bahrenfeld', 'public-form', '2025-01-18T09:00:00Z', {
      closedAt: '2025-01-18T10:00:00Z',
      status: 'rejected',
      reason: 'spam',
    });
    // March: a district name a spreadsheet would run as a formula (CSV neutralising).
    for (const day of ['03', '04', '05']) {
      await request(hs3, '=HYPERLINK("x")', 'public-form', `2025-03-${day}T09:00:00Z`);
    }

    const v1 = await insertVolunteer(db, { birthDate: '1990-05-01' });
    const v2 = await insertVolunteer(db, { birthDate: '1950-01-01' });
    const v3 = await insertVolunteer(db);
    const v4 = await insertVolunteer(db);
    await db.query(`UPDATE volunteer SET birth_date = NULL WHERE id = $1`, [v3.id]);
    await db.query(`UPDATE volunteer SET created_at = '2025-01-03T10:00:00Z' WHERE id = ANY($1)`, [
      [v1.id, v2.id, v3.id],
    ]);
    await db.query(
      `UPDATE volunteer SET created_at = '2024-06-01T10:00:00Z', erased_at = '2025-01-20T10:00:00Z' WHERE id = $1`,
      [v4.id],
    );
    let rank = 0;
    const match = async (requestId: string, volunteerId: string, status: string, offeredAt: string) => {
      rank += 1;
      await db.query(
        `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, offered_at, responded_at)
         VALUES ($1, $2, 1, $3, 1, '{}', $4, $5, CASE WHEN $4 IN ('accepted', 'declined') THEN $5::timestamptz + interval '1 hour' END)`,
        [requestId, volunteerId, rank, status, offeredAt],
      );
    };
    await match(r2, v1.id, 'accepted', '2025-01-10T12:00:00Z');
    await match(r3, v2.id, 'accepted', '2025-01-05T12:00:00Z');
    await match(r4, v3.id, 'accepted', '2025-01-07T12:00:00Z');
    await match(r4, v1.id, 'declined', '2025-01-06T12:00:00Z');
    await match(r7, v2.id, 'expired', '2025-01-15T12:00:00Z');
    await match(r8, v3.id, 'expired', '2025-01-16T12:00:00Z');
    await match(r7, v1.id, 'expired', '2025-01-15T13:00:00Z');
    await match(r1, v3.id, 'accepted', '2025-02-01T12:00:00Z');

    const provider = await insertProvider(db);
    const opportunity = await insertOpportunity(db, provider.id);
    const placement = (volunteerId: string, proposedAt: string, startedOn: string, endedOn: string | null) =>
      db.query(
        `INSERT INTO placement (volunteer_id, opportunity_id, source, stage, proposed_at, started_on, ended_on)
         VALUES ($1, $2, 'staff', $3, $4, $5, $6)`,
        [volunteerId, opportunity.id, endedOn ? 'ended' : 'started', proposedAt, startedOn, endedOn],
      );
    await placement(v1.id, '2025-01-05T10:00:00Z', '2025-01-10', null);
    await placement(v2.id, '2025-01-06T10:00:00Z', '2025-01-12', '2025-02-15');
    await placement(v3.id, '2025-01-07T10:00:00Z', '2025-01-20', '2025-06-01');
    for (const [volunteerId, heldOn] of [
      [v1.id, '2025-01-04'],
      [v2.id, '2025-01-05'],
      [v3.id, '2025-01-31'],
      [v1.id, '2025-02-01'],
    ]) {
      await db.query(`INSERT INTO advisory_interview (volunteer_id, held_on) VALUES ($1, $2)`, [
        volunteerId,
        heldOn,
      ]);
    }
    for (const [volunteerId, minutes, status] of [
      [v1.id, 120, 'approved'],
      [v2.id, 90, 'approved'],
      [v3.id, 30, 'approved'],
      [v1.id, 600, 'submitted'],
    ] as const) {
      await db.query(
        `INSERT INTO hour_entry (volunteer_id, worked_on, minutes, status, entered_by) VALUES ($1, '2025-01-15', $2, $3, 'volunteer')`,
        [volunteerId, minutes, status],
      );
    }
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('computes every figure for January 2025 as counted by hand, protected', async () => {
    const response = await requestJson(
      stack.baseUrl,
      'GET',
      '/api/v1/staff/reports?kind=month&month=2025-01',
      { token: coordinator },
    );
    expect(response.status).toBe(200);
    const tables = Object.fromEntries((response.body.tables as Table[]).map((table) => [table.name, table]));
    // received: Ottensen 4 (R1, R2, R3, R11), Altona-Altstadt 3, Bahrenfeld 2 (spam excluded) = 9.
    // Bahrenfeld's 2 is "< 3"; it is the only hidden cell of the column, so the next smallest
    // (Altona-Altstadt's 3) is hidden too and 9 − 4 cannot reveal it.
    // matched in January: R2, R3 (Ottensen 2), R4 (Altona 1) = 3; R1 counts in February.
    expect(shown(tables.requests)).toEqual({
      'Altona-Altstadt': ['< 3', '< 3', '0', '< 3', '< 3'],
      Bahrenfeld: ['< 3', '0', '0', '0', '0'],
      Ottensen: ['4', '< 3', '< 3', '0', '0'],
      total: ['9', '3', '< 3', '< 3', '< 3'],
    });
    expect(tables.requests.rows.find((row) => row.key === 'Altona-Altstadt')!.cells[0].value).toBeNull();
    expect(shown(tables.reasons)).toEqual({ 'nobody-fits': ['< 3'], total: ['< 3'] });
    // Offers sent in January: Ottensen 2 (R2, R3), Altona 2 (R4 ×2), Bahrenfeld 3 = 7.
    expect(shown(tables.offers)).toEqual({
      'Altona-Altstadt': ['< 3', '< 3', '< 3', '0'],
      Bahrenfeld: ['3', '0', '0', '3'],
      Ottensen: ['< 3', '< 3', '0', '0'],
      total: ['7', '3', '< 3', '3'],
    });
    // Volunteers (all Ottensen): new v1–v3, active v1–v3 (accepted in January), left v4.
    expect(shown(tables.volunteers)).toEqual({ Ottensen: ['3', '3', '< 3'], total: ['3', '3', '< 3'] });
    expect(shown(tables.ages)).toMatchObject({
      '30-49': ['< 3'],
      '70-plus': ['< 3'],
      'not-given': ['< 3'],
      total: ['3'],
    });
    const figures = Object.fromEntries(
      tables['key-figures'].rows.map((row) => [row.key, row.cells[0].shown]),
    );
    expect(figures).toEqual({
      requestsReceived: '9',
      volunteerEnquiries: '3',
      advisoryInterviews: '3',
      placementsProposed: '3',
      placementsStarted: '3',
      placementsEnded: '0',
      after3MonthsEligible: '3',
      after3MonthsActive: '< 3',
      after12MonthsEligible: '3',
      after12MonthsActive: '< 3',
      hours: '4',
      hoursVolunteers: '3',
      helpSeekersReached: '3',
    });
    // Matched in January: 10 h, 24 h, 48 h → median 24, p90 48.
    expect(response.body.timeToMatch).toEqual({
      count: { value: 3, suppressed: false, shown: '3' },
      medianHours: 24,
      p90Hours: 48,
    });
    // Months of 2025: January 9 received, 3 matched, 3 interviews; February 1 matched and 1 interview
    // ("< 3"), so January's 3s are hidden too (the only other non-zero cells of those columns).
    const months = shown(tables.months);
    expect(months['2025-01']).toEqual(['9', '< 3', '3', '< 3']);
    expect(months['2025-02']).toEqual(['0', '< 3', '0', '< 3']);
    expect(months['2025-03']).toEqual(['3', '0', '0', '0']);
    expect(months.total).toEqual(['12', '4', '3', '4']);
  });

  it('counts the crossing request in February and names wrong parameters', async () => {
    const feb = await requestJson(
      stack.baseUrl,
      'GET',
      '/api/v1/staff/reports?kind=month&month=2025-02&breakdown=source',
      { token: admin },
    );
    const requests = (feb.body.tables as Table[]).find((table) => table.name === 'requests')!;
    expect(shown(requests)).toEqual({
      'phone-intake': ['0', '< 3', '0', '0', '0'],
      total: ['0', '< 3', '0', '0', '0'],
    });
    expect(feb.body.timeToMatch.medianHours).toBeNull();
    const bad = await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/reports?kind=month&month=2025-13', {
      token: admin,
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('month');
    const badBreakdown = await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/reports?breakdown=street', {
      token: admin,
    });
    expect(badBreakdown.status).toBe(400);
    expect((await get('/console/reports?kind=quarter&quarter=2025-Q9', admin)).status).toBe(400);
  });

  it('renders the page and annual report, and exports CSV with BOM, separator and neutralised formulas (audited)', async () => {
    const page = await get('/console/reports?kind=year&year=2025', coordinator);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<svg');
    expect(html).toContain('<details class="definition">');
    expect(html).not.toContain('<script');
    const annual = await get('/console/reports/annual?year=2025', coordinator);
    expect(annual.status).toBe(200);
    expect(await annual.text()).toContain('@media print');
    const csv = await get(
      '/console/reports/export.csv?kind=month&month=2025-03&table=requests&separator=semicolon',
      coordinator,
    );
    expect(csv.status).toBe(200);
    const body = Buffer.from(await csv.arrayBuffer()).toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    expect(body).toContain(`"'=HYPERLINK(""x"")";3;0;0;0;0\r\n`);
    const comma = await get(
      '/console/reports/export.csv?kind=month&month=2025-01&table=requests&separator=comma',
      coordinator,
    );
    expect(await comma.text()).toContain('Ottensen,4,< 3,< 3,0,0');
    const audited = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.exported'`,
    );
    expect(audited[0].n).toBe(2);
    expect(
      (await get('/console/reports/export.csv?kind=month&month=2025-01&table=people', coordinator)).status,
    ).toBe(400);
  });

  it('lets coordinators in unless the agency turned reports off for them; admins always', async () => {
    await stack.dataSource.query(
      `INSERT INTO agency_setting (key, value) VALUES ('reports', '{"reportsForCoordinators": false}')`,
    );
    expect((await get('/console/reports', coordinator)).status).toBe(403);
    expect(
      (await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/reports', { token: coordinator })).status,
    ).toBe(403);
    expect((await get('/console/reports', admin)).status).toBe(200);
    expect((await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/reports', { token: admin })).status).toBe(
      200,
    );
    await stack.dataSource.query(`DELETE FROM agency_setting WHERE key = 'reports'`);
  });
});
