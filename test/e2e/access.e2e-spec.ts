import { createHash, randomUUID } from 'node:crypto';
import { createOfferToken } from '../../src/shared/offer-links';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { expectErrorShape } from '../helpers/assertions';
import { JsonResponse, loginAs, requestJson, requestPage } from '../helpers/http';
import { offerLinks } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

type Route = [method: string, path: string];

const SOME_ID = randomUUID();

/** Every route behind StaffAuthGuard (grep `@UseGuards(StaffAuthGuard)` under src/). */
const STAFF_ROUTES: Route[] = [
  ['GET', '/api/staff/help-requests'],
  ['POST', '/api/staff/help-requests'],
  ['GET', `/api/staff/help-requests/${SOME_ID}`],
  ['POST', `/api/staff/matches/${SOME_ID}/approve`],
  ['POST', `/api/staff/matches/${SOME_ID}/reject`],
  ['GET', '/api/staff/volunteers'],
  ['POST', '/api/staff/volunteers'],
  ['GET', `/api/staff/volunteers/${SOME_ID}`],
  ['PATCH', `/api/staff/volunteers/${SOME_ID}/status`],
  ['PUT', `/api/staff/volunteers/${SOME_ID}/certificate`],
  ['POST', `/api/staff/volunteers/${SOME_ID}/email-confirmation`],
  ['GET', `/api/staff/help-seekers/${SOME_ID}/export`],
  ['POST', `/api/staff/help-seekers/${SOME_ID}/erase`],
  ['POST', `/api/staff/help-seekers/${SOME_ID}/consents/withdraw`],
  ['GET', '/api/staff/call-tasks'],
  ['POST', `/api/staff/call-tasks/${SOME_ID}/done`],
  ['GET', `/api/staff/call-tasks/${SOME_ID}/letter`],
  ['GET', '/api/staff/notifications/templates'],
  // An unknown kind, so the answer is JSON; the preview itself is HTML (messages e2e).
  ['GET', '/api/staff/notifications/templates/no-such-kind/preview'],
  ['GET', '/api/staff/providers'],
  ['POST', '/api/staff/providers'],
  ['GET', `/api/staff/providers/${SOME_ID}`],
  ['GET', '/api/staff/session'],
  ['PUT', '/api/staff/session/password'],
  ['DELETE', '/api/staff/session'],
  ['POST', '/api/staff/session/second-factor'],
  ['POST', '/api/staff/account/two-factor/confirm'],
  ['DELETE', '/api/staff/account/two-factor'],
  ['GET', '/api/staff/users'],
  ['POST', '/api/staff/users'],
  ['POST', `/api/staff/users/${SOME_ID}/deactivate`],
  ['POST', `/api/staff/users/${SOME_ID}/reactivate`],
  ['POST', `/api/staff/users/${SOME_ID}/password-reset`],
  ['GET', '/api/staff/security-settings'],
  ['PUT', '/api/staff/security-settings'],
];

/** What each route answers a valid session (with an empty body / unknown id): proof the route exists. */
const WITH_VALID_SESSION: Record<string, number> = {
  'GET /api/staff/help-requests': 200,
  'POST /api/staff/help-requests': 400,
  'GET /api/staff/help-requests/:id': 404,
  'POST /api/staff/matches/:id/approve': 404,
  'POST /api/staff/matches/:id/reject': 404,
  'GET /api/staff/volunteers': 200,
  'POST /api/staff/volunteers': 400,
  'GET /api/staff/volunteers/:id': 404,
  'PATCH /api/staff/volunteers/:id/status': 400,
  'PUT /api/staff/volunteers/:id/certificate': 400,
  'POST /api/staff/volunteers/:id/email-confirmation': 404,
  'GET /api/staff/help-seekers/:id/export': 404,
  'POST /api/staff/help-seekers/:id/erase': 400,
  'POST /api/staff/help-seekers/:id/consents/withdraw': 400,
  'GET /api/staff/call-tasks': 200,
  'POST /api/staff/call-tasks/:id/done': 404,
  'GET /api/staff/call-tasks/:id/letter': 404,
  'GET /api/staff/notifications/templates': 200,
  'GET /api/staff/notifications/templates/no-such-kind/preview': 404,
  'GET /api/staff/providers': 200,
  'POST /api/staff/providers': 400,
  'GET /api/staff/providers/:id': 404,
  'GET /api/staff/session': 200,
  'PUT /api/staff/session/password': 400,
  'POST /api/staff/session/second-factor': 400,
  'POST /api/staff/account/two-factor/confirm': 400,
  // Admin only: the session here is a coordinator's.
  'GET /api/staff/users': 403,
  'POST /api/staff/users': 403,
  'POST /api/staff/users/:id/deactivate': 403,
  'POST /api/staff/users/:id/reactivate': 403,
  'POST /api/staff/users/:id/password-reset': 403,
  'GET /api/staff/security-settings': 403,
  'PUT /api/staff/security-settings': 403,
};

