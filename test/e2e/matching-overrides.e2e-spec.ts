import { csrfTokenFor } from '../../src/web/console/csrf';
import { MatchDecisionsService } from '../../src/matching/match-decisions.service';
import { MatchingSettingsService } from '../../src/settings/matching-settings.service';
import { StaffDigestEmail } from '../../src/web/emails/staff-digest-email.service';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { recipientOf } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';
import { weekdayOf } from '../../src/shared/schedule';
import { berlinInstant } from '../../src/shared/berlin-time';

/*
 * Issue 12, the engine's part, through the real stack (API, worker, PostgreSQL, Redis, SMTP):
 * double booking, overrides with a reason, safeguarding refusals, placements agreed by phone,
 * no-shows in the score, the answer deadline before the appointment with escalation, and ranks
 * that follow the score after a re-match. Each scenario has its own postal code and volunteers who
 * travel at most 1 km: 22765 double booking · 22523 overrides · 22587 no-shows · 20095 deadline ·
 * 20257 ranks.
 */

interface MatchRow {
  id: string;
  volunteerId: string;
  status: string;
  rank: number;
  score: number;
  overrideReason: string | null;
  overriddenRules: string[] | null;
  acceptedOnBehalfByStaffId: string | null;
  attendance: string | null;
  offerExpiresAt: string | null;
  breakdown: Record<string, { explanation: { de: string; en: string } }>;
}

interface RequestView {
  id: string;
  status: string;
  helpSeekerId: string;
  matchingSummary: { exclusionCounts: Record<string, number> } | null;
  matches: MatchRow[];
}

