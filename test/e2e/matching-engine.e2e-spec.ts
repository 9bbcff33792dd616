import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { ParsedMail } from 'mailparser';
import { Match } from '../../src/matching/match.entity';
import { MatchDecisionsService } from '../../src/matching/match-decisions.service';
import { MatchingService } from '../../src/matching/matching.service';
import { DEFAULT_MATCHING_SETTINGS, MatchingSettings } from '../../src/settings/matching-settings';
import { MatchingSettingsService } from '../../src/settings/matching-settings.service';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { insertRequestOfSameHelpSeeker } from '../factories/matching.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { expectErrorShape, expectFieldError } from '../helpers/assertions';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { offerLinks, recipientOf } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/*
 * Each scenario works in its own postal code, with volunteers who travel at most 1 km, so the
 * volunteers of one scenario are never eligible for (or re-checked into) another one's requests:
 *   22765 global assignment · 22523 escalation · 22587 explanations · 20095 nobody fits ·
 *   22605 blocks · 20257 close and continuity (all at least 2 km apart).
 * The global assignment runs first: it re-optimises every request in 'proposals-ready', so its two
 * requests must be the only ones.
 */

interface MatchView {
  id: string;
  volunteerId: string;
  status: string;
  rank: number;
  score: number;
  breakdown: Record<string, { applicable: boolean; fit: number; explanation: { de: string; en: string } }>;
  decidedByStaffId: string | null;
}

interface RequestView {
  id: string;
  status: string;
  helpSeekerId: string | null;
  matchingRound: number;
  matchingSummary: {
    eligible: number;
    proposed: number;
    exclusionCounts: Record<string, number>;
  } | null;
  matches: MatchView[];
}

interface RegisteredVolunteer {
  id: string;
  email: string;
  name: string;
}

/** DD.MM.YYYY, as the German explanations write dates. */
const germanDate = (isoDate: string): string => isoDate.split('-').reverse().join('.');