const routeKey = ([method, path]: Route): string => `${method} ${path.replace(SOME_ID, ':id')}`;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A request with an exact set of headers: bearer token, cookie, or nothing. */
async function call(
  baseUrl: string,
  [method, path]: Route,
  auth: { bearer?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<JsonResponse & { headers: Headers }> {
  const withBody = ['POST', 'PATCH', 'PUT'].includes(method);
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(withBody ? { 'Content-Type': 'application/json' } : {}),
      ...(auth.bearer !== undefined ? { Authorization: `Bearer ${auth.bearer}` } : {}),
      ...(auth.cookie !== undefined ? { Cookie: auth.cookie } : {}),
      ...auth.headers,
    },
    body: withBody ? '{}' : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

function expectUnauthorized(response: JsonResponse): void {
  expectErrorShape(response, 401);
  expect(response.body).toEqual({
    statusCode: 401,
    error: 'Unauthorized',
    message: 'a valid staff session is required',
    errors: [],
  });
}

describe('access: staff sessions, login and offer links', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let staffId: string;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    staffId = staff.id;
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  describe('every staff endpoint refuses without a valid session', () => {
    let loggedOutToken: string;
    let expiredToken: string;

    beforeAll(async () => {
      const other = await createStaffUser(stack.dataSource);
      loggedOutToken = await loginAs(stack.baseUrl, other.email, STAFF_PASSWORD);
      const logout = await call(stack.baseUrl, ['DELETE', '/api/staff/session'], { bearer: loggedOutToken });
      expect(logout.status).toBe(204);

      expiredToken = await loginAs(stack.baseUrl, other.email, STAFF_PASSWORD);
      expect(
        (await call(stack.baseUrl, ['GET', '/api/staff/session'], { bearer: expiredToken })).status,
      ).toBe(200);
      const [, affected] = await stack.dataSource.query(
        `UPDATE staff_session SET expires_at = now() - interval '1 minute' WHERE token_hash = $1`,
        [hashToken(expiredToken)],
      );
      expect(affected).toBe(1);
    });

    it('should know every staff route, each reachable with a valid session', async () => {
      for (const route of STAFF_ROUTES.filter(([method]) => method !== 'DELETE')) {
        const response = await call(stack.baseUrl, route, { bearer: token });
        expect([routeKey(route), response.status]).toEqual([
          routeKey(route),
          WITH_VALID_SESSION[routeKey(route)],
        ]);
        if (response.status === 404) {
          // The record is unknown; the route itself is found (Nest's own 404 says "Cannot GET …").
          expect(response.body.error).toBe('not-found');
        }
      }
    });

    it.each(STAFF_ROUTES)('%s %s should answer 401 without any token', async (method, path) => {
      expectUnauthorized(await call(stack.baseUrl, [method, path]));
    });

    it.each(STAFF_ROUTES)('%s %s should answer 401 to a garbage bearer token', async (method, path) => {
      expectUnauthorized(await call(stack.baseUrl, [method, path], { bearer: 'not-a-session-token' }));
    });

    it.each(STAFF_ROUTES)('%s %s should answer 401 to a garbage session cookie', async (method, path) => {
      expectUnauthorized(
        await call(stack.baseUrl, [method, path], { cookie: 'nahbar_staff=not-a-session-token' }),
      );
    });

    it.each(STAFF_ROUTES)('%s %s should answer 401 to a token after logout', async (method, path) => {
      expectUnauthorized(await call(stack.baseUrl, [method, path], { bearer: loggedOutToken }));
    });

    it.each(STAFF_ROUTES)('%s %s should answer 401 to an expired session', async (method, path) => {
      expectUnauthorized(await call(stack.baseUrl, [method, path], { bearer: expiredToken }));
    });

    it('should remove the session row on logout, so the token is gone, not just forgotten', async () => {
      const rows = await stack.dataSource.query(
        'SELECT count(*)::int AS n FROM staff_session WHERE token_hash = $1',
        [hashToken(loggedOutToken)],
      );
      expect(rows).toEqual([{ n: 0 }]);
    });
  });

  describe('login', () => {
    const login = (email: string, password: string): Promise<JsonResponse> =>
      requestJson(stack.baseUrl, 'POST', '/api/staff/session', { body: { email, password } });

    it('should answer a wrong password exactly like an unknown email (no account enumeration)', async () => {
      const staff = await createStaffUser(stack.dataSource);

      const wrongPassword = await login(staff.email, 'not the password');
      const unknownEmail = await login('nobody-here@agency.test', 'not the password');

      expectErrorShape(wrongPassword, 401);
      expect(wrongPassword.body).toEqual({
        statusCode: 401,
        error: 'invalid-credentials',
        message: 'email or password is wrong; after 5 failed attempts an account is locked for 15 minutes',
        errors: [],
      });
      expect(unknownEmail).toEqual(wrongPassword);
      expect(wrongPassword.body.token).toBeUndefined();
    });

    it('should lock the account after 5 wrong passwords, answering even the right password like a wrong one', async () => {
      const staff = await createStaffUser(stack.dataSource);
      const sessionsBefore = await stack.dataSource.query(
        'SELECT count(*)::int AS n FROM staff_session WHERE staff_user_id = $1',
        [staff.id],
      );

      for (let attempt = 1; attempt <= 4; attempt += 1) {
        expect([attempt, (await login(staff.email, `wrong ${attempt}`)).status]).toEqual([attempt, 401]);
      }
      const fifth = await login(staff.email, 'wrong 5');
      expectErrorShape(fifth, 401);
      expect(fifth.body.error).toBe('invalid-credentials');

      // Locked: the right password gets the same answer, so a lock reveals neither account nor lock.
      const rightPassword = await login(staff.email, STAFF_PASSWORD);
      expectErrorShape(rightPassword, 401);
      expect(rightPassword.body).toEqual(fifth.body);
      expect(rightPassword.body.token).toBeUndefined();
      const [{ locked }] = await stack.dataSource.query(
        'SELECT locked_until > now() AS locked FROM staff_user WHERE id = $1',
        [staff.id],
      );
      expect(locked).toBe(true);
      expect(
        await stack.dataSource.query(
          'SELECT count(*)::int AS n FROM staff_session WHERE staff_user_id = $1',
          [staff.id],
        ),
      ).toEqual(sessionsBefore);

      // The lock is per account: a colleague still logs in.
      const colleague = await createStaffUser(stack.dataSource);
      expect((await login(colleague.email, STAFF_PASSWORD)).status).toBe(201);
    });

    it('should set an HttpOnly, SameSite=Strict cookie that authenticates the browser', async () => {
      const staff = await createStaffUser(stack.dataSource, { name: 'Cookie Koordination' });

      const response = await fetch(`${stack.baseUrl}/api/staff/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: staff.email, password: STAFF_PASSWORD }),
      });

      expect(response.status).toBe(201);
      const body = (await response.json()) as { token: string };
      const setCookie = response.headers.getSetCookie().find((header) => header.startsWith('nahbar_staff='));
      expect(setCookie).toBeDefined();
      const attributes = setCookie!.split(';').map((part) => part.trim());
      expect(attributes[0]).toBe(`nahbar_staff=${body.token}`);
      expect(attributes).toContain('HttpOnly');
      expect(attributes).toContain('SameSite=Strict');
      expect(attributes).toContain('Path=/');
      const expires = attributes.find((attribute) => attribute.startsWith('Expires='));
      expect(new Date(expires!.slice('Expires='.length)).getTime()).toBeGreaterThan(Date.now());

      const whoAmI = await call(stack.baseUrl, ['GET', '/api/staff/session'], { cookie: attributes[0] });
      expect(whoAmI.status).toBe(200);
      expect(whoAmI.body).toEqual({
        staff: { id: staff.id, name: 'Cookie Koordination', email: staff.email, role: 'coordinator' },
      });

      // Logging out by cookie (from our own page: the custom header) clears the cookie and ends the session.
      const logout = await call(stack.baseUrl, ['DELETE', '/api/staff/session'], {
        cookie: attributes[0],
        headers: { 'X-Requested-By': 'nahbar' },
      });
      expect(logout.status).toBe(204);
      expect(logout.headers.getSetCookie().some((header) => /^nahbar_staff=;/.test(header))).toBe(true);
      expectUnauthorized(await call(stack.baseUrl, ['GET', '/api/staff/session'], { cookie: attributes[0] }));
    });
  });

  describe('audit of reads', () => {
    it('should write an audit_log row "help-request.viewed" for each staff read of a request, and none for a refused one', async () => {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
        body: publicHelpRequestBody(),
      });
      expect(created.status).toBe(201);
      const id: string = created.body.id;
      const viewed = async (): Promise<Array<{ staff_user_id: string; entity_type: string }>> =>
        stack.dataSource.query(
          `SELECT staff_user_id, entity_type FROM audit_log WHERE action = 'help-request.viewed' AND entity_id = $1 ORDER BY id`,
          [id],
        );
      expect(await viewed()).toEqual([]);

      expectUnauthorized(
        await call(stack.baseUrl, ['GET', `/api/staff/help-requests/${id}`], { bearer: 'garbage' }),
      );
      const list = await requestJson(stack.baseUrl, 'GET', '/api/staff/help-requests', { token });
      expect(list.status).toBe(200);
      expect(await viewed()).toEqual([]);

      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${id}`, { token });
      expect(detail.status).toBe(200);
      expect(detail.body.helpSeeker.phone).toBe('040 1234567');
      expect(await viewed()).toEqual([{ staff_user_id: staffId, entity_type: 'help-request' }]);

      await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${id}`, { token });
      expect(await viewed()).toHaveLength(2);
    });
  });

  describe('offer links', () => {
    beforeAll(async () => {
      // Two volunteers near 22765, free all week, with room for several open offers.
      for (const postalCode of ['22765', '22767']) {
        const { status } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
          token,
          body: volunteerBody({ postalCode, maxOpenAssignments: 10 }),
        });
        expect(status).toBe(201);
      }
    });

    const matchRow = async (id: string): Promise<{ status: string; responded_at: Date | null }> =>
      (await stack.dataSource.query('SELECT status, responded_at FROM "match" WHERE id = $1', [id]))[0];
    const requestStatus = async (id: string): Promise<string> =>
      (await stack.dataSource.query('SELECT status FROM help_request WHERE id = $1', [id]))[0].status;
    const staffNotices = async (matchId: string): Promise<number> =>
      (
        await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM notification WHERE subject_id = $1 AND kind LIKE 'staff-offer-%'`,
          [matchId],
        )
      )[0].n;

    /** A public request with its two proposals, and the first one approved and its offer email sent. */
    async function offeredRequest(description: string, days: number) {
      const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
        body: publicHelpRequestBody({
          description,
          schedule: { kind: 'one-off', date: daysAhead(days), start: '10:00', end: '11:00' },
        }),
      });
      expect(created.status).toBe(201);
      const request = await eventually('proposals', async () => {
        const detail = await requestJson(
          stack.baseUrl,
          'GET',
          `/api/staff/help-requests/${created.body.id}`,
          { token },
        );
        return detail.body.status === 'proposals-ready' ? detail.body : null;
      });
      expect(request.matches).toHaveLength(2);
      const [first, second] = request.matches as Array<{ id: string }>;
      const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${first.id}/approve`, {
        token,
      });
      expect(approved.status).toBe(200);
      const offer = await eventually('the offer email', () =>
        Promise.resolve(
          smtp.messages.find(
            (mail) =>
              mail.text?.includes(`/offers/offer.${first.id}.`) && mail.subject?.startsWith('Anfrage'),
          ),
        ),
      );
      await eventually(
        'the match marked as offered',
        async () => (await matchRow(first.id)).status === 'offered',
      );
      return {
        requestId: request.id as string,
        first: first.id,
        second: second.id,
        links: offerLinks(offer),
      };
    }

    it('should answer an expired link with 410 "abgelaufen" and change nothing', async () => {
      const { requestId, first, second } = await offeredRequest(
        'Abgelaufen: Hilfe beim Tragen der Einkäufe.',
        4,
      );
      const anHourAgo = new Date(Date.now() - 3600_000);
      await stack.dataSource.query('UPDATE "match" SET offer_expires_at = $2 WHERE id = $1', [
        first,
        anHourAgo,
      ]);

      for (const action of ['accept', 'decline'] as const) {
        const url = `${stack.baseUrl}/offers/${createOfferToken(stack.config.LINK_SECRET, { matchId: first, action, expiresAt: anHourAgo, version: 1 })}`;
        const shown = await requestPage(url);
        expect([action, shown.status]).toEqual([action, 410]);
        expect(shown.html).toContain('Dieser Link ist abgelaufen');
        expect(shown.html).not.toContain('<form');
        const answered = await requestPage(url, 'POST');
        expect([action, answered.status]).toEqual([action, 410]);
        expect(answered.html).toContain('abgelaufen');
      }

      expect(await matchRow(first)).toEqual({ status: 'offered', responded_at: null });
      expect((await matchRow(second)).status).toBe('proposed');
      expect(await requestStatus(requestId)).toBe('offered');
      expect(await staffNotices(first)).toBe(0);
    });

    it('should answer the emailed link with 410 once the offer window closed, even though the link itself is still in date', async () => {
      const { requestId, first, links } = await offeredRequest('Fristende: Begleitung zur Post.', 5);
      await stack.dataSource.query(
        `UPDATE "match" SET offer_expires_at = now() - interval '1 minute' WHERE id = $1`,
        [first],
      );

      const answered = await requestPage(links.accept, 'POST');

      expect(answered.status).toBe(410);
      expect(answered.html).toContain('Dieser Link ist abgelaufen');
      expect(await matchRow(first)).toEqual({ status: 'offered', responded_at: null });
      expect(await requestStatus(requestId)).toBe('offered');
      expect(await staffNotices(first)).toBe(0);
    });

    it("should not let a volunteer's old links act once the request went to another volunteer", async () => {
      const { requestId, first, second, links } = await offeredRequest(
        'Weitergegeben: Einkauf für die Nachbarin.',
        6,
      );
      const declined = await requestPage(links.decline, 'POST');
      expect(declined.status).toBe(200);
      expect(declined.html).toContain('Danke für Ihre Rückmeldung');
      expect(await requestStatus(requestId)).toBe('proposals-ready');
      const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${second}/approve`, {
        token,
      });
      expect(approved.status).toBe(200);
      await eventually('the second offer sent', async () => (await matchRow(second)).status === 'offered');

      // The first volunteer changes their mind and uses the accept link from their email.
      const page = await requestPage(links.accept, 'POST');

      expect(page.status).toBe(200);
      expect(page.html).toContain('bereits beantwortet');
      expect((await matchRow(first)).status).toBe('declined');
      expect(await matchRow(second)).toEqual({ status: 'offered', responded_at: null });
      expect(await requestStatus(requestId)).toBe('offered');
    });
  });
});
