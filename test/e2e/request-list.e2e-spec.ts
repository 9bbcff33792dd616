import { randomUUID } from 'node:crypto';
import { helpSeekerSearchSql, readHelpSeekerQuery } from '../../src/help-seekers/domain/help-seeker-search';
import { requestSearchSql, type RequestFilters } from '../../src/help-seekers/domain/request-search';
import { volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, type TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, type TestStack } from '../helpers/test-stack';

/**
 * The requests list and the help-seekers list/profile, console and API: each filter really filters
 * (requests that differ in exactly that), sorting, paging, unknown values named (never a 500),
 * the audited profile read, and each filter served by its index.
 */
describe('finding requests and help-seekers', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let staffId: string;
  const seeker = { greta: randomUUID(), hans: randomUUID(), ayse: randomUUID() };
  const request = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID(), e: randomUUID() };
  const names = new Map<string, string>(Object.entries(request).map(([name, id]) => [id, name]));
  const CALL_BACK = {
    kind: 'weekly',
    slots: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })),
  };

  const page = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { cookie: `nahbar_staff=${token}` }, redirect: 'manual' });
  const api = (path: string) => requestJson(stack.baseUrl, 'GET', path, { token });
  /** Which of the five seeded requests the API list answers with (extra rows left out), in order. */
  const found = async (query: string): Promise<string[]> => {
    // The API lists every status unless told; the console shows open work unless told.
    const status = /(^|&)status=/.test(query) ? '' : 'status=open-work&';
    const response = await api(`/api/staff/help-requests?limit=500&${status}${query}`);
    expect(response.status).toBe(200);
    return (response.body as { id: string }[])
      .map((row) => names.get(row.id))
      .filter((name): name is string => name !== undefined);
  };
  /** The same, from the console page's rows (links to the requests, in order). */
  const shown = async (query: string): Promise<string[]> => {
    const response = await page(`/console/requests?${query}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    return [...html.matchAll(/<a href="\/console\/requests\/([0-9a-f-]{36})"/g)]
      .map((match) => names.get(match[1]))
      .filter((name): name is string => name !== undefined);
  };

  async function insertRequest(row: {
    id: string;
    seeker: string | null;
    category: string;
    description: string;
    district: string;
    status: string;
    urgency: string;
    source: string;
    language?: string;
    schedule?: object;
    createdAt: string;
    startsAt: string | null;
    statusChangedAt: string;
    outcome?: string;
  }): Promise<void> {
    await stack.dataSource.query(
      `INSERT INTO help_request (id, help_seeker_id, source, category, description, postal_code, latitude, longitude,
         district, status, urgency, needed_language, schedule, starts_at, created_at, status_changed_at, outcome)
       VALUES ($1, $2, $3, $4, $5, '22765', 53.55, 9.93, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        row.id,
        row.seeker,
        row.source,
        row.category,
        row.description,
        row.district,
        row.status,
        row.urgency,
        row.language ?? null,
        JSON.stringify(row.schedule ?? { kind: 'one-off', date: '2026-12-05', start: '10:00', end: '11:00' }),
        row.startsAt,
        row.createdAt,
        row.statusChangedAt,
        row.outcome ?? null,
      ],
    );
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, {
      name: 'Kim Koordination',
      email: 'kim@agency.test',
    });
    staffId = staff.id;
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    await stack.dataSource.query(`DELETE FROM match`);
    await stack.dataSource.query(`DELETE FROM help_request`);
    await stack.dataSource.query(
      `INSERT INTO help_seeker (id, name, phone, email, postal_code, preferred_contact, salutation,
         contact_person_name, contact_person_relationship, contact_person_phone, accessibility_needs)
       VALUES ($1, 'Greta Petersen', '040 123-45 67', 'greta@example.org', '22765', 'phone', 'frau',
               'Jan Petersen', 'relative', '0170 555', '{wheelchair}'),
              ($2, 'Hans Müller', '+49 40 9876543', NULL, '22307', 'phone', 'herr', NULL, NULL, NULL, '{}'),
              ($3, 'Ayşe Yılmaz', NULL, 'ayse@example.org', '22765', 'email', 'none', NULL, NULL, NULL, '{}')`,
      [seeker.greta, seeker.hans, seeker.ayse],
    );
    await stack.dataSource.query(
      `INSERT INTO consent_record (subject_type, subject_id, purpose, mode, text_version, recorded_by_staff_id, given_at)
       VALUES ('help-seeker', $1, 'data-processing', 'oral', 'v1', $2, '2026-11-02T10:00:00Z'),
              ('help-seeker', $1, 'health-data', 'oral', 'v1', $2, '2026-11-02T10:00:00Z'),
              ('help-seeker', $3, 'data-processing', 'online', 'v1', NULL, '2026-11-10T10:00:00Z')`,
      [seeker.greta, staffId, seeker.hans],
    );
    await insertRequest({
      id: request.a,
      seeker: seeker.greta,
      category: 'shopping',
      description: 'Wocheneinkauf im Supermarkt',
      district: 'Ottensen',
      status: 'open',
      urgency: 'high',
      source: 'phone-intake',
      createdAt: '2026-11-02T10:00:00Z',
      startsAt: '2026-12-05T09:00:00Z',
      statusChangedAt: '2026-11-02T10:00:00Z',
    });
    await insertRequest({
      id: request.b,
      seeker: seeker.hans,
      category: 'visiting',
      description: 'Besuch und Vorlesen am Nachmittag',
      district: 'Barmbek-Nord',
      status: 'offered',
      urgency: 'normal',
      source: 'public-form',
      language: 'tr',
      createdAt: '2026-11-10T10:00:00Z',
      startsAt: '2026-12-20T13:00:00Z',
      statusChangedAt: '2026-11-01T08:00:00Z',
    });
    await insertRequest({
      id: request.c,
      seeker: seeker.ayse,
      category: 'other',
      description: 'Bitte rufen Sie mich zurück',
      district: 'Ottensen',
      status: 'in-review',
      urgency: 'normal',
      source: 'call-back',
      schedule: CALL_BACK,
      createdAt: '2026-11-20T10:00:00Z',
      startsAt: '2026-11-23T08:00:00Z',
      statusChangedAt: '2026-11-20T10:00:00Z',
    });
    await insertRequest({
      id: request.d,
      seeker: seeker.greta,
      category: 'pharmacy',
      description: 'Rezept in der Apotheke abholen',
      district: 'Ottensen',
      status: 'done',
      urgency: 'low',
      source: 'provider',
      createdAt: '2026-10-01T10:00:00Z',
      startsAt: '2026-10-03T10:00:00Z',
      statusChangedAt: '2026-10-04T10:00:00Z',
      outcome: 'went-well',
    });
    // 00:30 on 15 November in Berlin: a day filter must count it on the 15th, not the 14th.
    await insertRequest({
      id: request.e,
      seeker: seeker.hans,
      category: 'doctor-accompaniment',
      description: 'Begleitung zum Arzt',
      district: 'Barmbek-Nord',
      status: 'cancelled',
      urgency: 'normal',
      source: 'public-form',
      createdAt: '2026-11-14T23:30:00Z',
      startsAt: null,
      statusChangedAt: '2026-11-16T10:00:00Z',
    });
    // B waits for the volunteer's answer until a deadline.
    const volunteer = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ name: 'Vera Freiwillig' }),
    });
    expect(volunteer.status).toBe(201);
    await stack.dataSource.query(
      `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, offered_at, offer_expires_at)
       VALUES ($1, $2, 80, 1, 1.5, '{}', 'offered', '2026-11-11T10:00:00Z', '2026-11-13T10:00:00Z')`,
      [request.b, volunteer.body.id],
    );
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  describe('each filter filters', () => {
    it.each([
      ['', ['c', 'b', 'a']],
      ['status=all', ['c', 'e', 'b', 'a', 'd']],
      ['status=done', ['d']],
      ['status=offered', ['b']],
      ['status=all&district=Ottensen', ['c', 'a', 'd']],
      ['status=all&district=barmbek-nord', ['e', 'b']],
      ['status=all&category=visiting', ['b']],
      ['status=all&urgency=high', ['a']],
      ['status=all&urgency=low', ['d']],
      ['status=all&source=online', ['e', 'b']],
      ['status=all&source=phone', ['a']],
      ['status=all&source=provider', ['d']],
      ['status=all&source=call-back', ['c']],
      ['status=all&language=tr', ['b']],
      ['status=all&createdFrom=2026-11-10&createdTo=2026-11-14', ['b']],
      ['status=all&createdFrom=2026-11-15&createdTo=2026-11-15', ['e']],
      ['status=all&startsFrom=2026-12-01&startsTo=2026-12-31', ['b', 'a']],
      ['status=all&startsTo=2026-11-30', ['c', 'd']],
      ['status=all&q=petersen', ['a', 'd']],
      ['status=all&q=VORLESEN', ['b']],
      ['status=all&q=zur%C3%BCck', ['c']],
      ['status=all&q=50%25', []],
      ['status=all&district=Ottensen&urgency=normal', ['c']],
    ])('console and API agree on ?%s', async (query, expected) => {
      expect(await shown(`${query}&sort=created`)).toEqual(expected);
      expect(await found(`${query}&sort=created`)).toEqual(expected);
    });
  });

  it.each([
    ['oldest', ['a', 'b', 'c']],
    ['created', ['c', 'b', 'a']],
    ['appointment', ['c', 'a', 'b']],
    ['urgency', ['a', 'b', 'c']],
    ['waiting', ['b', 'a', 'c']],
  ])('sorts by %s', async (sort, expected) => {
    expect(await shown(`sort=${sort}`)).toEqual(expected);
    expect(await found(`status=open-work&sort=${sort}`)).toEqual(expected);
  });

  it('shows a row with its date, help-seeker, district, status with the answer deadline, urgency and source', async () => {
    const html = await (await page('/console/requests')).text();
    const row = html.slice(
      html.indexOf(`value="${request.b}"`),
      html.indexOf('</tr>', html.indexOf(`value="${request.b}"`)),
    );
    expect(row).toContain('Hans Müller');
    expect(row).toContain(`/console/help-seekers/${seeker.hans}`);
    expect(row).toContain('Barmbek-Nord');
    expect(row).toMatch(/Antwort bis 13\.11\.26, 11:00/);
    expect(row).toContain('Online-Formular');
    expect(row).toContain('20.12.26, 14:00');
    const callBack = html.slice(html.indexOf(`value="${request.c}"`));
    expect(callBack.slice(0, callBack.indexOf('</tr>'))).toContain('Rückrufbitte');
    // The bulk form posts the ticked ids to helper "close"'s endpoint, with the form token.
    expect(html).toMatch(
      /<form method="post" action="\/console\/requests\/bulk"[^>]*>\s*<input type="hidden" name="_csrf" value="[^"]+"/,
    );
    expect(html).toContain('name="ids"');
    expect(html).toMatch(/<select[^>]*name="action"/);
    expect(html).toMatch(/<select[^>]*name="outcome"/);
    expect(html).toContain('name="reason"');
    expect(html).toContain('href="/console/requests" aria-current="page"');
    const api = await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests?status=offered', { token });
    expect(api.body).toEqual([
      expect.objectContaining({ id: request.b, offerExpiresAt: '2026-11-13T10:00:00.000Z', callBack: false }),
    ]);
  });

  it('pages by 50, keeping the filters', async () => {
    await stack.dataSource.query(
      `INSERT INTO help_request (source, category, description, postal_code, latitude, longitude, district, status,
         schedule, created_at, status_changed_at)
       SELECT 'phone-intake', 'walk', 'Spaziergang ' || i, '22765', 53.55, 9.93, 'Ottensen', 'open',
              '{"kind":"one-off","date":"2026-12-05","start":"10:00","end":"11:00"}', timestamptz '2026-09-01' + i * interval '1 minute', now()
         FROM generate_series(1, 60) i`,
    );
    try {
      const first = await (await page('/console/requests?category=walk')).text();
      expect(first.match(/name="ids"/g)).toHaveLength(50);
      expect(first).toContain(
        'href="/console/requests?status=open-work&amp;category=walk&amp;sort=created&amp;page=1"',
      );
      expect(first).not.toContain('rel="prev"');
      const second = await (await page('/console/requests?category=walk&page=1')).text();
      expect(second.match(/name="ids"/g)).toHaveLength(10);
      expect(second).toContain('rel="prev"');
      expect(second).not.toContain('rel="next"');
      // Spaziergang 10 … 1 on the second page (newest first).
      expect(second).toContain('Spaziergang 10<');
      const apiFirst = await api('/api/staff/help-requests?category=walk&limit=25&page=2');
      expect(apiFirst.body).toHaveLength(10);
    } finally {
      await stack.dataSource.query(`DELETE FROM help_request WHERE category = 'walk'`);
    }
  });

  it('names unknown filter values and bad dates on the page, never a 500', async () => {
    const response = await page(
      '/console/requests?district=Atlantis&category=gardening&status=waiting&source=fax&createdFrom=2026-02-30&language=T%C3%BCrkisch',
    );
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('error-summary');
    expect(html).toContain('„Atlantis“');
    expect(html).toContain('„gardening“');
    expect(html).toContain('„waiting“');
    expect(html).toContain('„fax“');
    expect(html).toMatch(/id="field-createdFrom" aria-invalid="true"/);
    expect(html).toContain('Bitte ein Datum wie');
    expect(html).not.toContain('name="ids"');
    const range = await page('/console/requests?startsFrom=2026-12-10&startsTo=2026-12-01');
    expect(range.status).toBe(400);
    expect(await range.text()).toContain('Das Ende des Zeitraums liegt vor seinem Anfang.');
    for (const query of [
      'page=abc',
      'q=' + 'x'.repeat(5000),
      'status[]=open',
      'sort=%00',
      'district=%27%3B--',
    ]) {
      expect((await page(`/console/requests?${query}`)).status).toBeLessThan(500);
    }
  });

  it.each([
    ['status=waiting', 'status'],
    ['category=gardening', 'category'],
    ['district=Atlantis', 'district'],
    ['source=fax', 'source'],
    ['urgency=asap', 'urgency'],
    ['language=Turkish', 'language'],
    ['createdFrom=2026-02-30', 'createdFrom'],
    ['startsTo=tomorrow', 'startsTo'],
    ['startsFrom=2026-12-10&startsTo=2026-12-01', 'startsTo'],
    ['sort=random', 'sort'],
    ['page=-1', 'page'],
    ['limit=0', 'limit'],
    ['colour=red', 'colour'],
  ])('the API answers ?%s with 400 naming %s', async (query, field) => {
    const response = await api(`/api/staff/help-requests?${query}`);
    expect(response.status).toBe(400);
    expect((response.body as { errors: { field: string }[] }).errors.map((error) => error.field)).toContain(
      field,
    );
  });

  describe('help-seekers', () => {
    it.each([
      ['petersen', ['Greta Petersen']],
      ['0401234567', ['Greta Petersen']],
      ['040 12345', ['Greta Petersen']],
      ['9876543', ['Hans Müller']],
      ['22307', ['Hans Müller']],
      ['22765', ['Ayşe Yılmaz', 'Greta Petersen']],
      ['ayse@example', ['Ayşe Yılmaz']],
      ['nobody-like-this', []],
    ])('finds %s', async (q, expected) => {
      const html = await (await page(`/console/help-seekers?q=${encodeURIComponent(q)}`)).text();
      const listed = [...html.matchAll(/<a href="\/console\/help-seekers\/[0-9a-f-]{36}">([^<]+)<\/a>/g)].map(
        (match) => match[1],
      );
      expect(listed).toEqual(expected);
      const response = await api(`/api/staff/help-seekers?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
      expect((response.body as { items: { name: string }[] }).items.map((item) => item.name)).toEqual(
        expected,
      );
    });

    it('lists everyone in name order without a search, and pages', async () => {
      const response = await api('/api/staff/help-seekers?limit=2');
      expect(response.body).toMatchObject({ page: 0, hasNext: true });
      expect(response.body.items.map((item: { name: string }) => item.name)).toEqual([
        'Ayşe Yılmaz',
        'Greta Petersen',
      ]);
      const next = await api('/api/staff/help-seekers?limit=2&page=1');
      expect(next.body).toMatchObject({ page: 1, hasNext: false, items: [{ name: 'Hans Müller' }] });
      expect((await api('/api/staff/help-seekers?limit=1000')).status).toBe(400);
      expect((await api('/api/staff/help-seekers?page=x')).status).toBe(400);
    });

    it('shows the profile with contact, consents, every request and one timeline; the read is audited', async () => {
      await stack.dataSource.query(`DELETE FROM audit_log WHERE action = 'help-seeker.viewed'`);
      await stack.dataSource.query(
        `INSERT INTO help_request_note (request_id, staff_user_id, body, created_at)
         VALUES ($1, $2, 'Rief an, Einkauf klappt', '2026-11-03T10:00:00Z'),
                ($3, $2, 'Rezept war fertig', '2026-10-03T10:00:00Z')`,
        [request.a, staffId, request.d],
      );
      const response = await page(`/console/help-seekers/${seeker.greta}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('Greta Petersen');
      expect(html).toContain('040 123-45 67');
      expect(html).toContain('Frau');
      expect(html).toContain('Jan Petersen');
      expect(html).toContain('Angehörige/r');
      expect(html).toContain('wheelchair'); // consented health data
      expect(html).toContain('Gesundheitsdaten');
      expect(html).toContain(`href="/console/requests/${request.a}"`);
      expect(html).toContain(`href="/console/requests/${request.d}"`);
      expect(html).toContain('gut verlaufen');
      const timeline = html.slice(html.indexOf('id="seeker-timeline"'));
      expect(timeline.indexOf('Rief an, Einkauf klappt')).toBeGreaterThan(-1);
      expect(timeline.indexOf('Rezept war fertig')).toBeGreaterThan(
        timeline.indexOf('Rief an, Einkauf klappt'),
      );
      expect(html).toContain(`action="/console/help-seekers/${seeker.greta}/erase"`);
      expect(html).toContain(`href="/console/help-seekers/${seeker.greta}/export"`);
      expect(html).toContain(`href="/console/help-seekers/${seeker.greta}/edit"`);
      const audited = await stack.dataSource.query(
        `SELECT staff_user_id, entity_id FROM audit_log WHERE action = 'help-seeker.viewed'`,
      );
      expect(audited).toEqual([{ staff_user_id: staffId, entity_id: seeker.greta }]);

      const profile = await api(`/api/staff/help-seekers/${seeker.greta}`);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({
        name: 'Greta Petersen',
        salutation: 'frau',
        accessibilityNeeds: ['wheelchair'],
        healthDataConsent: true,
        contactPersonRelationship: 'relative',
      });
      expect(profile.body.requests.map((row: { id: string }) => row.id)).toEqual([request.a, request.d]);
      expect(profile.body.consents).toHaveLength(2);
      const count = await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'help-seeker.viewed' AND entity_id = $1`,
        [seeker.greta],
      );
      expect(count[0].n).toBe(2);
    });

    it('hides accessibility needs without a consent to health data', async () => {
      await stack.dataSource.query(`UPDATE help_seeker SET accessibility_needs = '{hearing}' WHERE id = $1`, [
        seeker.hans,
      ]);
      const html = await (await page(`/console/help-seekers/${seeker.hans}`)).text();
      expect(html).not.toContain('hearing');
      expect(html).toContain('Keine Einwilligung in Gesundheitsdaten');
      const profile = await api(`/api/staff/help-seekers/${seeker.hans}`);
      expect(profile.body.accessibilityNeeds).toEqual([]);
    });

    it('answers an unknown person with 404, a bad id with 400, nothing audited', async () => {
      await stack.dataSource.query(`DELETE FROM audit_log WHERE action = 'help-seeker.viewed'`);
      expect((await page(`/console/help-seekers/${randomUUID()}`)).status).toBe(404);
      expect((await page('/console/help-seekers/not-a-uuid')).status).toBe(400);
      expect((await api(`/api/staff/help-seekers/${randomUUID()}`)).status).toBe(404);
      expect((await api('/api/staff/help-seekers/not-a-uuid')).status).toBe(400);
      const audited = await stack.dataSource.query(
        `SELECT 1 FROM audit_log WHERE action = 'help-seeker.viewed'`,
      );
      expect(audited).toEqual([]);
    });
  });

  it('serves each filter from its index', async () => {
    // Enough rows that an index is worth it, and fresh statistics.
    await stack.dataSource.query(
      `INSERT INTO help_request (source, category, description, postal_code, latitude, longitude, district, status,
         schedule, created_at, status_changed_at)
       SELECT 'public-form', 'shopping', 'Einkauf ' || i, '22765', 53.55, 9.93, 'D' || (i % 40), 'done',
              '{"kind":"one-off","date":"2026-12-05","start":"10:00","end":"11:00"}', now() - i * interval '1 hour', now()
         FROM generate_series(1, 2000) i`,
    );
    await stack.dataSource.query(
      `INSERT INTO help_seeker (name, phone, email, postal_code, preferred_contact)
       SELECT 'Person ' || i, '040 ' || (100000 + i), 'p' || i || '@example.org', lpad((20000 + i % 500)::text, 5, '0'), 'phone'
         FROM generate_series(1, 20000) i`,
    );
    await stack.dataSource.query('ANALYZE help_request; ANALYZE help_seeker');
    const base: RequestFilters = { status: 'all', sort: 'created', page: 0 };
    const cases: [Partial<RequestFilters>, RegExp][] = [
      [{ status: 'offered' }, /IDX_6ebb9af85014600ff40083bdb2|help_request_status_changed_idx/],
      [
        { status: 'open-work' },
        /IDX_6ebb9af85014600ff40083bdb2|help_request_status_changed_idx|help_request_open_district_idx/,
      ],
      [{ district: 'Ottensen' }, /help_request_district_created_idx/],
      [{ category: 'visiting' }, /help_request_category_created_idx/],
      [{ urgency: 'high' }, /help_request_urgency_created_idx/],
      [{ source: 'phone' }, /help_request_source_created_idx/],
      [{ source: 'call-back' }, /help_request_source_created_idx/],
      [{ language: 'tr' }, /help_request_language_created_idx/],
      [{ createdFrom: '2026-11-10', createdTo: '2026-11-14' }, /help_request_created_idx/],
      [{ startsFrom: '2026-12-01', startsTo: '2026-12-31' }, /help_request_starts_at_idx/],
      [{ q: 'Vorlesen' }, /^(?=[\s\S]*help_request_description_trgm)(?=[\s\S]*help_seeker_name_trgm)/],
      [{ sort: 'waiting' }, /help_request_waiting_idx/],
      [{ sort: 'urgency' }, /help_request_urgency_rank_idx/],
    ];
    const seekerCases: [string, RegExp][] = [
      ['Petersen', /^(?=[\s\S]*help_seeker_name_trgm)(?=[\s\S]*help_seeker_email_trgm)/],
      ['0401234', /help_seeker_phone_digits_trgm/],
      ['22765', /help_seeker_postal_code_idx/],
      ['', /help_seeker_name_order_idx/],
    ];
    const plans = await stack.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL enable_seqscan = off`);
      const explain = async ({ sql, params }: { sql: string; params: unknown[] }) =>
        (await manager.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, params))
          .map((row) => row['QUERY PLAN'])
          .join('\n');
      const requests: string[] = [];
      for (const [filters] of cases) {
        requests.push(await explain(requestSearchSql({ ...base, ...filters })));
      }
      const seekers: string[] = [];
      for (const [q] of seekerCases) {
        seekers.push(await explain(helpSeekerSearchSql(readHelpSeekerQuery(q), 0)));
      }
      return { requests, seekers };
    });
    cases.forEach(([, index], i) => expect(plans.requests[i]).toMatch(index));
    seekerCases.forEach(([, index], i) => expect(plans.seekers[i]).toMatch(index));
    for (const plan of [...plans.requests, ...plans.seekers]) {
      expect(plan).not.toMatch(/Seq Scan on help_(request|seeker)\b/);
    }
  });
});