describe('matching engine: double booking, overrides, phone placements, no-shows, deadlines, ranks', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let staffId: string;
  let adminToken: string;
  let cookie: string;
  let csrf: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const coordinator = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    staffId = coordinator.id;
    token = await loginAs(stack.baseUrl, coordinator.email, STAFF_PASSWORD);
    cookie = `nahbar_staff=${token}`;
    csrf = csrfTokenFor(token, stack.config.LINK_SECRET);
    const admin = await createStaffUser(stack.dataSource, { email: 'ada@agency.test', role: 'admin' });
    adminToken = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function volunteer(
    overrides: Record<string, unknown>,
  ): Promise<{ id: string; email: string; name: string }> {
    const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ maxTravelKm: 1, ...overrides }),
    });
    expect(status).toBe(201);
    return body;
  }

  async function submit(overrides: Record<string, unknown>): Promise<string> {
    const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(overrides),
    });
    expect(status).toBe(201);
    return body.id;
  }

  async function detail(id: string): Promise<RequestView> {
    const { status, body } = await requestJson<RequestView>(
      stack.baseUrl,
      'GET',
      `/api/staff/help-requests/${id}`,
      {
        token,
      },
    );
    expect(status).toBe(200);
    return body;
  }

  const settled = (id: string, statuses = ['open', 'proposals-ready']): Promise<RequestView> =>
    eventually(`request ${id} settled`, async () => {
      const request = await detail(id);
      return statuses.includes(request.status) ? request : null;
    });

  const auditActions = async (
    action: string,
  ): Promise<{ entity_id: string; details: Record<string, unknown> }[]> =>
    stack.dataSource.query(`SELECT entity_id, details FROM audit_log WHERE action = $1 ORDER BY id`, [
      action,
    ]);

  const mailTo = (email: string, subject: RegExp) =>
    eventually(`a mail to ${email} matching ${subject}`, () =>
      Promise.resolve(
        smtp.messages.find((mail) => recipientOf(mail) === email && subject.test(mail.subject ?? '')) ?? null,
      ),
    );

  async function consolePost(
    path: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; text: string; location: string | null }> {
    const response = await fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
      redirect: 'manual',
    });
    return {
      status: response.status,
      text: await response.text(),
      location: response.headers.get('location'),
    };
  }

  async function consolePage(path: string): Promise<string> {
    const response = await fetch(`${stack.baseUrl}${path}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return response.text();
  }

  describe('double booking, through the real retrieval', () => {
    it('an accepted one-off makes overlapping times unavailable; adjacent times stay free', async () => {
      const date = daysAhead(4);
      const vera = await volunteer({ postalCode: '22765', name: 'Vera Doppel' });
      const first = await settled(
        await submit({
          postalCode: '22765',
          schedule: { kind: 'one-off', date, start: '10:00', end: '11:30' },
        }),
      );
      const proposal = first.matches.find((m) => m.volunteerId === vera.id)!;
      expect(proposal.status).toBe('proposed');

      // Agreed by phone: accepted on Vera's behalf, the request matched, the confirmation sent.
      const accepted = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/matches/${proposal.id}/accept-on-behalf`,
        { token },
      );
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ status: 'accepted', acceptedOnBehalfByStaffId: staffId });
      expect((await detail(first.id)).status).toBe('matched');
      await eventually(
        'the confirmation to Vera',
        async () =>
          (
            await stack.dataSource.query(
              `SELECT 1 FROM notification WHERE kind = 'volunteer-confirmation' AND subject_id = $1`,
              [proposal.id],
            )
          ).length > 0,
      );
      expect(await auditActions('match.accepted-on-behalf')).toEqual([
        expect.objectContaining({ entity_id: proposal.id }),
      ]);

      const clash = await settled(
        await submit({
          postalCode: '22765',
          schedule: { kind: 'one-off', date, start: '11:00', end: '12:00' },
        }),
      );
      expect(clash.matches.map((m) => m.volunteerId)).not.toContain(vera.id);
      expect(clash.matchingSummary?.exclusionCounts['double-booked']).toBe(1);
      const why = await requestJson(
        stack.baseUrl,
        'GET',
        `/api/staff/help-requests/${clash.id}/volunteers/${vera.id}`,
        { token },
      );
      expect(why.body).toMatchObject({ eligible: false, reason: 'double-booked' });
      expect(why.body.explanation.de).toContain('hat zur selben Zeit schon einen Einsatz');

      // Double booking is firm: no override.
      const refused = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/help-requests/${clash.id}/override-proposals`,
        {
          token,
          body: { volunteerId: vera.id, reason: 'Sie schafft beides' },
        },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('double-booked cannot be overridden');

      const adjacent = await settled(
        await submit({
          postalCode: '22765',
          schedule: { kind: 'one-off', date, start: '11:30', end: '12:30' },
        }),
      );
      expect(adjacent.matches.map((m) => m.volunteerId)).toContain(vera.id);

      // Weekly help occupies its weekly slot every week.
      const weekly = await settled(
        await submit({
          postalCode: '22765',
          schedule: { kind: 'weekly', slots: [{ weekday: weekdayOf(date), start: '09:00', end: '10:30' }] },
        }),
      );
      expect(weekly.matches.map((m) => m.volunteerId)).not.toContain(vera.id);
      expect(weekly.matchingSummary?.exclusionCounts['double-booked']).toBe(1);
    });
  });

  describe('overrides with a reason', () => {
    let requestId: string;
    let mona: { id: string; email: string; name: string };
    let blocked: { id: string; email: string; name: string };

    beforeAll(async () => {
      const date = daysAhead(5);
      // Free only on a weekday other than the request's: excluded as not available (a soft rule).
      const other = ((weekdayOf(date) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
      mona = await volunteer({
        postalCode: '22523',
        name: 'Mona Ausnahme',
        availability: [{ weekday: other, start: '08:00', end: '20:00' }],
      });
      blocked = await volunteer({
        postalCode: '22523',
        name: 'Bert Gesperrt',
        availability: [{ weekday: other, start: '08:00', end: '20:00' }],
      });
      requestId = (
        await settled(
          await submit({
            postalCode: '22523',
            schedule: { kind: 'one-off', date, start: '10:00', end: '11:00' },
          }),
        )
      ).id;
      const request = await detail(requestId);
      const block = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/help-seekers/${request.helpSeekerId}/blocks`,
        {
          token,
          body: { volunteerId: blocked.id, reason: 'auf Wunsch' },
        },
      );
      expect(block.status).toBe(201);
    });

    it('says what an override would take', async () => {
      const check = await requestJson(
        stack.baseUrl,
        'GET',
        `/api/staff/help-requests/${requestId}/volunteers/${mona.id}/override`,
        { token },
      );
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({
        kind: 'overridable',
        refusal: null,
        overridden: [{ reason: 'not-available' }],
      });
      const refused = await requestJson(
        stack.baseUrl,
        'GET',
        `/api/staff/help-requests/${requestId}/volunteers/${blocked.id}/override`,
        { token },
      );
      expect(refused.body).toMatchObject({
        kind: 'refused',
        refusal: { reason: 'blocked', overrideClass: 'safeguarding' },
      });
    });

    it('refuses an override without a reason with 400 and stores nothing', async () => {
      for (const body of [
        { volunteerId: mona.id },
        { volunteerId: mona.id, reason: '  ja ' },
        { volunteerId: 'x', reason: 'lange genug' },
      ]) {
        const response = await requestJson(
          stack.baseUrl,
          'POST',
          `/api/staff/help-requests/${requestId}/override-proposals`,
          { token, body },
        );
        expect(response.status).toBe(400);
      }
      expect((await detail(requestId)).matches).toEqual([]);
      expect(await auditActions('match.overridden')).toEqual([]);
    });

    it('refuses a safeguarding rule with 409 naming it, in the API and in the console', async () => {
      const response = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/help-requests/${requestId}/override-proposals`,
        {
          token,
          body: { volunteerId: blocked.id, reason: 'Die Familie ist einverstanden' },
        },
      );
      expect(response.status).toBe(409);
      expect(response.body.message).toMatch(/^safeguarding rule blocked can never be overridden/);
      const page = await consolePage(
        `/console/requests/${requestId}?volunteer=${encodeURIComponent('Bert Gesperrt')}`,
      );
      expect(page).toContain('data-refusal="safeguarding"');
      expect(page).toContain('Schutzregeln können nie übergangen werden');
      const posted = await consolePost(`/console/requests/${requestId}/override`, {
        volunteerId: blocked.id,
        reason: 'trotzdem bitte',
      });
      expect(posted.status).toBe(409);
      expect(posted.text).toContain('safeguarding rule blocked can never be overridden');
      expect((await detail(requestId)).matches).toEqual([]);
    });

    it('stores the reason and the overridden rule on the match, audits it, and the offer email goes out', async () => {
      const page = await consolePage(
        `/console/requests/${requestId}?volunteer=${encodeURIComponent('Mona Ausnahme')}`,
      );
      expect(page).toContain('Trotzdem vorschlagen');
      const posted = await consolePost(`/console/requests/${requestId}/override`, {
        volunteerId: mona.id,
        reason: 'Kann ausnahmsweise, telefonisch geklärt',
      });
      expect(posted.status).toBe(303);
      expect(posted.location).toContain('done=overridden');
      const request = await detail(requestId);
      const match = request.matches.find((m) => m.volunteerId === mona.id)!;
      expect(match).toMatchObject({
        status: 'proposed',
        overrideReason: 'Kann ausnahmsweise, telefonisch geklärt',
        overriddenRules: ['not-available'],
      });
      expect(request.status).toBe('proposals-ready');
      expect(await auditActions('match.overridden')).toEqual([
        expect.objectContaining({
          entity_id: requestId,
          details: expect.objectContaining({ overriddenRules: ['not-available'], volunteerId: mona.id }),
        }),
      ]);
      const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${match.id}/approve`, {
        token,
      });
      expect(approved.status).toBe(200);
      await mailTo(mona.email, /.+/);
      expect(await consolePage(`/console/requests/${requestId}`)).toContain('Mit Ausnahme vorgeschlagen');
    });
  });

  describe('no-shows feed the reliability part of the score', () => {
    it('records a no-show on an accepted assignment and explains it in the next proposal', async () => {
      const date = daysAhead(6);
      const nico = await volunteer({ postalCode: '22587', name: 'Nico Nichtda' });
      const first = await settled(
        await submit({
          postalCode: '22587',
          schedule: { kind: 'one-off', date, start: '09:00', end: '10:00' },
        }),
      );
      const match = first.matches.find((m) => m.volunteerId === nico.id)!;
      // Agreed by phone through the console: accepted on Nico's behalf.
      const phoned = await consolePost(`/console/requests/${first.id}/agreed-by-phone`, {
        volunteerId: nico.id,
      });
      expect(phoned.status).toBe(303);
      expect((await detail(first.id)).status).toBe('matched');

      const bad = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${match.id}/attendance`, {
        token,
        body: { attendance: 'late' },
      });
      expect(bad.status).toBe(400);
      const recorded = await consolePost(`/console/matches/${match.id}/attendance`, {
        attendance: 'no-show',
      });
      expect(recorded.status).toBe(303);
      const [row] = await stack.dataSource.query(`SELECT attendance FROM match WHERE id = $1`, [match.id]);
      expect(row.attendance).toBe('no-show');
      expect(await auditActions('match.attendance-recorded')).toEqual([
        expect.objectContaining({
          details: expect.objectContaining({
            before: { attendance: null },
            after: { attendance: 'no-show' },
          }),
        }),
      ]);

      const next = await settled(
        await submit({
          postalCode: '22587',
          schedule: { kind: 'one-off', date, start: '14:00', end: '15:00' },
        }),
      );
      const proposal = next.matches.find((m) => m.volunteerId === nico.id)!;
      expect(proposal.breakdown.responsiveness.explanation.de).toBe('1 × nicht erschienen (bei 1 Einsatz)');
      expect(proposal.breakdown.responsiveness.explanation.en).toBe('1 × no-show (of 1 assignment)');
    });
  });

  describe('the answer deadline ends before the appointment', () => {
    const decisions = () => stack.worker!.get(MatchDecisionsService);

    async function setLeadHours(hours: number): Promise<void> {
      const put = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/matching', {
        token: adminToken,
        body: { offerLeadHours: hours },
      });
      expect(put.status).toBe(200);
      const workerSettings = stack.worker!.get(MatchingSettingsService);
      await eventually(
        'the worker to see the lead time',
        async () => (await workerSettings.get()).offerLeadHours === hours,
      );
    }

    it('validates the setting', async () => {
      const put = await requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/matching', {
        token: adminToken,
        body: { offerLeadHours: -1 },
      });
      expect(put.status).toBe(400);
      expect(put.body.errors).toEqual([expect.objectContaining({ field: 'offerLeadHours' })]);
    });

    it('caps the deadline, refuses an offer that cannot be answered in time, and escalates when the cascade runs out of time', async () => {
      const date = daysAhead(3);
      const olga = await volunteer({ postalCode: '20095', name: 'Olga Frist' });
      const paul = await volunteer({ postalCode: '20095', name: 'Paul Frist' });
      const request = await settled(
        await submit({
          postalCode: '20095',
          schedule: { kind: 'one-off', date, start: '10:00', end: '11:00' },
        }),
      );
      const startsAt = berlinInstant(date, '10:00');

      // A lead time that leaves about 12 hours to answer, whatever the time of day: a fixed 60 h
      // left less than the minimum hour in the Berlin evening (the test failed from 21:00 on).
      const hoursToStart = Math.floor((new Date(startsAt).getTime() - Date.now()) / 3600_000);
      const lead = hoursToStart - 12;
      await setLeadHours(lead);
      const first = request.matches.find((m) => m.volunteerId === olga.id)!;
      const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${first.id}/approve`, {
        token,
      });
      expect(approved.status).toBe(200);
      // 48 h to answer would run past the lead time before the start: the lead time wins.
      expect(new Date(approved.body.offerExpiresAt).getTime()).toBe(
        new Date(startsAt).getTime() - lead * 3600_000,
      );

      // Now no time is left: Olga declines, nobody else can be asked, the request escalates.
      await setLeadHours(168);
      expect(await decisions().respond(first.id, 'decline')).toBe('declined');
      const escalated = await detail(request.id);
      expect(escalated.status).toBe('proposals-ready');
      const [row] = await stack.dataSource.query(
        `SELECT escalated_at, escalation_reason FROM help_request WHERE id = $1`,
        [request.id],
      );
      expect(row.escalated_at).not.toBeNull();
      expect(row.escalation_reason).toBe('no-time-to-ask');
      expect(await auditActions('help-request.escalated')).toEqual([
        expect.objectContaining({ entity_id: request.id }),
      ]);
      expect(await consolePage(`/console/requests/${request.id}`)).toContain('id="escalated"');
      const digest = await stack.worker!.get(StaffDigestEmail).collect(new Date(), 'de');
      expect(digest.sections.escalated.map((item) => item.url)).toEqual([
        expect.stringContaining(`/console/requests/${request.id}`),
      ]);

      // Staff cannot send an offer that could not be answered in time either: they phone instead.
      const second = escalated.matches.find((m) => m.volunteerId === paul.id)!;
      const tooLate = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${second.id}/approve`, {
        token,
      });
      expect(tooLate.status).toBe(409);
      expect(tooLate.body.message).toContain('too close for an offer by email');
      const phoned = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/matches/${second.id}/accept-on-behalf`,
        { token },
      );
      expect(phoned.status).toBe(200);
      const [after] = await stack.dataSource.query(
        `SELECT status, escalated_at FROM help_request WHERE id = $1`,
        [request.id],
      );
      expect(after).toEqual({ status: 'matched', escalated_at: null });
      await setLeadHours(24);
    });
  });

  describe('ranks follow the score after a re-match', () => {
    it('a better volunteer found later ranks first among the proposals', async () => {
      const date = daysAhead(7);
      await volunteer({ postalCode: '20257', name: 'Rita Rang', skills: ['paperwork'] });
      const request = await settled(
        await submit({
          postalCode: '20257',
          schedule: { kind: 'one-off', date, start: '10:00', end: '11:00' },
        }),
      );
      expect(request.matches).toHaveLength(1);
      const best = await volunteer({ postalCode: '20257', name: 'Sven Besser', skills: ['shopping'] });
      const rematched = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/help-requests/${request.id}/rematch`,
        { token },
      );
      expect([200, 202, 409]).toContain(rematched.status);
      const after = await eventually('both proposed', async () => {
        const view = await detail(request.id);
        return view.status === 'proposals-ready' && view.matches.length === 2 ? view : null;
      });
      const byRank = [...after.matches].sort((a, b) => a.rank - b.rank);
      expect(byRank.map((m) => m.rank)).toEqual([1, 2]);
      expect(byRank[0].volunteerId).toBe(best.id);
      expect(byRank[0].score).toBeGreaterThan(byRank[1].score);
    });
  });
});
