import { createLinkToken } from '../../src/shared/signed-links';
import { emailFingerprint } from '../../src/notifications/domain/notification-keys';
import { AuditLog } from '../../src/staff/audit-log.entity';
import { Match } from '../../src/matching/match.entity';
import { berlinWallClock } from '../../src/shared/berlin-time';
import { earliestSendTime, nextDigestTime } from '../../src/notifications/domain/send-schedule';
import { Notification } from '../../src/notifications/notification.entity';
import { Volunteer } from '../../src/volunteers/volunteer.entity';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { headerText, linksIn, messageIdsTo, messagesTo, offerLinks } from '../helpers/mail';
import { NotificationJobs } from '../helpers/notification-jobs';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * Each scenario happens in its own city, so its volunteer is the only one within reach of its
 * requests. Mail is counted by Message-ID at a real SMTP server.
 */
describe('volunteers in control: double opt-in, quiet hours, weekly cap, digest, unsubscribe', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let jobs: NotificationJobs;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    jobs = new NotificationJobs(stack);
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await jobs?.close();
    await stack?.close();
    await smtp?.close();
  });

  async function registerVolunteer(overrides: Record<string, unknown>): Promise<Volunteer> {
    const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody(overrides),
    });
    expect(status).toBe(201);
    return stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: body.id });
  }

  async function submitRequest(postalCode: string, description: string): Promise<string> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      // A week ahead: the answer time is then the full 48 h at any hour of the day, never cut
      // short by the lead time before the appointment (offerLeadHours).
      body: publicHelpRequestBody({
        postalCode,
        description,
        schedule: { kind: 'one-off', date: daysAhead(7), start: '10:00', end: '11:30' },
      }),
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function settledDetail(requestId: string) {
    return eventually('matching to finish', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}`, {
        token,
      });
      return ['proposals-ready', 'open'].includes(detail.body.status) ? detail.body : null;
    });
  }

  async function proposalFor(requestId: string, volunteerId: string): Promise<string> {
    return eventually('the volunteer proposed', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}`, {
        token,
      });
      const match = (detail.body.matches ?? []).find(
        (m: { volunteer: { id: string }; status: string }) =>
          m.volunteer.id === volunteerId && m.status === 'proposed',
      );
      return match?.id as string | undefined;
    });
  }

  const approve = (matchId: string) =>
    requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${matchId}/approve`, { token });

  const offerNotification = (matchId: string) =>
    eventually('the offer notification', () =>
      stack.dataSource.getRepository(Notification).findOneBy({ kind: 'volunteer-offer', subjectId: matchId }),
    );

  it('should send offers only after the volunteer confirmed the address (double opt-in), GET and HEAD changing nothing', async () => {
    const volunteer = await registerVolunteer({ postalCode: '80331', emailVerifiedByStaff: false });
    expect(volunteer.emailConfirmedAt).toBeNull();
    const confirmationMail = await eventually('the confirmation request', () =>
      Promise.resolve(messagesTo(smtp.messages, volunteer.email)[0]),
    );
    expect(confirmationMail.subject).toMatch(/^Bitte bestätigen Sie Ihre E-Mail-Adresse/);
    const [link] = linksIn(confirmationMail, '/email-confirmations/');
    expect(link).toBeDefined();

    // Not confirmed: matching leaves the volunteer out, and staff cannot offer anything either.
    const requestId = await submitRequest('80331', 'Einkauf am Viktualienmarkt.');
    const detail = await settledDetail(requestId);
    expect(detail.status).toBe('open');
    expect(detail.matchingSummary.exclusionCounts['not-active']).toBe(1);

    const page = await requestPage(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<form method="post"');
    expect((await fetch(link, { method: 'HEAD' })).status).toBe(200);
    const untouched = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteer.id });
    expect(untouched.emailConfirmedAt).toBeNull();

    const confirmed = await requestPage(link, 'POST');
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('bestätigt');
    const stored = await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteer.id });
    expect(stored.emailConfirmedAt).toBeInstanceOf(Date);

    // Confirming re-checks open requests: the waiting one now gets this volunteer, and the offer goes out.
    const matchId = await proposalFor(requestId, volunteer.id);
    expect((await approve(matchId)).status).toBe(200);
    await eventually('the offer', () =>
      Promise.resolve(
        messagesTo(smtp.messages, volunteer.email).find((m) => m.subject?.startsWith('Anfrage')),
      ),
    );
    const ids = messageIdsTo(smtp.messages, volunteer.email);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect((await requestPage(link, 'POST')).status).toBe(200);
  });

  it.each([
    ['quietHours', '21:00-21:00'],
    ['quietHours', '25:00-08:00'],
    ['offerDelivery', 'weekly'],
  ])('should refuse a volunteer with %s %p, naming the field', async (field, value) => {
    const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ [field]: value }),
    });
    expect(status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('should confirm nothing with a link for another address, a forged or an expired one', async () => {
    const volunteer = await registerVolunteer({ postalCode: '28195', emailVerifiedByStaff: false });
    const sign = (action: string, expiresAt: Date) =>
      `${stack.baseUrl}/email-confirmations/${createLinkToken(stack.config.LINK_SECRET, {
        purpose: 'email-confirmation',
        subjectId: volunteer.id,
        action,
        expiresAt,
        version: 1,
      })}`;
    const later = new Date(Date.now() + 3600_000);
    const otherAddress = await requestPage(sign(emailFingerprint('old@example.org'), later), 'POST');
    expect(otherAddress.status).toBe(409);
    const right = sign(emailFingerprint(volunteer.email), later);
    expect(
      (
        await requestPage(
          right.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
          'POST',
        )
      ).status,
    ).toBe(400);
    expect(
      (await requestPage(sign(emailFingerprint(volunteer.email), new Date(Date.now() - 1000)), 'POST'))
        .status,
    ).toBe(400);
    // An unsubscribe token is no confirmation token.
    const unsubscribe = `${stack.baseUrl}/email-confirmations/${createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'unsubscribe',
      subjectId: volunteer.id,
      action: emailFingerprint(volunteer.email),
      expiresAt: later,
      version: 1,
    })}`;
    expect((await requestPage(unsubscribe, 'POST')).status).toBe(400);
    expect(
      (await stack.dataSource.getRepository(Volunteer).findOneByOrFail({ id: volunteer.id }))
        .emailConfirmedAt,
    ).toBeNull();
  });

  it('should let staff confirm an address checked in person, with an audit entry and no opt-in email', async () => {
    const volunteer = await registerVolunteer({ postalCode: '01067', emailVerifiedByStaff: false });
    const confirmed = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/volunteers/${volunteer.id}/email-confirmation`,
      { token },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.emailConfirmedAt).toEqual(expect.any(String));
    const audit = await stack.dataSource
      .getRepository(AuditLog)
      .findOneBy({ entityId: volunteer.id, action: 'volunteer.email-verified-by-staff' });
    expect(audit).not.toBeNull();
  });

  it('should hold an offer during quiet hours and send it once when they end (delayed, not dropped)', async () => {
    // Quiet hours around the current Berlin time: from an hour ago to two hours ahead.
    const minutes = berlinWallClock(new Date()).minutes;
    const clock = (m: number) => {
      const wrapped = (m + 1440) % 1440;
      return `${String(Math.floor(wrapped / 60)).padStart(2, '0')}:${String(wrapped % 60).padStart(2, '0')}`;
    };
    const quietHours = `${clock(minutes - 60)}-${clock(minutes + 120)}`;
    const volunteer = await registerVolunteer({ postalCode: '20095', quietHours });
    const requestId = await submitRequest('20095', 'Einkauf in der Innenstadt.');
    const matchId = await proposalFor(requestId, volunteer.id);
    expect((await approve(matchId)).status).toBe(200);

    const notification = await offerNotification(matchId);
    const match = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: matchId });
    const [start, end] = quietHours.split('-');
    expect(notification.notBefore?.toISOString()).toBe(
      earliestSendTime(match.decidedAt!, { quietHours: { start, end } }).toISOString(),
    );
    expect(notification.notBefore!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    // The time to answer starts when the offer arrives, not when staff approved it.
    expect(match.offerExpiresAt!.getTime() - notification.notBefore!.getTime()).toBe(48 * 3600_000);
    await eventually('the delayed send job', async () => (await jobs.state(notification.id)) === 'delayed');

    // Run early (e.g. promoted by hand): the job checks the time again and goes back to waiting.
    await jobs.runNow(notification.id, { due: false });
    await eventually('the job delayed again', async () => (await jobs.state(notification.id)) === 'delayed');
    expect(messagesTo(smtp.messages, volunteer.email)).toHaveLength(0);
    expect(
      (await stack.dataSource.getRepository(Notification).findOneByOrFail({ id: notification.id })).status,
    ).toBe('pending');

    // Quiet hours over: the same offer goes out, once.
    await jobs.runNow(notification.id, { due: true });
    const [offer] = await eventually('the offer after quiet hours', () =>
      Promise.resolve(
        messagesTo(smtp.messages, volunteer.email)[0] ? messagesTo(smtp.messages, volunteer.email) : null,
      ),
    );
    expect(offer.messageId).toBe(notification.messageId);
    await eventually(
      'the match offered',
      async () =>
        (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: matchId })).status === 'offered',
    );
    expect(messageIdsTo(smtp.messages, volunteer.email)).toEqual([notification.messageId]);
  });

  it('should keep to the weekly cap: no second offer that week, and no proposal once an offer went out', async () => {
    const volunteer = await registerVolunteer({ postalCode: '50667', maxOffersPerWeek: 1 });
    const first = await submitRequest('50667', 'Einkauf am Dom.');
    const second = await submitRequest('50667', 'Einkauf in der Altstadt.');
    const firstMatch = await proposalFor(first, volunteer.id);
    const secondMatch = await proposalFor(second, volunteer.id);

    expect((await approve(firstMatch)).status).toBe(200);
    const refused = await approve(secondMatch);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/at most 1 offers a week/);
    await eventually(
      'the first offer sent',
      async () =>
        (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: firstMatch })).status ===
        'offered',
    );

    const third = await submitRequest('50667', 'Einkauf am Rhein.');
    const detail = await settledDetail(third);
    expect(detail.status).toBe('open');
    expect(detail.matchingSummary.exclusionCounts['weekly-offer-cap']).toBe(1);
    expect(messageIdsTo(smtp.messages, volunteer.email)).toHaveLength(1);
  });

  it('should batch offers into one daily digest for volunteers who chose it', async () => {
    const volunteer = await registerVolunteer({ postalCode: '60311', offerDelivery: 'daily-digest' });
    const requests = [
      await submitRequest('60311', 'Einkauf am Römer.'),
      await submitRequest('60311', 'Einkauf an der Zeil.'),
    ];
    const matchIds: string[] = [];
    for (const requestId of requests) {
      matchIds.push(await proposalFor(requestId, volunteer.id));
    }
    for (const matchId of matchIds) {
      expect((await approve(matchId)).status).toBe(200);
    }
    const notifications = stack.dataSource.getRepository(Notification);
    const batched = await notifications.findBy({ kind: 'volunteer-offer', recipient: volunteer.email });
    expect(batched.map((n) => n.status)).toEqual(['batched', 'batched']);
    const digests = await notifications.findBy({
      kind: 'volunteer-offer-digest',
      recipient: volunteer.email,
    });
    expect(digests).toHaveLength(1);
    const [digest] = digests;
    const approvedAt = (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: matchIds[0] }))
      .decidedAt!;
    expect(digest.notBefore?.toISOString()).toBe(
      nextDigestTime(approvedAt, { quietHours: null }).toISOString(),
    );
    await eventually('the delayed digest job', async () => (await jobs.state(digest.id)) === 'delayed');
    expect(messagesTo(smtp.messages, volunteer.email)).toHaveLength(0);

    await jobs.runNow(digest.id, { due: true });
    const mail = await eventually('the digest', () =>
      Promise.resolve(messagesTo(smtp.messages, volunteer.email)[0]),
    );
    expect(mail.subject).toBe('Ihre 2 Anfragen des Tages');
    expect(mail.text).toContain(`offer.${matchIds[0]}.accept.`);
    expect(mail.text).toContain(`offer.${matchIds[1]}.accept.`);
    // The help-seekers' own descriptions never reach a volunteer before they accept.
    expect(mail.text).not.toContain('Römer');
    expect(mail.text).not.toContain('Zeil');
    expect(mail.text).not.toContain('Große Bergstraße');
    expect(linksIn(mail, '/offers/')).toHaveLength(4);
    expect(headerText(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    await eventually('both offers marked sent', async () => {
      const rows = await notifications.findBy({ kind: 'volunteer-offer', recipient: volunteer.email });
      return rows.every((row) => row.status === 'sent');
    });
    const statuses = await stack.dataSource.getRepository(Match).findBy(matchIds.map((id) => ({ id })));
    expect(statuses.map((m) => m.status)).toEqual(['offered', 'offered']);

    // The links inside the digest work like those of a single offer.
    const accept = linksIn(mail, '/offers/').find((link) => link.includes(`${matchIds[1]}.accept.`))!;
    expect((await requestPage(accept, 'POST')).html).toContain('Vielen Dank für Ihre Zusage');
    expect(messageIdsTo(smtp.messages, volunteer.email).filter((id) => id === digest.messageId)).toHaveLength(
      1,
    );
  });

  it('should pause offers on a one-click unsubscribe POST, while GET and HEAD change nothing', async () => {
    const volunteer = await registerVolunteer({ postalCode: '04109' });
    const requestId = await submitRequest('04109', 'Einkauf am Markt.');
    expect((await approve(await proposalFor(requestId, volunteer.id))).status).toBe(200);
    const offer = await eventually('the offer', () =>
      Promise.resolve(messagesTo(smtp.messages, volunteer.email)[0]),
    );
    expect(offerLinks(offer).accept).toBeDefined();
    // Proposed for another request before unsubscribing.
    const pendingProposal = await proposalFor(
      await submitRequest('04109', 'Einkauf in der Petersstraße.'),
      volunteer.id,
    );

    const header = headerText(offer, 'List-Unsubscribe');
    const url = /<(https?:\/\/[^>]+\/unsubscribe\/[^>]+)>/.exec(header)?.[1];
    expect(url).toBeDefined();
    expect(header).toMatch(/<mailto:team@agency\.test\?subject=[^>]+>/);
    expect(headerText(offer, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(offer.text).toContain(url);

    const volunteers = stack.dataSource.getRepository(Volunteer);
    const page = await requestPage(url!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Keine Anfragen mehr bekommen?');
    const head = await fetch(url!, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await volunteers.findOneByOrFail({ id: volunteer.id })).status).toBe('active');

    // What a mail client sends for RFC 8058 one-click.
    const oneClick = await fetch(url!, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect((await volunteers.findOneByOrFail({ id: volunteer.id })).status).toBe('paused');
    const audit = await stack.dataSource
      .getRepository(AuditLog)
      .findOneBy({ entityId: volunteer.id, action: 'volunteer.unsubscribed' });
    expect(audit?.staffUserId).toBeNull();
    expect((await fetch(url!, { method: 'POST' })).status).toBe(200);
    const refused = await approve(pendingProposal);
    expect(refused.status).toBe(409);
    // Refused as paused, or already withdrawn: a paused volunteer's proposals end (release job).
    expect(refused.body.message).toMatch(/paused|withdrawn/);
    await eventually('the paused volunteer’s proposal withdrawn', async () =>
      (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: pendingProposal })).status ===
      'withdrawn'
        ? true
        : undefined,
    );

    // Paused: the next request nearby passes them by (retrieval only looks at active volunteers).
    const next = await submitRequest('04109', 'Einkauf am Augustusplatz.');
    const detail = await settledDetail(next);
    expect(detail.status).toBe('open');
    expect(detail.matchingSummary.proposed).toBe(0);
    // The offer, and the polite note that it was withdrawn when they paused: nothing for the new one.
    const subjects = await eventually('the withdrawal note', () =>
      Promise.resolve(
        messagesTo(smtp.messages, volunteer.email).length === 2
          ? messagesTo(smtp.messages, volunteer.email)
          : null,
      ),
    );
    expect(subjects.map((mail) => mail.subject)).toEqual([
      offer.subject,
      expect.stringMatching(/^Nicht mehr nötig/),
    ]);

    const forged = url!.replace(/\.pause-offers\./, '.pause-offerz.');
    expect((await requestPage(forged, 'POST')).status).toBe(400);
  });

  it('should let the volunteer change their own settings from the offer email, GET changing nothing', async () => {
    const volunteer = await registerVolunteer({ postalCode: '70173' });
    const requestId = await submitRequest('70173', 'Einkauf am Schlossplatz.');
    expect((await approve(await proposalFor(requestId, volunteer.id))).status).toBe(200);
    const offer = await eventually('the offer', () =>
      Promise.resolve(messagesTo(smtp.messages, volunteer.email)[0]),
    );
    const [link] = linksIn(offer, '/preferences/');
    expect(link).toBeDefined();

    const volunteers = stack.dataSource.getRepository(Volunteer);
    const page = await requestPage(link);
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="immediate" checked');
    expect((await fetch(link, { method: 'HEAD' })).status).toBe(200);
    const before = await volunteers.findOneByOrFail({ id: volunteer.id });

    const post = (form: Record<string, string>) =>
      fetch(link, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });
    const form = {
      offerDelivery: 'daily-digest',
      maxOffersPerWeek: '2',
      awayUntil: '2030-01-31',
      quietStart: '22:00',
      quietEnd: '07:30',
      locale: 'en',
    };
    const bad = await post({ ...form, quietEnd: '22:00' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('role="alert"');
    expect(await volunteers.findOneByOrFail({ id: volunteer.id })).toEqual(before);

    const saved = await post(form);
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Your settings are saved.');
    expect(await volunteers.findOneByOrFail({ id: volunteer.id })).toMatchObject({
      offerDelivery: 'daily-digest',
      maxOffersPerWeek: 2,
      awayUntil: '2030-01-31',
      quietHours: '22:00-07:30',
      locale: 'en',
    });
    const audit = await stack.dataSource
      .getRepository(AuditLog)
      .findOneBy({ entityId: volunteer.id, action: 'volunteer.preferences-changed' });
    expect(audit?.staffUserId).toBeNull();
  });
});
