import { randomUUID } from 'node:crypto';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { daysAhead, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { expectErrorShape } from '../helpers/assertions';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const DESCRIPTION = 'Einkauf, Frau Petersen ist Diabetikerin und braucht Insulin aus dem Kühlschrank';
const SUMMARY = 'Wocheneinkauf im Supermarkt, etwa eine Stunde, Liste liegt bereit';

/**
 * Staff edit a request and a help-seeker (issue 12, "Edit"): every edit audited with before and
 * after; an edit that changes who fits withdraws offers that no longer fit (a fitting one stays)
 * and matches the proposals again; volunteers read the staff-approved short text, never the
 * help-seeker's description; closed requests refuse; bad input stores nothing.
 */
describe('edit a request and a help-seeker', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let staffId: string;
  let cookie: string;
  let csrf: string;
  const volunteers: Record<'turkishA' | 'germanB' | 'turkishC' | 'germanD', { id: string; email: string }> =
    {} as never;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    staffId = staff.id;
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const speaks = {
      turkishA: [
        { code: 'de', level: 'native' },
        { code: 'tr', level: 'C1' },
      ],
      germanB: [{ code: 'de', level: 'native' }],
      turkishC: [
        { code: 'de', level: 'C1' },
        { code: 'tr', level: 'native' },
      ],
      germanD: [{ code: 'de', level: 'native' }],
    };
    for (const [key, languages] of Object.entries(speaks)) {
      const body = volunteerBody({
        name: `Vol ${key}`,
        languages,
        maxOffersPerWeek: 10,
        maxOpenAssignments: 5,
      });
      const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', { token, body });
      expect(created.status).toBe(201);
      volunteers[key as keyof typeof volunteers] = { id: created.body.id, email: body.email as string };
    }
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  /** A phone intake, matched by the worker; resolves once the four volunteers are proposed. */
  async function matchedRequest(): Promise<{ requestId: string; seekerId: string }> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/staff/help-requests', {
      token,
      body: {
        category: 'shopping',
        description: DESCRIPTION,
        postalCode: '22765',
        streetAddress: 'Kleine Rosenstraße 17',
        schedule: { kind: 'one-off', date: daysAhead(4), start: '10:00', end: '11:30' },
        helpSeeker: { name: 'Kim Petersen', phone: '040 9876543', preferredContact: 'phone' },
        consent: { dataProcessing: true },
      },
    });
    expect(created.status).toBe(201);
    const requestId = created.body.id as string;
    await eventually('four proposals', async () => (await proposals(requestId)).length === 4);
    const [{ seekerId }] = await stack.dataSource.query(
      `SELECT help_seeker_id AS "seekerId" FROM help_request WHERE id = $1`,
      [requestId],
    );
    return { requestId, seekerId };
  }

  async function proposals(
    requestId: string,
  ): Promise<{ id: string; volunteerId: string; status: string }[]> {
    return stack.dataSource.query(
      `SELECT m.id, m.volunteer_id AS "volunteerId", m.status FROM match m
        JOIN help_request r ON r.id = m.request_id
       WHERE m.request_id = $1 AND r.status <> 'matching' ORDER BY m.rank`,
      [requestId],
    );
  }

  async function matchOf(
    requestId: string,
    volunteerId: string,
  ): Promise<{ id: string; status: string } | undefined> {
    const [row] = await stack.dataSource.query(
      `SELECT id, status FROM match WHERE request_id = $1 AND volunteer_id = $2`,
      [requestId, volunteerId],
    );
    return row;
  }

  async function stored(requestId: string) {
    const [row] = await stack.dataSource.query(
      `SELECT category, description, volunteer_summary AS "volunteerSummary", urgency, street_address AS "streetAddress",
              needed_language AS "neededLanguage", requires_certificate AS "requiresCertificate", schedule,
              starts_at AS "startsAt", status, matching_round AS "matchingRound", updated_at AS "updatedAt"
         FROM help_request WHERE id = $1`,
      [requestId],
    );
    return row;
  }

  async function postForm(path: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams({ _csrf: csrf });
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        body.append(name, item);
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

  async function getPage(path: string) {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  }

  it('should edit the fields, audit before and after, and send volunteers only the short text', async () => {
    const { requestId } = await matchedRequest();
    const edited = await requestJson(stack.baseUrl, 'PATCH', `/api/v1/staff/help-requests/${requestId}`, {
      token,
      body: {
        volunteerSummary: SUMMARY,
        urgency: 'high',
        streetAddress: 'Kleine Rosenstraße 19',
        schedule: {
          kind: 'weekly',
          from: daysAhead(6),
          slots: [{ weekday: 2, start: '09:00', end: '11:00' }],
        },
      },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.changed.sort()).toEqual(['schedule', 'streetAddress', 'urgency', 'volunteerSummary']);
    // The schedule decides who fits: the proposals are matched again (all four are free all week).
    expect(edited.body.rematched).toBe(true);
    const row = await stored(requestId);
    expect(row).toMatchObject({
      volunteerSummary: SUMMARY,
      urgency: 'high',
      streetAddress: 'Kleine Rosenstraße 19',
    });
    expect(row.schedule).toEqual({
      kind: 'weekly',
      from: daysAhead(6),
      slots: [{ weekday: 2, start: '09:00', end: '11:00' }],
    });
    // starts_at follows the new schedule: the first Tuesday on or after `from`.
    expect(new Date(row.startsAt).getTime()).toBeGreaterThanOrEqual(
      new Date(`${daysAhead(6)}T00:00:00Z`).getTime() - 2 * 3600_000,
    );
    const [audit] = await stack.dataSource.query(
      `SELECT staff_user_id AS "staffUserId", details FROM audit_log
        WHERE action = 'help-request.edited' AND entity_id = $1`,
      [requestId],
    );
    expect(audit.staffUserId).toBe(staffId);
    expect(audit.details.before).toMatchObject({
      urgency: 'normal',
      volunteerSummary: null,
      streetAddress: 'Kleine Rosenstraße 17',
    });
    expect(audit.details.after).toMatchObject({
      urgency: 'high',
      volunteerSummary: SUMMARY,
      streetAddress: 'Kleine Rosenstraße 19',
    });

    // The same edit again changes nothing and writes no second audit entry.
    const again = await requestJson(stack.baseUrl, 'PATCH', `/api/staff/help-requests/${requestId}`, {
      token,
      body: { urgency: 'high' },
    });
    expect(again.body.changed).toEqual([]);

    // The offer email: the approved short text, never the description.
    await eventually('proposals again', async () => (await proposals(requestId)).length === 4);
    const match = await matchOf(requestId, volunteers.turkishA.id);
    const before = smtp.messages.length;
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${match!.id}/approve`, { token })).status,
    ).toBe(200);
    const messages = await smtp.waitForMessages(before + 1);
    const offer = messages.find((mail) =>
      [mail.to].flat().some((to) => JSON.stringify(to).includes(volunteers.turkishA.email)),
    );
    expect(offer).toBeDefined();
    const text = `${offer!.subject} ${offer!.text} ${offer!.html}`;
    expect(text).toContain(SUMMARY);
    expect(text).not.toContain('Diabetikerin');
    expect(text).not.toContain('Insulin');
  });

  it('should use a neutral category text for volunteers when staff approved no short text', async () => {
    const { requestId } = await matchedRequest();
    const match = await matchOf(requestId, volunteers.germanD.id);
    const before = smtp.messages.length;
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${match!.id}/approve`, { token })).status,
    ).toBe(200);
    const messages = await smtp.waitForMessages(before + 1);
    const offer = messages
      .slice(before)
      .find((mail) => JSON.stringify(mail.to).includes(volunteers.germanD.email));
    const text = `${offer!.text}`;
    expect(text).toContain('Die Einzelheiten besprechen wir mit Ihnen, sobald Sie zugesagt haben.');
    expect(text).not.toContain('Diabetikerin');
  });

  it('should withdraw an offer that no longer fits, keep a fitting one, and drop proposals that no longer fit', async () => {
    const { requestId } = await matchedRequest();
    const offerA = await matchOf(requestId, volunteers.turkishA.id);
    const offerB = await matchOf(requestId, volunteers.germanB.id);
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${offerA!.id}/approve`, { token }))
        .status,
    ).toBe(200);
    // A second offer out at the same time (as after a phone call): B does not speak Turkish.
    await stack.dataSource.query(`UPDATE match SET status = 'offered', offered_at = now() WHERE id = $1`, [
      offerB!.id,
    ]);

    const edited = await requestJson(stack.baseUrl, 'PATCH', `/api/staff/help-requests/${requestId}`, {
      token,
      body: { neededLanguage: 'tr' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      changed: ['neededLanguage'],
      offersWithdrawn: 1,
      proposalsDropped: 1,
      rematched: false,
    });
    expect((await matchOf(requestId, volunteers.turkishA.id))!.status).toMatch(/^(approved|offered)$/);
    expect((await matchOf(requestId, volunteers.germanB.id))!.status).toBe('withdrawn');
    // C speaks Turkish and waits behind the offer; D does not and is gone.
    expect((await matchOf(requestId, volunteers.turkishC.id))!.status).toBe('proposed');
    expect(await matchOf(requestId, volunteers.germanD.id)).toBeUndefined();
    const [audit] = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'help-request.edited' AND entity_id = $1`,
      [requestId],
    );
    expect(audit.details).toMatchObject({
      before: { neededLanguage: null },
      after: { neededLanguage: 'tr' },
      offersWithdrawn: 1,
    });
  });

  it('should match the proposals again after a console edit that changes who fits', async () => {
    const { requestId } = await matchedRequest();
    const edit = await getPage(`/console/requests/${requestId}/edit`);
    expect(edit.status).toBe(200);
    expect(edit.html).toContain('Kurztext für Freiwillige');
    const posted = await postForm(`/console/requests/${requestId}/edit`, {
      category: 'shopping',
      urgency: 'normal',
      description: DESCRIPTION,
      volunteerSummary: '',
      neededSkills: ['shopping'],
      neededLanguage: 'tr',
      requiresCertificateWas: '',
      scheduleKind: 'one-off',
      date: daysAhead(4),
      start: '10:00',
      end: '11:30',
      from: '',
      slots: '',
      streetAddress: 'Kleine Rosenstraße 17',
      postalCode: '22765',
    });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe(`/console/requests/${requestId}?done=saved`);
    const rematched = await eventually('the new round', async () => {
      const row = await stored(requestId);
      return row.status === 'proposals-ready' && row.matchingRound === 2 ? proposals(requestId) : null;
    });
    expect(rematched.map((m) => m.volunteerId).sort()).toEqual(
      [volunteers.turkishA.id, volunteers.turkishC.id].sort(),
    );
    const page = await getPage(`/console/requests/${requestId}`);
    expect(page.html).toContain('Anfrage bearbeiten');
    expect(page.html).toContain('Die Einzelheiten besprechen wir mit Ihnen');
  });

  it('should refuse to edit a closed request', async () => {
    const { requestId } = await matchedRequest();
    expect(
      (
        await requestJson(stack.baseUrl, 'POST', `/api/staff/help-requests/${requestId}/close`, {
          token,
          body: { status: 'cancelled' },
        })
      ).status,
    ).toBe(200);
    const refused = await requestJson(stack.baseUrl, 'PATCH', `/api/staff/help-requests/${requestId}`, {
      token,
      body: { urgency: 'high' },
    });
    expectErrorShape(refused, 409);
    expect((await stored(requestId)).urgency).toBe('normal');
    expect((await getPage(`/console/requests/${requestId}/edit`)).status).toBe(409);
    expect((await postForm(`/console/requests/${requestId}/edit`, { urgency: 'high' })).status).toBe(409);
  });

  it('should answer bad input with a 4xx or the form with field errors, storing nothing', async () => {
    const { requestId } = await matchedRequest();
    const before = await stored(requestId);
    const path = `/api/staff/help-requests/${requestId}`;
    for (const body of [
      { category: 'no-such-category' },
      { urgency: 'urgent' },
      { neededSkills: ['no-such-skill'] },
      { neededLanguage: 'xx-yy-zz' },
      { volunteerSummary: 'x'.repeat(301) },
      { description: 'x' },
      { postalCode: '1234' },
      { postalCode: '00000' },
      { requiresCertificate: 'yes' },
      { schedule: { kind: 'one-off', date: daysAhead(-2), start: '10:00', end: '11:00' } },
      { schedule: { kind: 'one-off', date: daysAhead(2), start: '12:00', end: '11:00' } },
      { schedule: { kind: 'weekly', slots: [] } },
      {
        schedule: {
          kind: 'weekly',
          from: '2026-02-31',
          slots: [{ weekday: 2, start: '09:00', end: '10:00' }],
        },
      },
      { schedule: 'tomorrow' },
    ]) {
      const answer = await requestJson(stack.baseUrl, 'PATCH', path, { token, body });
      expect([answer.status, body]).toEqual([400, body]);
      expectErrorShape(answer, 400);
    }
    expectErrorShape(
      await requestJson(stack.baseUrl, 'PATCH', `/api/staff/help-requests/${randomUUID()}`, {
        token,
        body: { urgency: 'high' },
      }),
      404,
    );
    expect((await requestJson(stack.baseUrl, 'PATCH', path, { body: { urgency: 'high' } })).status).toBe(401);
    const form = await postForm(`/console/requests/${requestId}/edit`, {
      category: 'shopping',
      urgency: 'high',
      description: 'x',
      scheduleKind: 'weekly',
      slots: 'Blursday 09:00-10:00',
      postalCode: '22765',
    });
    expect(form.status).toBe(400);
    expect(form.html).toContain('aria-invalid="true"');
    expect(form.html).toContain('field-description-error');
    expect(await stored(requestId)).toEqual(before);
  });

  it('should edit a help-seeker with a contact person and health details only with consent', async () => {
    const { requestId, seekerId } = await matchedRequest();
    const path = `/api/v1/staff/help-seekers/${seekerId}`;
    const person = async () =>
      (
        await stack.dataSource.query(
          `SELECT name, salutation, accessibility_needs AS "accessibilityNeeds", contact_person_name AS "contactPersonName",
                  contact_person_relationship AS "contactPersonRelationship", contact_person_phone AS "contactPersonPhone"
             FROM help_seeker WHERE id = $1`,
          [seekerId],
        )
      )[0];
    const before = await person();

    // Needs without consent, and half a contact person: refused with the field, nothing stored.
    const noConsent = await requestJson(stack.baseUrl, 'PATCH', path, {
      token,
      body: { accessibilityNeeds: ['Rollstuhl'] },
    });
    expectErrorShape(noConsent, 400);
    expect(JSON.stringify(noConsent.body)).toContain('accessibilityNeeds');
    const half = await requestJson(stack.baseUrl, 'PATCH', path, {
      token,
      body: { contactPersonName: 'Frauke Petersen', contactPersonRelationship: 'relative' },
    });
    expectErrorShape(half, 400);
    expect(JSON.stringify(half.body)).toContain('contactPersonPhone');
    for (const body of [
      { salutation: 'madame' },
      { contactPersonRelationship: 'cousin' },
      { phone: 'call me' },
      { email: 'not-an-email' },
      // A lone surrogate made the email validator throw (a 500): it is bad input.
      { email: 'kim\ud800@example.org' },
      { preferredContact: 'pigeon' },
      { postalCode: '99' },
      { accessibilityNeeds: 'Rollstuhl', healthDataConsent: true },
      { healthDataConsent: 'yes' },
      { preferredContact: 'email' },
    ]) {
      const answer = await requestJson(stack.baseUrl, 'PATCH', path, { token, body });
      expect([answer.status, body]).toEqual([400, body]);
    }
    expect(await person()).toEqual(before);
    const form = await postForm(`/console/help-seekers/${seekerId}/edit`, {
      name: 'Kim Petersen',
      salutation: 'frau',
      phone: '040 9876543',
      preferredContact: 'phone',
      preferredLanguage: 'de',
      postalCode: '22765',
      accessibilityNeeds: 'Rollstuhl',
    });
    expect(form.status).toBe(400);
    expect(form.html).toContain('field-accessibilityNeeds-error');
    expect(await person()).toEqual(before);

    // With the oral consent recorded: stored, consent on record, audited with before and after.
    const saved = await postForm(`/console/help-seekers/${seekerId}/edit`, {
      back: requestId,
      name: 'Kim Petersen',
      salutation: 'frau',
      phone: '040 9876543',
      preferredContact: 'phone',
      preferredLanguage: 'de',
      postalCode: '22765',
      accessibilityNeeds: 'Rollstuhl, Hörgerät',
      healthDataConsent: 'on',
      contactPersonName: 'Frauke Petersen',
      contactPersonRelationship: 'relative',
      contactPersonPhone: '040 5550001',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/console/requests/${requestId}?done=saved`);
    expect(await person()).toEqual({
      name: 'Kim Petersen',
      salutation: 'frau',
      accessibilityNeeds: ['Rollstuhl', 'Hörgerät'],
      contactPersonName: 'Frauke Petersen',
      contactPersonRelationship: 'relative',
      contactPersonPhone: '040 5550001',
    });
    const consents = await stack.dataSource.query(
      `SELECT mode, recorded_by_staff_id AS "recordedBy" FROM consent_record
        WHERE subject_id = $1 AND purpose = 'health-data' AND withdrawn_at IS NULL`,
      [seekerId],
    );
    expect(consents).toEqual([{ mode: 'oral', recordedBy: staffId }]);
    const [audit] = await stack.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'help-seeker.edited' AND entity_id = $1`,
      [seekerId],
    );
    expect(audit.details).toMatchObject({
      before: { salutation: 'none', contactPersonName: null, accessibilityNeeds: [] },
      after: {
        salutation: 'frau',
        contactPersonName: 'Frauke Petersen',
        accessibilityNeeds: ['Rollstuhl', 'Hörgerät'],
      },
      healthConsentRecorded: true,
    });
    const page = await getPage(`/console/requests/${requestId}`);
    expect(page.html).toContain('Frauke Petersen');
    expect(page.html).toContain('Rollstuhl, Hörgerät');

    // The API: the contact person goes (all three at once); the consent on record covers needs.
    const cleared = await requestJson(stack.baseUrl, 'PATCH', path, {
      token,
      body: {
        contactPersonName: null,
        contactPersonRelationship: null,
        contactPersonPhone: null,
        accessibilityNeeds: ['Rollstuhl'],
      },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ contactPersonName: null, accessibilityNeeds: ['Rollstuhl'] });

    // Art. 15 export names the new fields; erasure blanks them.
    await requestJson(stack.baseUrl, 'PATCH', path, {
      token,
      body: {
        contactPersonName: 'Frauke Petersen',
        contactPersonRelationship: 'relative',
        contactPersonPhone: '040 5550001',
      },
    });
    const exported = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-seekers/${seekerId}/export`, {
      token,
    });
    expect(exported.body.person).toMatchObject({
      salutation: 'frau',
      contactPersonName: 'Frauke Petersen',
      contactPersonPhone: '040 5550001',
    });
    expect(
      (
        await requestJson(stack.baseUrl, 'POST', `/api/staff/help-seekers/${seekerId}/erase`, {
          token,
          body: { reason: 'person-asked', confirm: true },
        })
      ).status,
    ).toBe(200);
    expect(await person()).toMatchObject({
      salutation: 'none',
      accessibilityNeeds: [],
      contactPersonName: null,
      contactPersonRelationship: null,
      contactPersonPhone: null,
    });
  });
});