describe('the matching engine end to end: settings, explanations, escalation, blocks, optimisation, continuity', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let coordinatorId: string;
  let token: string;
  let adminId: string;
  let adminToken: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const coordinator = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    coordinatorId = coordinator.id;
    token = await loginAs(stack.baseUrl, coordinator.email, STAFF_PASSWORD);
    const admin = await createStaffUser(stack.dataSource, {
      email: 'ada@agency.test',
      name: 'Ada Admin',
      role: 'admin',
    });
    adminId = admin.id;
    adminToken = await loginAs(stack.baseUrl, admin.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function registerVolunteer(overrides: Record<string, unknown>): Promise<RegisteredVolunteer> {
    const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ maxTravelKm: 1, ...overrides }),
    });
    expect([status, body]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
    return { id: body.id, email: body.email, name: body.name };
  }

  async function submitRequest(overrides: Record<string, unknown>): Promise<string> {
    const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(overrides),
    });
    expect([status, body]).toEqual([201, { id: expect.any(String), status: 'matching' }]);
    return body.id;
  }

  async function detail(id: string): Promise<RequestView> {
    const { status, body } = await requestJson<RequestView>(
      stack.baseUrl,
      'GET',
      `/api/staff/help-requests/${id}`,
      { token },
    );
    expect(status).toBe(200);
    return body;
  }

  function settledIn(id: string, status: 'open' | 'proposals-ready', round?: number): Promise<RequestView> {
    return eventually(`request ${id} to be ${status}`, async () => {
      const request = await detail(id);
      return request.status === status && (round === undefined || request.matchingRound === round)
        ? request
        : null;
    });
  }

  const explain = (requestId: string, volunteerId: string) =>
    requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}/volunteers/${volunteerId}`, {
      token,
    });

  const matchRow = (id: string): Promise<Match> =>
    stack.dataSource.getRepository(Match).findOneByOrFail({ id });

  const matchesOf = (requestId: string): Promise<Match[]> =>
    stack.dataSource.getRepository(Match).find({ where: { requestId }, order: { rank: 'ASC' } });

  const requestStatus = async (id: string): Promise<string> =>
    (await stack.dataSource.query('SELECT status FROM help_request WHERE id = $1', [id]))[0].status;

  const putSettings = (body: unknown, bearer = adminToken) =>
    requestJson(stack.baseUrl, 'PUT', '/api/staff/settings/matching', { token: bearer, body });

  /** The worker caches settings for up to 5 s; wait until it sees what the API serves. */
  async function workerSeesCurrentSettings(): Promise<MatchingSettings> {
    const current = await requestJson<MatchingSettings>(
      stack.baseUrl,
      'GET',
      '/api/staff/settings/matching',
      {
        token,
      },
    );
    expect(current.status).toBe(200);
    const workerSettings = stack.worker!.get(MatchingSettingsService);
    await eventually('the worker to see the current settings', async () =>
      isDeepStrictEqual({ ...(await workerSettings.get()) }, { ...current.body }),
    );
    return current.body;
  }

  /** The offer email for `description` sent to `volunteer`. */
  // Offer emails carry the staff-approved short text, never the description: they are told apart
  // by the match in their links.
  const offerMailFor = (volunteer: RegisteredVolunteer, matchId: string): Promise<ParsedMail> =>
    eventually(`the offer email to ${volunteer.email}`, () =>
      Promise.resolve(
        smtp.messages.find(
          (mail) =>
            recipientOf(mail) === volunteer.email &&
            mail.subject?.startsWith('Anfrage') &&
            mail.text?.includes(`/offers/offer.${matchId}.`),
        ),
      ),
    );

  const staffMail = (subjectStart: string, contains: string): Promise<ParsedMail> =>
    eventually(`the staff email "${subjectStart} … ${contains}"`, () =>
      Promise.resolve(
        smtp.messages.find(
          (mail) =>
            recipientOf(mail) === 'team@agency.test' &&
            mail.subject?.startsWith(subjectStart) &&
            mail.subject.includes(contains),
        ),
      ),
    );

  describe('global assignment across requests (capacity binds)', () => {
    let a: RegisteredVolunteer;
    let b: RegisteredVolunteer;
    let first: RequestView;
    let second: RequestView;

    beforeAll(async () => {
      // A fits both requests best, but can take only one more assignment. B fits only the first
      // (no Turkish), and less well (no shopping skill).
      a = await registerVolunteer({
        postalCode: '22765',
        languages: [
          { code: 'de', level: 'native' },
          { code: 'tr', level: 'native' },
        ],
        skills: ['shopping'],
        maxOpenAssignments: 1,
      });
      b = await registerVolunteer({
        postalCode: '22765',
        languages: [{ code: 'de', level: 'native' }],
        skills: ['visiting'],
        maxOpenAssignments: 2,
      });
      const schedule = { kind: 'one-off', date: daysAhead(4), start: '10:00', end: '11:00' };
      const firstId = await submitRequest({
        postalCode: '22765',
        schedule,
        description: 'Zuordnung eins: Einkauf im Wochenmarkt.',
      });
      first = await settledIn(firstId, 'proposals-ready');
      const secondId = await submitRequest({
        postalCode: '22765',
        schedule,
        neededLanguage: 'tr',
        description: 'Zuordnung zwei: Einkauf mit Übersetzung.',
      });
      second = await settledIn(secondId, 'proposals-ready');
    });

    it('should propose A first for both requests before optimising (the greedy choice)', () => {
      expect(first.matches.map((m) => [m.volunteerId, m.rank, m.status])).toEqual([
        [a.id, 1, 'proposed'],
        [b.id, 2, 'proposed'],
      ]);
      expect(first.matches[0].score).toBeGreaterThan(first.matches[1].score);
      expect(second.matches.map((m) => [m.volunteerId, m.rank, m.status])).toEqual([[a.id, 1, 'proposed']]);
    });

    it('should cover both requests after POST /matching/optimise: the first goes to B, the second to A', async () => {
      const readyRequests: { id: string }[] = await stack.dataSource.query(
        `SELECT id FROM help_request WHERE status = 'proposals-ready' ORDER BY created_at`,
      );
      // Precondition: the optimiser sees exactly this scenario (this describe must run first).
      expect(readyRequests.map((r) => r.id)).toEqual([first.id, second.id]);

      const queued = await requestJson(stack.baseUrl, 'POST', '/api/staff/matching/optimise', { token });
      expect(queued.status).toBe(202);
      expect(queued.body).toEqual({ queued: true, jobId: expect.any(String) });

      const run = await eventually('the optimisation run by the coordinator', async () => {
        const last = await requestJson(stack.baseUrl, 'GET', '/api/staff/matching/optimise/last', { token });
        expect(last.status).toBe(200);
        return last.body?.requestedByStaffId === coordinatorId ? last.body : null;
      });
      expect(run).toMatchObject({
        requests: 2,
        volunteers: 2,
        topPicksChanged: 1,
        comparison: {
          coverage: { optimised: 1, greedy: 0.5 },
          busiestLoad: { optimised: 1, greedy: 1 },
        },
      });
      expect(run.skipped).toBeUndefined();
      expect(run.comparison.totalScore.optimised).toBeCloseTo(
        first.matches[1].score + second.matches[0].score,
        3,
      );
      expect(run.comparison.totalScore.greedy).toBeCloseTo(first.matches[0].score, 3);

      const firstAfter = await detail(first.id);
      const secondAfter = await detail(second.id);
      expect(firstAfter.matches.map((m) => [m.volunteerId, m.rank, m.status])).toEqual([
        [b.id, 1, 'proposed'],
        [a.id, 2, 'proposed'],
      ]);
      expect(secondAfter.matches.map((m) => [m.volunteerId, m.rank, m.status])).toEqual([
        [a.id, 1, 'proposed'],
      ]);
      // Nothing is offered by the optimiser.
      expect([firstAfter.status, secondAfter.status]).toEqual(['proposals-ready', 'proposals-ready']);
      const audited = await stack.dataSource.query(
        `SELECT staff_user_id FROM audit_log WHERE action = 'matching.optimised'`,
      );
      expect(audited).toEqual([{ staff_user_id: coordinatorId }]);
    });
  });

  describe('matching settings', () => {
    // The row the test stack writes (review-first off); "nothing stored" means it is unchanged.
    const SEEDED_ROWS = [{ value: { reviewPublicRequestsFirst: false }, updated_by_staff_id: null }];
    const settingRows = () =>
      stack.dataSource.query(`SELECT value, updated_by_staff_id FROM agency_setting WHERE key = 'matching'`);
    const settingAudits = () =>
      stack.dataSource.query(
        `SELECT staff_user_id, entity_type, entity_id FROM audit_log
          WHERE action = 'settings.matching-updated' ORDER BY id`,
      );

    it('should serve the defaults to a coordinator while nothing was changed', async () => {
      const { status, body } = await requestJson(stack.baseUrl, 'GET', '/api/staff/settings/matching', {
        token,
      });
      expect(status).toBe(200);
      // The test stack turns review-first off, so public requests are matched at once here.
      expect(body).toEqual({ ...DEFAULT_MATCHING_SETTINGS, reviewPublicRequestsFirst: false });
      expect(body).toMatchObject({ offerResponseHours: 48, autoOffer: false });
    });

    it('should refuse a change by a coordinator with 403 and store nothing', async () => {
      const refused = await putSettings({ autoOffer: true }, token);
      expectErrorShape(refused, 403);
      expect(refused.body.message).toBe('only admin staff may do this');
      expect(await settingRows()).toEqual(SEEDED_ROWS);
      expect(await settingAudits()).toEqual([]);
    });

    it('should answer invalid values with 400 naming each field, and store nothing', async () => {
      const refused = await putSettings({
        policy: { weights: { distance: -1 } },
        offerResponseHours: 0,
        colour: 'blue',
      });
      expectFieldError(refused, 'policy.weights.distance', { message: '0 or more' });
      expectFieldError(refused, 'offerResponseHours', { message: 'from 1 to 336' });
      expectFieldError(refused, 'colour', { message: 'is not a setting' });
      expect(refused.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'colour',
        'offerResponseHours',
        'policy.weights.distance',
      ]);
      expect(await settingRows()).toEqual(SEEDED_ROWS);
      expect(await settingAudits()).toEqual([]);
    });

    it('should store a valid partial change, keep the other values, audit it, and reach the worker', async () => {
      const expected: MatchingSettings = {
        ...DEFAULT_MATCHING_SETTINGS,
        reviewPublicRequestsFirst: false,
        policy: {
          ...DEFAULT_MATCHING_SETTINGS.policy,
          weights: { ...DEFAULT_MATCHING_SETTINGS.policy.weights, distance: 2 },
        },
        autoOffer: true,
      };

      const stored = await putSettings({ policy: { weights: { distance: 2 } }, autoOffer: true });
      expect(stored.status).toBe(200);
      expect(stored.body).toEqual(expected);
      const read = await requestJson(stack.baseUrl, 'GET', '/api/staff/settings/matching', { token });
      expect(read.body).toEqual(expected);
      expect(await settingRows()).toEqual([{ value: expected, updated_by_staff_id: adminId }]);
      expect(await settingAudits()).toEqual([
        { staff_user_id: adminId, entity_type: 'agency-setting', entity_id: 'matching' },
      ]);

      // A second partial change keeps the first one.
      const again = await putSettings({ offerResponseHours: 24 });
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ ...expected, offerResponseHours: 24 });
      expect(await settingAudits()).toHaveLength(2);

      // The worker's cache lags by up to 5 s, then it matches with the new settings too.
      expect(await workerSeesCurrentSettings()).toEqual({ ...expected, offerResponseHours: 24 });
    });
  });

  describe('escalation when a volunteer declines or does not answer', () => {
    const volunteers: RegisteredVolunteer[] = [];
    const byId = (id: string): RegisteredVolunteer => volunteers.find((v) => v.id === id)!;

    beforeAll(async () => {
      for (let i = 0; i < 3; i += 1) {
        volunteers.push(
          await registerVolunteer({ postalCode: '22523', maxOpenAssignments: 10, maxOffersPerWeek: 10 }),
        );
      }
    });

    it('should offer the next proposal automatically after a decline when autoOffer is on', async () => {
      expect((await putSettings({ autoOffer: true })).status).toBe(200);
      const { offerResponseHours } = (
        await requestJson(stack.baseUrl, 'GET', '/api/staff/settings/matching', { token })
      ).body;
      const description = 'Eskalation: Getränkekisten vom Markt holen.';
      const request = await settledIn(
        await submitRequest({ postalCode: '22523', description }),
        'proposals-ready',
      );
      expect(request.matches).toHaveLength(3);
      const [firstMatch, secondMatch, thirdMatch] = request.matches;

      const approved = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/matches/${firstMatch.id}/approve`,
        {
          token,
        },
      );
      expect(approved.status).toBe(200);
      const links = offerLinks(await offerMailFor(byId(firstMatch.volunteerId), firstMatch.id));
      await eventually(
        'the first offer sent',
        async () => (await matchRow(firstMatch.id)).status === 'offered',
      );

      const declined = await requestPage(links.decline, 'POST');
      expect(declined.status).toBe(200);
      expect(declined.html).toContain('Danke für Ihre Rückmeldung');

      // Nobody at the agency acts: the next volunteer gets the offer email on their own.
      await offerMailFor(byId(secondMatch.volunteerId), secondMatch.id);
      await eventually(
        'the second offer sent',
        async () => (await matchRow(secondMatch.id)).status === 'offered',
      );
      const next = await matchRow(secondMatch.id);
      expect(next.decidedByStaffId).toBeNull();
      expect(next.decidedAt).toBeInstanceOf(Date);
      expect(next.offerExpiresAt!.getTime() - next.decidedAt!.getTime()).toBe(offerResponseHours * 3600_000);
      expect((await matchRow(firstMatch.id)).status).toBe('declined');
      expect((await matchRow(thirdMatch.id)).status).toBe('proposed');
      expect(await requestStatus(request.id)).toBe('offered');
      await staffMail('Absage', byId(firstMatch.volunteerId).name);
    });

    it('should expire an unanswered offer once, tell staff, and give the request back to staff when autoOffer is off', async () => {
      expect((await putSettings({ autoOffer: false })).status).toBe(200);
      expect((await workerSeesCurrentSettings()).autoOffer).toBe(false);
      const description = 'Eskalation: Rezept in der Apotheke abholen.';
      const request = await settledIn(
        await submitRequest({ postalCode: '22523', description }),
        'proposals-ready',
      );
      expect(request.matches.length).toBeGreaterThanOrEqual(2);
      const [offered, ...others] = request.matches;
      const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${offered.id}/approve`, {
        token,
      });
      expect(approved.status).toBe(200);
      await offerMailFor(byId(offered.volunteerId), offered.id);
      await eventually('the offer sent', async () => (await matchRow(offered.id)).status === 'offered');

      const [, affected] = await stack.dataSource.query(
        `UPDATE "match" SET offer_expires_at = now() - interval '1 minute' WHERE id = $1`,
        [offered.id],
      );
      expect(affected).toBe(1);
      const decisions = stack.worker!.get(MatchDecisionsService);

      expect(await decisions.expireOverdueOffers()).toBe(1);

      const expired = await matchRow(offered.id);
      expect([expired.status, expired.respondedAt]).toEqual(['expired', null]);
      expect(await requestStatus(request.id)).toBe('proposals-ready');
      expect((await matchesOf(request.id)).filter((m) => m.id !== offered.id).map((m) => m.status)).toEqual(
        others.map(() => 'proposed'),
      );
      const notice = await staffMail('Keine Antwort', byId(offered.volunteerId).name);
      expect(notice.subject).toMatch(/^Keine Antwort: /);

      // Idempotent: nothing is overdue any more, and nothing was sent twice.
      expect(await decisions.expireOverdueOffers()).toBe(0);
      const [{ notices, offers }] = await stack.dataSource.query(
        `SELECT count(*) FILTER (WHERE n.kind = 'staff-offer-expired')::int AS notices,
                count(*) FILTER (WHERE n.kind = 'volunteer-offer')::int AS offers
           FROM notification n JOIN "match" m ON m.id = n.subject_id WHERE m.request_id = $1`,
        [request.id],
      );
      // With autoOffer off, no one else was asked automatically.
      expect({ notices, offers }).toEqual({ notices: 1, offers: 1 });
    });
  });

  describe('explanations for staff: why a volunteer was (not) proposed', () => {
    const awayUntil = daysAhead(10);
    let requestId: string;
    let proposed: RegisteredVolunteer;
    let paused: RegisteredVolunteer;
    let noArabic: RegisteredVolunteer;
    let away: RegisteredVolunteer;
    let proposal: MatchView;

    beforeAll(async () => {
      // The API explains with the settings the worker matched with.
      await workerSeesCurrentSettings();
      const arabic = [
        { code: 'de', level: 'native' },
        { code: 'ar', level: 'B2' },
      ];
      proposed = await registerVolunteer({ postalCode: '22587', languages: arabic });
      paused = await registerVolunteer({ postalCode: '22587', languages: arabic, status: 'paused' });
      noArabic = await registerVolunteer({ postalCode: '22587' });
      away = await registerVolunteer({ postalCode: '22587', languages: arabic, awayUntil });
      requestId = await submitRequest({
        postalCode: '22587',
        neededLanguage: 'ar',
        description: 'Begleitung zur Ausländerbehörde mit Arabisch.',
      });
      const request = await settledIn(requestId, 'proposals-ready');
      expect(request.matches.map((m) => m.volunteerId)).toEqual([proposed.id]);
      proposal = request.matches[0];
    });

    it('should explain a proposed volunteer with the score and breakdown they were proposed with', async () => {
      const { status, body } = await explain(requestId, proposed.id);
      expect(status).toBe(200);
      expect(body.eligible).toBe(true);
      expect(body.candidate.volunteerId).toBe(proposed.id);
      expect(body.candidate.score).toBeCloseTo(proposal.score, 3);
      expect(Object.keys(body.candidate.breakdown).sort()).toEqual([
        'availability',
        'continuity',
        'distance',
        'fairness',
        'language',
        'responsiveness',
        'skills',
      ]);
      expect(body.candidate.breakdown).toEqual(proposal.breakdown);
      expect(body.candidate.breakdown.distance.explanation.de).toMatch(/km entfernt/);
    });

    it("should say 'not-active' for a paused volunteer, in German and English", async () => {
      const { status, body } = await explain(requestId, paused.id);
      expect(status).toBe(200);
      expect(body).toEqual({
        eligible: false,
        reason: 'not-active',
        explanation: { de: 'ist pausiert', en: 'is paused' },
      });
    });

    it("should say 'language-missing' for a volunteer without the needed language", async () => {
      const { body } = await explain(requestId, noArabic.id);
      expect(body).toEqual({
        eligible: false,
        reason: 'language-missing',
        explanation: { de: 'spricht kein Arabisch', en: 'does not speak Arabic' },
      });
    });

    it("should say 'away' for a volunteer away until a future date", async () => {
      const { body } = await explain(requestId, away.id);
      expect(body).toEqual({
        eligible: false,
        reason: 'away',
        explanation: { de: `bis ${germanDate(awayUntil)} abwesend`, en: `away until ${awayUntil}` },
      });
    });

    it('should answer 404 for an unknown volunteer or request', async () => {
      const unknownVolunteer = await explain(requestId, randomUUID());
      expectErrorShape(unknownVolunteer, 404);
      expect(unknownVolunteer.body.error).toBe('not-found');
      const unknownRequest = await explain(randomUUID(), proposed.id);
      expectErrorShape(unknownRequest, 404);
      expect(unknownRequest.body.error).toBe('not-found');
    });
  });

  describe('a request nobody fits', () => {
    it('should stay open with the reasons counted, then get proposals by itself once a fitting volunteer registers', async () => {
      const nearby = [
        await registerVolunteer({ postalCode: '20095' }),
        await registerVolunteer({ postalCode: '20095' }),
      ];
      const requestId = await submitRequest({
        postalCode: '20095',
        neededLanguage: 'ti',
        description: 'Begleitung zum Jobcenter, Tigrinya nötig.',
      });

      const open = await settledIn(requestId, 'open');
      expect(open.matches).toEqual([]);
      expect(open.matchingSummary).toMatchObject({ proposed: 0, eligible: 0 });
      const missing = open.matchingSummary!.exclusionCounts['language-missing'];
      expect(missing).toBeGreaterThanOrEqual(nearby.length);
      // Every active volunteer in reach who is not away lacks Tigrinya: each is counted once.
      const [{ n }] = await stack.dataSource.query(
        `SELECT count(*)::int AS n FROM volunteer
          WHERE status = 'active' AND away_until IS NULL AND NOT ('ti' = ANY(language_codes))`,
      );
      expect(missing).toBe(n);
      // Staff read the same counts in words, to see what to relax.
      const detailBody = (
        await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}`, { token })
      ).body;
      expect(detailBody.exclusionSummary).toContainEqual(
        expect.objectContaining({
          reason: 'language-missing',
          count: n,
          text: {
            de: `${n} × spricht die benötigte Sprache nicht`,
            en: `${n} × does not speak the needed language`,
          },
        }),
      );

      const speaker = await registerVolunteer({
        postalCode: '20095',
        languages: [
          { code: 'ti', level: 'native' },
          { code: 'de', level: 'B1' },
        ],
      });

      const ready = await settledIn(requestId, 'proposals-ready');
      expect(ready.matches.map((m) => [m.volunteerId, m.status, m.rank])).toEqual([
        [speaker.id, 'proposed', 1],
      ]);
      expect(ready.matches[0].score).toBeGreaterThan(0);
      // No staff action on the request besides reading it.
      const actions: { action: string }[] = await stack.dataSource.query(
        'SELECT DISTINCT action FROM audit_log WHERE entity_id = $1',
        [requestId],
      );
      expect(actions.map((a) => a.action)).toEqual(['help-request.viewed']);
    });
  });

  describe('blocks: "not this volunteer again" for a help-seeker', () => {
    it('should withdraw the open proposals of the pair, never propose the volunteer again, and explain it as blocked', async () => {
      const volunteers = [
        await registerVolunteer({ postalCode: '22605' }),
        await registerVolunteer({ postalCode: '22605' }),
      ];
      const first = await settledIn(
        await submitRequest({ postalCode: '22605', description: 'Sperre: Einkauf im Elbe-Einkaufszentrum.' }),
        'proposals-ready',
      );
      expect(first.matches.map((m) => m.volunteerId).sort()).toEqual(volunteers.map((v) => v.id).sort());
      const helpSeekerId = first.helpSeekerId!;
      const blocked = first.matches[0].volunteerId;
      const kept = first.matches[1].volunteerId;
      // A second request of the same person, matched before the block.
      const secondRequest = await insertRequestOfSameHelpSeeker(stack.dataSource, first.id);
      expect(await stack.worker!.get(MatchingService).matchRequest(secondRequest.id, 1)).toBe('proposed');
      expect((await matchesOf(secondRequest.id)).map((m) => m.volunteerId).sort()).toEqual(
        [blocked, kept].sort(),
      );

      const created = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/help-seekers/${helpSeekerId}/blocks`,
        {
          token,
          body: { volunteerId: blocked, reason: 'auf Wunsch der Hilfesuchenden' },
        },
      );

      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        helpSeekerId,
        volunteerId: blocked,
        createdByStaffId: coordinatorId,
      });
      for (const requestId of [first.id, secondRequest.id]) {
        const statuses = Object.fromEntries(
          (await matchesOf(requestId)).map((m) => [m.volunteerId, m.status]),
        );
        expect([requestId, statuses]).toEqual([requestId, { [blocked]: 'withdrawn', [kept]: 'proposed' }]);
      }

      // A third request of the same person, never matched: a rematch finds the blocked volunteer
      // in reach and leaves them out.
      const third = await insertRequestOfSameHelpSeeker(stack.dataSource, first.id, {
        status: 'open',
        matchingRound: 0,
      });
      for (const id of [third.id, first.id]) {
        const rematch = await requestJson(stack.baseUrl, 'POST', `/api/staff/help-requests/${id}/rematch`, {
          token,
        });
        expect([rematch.status, rematch.body]).toEqual([202, { id, status: 'matching' }]);
      }
      const thirdMatched = await settledIn(third.id, 'proposals-ready', 1);
      expect(thirdMatched.matches.map((m) => m.volunteerId)).toEqual([kept]);
      expect(thirdMatched.matchingSummary!.exclusionCounts.blocked).toBe(1);
      const firstRematched = await settledIn(first.id, 'proposals-ready', 2);
      expect(firstRematched.matches.filter((m) => m.volunteerId === blocked).map((m) => m.status)).toEqual([
        'withdrawn',
      ]);

      for (const id of [third.id, first.id]) {
        const { status, body } = await explain(id, blocked);
        expect([status, body]).toEqual([
          200,
          {
            eligible: false,
            reason: 'blocked',
            explanation: { de: 'für diese Person gesperrt', en: 'blocked for this person' },
          },
        ]);
      }
    });
  });

  describe('closing a request, and continuity with the same help-seeker', () => {
    let helper: RegisteredVolunteer;
    let other: RegisteredVolunteer;
    let doneRequestId: string;

    beforeAll(async () => {
      helper = await registerVolunteer({ postalCode: '20257', maxOpenAssignments: 10 });
      other = await registerVolunteer({ postalCode: '20257', maxOpenAssignments: 10 });
    });

    it('should close a matched request as done with its outcome', async () => {
      const description = 'Fortsetzung: Einkauf für Frau Lindqvist.';
      const request = await settledIn(
        await submitRequest({ postalCode: '20257', description }),
        'proposals-ready',
      );
      const chosen = request.matches.find((m) => m.volunteerId === helper.id)!;
      expect(chosen).toBeDefined();
      expect(
        (await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${chosen.id}/approve`, { token }))
          .status,
      ).toBe(200);
      const accepted = await requestPage(offerLinks(await offerMailFor(helper, chosen.id)).accept, 'POST');
      expect(accepted.html).toContain('Vielen Dank für Ihre Zusage');
      expect(await requestStatus(request.id)).toBe('matched');

      const closed = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/help-requests/${request.id}/close`,
        {
          token,
          body: { status: 'done', outcome: 'went-well' },
        },
      );

      expect(closed.status).toBe(200);
      doneRequestId = request.id;
      expect(closed.body).toMatchObject({ id: request.id, status: 'done', outcome: 'went-well' });
      expect(closed.body.closedAt).toEqual(expect.any(String));
      expect((await matchRow(chosen.id)).status).toBe('accepted');
      const audited = await stack.dataSource.query(
        `SELECT staff_user_id, details FROM audit_log WHERE action = 'help-request.done' AND entity_id = $1`,
        [request.id],
      );
      expect(audited).toEqual([
        {
          staff_user_id: coordinatorId,
          details: expect.objectContaining({
            outcome: 'went-well',
            before: expect.objectContaining({ status: 'matched', outcome: null }),
            after: expect.objectContaining({ status: 'done', outcome: 'went-well' }),
            withdrawnMatches: [],
          }),
        },
      ]);
      const again = await requestJson(stack.baseUrl, 'POST', `/api/staff/help-requests/${request.id}/close`, {
        token,
        body: { status: 'done', outcome: 'went-well' },
      });
      expectErrorShape(again, 409);
    });

    it('should refuse to mark a request done that nobody took on (409), and leave it open', async () => {
      const requestId = await submitRequest({
        postalCode: '20257',
        neededLanguage: 'kmr',
        description: 'Fortsetzung: Brief vom Amt auf Kurmandschi erklären.',
      });
      await settledIn(requestId, 'open');

      const refused = await requestJson(
        stack.baseUrl,
        'POST',
        `/api/staff/help-requests/${requestId}/close`,
        {
          token,
          body: { status: 'done', outcome: 'went-well' },
        },
      );

      expectErrorShape(refused, 409);
      expect(refused.body.error).toBe('conflict');
      expect(refused.body.message).toMatch(/only a matched request can be done/);
      expect(await requestStatus(requestId)).toBe('open');
    });

    it('should give the volunteer who helped this person before continuity fit 1 on their next request', async () => {
      expect(doneRequestId).toBeDefined();
      const next = await insertRequestOfSameHelpSeeker(stack.dataSource, doneRequestId);

      expect(await stack.worker!.get(MatchingService).matchRequest(next.id, 1)).toBe('proposed');

      const matches = await matchesOf(next.id);
      const ofHelper = matches.find((m) => m.volunteerId === helper.id);
      const ofOther = matches.find((m) => m.volunteerId === other.id);
      expect(ofHelper?.breakdown.continuity).toMatchObject({
        applicable: true,
        fit: 1,
        explanation: {
          de: 'hat dieser Person schon einmal geholfen',
          en: 'has helped this person once before',
        },
      });
      expect(ofHelper!.breakdown.continuity.points).toBeGreaterThan(0);
      expect(ofOther?.breakdown.continuity).toMatchObject({ applicable: false, fit: 0, points: 0 });
      expect(await requestStatus(next.id)).toBe('proposals-ready');

      const explained = await explain(next.id, helper.id);
      expect(explained.body.candidate.breakdown.continuity.explanation.de).toMatch(/schon einmal geholfen/);
    });
  });
});
