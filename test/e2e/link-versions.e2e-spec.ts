import { AuditLog } from '../../src/staff/audit-log.entity';
import { Match } from '../../src/matching/match.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { emailFingerprint } from '../../src/notifications/domain/notification-keys';
import { createOfferToken } from '../../src/shared/offer-links';
import { createLinkToken, type LinkPurpose } from '../../src/shared/signed-links';
import { csrfTokenFor } from '../../src/web/console/csrf';
import { Volunteer } from '../../src/volunteers/volunteer.entity';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { linkPagesFixture } from '../helpers/link-fixtures';
import { linksIn, messagesTo } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const HOUR_MS = 3600_000;
const REVOKED_TEXT = 'Dieser Link ist nicht mehr gültig.';

/**
 * Link versions and scopes (issue 15, "Links in emails"): every signed link carries the
 * volunteer's link version and dies when it is raised (staff API, console, the volunteer's own
 * button, erasure); the settings link in every email's footer cannot open the profile, export or
 * delete, which need the short-lived account link sent by email through the outbox.
 * Each scenario in its own city, so its volunteer is the only one within reach.
 */
describe('link versions and scoped self-service links', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  let staffId: string;

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

  const volunteerRow = (id: string) => stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id });
  const sign = (purpose: LinkPurpose, subjectId: string, action: string, version: number) =>
    createLinkToken(stack.config.LINK_SECRET, {
      purpose,
      subjectId,
      action,
      expiresAt: new Date(Date.now() + 24 * HOUR_MS),
      version,
    });
  const post = (url: string, form: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  const tokenOf = (url: string): string => new URL(url).pathname.split('/')[2];

  /** Every kind of link the volunteer can hold, signed at `version`. */
  function everyLink(volunteer: Volunteer, matchId: string, version: number): Record<string, string> {
    const base = stack.baseUrl;
    const expiresAt = new Date(Date.now() + 24 * HOUR_MS);
    return {
      offer: `${base}/offers/${createOfferToken(stack.config.LINK_SECRET, { matchId, action: 'accept', expiresAt, version })}`,
      followUp: `${base}/follow-ups/${sign('follow-up', matchId, 'went-well', version)}`,
      settings: `${base}/preferences/${sign('preferences', volunteer.id, 'settings', version)}`,
      account: `${base}/preferences/${sign('preferences', volunteer.id, 'account', version)}`,
      export: `${base}/preferences/${sign('preferences', volunteer.id, 'account', version)}/export`,
      unsubscribe: `${base}/unsubscribe/${sign('unsubscribe', volunteer.id, 'pause-offers', version)}`,
      optIn: `${base}/email-confirmations/${sign('email-confirmation', volunteer.id, emailFingerprint(volunteer.email), version)}`,
    };
  }

  it('should give the footer link the settings scope only: no profile, export or deletion, but the account link by email', async () => {
    const EMAIL = 'fenja.fusszeile@example.org';
    const registered = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ postalCode: '24103', email: EMAIL }),
    });
    expect(registered.status).toBe(201);
    const volunteerId = registered.body.id as string;
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({ postalCode: '24103' }),
    });
    expect(created.status).toBe(201);
    const matchId = await eventually('the proposal', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
        token,
      });
      return (detail.body.matches ?? []).find(
        (m: { volunteer: { id: string } }) => m.volunteer.id === volunteerId,
      )?.id as string | undefined;
    });
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${matchId}/approve`, { token })).status,
    ).toBe(200);
    const offer = await eventually('the offer email', () =>
      Promise.resolve(messagesTo(smtp.messages, EMAIL).find((mail) => linksIn(mail, '/offers/').length > 0)),
    );
    const [footer] = linksIn(offer, '/preferences/');
    // The footer link names its scope and the volunteer's version in the signed token.
    expect(tokenOf(footer)).toMatch(/^preferences\.[0-9a-f-]{36}\.settings\.\d+\.1\.[A-Za-z0-9_-]{43}$/);
    for (const link of [...linksIn(offer, '/offers/'), ...linksIn(offer, '/unsubscribe/')]) {
      expect(tokenOf(link).split('.')[4]).toBe('1');
    }

    // The settings page: settings, the account link button, revoking; no profile, no matches.
    const page = await requestPage(footer);
    expect(page.status).toBe(200);
    expect(page.html).toContain('name="offerDelivery"');
    expect(page.html).toContain('/account-link"');
    expect(page.html).toContain('/revoke-links"');
    expect(page.html).not.toContain('/profile"');
    expect(page.html).not.toContain('/export"');
    expect(page.html).not.toContain('/delete"');
    expect(page.html).not.toContain('name="phone"');

    // On the account routes the footer link is refused (403, a page offering the account link).
    const before = await volunteerRow(volunteerId);
    const exported = await fetch(`${footer}/export`);
    expect(exported.status).toBe(403);
    expect(exported.headers.get('content-type')).toContain('text/html');
    const exportPage = await exported.text();
    expect(exportPage).toContain('Dafür brauchen Sie einen neuen Link.');
    expect(exportPage).not.toContain(EMAIL);
    const deleted = await post(`${footer}/delete`, { confirm: 'yes' });
    expect(deleted.status).toBe(403);
    const profile = await post(`${footer}/profile`, {
      postalCode: '24105',
      maxTravelKm: '9',
      languages: 'de',
      skills: 'shopping',
      availability: '1-morning',
    });
    expect(profile.status).toBe(403);
    expect(await volunteerRow(volunteerId)).toEqual(before);
    expect(
      await stack.dataSource
        .getRepository(AuditLog)
        .countBy({ entityId: volunteerId, action: 'volunteer.data-exported' }),
    ).toBe(0);

    // Asked for from the settings page: the account link arrives by email, valid for an hour.
    const asked = await post(`${footer}/account-link`);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('Wir haben Ihnen einen Link geschickt.');
    const mail = await eventually('the account link', () =>
      Promise.resolve(
        messagesTo(smtp.messages, EMAIL).find(
          (message) => message !== offer && linksIn(message, '/preferences/').length > 0,
        ),
      ),
    );
    const [account] = linksIn(mail, '/preferences/');
    const [, , scope, expires, version] = tokenOf(account).split('.');
    expect([scope, version]).toEqual(['account', '1']);
    const lifetimeMs = Number(expires) * 1000 - Date.now();
    expect(lifetimeMs).toBeGreaterThan(50 * 60_000);
    expect(lifetimeMs).toBeLessThanOrEqual(HOUR_MS);

    // The fresh account link can see the whole page and export.
    const full = await requestPage(account);
    expect(full.html).toContain('/profile"');
    expect(full.html).toContain('/export"');
    const data = await fetch(`${account}/export`);
    expect(data.status).toBe(200);
    expect(((await data.json()) as { profile: { email: string } }).profile.email).toBe(EMAIL);
  });

  it('should refuse every kind of link with an older version after staff revoked them by API (410, a page), audited', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '99084' });
    const volunteer = await volunteerRow(urls.volunteerId);
    const old = everyLink(volunteer, urls.matchId, 1);
    // Valid before: the offer page shows the offer.
    expect((await requestPage(old.offer)).status).toBe(200);

    const revoked = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/volunteers/${urls.volunteerId}/revoke-links`,
      { token },
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ id: urls.volunteerId, linkVersion: 2 });
    const audit = await stack.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ entityId: urls.volunteerId, action: 'volunteer.links-revoked' });
    expect(audit.staffUserId).toBe(staffId);
    expect(audit.details).toEqual({ before: { linkVersion: 1 }, after: { linkVersion: 2 } });

    for (const [kind, url] of Object.entries(old)) {
      const shown = await requestPage(url);
      expect([kind, shown.status]).toEqual([kind, 410]);
      expect(shown.html).toContain(REVOKED_TEXT);
      expect(shown.html).toContain('href="/my-account?lang=de"');
      const posted = await requestPage(url, 'POST');
      expect([kind, posted.status]).toEqual([kind, kind === 'export' ? 404 : 410]);
    }
    // Nothing acted: the offer is open, the volunteer active and not paused.
    expect(['approved', 'offered']).toContain(
      (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: urls.matchId })).status,
    );
    expect((await volunteerRow(urls.volunteerId)).status).toBe('active');

    // Links of the current version work; one "from the future" is refused as well.
    const current = everyLink(volunteer, urls.matchId, 2);
    expect((await requestPage(current.offer)).status).toBe(200);
    expect((await requestPage(current.account)).status).toBe(200);
    expect((await requestPage(everyLink(volunteer, urls.matchId, 3).offer)).status).toBe(410);

    // An unknown volunteer: 404, nothing stored.
    const unknown = await requestJson(
      stack.baseUrl,
      'POST',
      '/api/staff/volunteers/00000000-0000-4000-8000-000000000000/revoke-links',
      { token },
    );
    expect(unknown.status).toBe(404);
  });

  it('should let staff revoke from the console volunteer page (CSRF-protected) and the volunteer from their own page', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '39104' });
    const cookie = `nahbar_staff=${token}`;
    const page = await (
      await fetch(`${stack.baseUrl}/console/volunteers/${urls.volunteerId}`, { headers: { cookie } })
    ).text();
    expect(page).toContain(`action="/console/volunteers/${urls.volunteerId}/revoke-links"`);
    const consolePost = (form: Record<string, string>) =>
      fetch(`${stack.baseUrl}/console/volunteers/${urls.volunteerId}/revoke-links`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
        redirect: 'manual',
      });
    expect((await consolePost({})).status).toBe(403);
    expect((await volunteerRow(urls.volunteerId)).linkVersion).toBe(1);
    const done = await consolePost({ _csrf: csrfTokenFor(token, stack.config.LINK_SECRET) });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`/console/volunteers/${urls.volunteerId}?done=links-revoked`);
    expect((await volunteerRow(urls.volunteerId)).linkVersion).toBe(2);
    expect((await requestPage(urls.selfService)).status).toBe(410);

    // The volunteer's own "alle Links ungültig machen", from a settings link: this link dies too.
    const settings = `${stack.baseUrl}/preferences/${sign('preferences', urls.volunteerId, 'settings', 2)}`;
    const own = await post(`${settings}/revoke-links`);
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('Alle bisherigen Links sind ungültig.');
    expect((await volunteerRow(urls.volunteerId)).linkVersion).toBe(3);
    expect((await requestPage(settings)).status).toBe(410);
    const entries = await stack.dataSource.getRepository(AuditLog).find({
      where: { entityId: urls.volunteerId, action: 'volunteer.links-revoked' },
      order: { id: 'ASC' },
    });
    expect(entries.map((entry) => entry.staffUserId)).toEqual([staffId, null]);
  });

  it('should raise the version on erasure', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '06108' });
    const erased = await post(`${urls.selfService}/delete`, { confirm: 'yes' });
    expect(erased.status).toBe(200);
    const row = await volunteerRow(urls.volunteerId);
    expect(row.erasedAt).not.toBeNull();
    expect(row.linkVersion).toBe(2);
    // Even a link of the new version leads nowhere for an erased person.
    const fresh = everyLink(row, urls.matchId, 2);
    for (const url of [fresh.offer, fresh.followUp, fresh.settings, fresh.unsubscribe]) {
      expect((await requestPage(url)).status).toBe(400);
    }
  });

  it('should queue the magic-link form email in the outbox for any address; the worker sends only to a registered one and forgets the other', async () => {
    const EMAIL = 'magda.magisch@example.org';
    const NOBODY = 'niemand.hier@example.org';
    const registered = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ postalCode: '18055', email: EMAIL }),
    });
    expect(registered.status).toBe(201);
    const notifications = stack.dataSource.getRepository(Notification);
    // No worker: the answer itself must leave both emails stored (a crash loses nothing).
    await stack.stopWorker();
    for (const email of [EMAIL, NOBODY]) {
      const answer = await post(`${stack.baseUrl}/my-account`, { email });
      expect(answer.status).toBe(303);
      expect(await notifications.countBy({ kind: 'volunteer-self-service-link', recipient: email })).toBe(1);
    }
    await stack.startWorker();
    const mail = await eventually('the magic link', () =>
      Promise.resolve(messagesTo(smtp.messages, EMAIL).find((m) => linksIn(m, '/preferences/').length > 0)),
    );
    expect(tokenOf(linksIn(mail, '/preferences/')[0]).split('.')[2]).toBe('account');
    await eventually('the email to nobody cancelled', async () =>
      (await notifications.countBy({ kind: 'volunteer-self-service-link', status: 'cancelled' })) > 0
        ? true
        : undefined,
    );
    expect(messagesTo(smtp.messages, NOBODY)).toEqual([]);
    // The unknown address is not kept anywhere.
    const [{ n }] = await stack.dataSource.query(
      `SELECT count(*)::int AS n FROM notification t WHERE t::text ILIKE '%' || $1 || '%'`,
      [NOBODY],
    );
    expect(n).toBe(0);
  });
});
