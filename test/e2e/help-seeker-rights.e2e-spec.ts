import { randomUUID } from 'node:crypto';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { daysAhead, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { expectErrorShape } from '../helpers/assertions';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { startTestStack, TestStack } from '../helpers/test-stack';

/** A phone intake with everything personal: contact, street, health details (with consent). */
function intakeBody(
  person: { name: string; phone: string; email: string; street: string },
  description: string,
) {
  return {
    category: 'shopping',
    description,
    postalCode: '22765',
    streetAddress: person.street,
    schedule: { kind: 'one-off', date: daysAhead(3), start: '10:00', end: '11:30' },
    helpSeeker: {
      name: person.name,
      phone: person.phone,
      email: person.email,
      streetAddress: person.street,
      preferredContact: 'phone',
      accessibilityNeeds: ['wheelchair'],
    },
    consent: { dataProcessing: true, healthData: true },
  };
}

/** Every row of every table, as text: which still hold one of the needles. */
async function leftoversOf(stack: TestStack, needles: string[]): Promise<string[]> {
  const tables: { table_name: string }[] = await stack.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  expect(tables.length).toBeGreaterThan(10);
  const leftovers: string[] = [];
  for (const { table_name: table } of tables) {
    for (const needle of needles) {
      const [{ n }] = await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM "${table}" t WHERE t::text ILIKE '%' || $1 || '%'`,
        [needle],
      );
      if (n > 0) {
        leftovers.push(`${table}: ${n} × ${needle}`);
      }
    }
  }
  return leftovers;
}

/**
 * A help-seeker's rights through staff: the export (Art. 15), erasure with statistics kept
 * (Art. 17, checked row by row in every table) and withdrawal of consent (Art. 7(3), 9).
 */
describe('help-seeker rights: export, erasure, withdrawal of consent', () => {
  const PERSON = {
    name: 'Hiltrud Hilfesuch',
    phone: '040 9876543',
    email: 'hiltrud.hilfesuch@example.org',
    street: 'Kleine Rosenstraße 17',
  };
  const DESCRIPTION = 'Einkauf für Hiltrud, Rollstuhl passt nicht in den Aufzug';
  const NOTE = 'Hiltrud ruft lieber morgens an, Tochter heißt Frauke Hilfesuch';
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let staffId: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    staffId = staff.id;
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function intake(
    person: typeof PERSON,
    description: string,
  ): Promise<{ requestId: string; seekerId: string }> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: intakeBody(person, description),
    });
    expect(created.status).toBe(201);
    const [{ seekerId }] = await stack.dataSource.query(
      `SELECT help_seeker_id AS "seekerId" FROM help_request WHERE id = $1`,
      [created.body.id],
    );
    return { requestId: created.body.id, seekerId };
  }

  it('should export, refuse erasure while a call is due, then erase every trace and keep the statistics', async () => {
    const { requestId, seekerId } = await intake(PERSON, DESCRIPTION);
    // What the rest of the agency's work adds around the person: a note, a volunteer with an offer,
    // an email about it still waiting (its stored text names the person), a call task.
    await stack.dataSource.query(
      `INSERT INTO help_request_note (request_id, staff_user_id, body) VALUES ($1, $2, $3)`,
      [requestId, staffId, NOTE],
    );
    const volunteer = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ name: 'Vroni Freiwillig', email: 'vroni@example.org' }),
    });
    expect(volunteer.status).toBe(201);
    const [{ id: matchId }] = await stack.dataSource.query(
      `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, offered_at)
       VALUES ($1, $2, 0.9, 1, 1.2, '{}'::jsonb, 'offered', now()) RETURNING id`,
      [requestId, volunteer.body.id],
    );
    await stack.dataSource.query(
      `INSERT INTO notification (kind, subject_id, recipient, status, message_id, composed_email)
       VALUES ('volunteer-offer', $1, 'vroni@example.org', 'composed', $2, $3::jsonb)`,
      [
        matchId,
        `<${randomUUID()}@nahbar.test>`,
        JSON.stringify({
          to: 'vroni@example.org',
          subject: 'Anfrage',
          text: `${PERSON.name}, ${PERSON.street}`,
        }),
      ],
    );
    const [{ id: taskId }] = await stack.dataSource.query(
      `INSERT INTO call_task (reason, match_id, help_request_id, help_seeker_id) VALUES ('match-accepted', $1, $2, $3)
       RETURNING id`,
      [matchId, requestId, seekerId],
    );
    // A read of the request is audited (and may name the person in its details).
    expect(
      (await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}`, { token })).status,
    ).toBe(200);

    // Art. 15: everything about the person, the volunteer by first name only.
    const exported = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-seekers/${seekerId}/export`, {
      token,
    });
    expect(exported.status).toBe(200);
    expect(exported.body.person).toMatchObject({
      name: PERSON.name,
      phone: PERSON.phone,
      email: PERSON.email,
      streetAddress: PERSON.street,
      accessibilityNeeds: ['wheelchair'],
    });
    expect(exported.body.requests).toEqual([
      expect.objectContaining({ id: requestId, description: DESCRIPTION }),
    ]);
    expect(exported.body.consents.map((c: { purpose: string }) => c.purpose).sort()).toEqual([
      'data-processing',
      'health-data',
    ]);
    expect(exported.body.notes).toEqual([expect.objectContaining({ body: NOTE })]);
    expect(exported.body.callTasks).toEqual([expect.objectContaining({ status: 'open' })]);
    expect(exported.body.matches).toEqual([
      expect.objectContaining({ volunteerFirstName: 'Vroni', status: 'offered' }),
    ]);
    expect(JSON.stringify(exported.body)).not.toContain('vroni@example.org');
    expect(JSON.stringify(exported.body)).not.toContain('Freiwillig');
    const [{ exports }] = await stack.dataSource.query(
      `SELECT count(*)::int AS exports FROM audit_log WHERE action = 'help-seeker.exported' AND entity_id = $1 AND staff_user_id = $2`,
      [seekerId, staffId],
    );
    expect(exports).toBe(1);

    // Bad input: precise 4xx, nothing changed.
    const erasePath = `/api/staff/help-seekers/${seekerId}/erase`;
    expectErrorShape(
      await requestJson(stack.baseUrl, 'POST', erasePath, { token, body: { reason: 'person-asked' } }),
      400,
    );
    expectErrorShape(
      await requestJson(stack.baseUrl, 'POST', erasePath, {
        token,
        body: { reason: 'because', confirm: true },
      }),
      400,
    );
    expectErrorShape(
      await requestJson(stack.baseUrl, 'POST', `/api/staff/help-seekers/${randomUUID()}/erase`, {
        token,
        body: { reason: 'person-asked', confirm: true },
      }),
      404,
    );
    // The open call task still needs the number: refused with a reason, nothing erased.
    const refused = await requestJson(stack.baseUrl, 'POST', erasePath, {
      token,
      body: { reason: 'person-asked', confirm: true },
    });
    expectErrorShape(refused, 409);
    expect(JSON.stringify(refused.body)).toContain('call task');
    expect((await leftoversOf(stack, [PERSON.phone])).length).toBeGreaterThan(0);

    await stack.dataSource.query(`UPDATE call_task SET status = 'done', done_at = now() WHERE id = $1`, [
      taskId,
    ]);
    const erased = await requestJson(stack.baseUrl, 'POST', erasePath, {
      token,
      body: { reason: 'person-asked', confirm: true },
    });
    expect(erased.status).toBe(200);
    expect(erased.body).toEqual({ erased: true, requestsClosed: 1 });

    expect(
      await leftoversOf(stack, [
        PERSON.name,
        'Hiltrud',
        'Hilfesuch',
        PERSON.phone,
        PERSON.email,
        PERSON.street,
        'Rosenstraße',
        'Rollstuhl',
        'Frauke',
      ]),
    ).toEqual([]);

    // The statistics stay: category, place, dates, statuses; open offers withdrawn, emails cancelled.
    const [request] = await stack.dataSource.query(
      `SELECT category, postal_code, district, status, closed_at IS NOT NULL AS closed, created_at IS NOT NULL AS dated
         FROM help_request WHERE id = $1`,
      [requestId],
    );
    expect(request).toMatchObject({
      category: 'shopping',
      postal_code: '22765',
      status: 'cancelled',
      closed: true,
      dated: true,
    });
    expect(request.district).toBeTruthy();
    const [match] = await stack.dataSource.query(`SELECT status FROM match WHERE id = $1`, [matchId]);
    expect(match.status).toBe('withdrawn');
    const [notification] = await stack.dataSource.query(
      `SELECT status, composed_email FROM notification WHERE subject_id = $1`,
      [matchId],
    );
    expect(notification).toEqual({ status: 'cancelled', composed_email: null });
    const [entry] = await stack.dataSource.query(
      `SELECT staff_user_id, details FROM audit_log WHERE action = 'help-seeker.erased' AND entity_id = $1`,
      [seekerId],
    );
    expect(entry).toEqual({
      staff_user_id: staffId,
      details: { reason: 'person-asked', requestsClosed: 1, alreadyErased: false },
    });
  });

  it('should record a withdrawal: health data removes the health details, data processing erases the person', async () => {
    const other = {
      name: 'Waltraud Widerruf',
      phone: '040 5551234',
      email: 'waltraud@example.org',
      street: 'Holstenstraße 3',
    };
    const { requestId, seekerId } = await intake(other, 'Begleitung zum Arzt');
    const withdrawPath = `/api/staff/help-seekers/${seekerId}/consents/withdraw`;
    expectErrorShape(
      await requestJson(stack.baseUrl, 'POST', withdrawPath, { token, body: { purpose: 'volunteer-pool' } }),
      400,
    );

    const health = await requestJson(stack.baseUrl, 'POST', withdrawPath, {
      token,
      body: { purpose: 'health-data' },
    });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ withdrawn: 1, erased: false });
    const consents = async () =>
      stack.dataSource.query(
        `SELECT purpose, withdrawn_at IS NOT NULL AS withdrawn FROM consent_record WHERE subject_id = $1 ORDER BY purpose`,
        [seekerId],
      );
    expect(await consents()).toEqual([
      { purpose: 'data-processing', withdrawn: false },
      { purpose: 'health-data', withdrawn: true },
    ]);
    const [seeker] = await stack.dataSource.query(
      `SELECT name, accessibility_needs FROM help_seeker WHERE id = $1`,
      [seekerId],
    );
    expect(seeker).toEqual({ name: other.name, accessibility_needs: [] });

    const processing = await requestJson(stack.baseUrl, 'POST', withdrawPath, {
      token,
      body: { purpose: 'data-processing' },
    });
    expect(processing.status).toBe(200);
    expect(processing.body).toEqual({ withdrawn: 1, erased: true });
    expect(await consents()).toEqual([
      { purpose: 'data-processing', withdrawn: true },
      { purpose: 'health-data', withdrawn: true },
    ]);
    expect(await leftoversOf(stack, [other.name, other.phone, other.email, other.street])).toEqual([]);
    const [request] = await stack.dataSource.query(`SELECT status FROM help_request WHERE id = $1`, [
      requestId,
    ]);
    expect(request.status).toBe('cancelled');
  });
  it('should offer the rights on the console request page: download, withdrawal, erasure only when confirmed', async () => {
    const third = {
      name: 'Konstanze Konsole',
      phone: '040 5550001',
      email: 'konstanze@example.org',
      street: 'Bahrenfelder Straße 9',
    };
    const { requestId, seekerId } = await intake(third, 'Hilfe beim Tragen der Wasserkisten');
    const cookie = `nahbar_staff=${token}`;
    const csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const post = async (path: string, form: Record<string, string>) =>
      fetch(`${stack.baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...form }),
        redirect: 'manual',
      });
    const nameNow = async (): Promise<string> =>
      (await stack.dataSource.query(`SELECT name FROM help_seeker WHERE id = $1`, [seekerId]))[0].name;

    const html = await (
      await fetch(`${stack.baseUrl}/console/requests/${requestId}`, { headers: { cookie } })
    ).text();
    expect(html).toContain(`href="/console/help-seekers/${seekerId}/export"`);
    expect(html).toContain(`action="/console/help-seekers/${seekerId}/erase"`);
    expect(html).toContain(`action="/console/help-seekers/${seekerId}/withdraw"`);

    const download = await fetch(`${stack.baseUrl}/console/help-seekers/${seekerId}/export`, {
      headers: { cookie },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect((await download.json()).person.name).toBe(third.name);

    // Without the tick, or with a made-up reason: 400, nothing erased.
    expect(
      (await post(`/console/help-seekers/${seekerId}/erase`, { requestId, reason: 'person-asked' })).status,
    ).toBe(400);
    expect(
      (await post(`/console/help-seekers/${seekerId}/erase`, { requestId, reason: 'whim', confirm: 'yes' }))
        .status,
    ).toBe(400);
    expect(await nameNow()).toBe(third.name);

    const withdrawn = await post(`/console/help-seekers/${seekerId}/withdraw`, {
      requestId,
      purpose: 'health-data',
    });
    expect(withdrawn.status).toBe(303);
    expect(withdrawn.headers.get('location')).toBe(`/console/requests/${requestId}?done=health-withdrawn`);
    const [{ needs }] = await stack.dataSource.query(
      `SELECT accessibility_needs AS needs FROM help_seeker WHERE id = $1`,
      [seekerId],
    );
    expect(needs).toEqual([]);

    const erased = await post(`/console/help-seekers/${seekerId}/erase`, {
      requestId,
      reason: 'consent-withdrawn',
      confirm: 'yes',
    });
    expect(erased.status).toBe(303);
    expect(erased.headers.get('location')).toBe(`/console/requests/${requestId}?done=erased`);
    expect(await nameNow()).toBe('–');
    const [{ withdrawnAt }] = await stack.dataSource.query(
      `SELECT withdrawn_at AS "withdrawnAt" FROM consent_record WHERE subject_id = $1 AND purpose = 'data-processing'`,
      [seekerId],
    );
    expect(withdrawnAt).not.toBeNull();
    const after = await (
      await fetch(`${stack.baseUrl}/console/requests/${requestId}?done=erased`, { headers: { cookie } })
    ).text();
    expect(after).not.toContain(third.name);
    expect(after).toContain('Die Daten der Person sind gelöscht');
  });
  it('should audit reads of contact data: a volunteer profile in the console and the people the intake duplicate check shows', async () => {
    const cookie = `nahbar_staff=${token}`;
    const csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const audits = async (action: string, entityId: string): Promise<number> =>
      (
        await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2 AND staff_user_id = $3`,
          [action, entityId, staffId],
        )
      )[0].n;

    const volunteer = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ name: 'Paula Profil' }),
    });
    expect(volunteer.status).toBe(201);
    const profile = await fetch(`${stack.baseUrl}/console/volunteers/${volunteer.body.id}`, {
      headers: { cookie },
    });
    expect(profile.status).toBe(200);
    expect(await audits('volunteer.viewed', volunteer.body.id)).toBe(1);

    const known = {
      name: 'Dora Doppelt',
      phone: '040 5557777',
      email: 'dora@example.org',
      street: 'Am Felde 2',
    };
    const { seekerId } = await intake(known, 'Einkauf');
    const form = new URLSearchParams({
      _csrf: csrf,
      name: known.name,
      phone: known.phone,
      preferredContact: 'phone',
      category: 'shopping',
      description: 'Einkauf, zweites Mal',
      postalCode: '22765',
      date: daysAhead(4),
      start: '10:00',
      end: '11:00',
      urgency: 'normal',
      consent: 'yes',
    });
    const shown = await fetch(`${stack.baseUrl}/console/intake`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      redirect: 'manual',
    });
    const html = await shown.text();
    expect([shown.status, html.includes(known.phone)]).toEqual([200, true]);
    expect(await audits('help-seeker.duplicate-shown', seekerId)).toBe(1);
  });
});
