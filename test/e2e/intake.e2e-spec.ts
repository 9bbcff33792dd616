import { csrfTokenFor } from '../../src/web/console/csrf';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { expectErrorShape } from '../helpers/assertions';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Phone intake in the console (weekly help, caller on behalf, accessibility needs with oral
 * consent, a known person, a provider), call-backs from the public pages completed into requests,
 * the public form's language and street, and the volunteer sign-up's birth date: all through
 * HTTP as the browser and API clients send them, with bad input on every form.
 */
describe('phone intake, call-backs and the public forms (issue 12)', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let cookie: string;
  let csrf: string;
  let staffId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, { email: 'intake@agency.test' });
    staffId = staff.id;
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    // Someone who can visit on Tuesdays, for the matching at the end of a call-back.
    const volunteer = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ name: 'Vera Besuch', skills: ['visiting', 'shopping'] }),
    });
    expect(volunteer.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** A console form POST as the browser sends it (urlencoded, session cookie, CSRF token). */
  async function post(
    path: string,
    fields: Record<string, string | string[]>,
  ): Promise<{ status: number; location: string | null; html: string }> {
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) {
        body.append(name, one);
      }
    }
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  }

  async function get(path: string): Promise<{ status: number; html: string }> {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  }

  /** A public form POST (no session). */
  async function postPublic(path: string, fields: Record<string, string>) {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
      redirect: 'manual',
    });
    return {
      status: response.status,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  }

  const requestIdOf = (location: string | null): string => {
    const match = /\/console\/requests\/([0-9a-f-]{36})\?done=created/.exec(location ?? '');
    if (!match) {
      throw new Error(`no request in ${location}`);
    }
    return match[1];
  };

  const count = async (sql: string, params: unknown[] = []): Promise<number> =>
    Number((await stack.dataSource.query<{ n: string }[]>(sql, params))[0].n);

  const weeklyVisit = (overrides: Record<string, string | string[]> = {}) => ({
    intent: 'save',
    salutation: 'frau',
    name: 'Gertrud Wochenbesuch',
    phone: '040 7001001',
    postalCode: '22765',
    streetAddress: 'Große Bergstraße 12',
    preferredContact: 'phone',
    preferredLanguage: 'de',
    onBehalf: 'yes',
    contactName: 'Jana Wochenbesuch',
    contactRelationship: 'relative',
    contactPhone: '040 7001002',
    category: 'visiting',
    description: 'Möchte jede Woche Besuch, sitzt im Rollstuhl',
    volunteerSummary: 'Wöchentlicher Besuch, Gespräche und Vorlesen',
    scheduleKind: 'weekly',
    from: daysAhead(7),
    weekday0: '2',
    slotStart0: '09:00',
    slotEnd0: '12:00',
    weekday1: '4',
    slotStart1: '14:00',
    slotEnd1: '16:00',
    certificate: 'default',
    urgency: 'normal',
    needs: ['wheelchair', 'hearing'],
    healthConsent: 'yes',
    consent: 'yes',
    ...overrides,
  });

  it('should store a weekly visiting service with accessibility needs, oral Art. 9 consent and a caller on behalf', async () => {
    const saved = await post('/console/intake', weeklyVisit());
    expect(saved.status).toBe(303);
    const id = requestIdOf(saved.location);
    const [request] = await stack.dataSource.query(
      `SELECT r.source, r.schedule, r.starts_at AS "startsAt", r.volunteer_summary AS "volunteerSummary",
              r.street_address AS "street", r.requires_certificate AS "requiresCertificate", r.needed_skills AS "skills",
              s.id AS "seekerId", s.salutation, s.contact_person_name AS "contactName",
              s.contact_person_relationship AS "contactRelationship", s.contact_person_phone AS "contactPhone",
              s.accessibility_needs AS "needs"
         FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id WHERE r.id = $1`,
      [id],
    );
    expect(request).toMatchObject({
      source: 'phone-intake',
      schedule: {
        kind: 'weekly',
        from: daysAhead(7),
        slots: [
          { weekday: 2, start: '09:00', end: '12:00' },
          { weekday: 4, start: '14:00', end: '16:00' },
        ],
      },
      volunteerSummary: 'Wöchentlicher Besuch, Gespräche und Vorlesen',
      street: 'Große Bergstraße 12',
      requiresCertificate: false,
      skills: ['visiting'],
      salutation: 'frau',
      contactName: 'Jana Wochenbesuch',
      contactRelationship: 'relative',
      contactPhone: '040 7001002',
      needs: ['wheelchair', 'hearing'],
    });
    // The first weekly slot on or after the first day (a Tuesday or Thursday, 9 or 14 o'clock in Hamburg).
    const startsAt = new Date(request.startsAt as string);
    expect(startsAt.getTime()).toBeGreaterThanOrEqual(new Date(`${daysAhead(7)}T00:00:00+01:00`).getTime());
    expect(startsAt.getTime()).toBeLessThan(new Date(`${daysAhead(15)}T00:00:00+01:00`).getTime());
    const consents = await stack.dataSource.query(
      `SELECT purpose, mode, recorded_by_staff_id AS "by" FROM consent_record
        WHERE subject_id = $1 ORDER BY purpose`,
      [request.seekerId],
    );
    expect(consents).toEqual([
      { purpose: 'data-processing', mode: 'oral', by: staffId },
      { purpose: 'health-data', mode: 'oral', by: staffId },
    ]);
  });

  it('should refuse accessibility needs without the Art. 9 tick next to that checkbox, keep every typed value, and store nothing', async () => {
    const refused = await post(
      '/console/intake',
      weeklyVisit({ name: 'Otto Ohnezustimmung', phone: '040 7009009', healthConsent: '' }),
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('id="field-consent-healthData-error"');
    expect(refused.html).toContain('href="#field-consent-healthData"');
    for (const kept of [
      'Otto Ohnezustimmung',
      'Jana Wochenbesuch',
      'Große Bergstraße 12',
      'Wöchentlicher Besuch',
    ]) {
      expect(refused.html).toContain(kept);
    }
    expect(refused.html).toMatch(/value="wheelchair"[^>]*checked|checked[^>]*value="wheelchair"/);
    expect(await count(`SELECT count(*) AS n FROM help_seeker WHERE name = 'Otto Ohnezustimmung'`)).toBe(0);
  });

  it('should answer bad input on the intake form with field errors, never a 500, and store nothing', async () => {
    const before = await count(`SELECT count(*) AS n FROM help_request`);
    // 'new': a deliberate new person, so the duplicate check (Gertrud is known by now) stays out of it.
    const cases: Record<string, string | string[]>[] = [
      { ...weeklyVisit(), weekday0: '9', slotStart0: '25:00' },
      {
        ...weeklyVisit(),
        scheduleKind: 'weekly',
        weekday0: '',
        slotStart0: '',
        slotEnd0: '',
        weekday1: '',
        slotStart1: '',
        slotEnd1: '',
      },
      { ...weeklyVisit(), contactRelationship: 'cousin', contactPhone: 'abc' },
      { ...weeklyVisit(), scheduleKind: 'one-off', date: '2020-01-01', start: '10:00', end: '11:00' },
      { ...weeklyVisit(), category: 'no-such-help', salutation: 'dr' },
      { ...weeklyVisit(), certificate: 'perhaps', skills: ['no-such-skill'] },
      { ...weeklyVisit(), volunteerSummary: 'x'.repeat(501) },
      { ...weeklyVisit(), providerId: '00000000-0000-4000-8000-000000000000' },
      { ...weeklyVisit(), helpSeekerId: '00000000-0000-4000-8000-000000000000' },
    ];
    for (const fields of cases) {
      const answer = await post('/console/intake', { ...fields, helpSeekerId: fields.helpSeekerId ?? 'new' });
      expect({ status: answer.status, summary: answer.html.includes('id="error-summary"') }).toEqual({
        status: 400,
        summary: true,
      });
    }
    expect(await count(`SELECT count(*) AS n FROM help_request`)).toBe(before);
  });

  it('should find a known person by phone, keep what was typed for this request, and keep the street on the request', async () => {
    const first = await post(
      '/console/intake',
      weeklyVisit({
        name: 'Karl Bekannt',
        phone: '040 7123456',
        streetAddress: '',
        onBehalf: '',
        needs: [],
        healthConsent: '',
      }),
    );
    expect(first.status).toBe(303);
    const [person] = await stack.dataSource.query(`SELECT id FROM help_seeker WHERE name = 'Karl Bekannt'`);
    // The search keeps everything typed so far.
    const typed = {
      ...weeklyVisit({
        name: '',
        phone: '',
        streetAddress: 'Neue Straße 5',
        onBehalf: '',
        needs: [],
        healthConsent: '',
      }),
      description: 'Diesmal Einkauf',
      category: 'shopping',
    };
    const found = await post('/console/intake', { ...typed, intent: 'search', q: '7123456' });
    expect(found.status).toBe(200);
    expect(found.html).toContain('Karl Bekannt');
    expect(found.html).toContain(`value="${person.id}"`);
    expect(found.html).toContain('Neue Straße 5');
    expect(found.html).toContain('Diesmal Einkauf');
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE action = 'help-seeker.search-shown' AND entity_id = $1`,
        [person.id],
      ),
    ).toBe(1);
    const saved = await post('/console/intake', {
      ...typed,
      helpSeekerId: person.id,
      searched: '7123456',
      q: '7123456',
    });
    expect(saved.status).toBe(303);
    const [request] = await stack.dataSource.query(
      `SELECT help_seeker_id AS "seekerId", street_address AS "street", category FROM help_request WHERE id = $1`,
      [requestIdOf(saved.location)],
    );
    expect(request).toEqual({ seekerId: person.id, street: 'Neue Straße 5', category: 'shopping' });
    expect(await count(`SELECT count(*) AS n FROM help_seeker WHERE name = 'Karl Bekannt'`)).toBe(1);
  });

  it('should keep a public call-back as a call-back (no request, no schedule), list it, record a failed call, and complete it into a matched request', async () => {
    const sent = await postPublic('/help/call-back', {
      name: 'Rosa Rückruf',
      phone: '040 7555111',
      postalCode: '22765',
      description: 'Es geht um Besuche',
      consent: 'yes',
    });
    expect(sent.status).toBe(303);
    const [callBack] = await stack.dataSource.query(
      `SELECT c.id, c.status, c.note, c.help_seeker_id AS "seekerId" FROM call_back_request c
         JOIN help_seeker s ON s.id = c.help_seeker_id WHERE s.name = 'Rosa Rückruf'`,
    );
    expect(callBack).toMatchObject({ status: 'waiting', note: 'Es geht um Besuche' });
    expect(
      await count(`SELECT count(*) AS n FROM help_request WHERE help_seeker_id = $1`, [callBack.seekerId]),
    ).toBe(0);

    const list = await get('/console/call-backs');
    expect(list.status).toBe(200);
    expect(list.html).toContain('Rosa Rückruf');
    expect(list.html).toContain(`/console/call-backs/${callBack.id}`);
    expect((await get('/console')).html).toContain('href="/console/call-backs"');

    const attempt = await post(`/console/call-backs/${callBack.id}/attempt`, { note: 'Mailbox' });
    expect(attempt).toMatchObject({ status: 303, location: '/console/call-backs?done=attempt' });
    const [afterAttempt] = await stack.dataSource.query(
      `SELECT attempts, last_called_by_staff_id AS "by", last_called_at AS "at" FROM call_back_request WHERE id = $1`,
      [callBack.id],
    );
    expect(afterAttempt).toMatchObject({ attempts: 1, by: staffId });
    expect(afterAttempt.at).not.toBeNull();

    const form = await get(`/console/call-backs/${callBack.id}`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="Rosa Rückruf"');
    expect(form.html).toContain(`name="callBackId" value="${callBack.id}"`);

    // Bad input while completing: field errors, the call-back still waits.
    const bad = await post(
      '/console/intake',
      weeklyVisit({ callBackId: callBack.id, category: '', name: '', phone: '' }),
    );
    expect(bad.status).toBe(400);
    expect(
      await count(`SELECT count(*) AS n FROM call_back_request WHERE id = $1 AND status = 'waiting'`, [
        callBack.id,
      ]),
    ).toBe(1);

    const completed = await post(
      '/console/intake',
      weeklyVisit({
        callBackId: callBack.id,
        name: 'Rosa Rückruf',
        phone: '040 7555111',
        onBehalf: '',
        needs: [],
        healthConsent: '',
      }),
    );
    expect(completed.status).toBe(303);
    const requestId = requestIdOf(completed.location);
    const [request] = await stack.dataSource.query(
      `SELECT source, help_seeker_id AS "seekerId", category FROM help_request WHERE id = $1`,
      [requestId],
    );
    expect(request).toEqual({ source: 'call-back', seekerId: callBack.seekerId, category: 'visiting' });
    const [done] = await stack.dataSource.query(
      `SELECT status, completed_by_staff_id AS "by", help_request_id AS "requestId", completed_at AS "at"
         FROM call_back_request WHERE id = $1`,
      [callBack.id],
    );
    expect(done).toMatchObject({ status: 'completed', by: staffId, requestId });
    expect(done.at).not.toBeNull();
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE entity_id = $1 AND action IN ('call-back.attempted', 'call-back.completed') AND staff_user_id = $2`,
        [callBack.id, staffId],
      ),
    ).toBe(2);
    expect((await get('/console/call-backs')).html).not.toContain('Rosa Rückruf');
    // The request goes to matching and finds the volunteer who visits.
    await eventually(
      'proposals for the completed call-back',
      async () =>
        (await count(`SELECT count(*) AS n FROM match WHERE request_id = $1`, [requestId])) > 0 ? true : null,
      30_000,
    );
    // Completing twice: refused, no second request.
    const again = await post(
      '/console/intake',
      weeklyVisit({
        callBackId: callBack.id,
        name: 'Rosa Rückruf',
        onBehalf: '',
        needs: [],
        healthConsent: '',
      }),
    );
    expect(again.status).toBeGreaterThanOrEqual(400);
    expect(again.status).toBeLessThan(500);
    expect(
      await count(`SELECT count(*) AS n FROM help_request WHERE help_seeker_id = $1`, [callBack.seekerId]),
    ).toBe(1);
  }, 60_000);

  it('should list and complete call-backs through the API, with 404, 409 and 400 where they belong', async () => {
    await postPublic('/help/call-back', {
      name: 'Anton Apirückruf',
      phone: '040 7666111',
      postalCode: '22765',
      consent: 'yes',
    });
    const list = await requestJson(stack.baseUrl, 'GET', '/api/staff/call-backs', { token });
    expect(list.status).toBe(200);
    const mine = (list.body as { id: string; name: string }[]).find(
      (item) => item.name === 'Anton Apirückruf',
    );
    expect(mine).toBeDefined();
    const body = {
      category: 'shopping',
      description: 'Wocheneinkauf',
      postalCode: '22765',
      schedule: { kind: 'weekly', from: daysAhead(3), slots: [{ weekday: 5, start: '10:00', end: '12:00' }] },
      helpSeeker: { name: 'Anton Apirückruf', phone: '040 7666111', preferredContact: 'phone' },
      consent: { dataProcessing: true },
    };
    const bad = await requestJson(stack.baseUrl, 'POST', `/api/staff/call-backs/${mine!.id}/complete`, {
      token,
      body: { ...body, schedule: { kind: 'weekly', slots: [] } },
    });
    expectErrorShape(bad, 400);
    const unknown = await requestJson(
      stack.baseUrl,
      'POST',
      '/api/staff/call-backs/00000000-0000-4000-8000-000000000000/complete',
      {
        token,
        body,
      },
    );
    expectErrorShape(unknown, 404);
    const attempt = await requestJson(stack.baseUrl, 'POST', `/api/staff/call-backs/${mine!.id}/attempts`, {
      token,
      body: { note: 'besetzt' },
    });
    expect(attempt).toMatchObject({ status: 200, body: { attempts: 1 } });
    const done = await requestJson(stack.baseUrl, 'POST', `/api/staff/call-backs/${mine!.id}/complete`, {
      token,
      body,
    });
    expect(done.status).toBe(201);
    const twice = await requestJson(stack.baseUrl, 'POST', `/api/staff/call-backs/${mine!.id}/complete`, {
      token,
      body,
    });
    expectErrorShape(twice, 409);
    const [request] = await stack.dataSource.query(
      `SELECT source, schedule FROM help_request WHERE id = $1`,
      [done.body.id],
    );
    expect(request).toMatchObject({ source: 'call-back', schedule: { kind: 'weekly', from: daysAhead(3) } });
  });

  it('should take the full intake through the staff API too (weekly with from, contact person, salutation, short text)', async () => {
    const body = {
      category: 'visiting',
      description: 'Besuch',
      volunteerSummary: 'Besuch am Dienstag',
      postalCode: '22765',
      schedule: {
        kind: 'weekly',
        from: daysAhead(10),
        slots: [{ weekday: 2, start: '10:00', end: '11:00' }],
      },
      helpSeeker: {
        salutation: 'herr',
        name: 'Hans Apiperson',
        phone: '040 7777111',
        preferredContact: 'phone',
        contactPerson: { name: 'Pflegedienst Nord', relationship: 'care-service', phone: '040 7777112' },
      },
      consent: { dataProcessing: true },
    };
    const bad = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: {
        ...body,
        helpSeeker: { ...body.helpSeeker, contactPerson: { name: 'X', relationship: 'cousin' } },
      },
    });
    expectErrorShape(bad, 400);
    expect(await count(`SELECT count(*) AS n FROM help_seeker WHERE name = 'Hans Apiperson'`)).toBe(0);
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', { token, body });
    expect(created.status).toBe(201);
    const [row] = await stack.dataSource.query(
      `SELECT r.volunteer_summary AS "summary", r.schedule, s.salutation, s.contact_person_relationship AS "relationship"
         FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id WHERE r.id = $1`,
      [created.body.id],
    );
    expect(row).toMatchObject({
      summary: 'Besuch am Dienstag',
      schedule: { from: daysAhead(10) },
      salutation: 'herr',
      relationship: 'care-service',
    });
  });

  it('should take a request for a provider in the console', async () => {
    const provider = await requestJson(stack.baseUrl, 'POST', '/api/staff/providers', {
      token,
      body: {
        name: 'Seniorentreff Intake',
        contactPerson: 'Pia',
        email: 'pia@treff.test',
        streetAddress: 'Bahrenfelder Straße 12',
        postalCode: '22765',
        fieldsOfActivity: ['SEN'],
      },
    });
    expect(provider.status).toBe(201);
    expect((await get(`/console/intake?provider=${provider.body.id}`)).html).toMatch(
      new RegExp(`value="${provider.body.id}"[^>]*selected|selected[^>]*value="${provider.body.id}"`),
    );
    const saved = await post('/console/intake', {
      intent: 'save',
      providerId: provider.body.id,
      postalCode: '',
      category: 'visiting',
      description: 'Besuchsdienst im Treff',
      scheduleKind: 'one-off',
      date: daysAhead(5),
      start: '14:00',
      end: '16:00',
      certificate: 'yes',
    });
    expect(saved.status).toBe(303);
    const [request] = await stack.dataSource.query(
      `SELECT source, provider_id AS "providerId", help_seeker_id AS "seekerId", postal_code AS "postalCode",
              street_address AS "street", requires_certificate AS "certificate"
         FROM help_request WHERE id = $1`,
      [requestIdOf(saved.location)],
    );
    expect(request).toEqual({
      source: 'provider',
      providerId: provider.body.id,
      seekerId: null,
      postalCode: '22765',
      street: 'Bahrenfelder Straße 12',
      certificate: true,
    });
  });

  describe('the public forms', () => {
    const helpForm = (overrides: Record<string, string>) => ({
      description: 'Bitte um Hilfe',
      date: daysAhead(4).split('-').reverse().join('.'),
      timeOfDay: 'morning',
      postalCode: '22765',
      phone: '040 7888111',
      consent: 'yes',
      ...overrides,
    });

    it('should ask language mediation for the language: required there, stored', async () => {
      const missing = await postPublic(
        '/help',
        helpForm({ category: 'interpreting', name: 'Leyla Sprache' }),
      );
      expect(missing.status).toBe(400);
      expect(missing.html).toContain('id="field-neededLanguage-error"');
      expect(await count(`SELECT count(*) AS n FROM help_seeker WHERE name = 'Leyla Sprache'`)).toBe(0);
      const sent = await postPublic(
        '/help',
        helpForm({ category: 'interpreting', name: 'Leyla Sprache', neededLanguage: 'ar' }),
      );
      expect(sent.status).toBe(303);
      const [request] = await stack.dataSource.query(
        `SELECT r.needed_language AS "language" FROM help_request r JOIN help_seeker s ON s.id = r.help_seeker_id
          WHERE s.name = 'Leyla Sprache'`,
      );
      expect(request).toEqual({ language: 'ar' });
    });

    it('should keep the street for help at home', async () => {
      const sent = await postPublic(
        '/help',
        helpForm({ category: 'visiting', name: 'Heinz Zuhause', streetAddress: 'Am Felde 3' }),
      );
      expect(sent.status).toBe(303);
      const [row] = await stack.dataSource.query(
        `SELECT s.street_address AS "seeker", r.street_address AS "request" FROM help_request r
           JOIN help_seeker s ON s.id = r.help_seeker_id WHERE s.name = 'Heinz Zuhause'`,
      );
      expect(row).toEqual({ seeker: 'Am Felde 3', request: 'Am Felde 3' });
    });

    it('should refuse a bad call-back with field errors and store nothing', async () => {
      const bad = await postPublic('/help/call-back', { name: 'B', phone: 'abc', postalCode: '123' });
      expect(bad.status).toBe(400);
      for (const field of ['name', 'phone', 'postalCode', 'consent']) {
        expect(bad.html).toContain(`id="field-${field}-error"`);
      }
      expect(await count(`SELECT count(*) AS n FROM help_seeker WHERE name = 'B'`)).toBe(0);
    });

    it('should ask volunteers for the birth date where a category has a minimum age, and check it is plausible', async () => {
      const page = await fetch(`${stack.baseUrl}/volunteer`).then((response) => response.text());
      expect(page).toContain('name="birthDate"');
      expect(page).toContain('Fahrdienst (ab 18 Jahren)');
      const form = (birthDate: string, email: string) => ({
        name: 'Bea Geburtstag',
        email,
        postalCode: '22765',
        maxTravelKm: '5',
        birthDate,
        languages: 'de',
        skills: 'visiting',
        availability: '2-morning',
        consent: 'yes',
      });
      for (const implausible of ['31.02.1980', '01.01.2020', '01.01.1890', 'gestern']) {
        const refused = await postPublic('/volunteer', form(implausible, 'bea.bad@example.org'));
        expect({ implausible, status: refused.status }).toEqual({ implausible, status: 400 });
        expect(refused.html).toContain('id="field-birthDate-error"');
        expect(refused.html).toContain(`value="${implausible}"`);
      }
      expect(await count(`SELECT count(*) AS n FROM volunteer WHERE email = 'bea.bad@example.org'`)).toBe(0);
      const sent = await postPublic('/volunteer', form('12.04.1961', 'bea@example.org'));
      expect(sent.html.match(/field-[A-Za-z]+-error"/g)).toBeNull();
      expect(sent.status).toBe(303);
      const [volunteer] = await stack.dataSource.query(
        `SELECT birth_date::text AS "birthDate" FROM volunteer WHERE email = 'bea@example.org'`,
      );
      expect(volunteer).toEqual({ birthDate: '1961-04-12' });
    });
  });

  it('should ask an eFZ for homework help asked on the public form, as staff intake does, and none for shopping', async () => {
    const needsCertificate = async (category: string) => {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
        body: publicHelpRequestBody({ category, description: 'Bitte um Hilfe, etwa eine Stunde pro Woche.' }),
      });
      expect(created.status).toBe(201);
      const [row] = await stack.dataSource.query(
        `SELECT requires_certificate AS "requiresCertificate" FROM help_request WHERE id = $1`,
        [created.body.id],
      );
      return row.requiresCertificate as boolean;
    };
    await expect(needsCertificate('homework-help')).resolves.toBe(true);
    await expect(needsCertificate('shopping')).resolves.toBe(false);
  });
});
