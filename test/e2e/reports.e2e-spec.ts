import { seedReportsScenario } from '../factories/reports-scenario.factory';
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

    // The scenario and its hand counts: test/factories/reports-scenario.factory.ts.
    await seedReportsScenario(db);
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
    // Offers sent in January: Ottensen 2 (R2, R3), Altona 2 (R4 ×2), Bahrenfeld 3 = 7. Shown as
    // "< 3, < 3, 3, total 7", the two hidden cells would add up to 4, so both would be 2: Bahrenfeld's
    // 3 is hidden too.
    expect(shown(tables.offers)).toEqual({
      'Altona-Altstadt': ['< 3', '< 3', '< 3', '0'],
      Bahrenfeld: ['< 3', '0', '0', '3'],
      Ottensen: ['< 3', '< 3', '0', '0'],
      total: ['7', '3', '< 3', '3'],
    });
    // Volunteers (all Ottensen): new v1–v3, active v1–v3 (accepted in January), left v4.
    expect(shown(tables.volunteers)).toEqual({ Ottensen: ['3', '3', '< 3'], total: ['3', '3', '< 3'] });
    expect(shown(tables.ages)).toMatchObject({
      '30-49': ['< 3'],
      '70-plus': ['< 3'],
      'not-given': ['< 3'],
      total: ['< 3'],
    });
    // Gender of the new volunteers v1–v3: female 1, male 1, not given 1. Three hidden cells adding up
    // to the total 3 could only be 1 each, and no other cell can hide them: the total is hidden.
    expect(shown(tables.genders)).toEqual({
      female: ['< 3'],
      male: ['< 3'],
      diverse: ['0'],
      'not-given': ['< 3'],
      total: ['< 3'],
    });
    // Help-seekers reached: Helga (older people, disability), Otto (older people, migration
    // background), Erna (older people): older people 3, migration background 1, disability 1; the
    // total is the people reached (3), each once, not the sum of the rows (5). The two small cells
    // (1 and 1) are protected as if the total were their sum: older people is hidden too.
    expect(shown(tables['priority-groups'])).toEqual({
      'older-people': ['< 3'],
      'migration-background': ['< 3'],
      disability: ['< 3'],
      'not-given': ['0'],
      total: ['3'],
    });
    expect(response.body.notRecorded).toBeUndefined();
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
    expect(months['2025-03']).toEqual(['7', '0', '0', '0']);
    expect(months.total).toEqual(['16', '4', '3', '4']);
  });

  it('protects a lone small gender or priority group by hiding the next smallest cell (March 2025)', async () => {
    const response = await requestJson(
      stack.baseUrl,
      'GET',
      '/api/v1/staff/reports?kind=month&month=2025-03',
      { token: coordinator },
    );
    const tables = Object.fromEntries((response.body.tables as Table[]).map((table) => [table.name, table]));
    // New in March: 4 female, 1 male, 3 not given = 8. Male alone is "< 3", so 8 − 4 − 3 would
    // reveal it: the smallest other non-zero cell (not given, 3) is hidden too.
    expect(shown(tables.genders)).toEqual({
      female: ['4'],
      male: ['< 3'],
      diverse: ['0'],
      'not-given': ['< 3'],
      total: ['8'],
    });
    // Reached in March: Erna and Gustav (older people), Lotte, Paul, Ida (none given) = 5 people.
    // Older people 2 is the only small cell; not given (3) is hidden with it.
    expect(shown(tables['priority-groups'])).toEqual({
      'older-people': ['< 3'],
      'migration-background': ['0'],
      disability: ['0'],
      'not-given': ['< 3'],
      total: ['5'],
    });
    const cell = tables['priority-groups'].rows.find((row) => row.key === 'not-given')!.cells[0];
    expect(cell).toEqual({ value: null, suppressed: true, shown: '< 3' });
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
    expect(html).toContain('id="table-genders"');
    expect(html).toContain('id="table-priority-groups"');
    expect(html).not.toContain('h-not-recorded');
    const annual = await get('/console/reports/annual?year=2025', coordinator);
    expect(annual.status).toBe(200);
    const annualHtml = await annual.text();
    expect(annualHtml).toContain('@media print');
    expect(annualHtml).toContain('id="table-priority-groups"');
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
    const genders = await get(
      '/console/reports/export.csv?kind=month&month=2025-03&table=genders&separator=comma',
      coordinator,
    );
    expect(genders.status).toBe(200);
    const gendersCsv = await genders.text();
    expect(gendersCsv).toContain('weiblich,4\r\n');
    expect(gendersCsv).toContain('nicht angegeben,< 3\r\n');
    const groups = await get(
      '/console/reports/export.csv?kind=month&month=2025-01&table=priority-groups&separator=semicolon',
      coordinator,
    );
    const groupsCsv = await groups.text();
    expect(groupsCsv).toContain('ältere Menschen;< 3\r\n');
    expect(groupsCsv).toContain('Menschen mit Behinderung;< 3\r\n');
    expect(groupsCsv).toContain('Personen insgesamt (jede einmal);3\r\n');
    // Unfulfilled reasons in words, as the close form names them (they read "unbekannt").
    const reasons = await get(
      '/console/reports/export.csv?kind=month&month=2025-01&table=reasons&separator=semicolon',
      coordinator,
    );
    expect(await reasons.text()).toContain('niemand passt;< 3\r\n');
    const audited = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.exported'`,
    );
    expect(audited[0].n).toBe(5);
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
