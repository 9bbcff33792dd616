import { DataSource } from 'typeorm';
import type { HelpRequest } from '../../src/help-seekers/help-request.entity';
import type { HelpSeeker } from '../../src/help-seekers/help-seeker.entity';
import { addDays, berlinDateOf } from '../../src/shared/berlin-time';
import { isoWeekOf, mondayOf } from '../../src/shared/iso-week';
import { volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { insertAcceptedAssignment } from '../factories/week.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The coordinator's week: volunteer search by field of interest, by "assignments this week" and by
 * language names, unknown filter values said (page 400, API 400), the audited CSV export, the
 * assignments on a volunteer's profile, the week view with a clash, and the audited case sheet.
 */
describe('console: volunteer search, export, week view and case sheet', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let staffId: string;
  const ids: Record<string, string> = {};
  const requests: Record<string, string> = {};
  const monday = mondayOf(berlinDateOf(new Date()));
  const wednesday = addDays(monday, 2);

  const get = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` }, redirect: 'manual' });
  const page = async (path: string) => {
    const response = await get(path);
    return { status: response.status, html: await response.text() };
  };
  const resultNames = (html: string): string[] => {
    const table = /<table id="volunteer-results">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    return [...table.matchAll(/<a href="\/console\/volunteers\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
  };

  async function volunteer(key: string, overrides: Record<string, unknown>): Promise<void> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody(overrides),
    });
    expect(created.status).toBe(201);
    ids[key] = created.body.id;
  }

  async function assignment(
    db: DataSource,
    key: string,
    volunteerKey: string,
    schedule: HelpRequest['schedule'],
    seekerName: string,
    seeker: Partial<HelpSeeker> = {},
    createdAt?: Date,
  ): Promise<void> {
    requests[key] = await insertAcceptedAssignment(db, ids[volunteerKey], schedule, seekerName, {
      seeker,
      createdAt,
    });
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim.week@agency.test',
    });
    staffId = staff.id;
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    await volunteer('ayse', {
      name: 'Ayşe Weekly',
      languages: [
        { code: 'de', level: 'C1' },
        { code: 'tr', level: 'native' },
      ],
      interests: ['SEN'],
    });
    await volunteer('bruno', { name: 'Bruno Nextweek', interests: ['MIG'] });
    // A name a spreadsheet would run as a formula.
    await volunteer('formula', { name: '=HYPERLINK("http://evil")', interests: ['KUL'] });
    const db = stack.dataSource;
    // Ayşe: a one-off on Wednesday 10–11 and weekly help on Wednesdays 10:30–12 since last month: a clash.
    await assignment(
      db,
      'oneOff',
      'ayse',
      { kind: 'one-off', date: wednesday, start: '10:00', end: '11:00' },
      'Helga Petersen',
      {
        contactPersonName: 'Jan Petersen',
        contactPersonRelationship: 'relative',
        contactPersonPhone: '0170 555',
        accessibilityNeeds: ['walker'],
      },
    );
    await assignment(
      db,
      'weekly',
      'ayse',
      { kind: 'weekly', from: addDays(monday, -28), slots: [{ weekday: 3, start: '10:30', end: '12:00' }] },
      'Otto Weber',
      {},
      new Date(Date.now() - 35 * 86_400_000),
    );
    // Bruno: only next week.
    await assignment(
      db,
      'nextWeek',
      'bruno',
      { kind: 'one-off', date: addDays(monday, 8), start: '09:00', end: '10:00' },
      'Erna Schulz',
    );
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('filters by field of interest, on the page and in the API', async () => {
    const { status, html } = await page('/console/volunteers?interest=SEN');
    expect(status).toBe(200);
    expect(resultNames(html)).toEqual(['Ayşe Weekly']);
    const api = await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/volunteers?interest=MIG', { token });
    expect(api.status).toBe(200);
    expect(api.body.map((v: { name: string }) => v.name)).toEqual(['Bruno Nextweek']);
  });

  it('filters by "has assignments this week": this week\'s one-offs and running weekly help, not next week', async () => {
    const { html } = await page('/console/volunteers?thisWeek=1');
    expect(resultNames(html)).toEqual(['Ayşe Weekly']);
    expect(html).toMatch(/name="thisWeek" value="1" checked/);
    const api = await requestJson(stack.baseUrl, 'GET', '/api/v1/staff/volunteers?thisWeek=1', { token });
    expect(api.body.map((v: { name: string }) => v.name)).toEqual(['Ayşe Weekly']);
  });

  it.each(['Türkisch', 'Turkish', 'türkisch', 'tr', 'TR'])('finds a language typed as %s', async (typed) => {
    const { status, html } = await page(`/console/volunteers?language=${encodeURIComponent(typed)}`);
    expect(status).toBe(200);
    expect(resultNames(html)).toEqual(['Ayşe Weekly']);
  });

  it.each([
    ['language', 'Klingonisch', 'Die Sprache „Klingonisch“ kennen wir nicht'],
    ['skill', 'juggling', 'Die Fähigkeit „juggling“ gibt es nicht'],
    ['interest', 'XYZ', 'Das Interessensgebiet „XYZ“ gibt es nicht'],
    ['district', 'Atlantis', 'Im Stadtteil „Atlantis“ wohnen keine Freiwilligen'],
    ['weekday', '9', 'Der Wert „9“ passt hier nicht'],
  ])('says an unknown %s value instead of ignoring it (page 400, API 400)', async (field, value, message) => {
    const { status, html } = await page(`/console/volunteers?${field}=${encodeURIComponent(value)}`);
    expect(status).toBe(400);
    expect(html).toContain(message);
    expect(resultNames(html)).toEqual([]);
    expect(html).not.toContain('id="volunteer-export"');
    const api = await requestJson(
      stack.baseUrl,
      'GET',
      `/api/v1/staff/volunteers?${field}=${encodeURIComponent(value)}`,
      {
        token,
      },
    );
    expect(api.status).toBe(400);
    expect(api.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('exports the search result as CSV: BOM, semicolons, formula cells neutralised, audited with the filter and row count', async () => {
    await stack.dataSource.query(`DELETE FROM audit_log WHERE action = 'volunteers.exported'`);
    const response = await get('/console/volunteers/export.csv?status=active');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="freiwillige-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Name;E-Mail;Telefon;PLZ;Stadtteil;Status;Fähigkeiten;Interessensgebiet;Sprachen;eFZ eingesehen am;Pausiert bis',
    );
    expect(lines).toHaveLength(4);
    expect(
      lines.some(
        (line) => line.startsWith(`"'=HYPERLINK(""http://evil"")"`) || line.startsWith(`'=HYPERLINK`),
      ),
    ).toBe(true);
    expect(lines.find((line) => line.startsWith('Ayşe Weekly'))).toMatch(
      /Senior:innen \/ Leben im Alter;de \(C1\), tr \(native\)/,
    );
    const audit = await stack.dataSource.query(
      `SELECT staff_user_id AS "staffUserId", details FROM audit_log WHERE action = 'volunteers.exported'`,
    );
    expect(audit).toEqual([
      {
        staffUserId: staffId,
        details: { filter: { status: 'active' }, rows: 3, complete: true, format: 'csv' },
      },
    ]);
  });

  it('exports only what the filters find, and refuses an unknown value without exporting', async () => {
    const text = await (await get('/console/volunteers/export.csv?interest=SEN&separator=comma')).text();
    const lines = text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Name,E-Mail,/);
    expect(lines[1]).toMatch(/^Ayşe Weekly,/);
    const before = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteers.exported'`,
    );
    const refused = await get('/console/volunteers/export.csv?language=Klingonisch');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toMatch(/text\/html/);
    const after = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'volunteers.exported'`,
    );
    expect(after[0].n).toBe(before[0].n);
  });

  it('exports over the API too: English column keys, audited, 400 for an unknown value', async () => {
    await stack.dataSource.query(`DELETE FROM audit_log WHERE action = 'volunteers.exported'`);
    const response = await fetch(
      `${stack.baseUrl}/api/v1/staff/volunteers/export.csv?language=T%C3%BCrkisch&separator=comma`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'name,email,phone,postalCode,district,status,skills,interests,languages,certificateInspectedOn,awayUntil',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^Ayşe Weekly,.*,SEN,de:C1 tr:native,/);
    const audit = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'volunteers.exported'`,
    );
    expect(audit).toEqual([
      { details: { filter: { language: 'tr' }, rows: 1, complete: true, format: 'csv-api' } },
    ]);
    const refused = await requestJson(
      stack.baseUrl,
      'GET',
      '/api/v1/staff/volunteers/export.csv?district=Atlantis',
      { token },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'district' })]);
    expect((await fetch(`${stack.baseUrl}/api/v1/staff/volunteers/export.csv`)).status).toBe(401);
  });

  it("shows a volunteer's assignments on the profile, upcoming and past, with the help-seeker and a link", async () => {
    const { status, html } = await page(`/console/volunteers/${ids.ayse}`);
    expect(status).toBe(200);
    const upcoming = /<table id="assignments-upcoming">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
    expect(upcoming).toContain('Otto Weber');
    expect(upcoming).toContain(`/console/requests/${requests.weekly}`);
    expect(upcoming).toMatch(/ab Mi\., \d{1,2}\.\d{1,2}\., jede Woche 10:30–12:00 Uhr/);
    const bruno = await page(`/console/volunteers/${ids.bruno}`);
    expect(bruno.html).toContain('Erna Schulz');
    expect(bruno.html).toContain('Noch keine vergangenen Einsätze.');
  });

  it('shows the week: every occurrence by day, the clash marked, paging to next week', async () => {
    const { status, html } = await page('/console/week');
    expect(status).toBe(200);
    const day =
      new RegExp(`<section class="card" aria-labelledby="day-${wednesday}">([\\s\\S]*?)</section>`).exec(
        html,
      )?.[1] ?? '';
    expect(day).toContain('Helga Petersen');
    expect(day).toContain('Otto Weber');
    expect((day.match(/data-clash="true"/g) ?? []).length).toBe(2);
    expect(html).toContain('2 Termine überschneiden sich');
    expect(html).not.toContain('Erna Schulz');
    const next = await page(`/console/week?week=${isoWeekOf(addDays(monday, 7))}`);
    expect(next.status).toBe(200);
    expect(next.html).toContain('Erna Schulz');
    // The weekly help recurs next week too; the one-off does not.
    expect(next.html).toContain('Otto Weber');
    expect(next.html).not.toContain('Helga Petersen');
    expect(next.html).not.toContain('data-clash');
    const byDate = await page(`/console/week?from=${addDays(monday, 10)}`);
    expect(byDate.html).toContain('Erna Schulz');
  });

  it.each(['2026-W99', 'next', '2026-02-30'])(
    'answers an unusable week %s with 400 and a message',
    async (week) => {
      const param = /^\d{4}-\d{2}-\d{2}$/.test(week) ? 'from' : 'week';
      const { status, html } = await page(`/console/week?${param}=${week}`);
      expect(status).toBe(400);
      expect(html).toContain(`„${week}“ ist keine Woche`);
    },
  );

  it('prints a case sheet with request, person, contact person, needs, volunteer and timeline; the read is audited', async () => {
    const count = async () =>
      (
        await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = 'help-request.viewed' AND entity_id = $1 AND staff_user_id = $2`,
          [requests.oneOff, staffId],
        )
      )[0].n as number;
    const before = await count();
    const { status, html } = await page(`/console/requests/${requests.oneOff}/sheet`);
    expect(status).toBe(200);
    expect(await count()).toBe(before + 1);
    expect(html).toContain('Einkauf für Helga Petersen');
    expect(html).toContain('Bahrenfelder Straße 1');
    expect(/<dd id="sheet-name">([^<]*)</.exec(html)?.[1]).toBe('Helga Petersen');
    expect(html).toMatch(/<dd id="sheet-contact-person">Jan Petersen \(Angehörige\) · 0170 555<\/dd>/);
    expect(html).toMatch(/<dd id="sheet-needs">Rollator<\/dd>/);
    expect(html).toContain('Ayşe Weekly');
    expect(html).toContain('id="sheet-timeline"');
    expect(html).toContain('@media print');
    const requestPage = await page(`/console/requests/${requests.oneOff}`);
    expect(requestPage.html).toContain(`href="/console/requests/${requests.oneOff}/sheet"`);
    expect((await get('/console/requests/not-a-uuid/sheet')).status).toBe(400);
    expect((await get('/console/requests/00000000-0000-4000-8000-000000000000/sheet')).status).toBe(404);
  });

  it('keeps the new pages for staff only', async () => {
    for (const path of [
      '/console/week',
      '/console/volunteers/export.csv',
      `/console/requests/${requests.oneOff}/sheet`,
    ]) {
      const response = await fetch(`${stack.baseUrl}${path}`, { redirect: 'manual' });
      expect([302, 303, 401]).toContain(response.status);
    }
  });
});
