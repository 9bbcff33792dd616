import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { Match } from '../../src/matching/match.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { offerLinks, recipientOf } from '../helpers/mail';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

describe('the agency flow, end to end on PostgreSQL, Redis/BullMQ and SMTP', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;
  const volunteerEmails: string[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    // Near and far from the request in 22765 (Ottensen/Altona-Altstadt): the nearer one ranks first.
    for (const postalCode of ['22765', '22767', '22761']) {
      const { status, body } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({ postalCode }),
      });
      expect(status).toBe(201);
      volunteerEmails.push(body.email);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function submitAndWaitForProposals(overrides: Record<string, unknown> = {}) {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(overrides),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'matching' });
    return eventually('proposals', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
        token,
      });
      return detail.body.status === 'proposals-ready' ? detail.body : null;
    });
  }

  it('should take a public request through proposals, approval, the offer email and acceptance', async () => {
    const request = await submitAndWaitForProposals();
    expect(request.matches).toHaveLength(3);
    const [best] = request.matches;
    expect(best.status).toBe('proposed');
    expect(best.volunteer.district).toBeTruthy();
    expect(Object.keys(best.breakdown).sort()).toEqual([
      'availability',
      'continuity',
      'distance',
      'fairness',
      'language',
      'responsiveness',
      'skills',
    ]);
    expect(best.breakdown.distance.explanation.de).toMatch(/km entfernt/);
    expect(request.matches.map((m: { score: number }) => m.score)).toEqual(
      [...request.matches.map((m: { score: number }) => m.score)].sort((a, b) => b - a),
    );
    expect(request.matchingSummary).toMatchObject({ proposed: 3 });

    const approved = await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${best.id}/approve`, {
      token,
    });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const [offer] = await smtp.waitForMessages(1);
    const volunteer = await stack.dataSource
      .getRepository(Match)
      .findOneOrFail({ where: { id: best.id }, relations: { volunteer: true } });
    expect(recipientOf(offer)).toBe(volunteer.volunteer!.email);
    expect(offer.subject).toBe(`Anfrage: Einkaufshilfe in ${request.district} – können Sie helfen?`);
    expect(offer.text).toContain(request.district);
    expect(offer.html).toContain(request.district);
    expect(offer.text).not.toContain('Große Bergstraße');
    expect(offer.html).not.toContain('Große Bergstraße');
    expect(offer.messageId).toMatch(/^<notification-[0-9a-f-]+@nahbar>$/);
    const links = offerLinks(offer);

    // A mail scanner opening the link must not decide anything.
    const page = await requestPage(links.accept);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Möchten Sie diese Anfrage übernehmen?');
    expect(page.html).toContain('<form method="post"');
    await eventually(
      'offer marked as sent',
      async () =>
        (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: best.id })).status === 'offered',
    );

    const accepted = await requestPage(links.accept, 'POST');
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain('Vielen Dank für Ihre Zusage');

    const stored = await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: request.id });
    expect(stored.status).toBe('matched');
    expect(stored.matchedAt).toBeInstanceOf(Date);
    const matches = await stack.dataSource.getRepository(Match).findBy({ requestId: request.id });
    expect(matches.map((m) => [m.id === best.id, m.status]).sort()).toEqual([
      [false, 'withdrawn'],
      [false, 'withdrawn'],
      [true, 'accepted'],
    ]);

    const mails = await smtp.waitForMessages(3);
    const staffNotice = mails.find((mail) => recipientOf(mail) === 'team@agency.test');
    expect(staffNotice?.subject).toMatch(/^Zusage:/);
    const confirmation = mails.find(
      (mail) => mail !== offer && recipientOf(mail) === volunteer.volunteer!.email,
    );
    expect(confirmation?.text).toContain('Große Bergstraße 189');
    expect(confirmation?.text).toContain('040 1234567');

    // Second use of either link: a clear page, and nothing changes.
    const again = await requestPage(links.accept, 'POST');
    expect(again.status).toBe(200);
    expect(again.html).toContain('bereits beantwortet');
    const declineAfterAccept = await requestPage(links.decline, 'POST');
    expect(declineAfterAccept.html).toContain('bereits beantwortet');
    expect((await stack.dataSource.getRepository(Match).findOneByOrFail({ id: best.id })).status).toBe(
      'accepted',
    );
    const sent = await stack.dataSource
      .getRepository(Notification)
      .countBy({ subjectId: best.id, status: 'sent' });
    expect(sent).toBe(3);
  });

  it('should send a request back to its proposals when the volunteer declines', async () => {
    const request = await submitAndWaitForProposals({
      description: 'Einkauf in der Apotheke und beim Bäcker.',
    });
    const [first, second] = request.matches;
    await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${first.id}/approve`, { token });
    const offer = await eventually('the offer email', () =>
      Promise.resolve(
        smtp.messages.find(
          (mail) => mail.text?.includes(`/offers/offer.${first.id}.`) && mail.subject?.startsWith('Anfrage'),
        ),
      ),
    );
    const declined = await requestPage(offerLinks(offer).decline, 'POST');
    expect(declined.html).toContain('Danke für Ihre Rückmeldung');

    const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${request.id}`, {
      token,
    });
    expect(detail.body.status).toBe('proposals-ready');
    const statuses = Object.fromEntries(
      detail.body.matches.map((m: { id: string; status: string }) => [m.id, m.status]),
    );
    expect(statuses[first.id]).toBe('declined');
    expect(statuses[second.id]).toBe('proposed');
    await eventually('the staff notice of the decline', () =>
      Promise.resolve(
        smtp.messages.find(
          (mail) => recipientOf(mail) === 'team@agency.test' && mail.subject?.startsWith('Absage'),
        ),
      ),
    );
  });

  it('should show a clear page, and change nothing, for a link whose signature was tampered with', async () => {
    const request = await submitAndWaitForProposals({ description: 'Begleitung zum Wochenmarkt.' });
    const [first, second] = request.matches;
    await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${first.id}/approve`, { token });
    const offer = await eventually('the offer email', () =>
      Promise.resolve(
        smtp.messages.find(
          (mail) => mail.text?.includes(`/offers/offer.${first.id}.`) && mail.subject?.startsWith('Anfrage'),
        ),
      ),
    );
    // The same link pointed at another volunteer's match: the signature no longer fits.
    const forged = offerLinks(offer).accept.replace(first.id, second.id);
    const page = await requestPage(forged, 'POST');
    expect(page.status).toBe(400);
    expect(page.html).toContain('Dieser Link ist ungültig');
    const statuses = await stack.dataSource.getRepository(Match).findBy({ requestId: request.id });
    expect(statuses.find((m) => m.id === second.id)?.status).toBe('proposed');
    expect(statuses.find((m) => m.id === first.id)?.status).not.toBe('accepted');
  });

  it('should match a request raised by a provider the same way, and confirm with the provider as contact', async () => {
    const provider = await requestJson(stack.baseUrl, 'POST', '/api/staff/providers', {
      token,
      body: {
        name: 'Seniorentreff Ottensen',
        contactPerson: 'Aylin Demir',
        email: 'kontakt@seniorentreff.test',
        phone: '040 3901234',
        streetAddress: 'Bahrenfelder Straße 12',
        postalCode: '22765',
        fieldsOfActivity: ['SEN'],
      },
    });
    expect(provider.status).toBe(201);
    const {
      description: _description,
      helpSeeker: _helpSeeker,
      consent: _consent,
      ...details
    } = publicHelpRequestBody();
    const created = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/providers/${provider.body.id}/help-requests`,
      {
        token,
        body: { ...details, description: 'Einkaufsbegleitung für den Seniorentreff.' },
      },
    );
    expect(created.status).toBe(201);
    const request = await eventually('proposals for the provider request', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
        token,
      });
      return detail.body.status === 'proposals-ready' ? detail.body : null;
    });
    expect(request.source).toBe('provider');
    expect(request.provider).toMatchObject({ name: 'Seniorentreff Ottensen' });
    expect(request.helpSeeker).toBeNull();

    await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${request.matches[0].id}/approve`, {
      token,
    });
    const offer = await eventually('the offer email', () =>
      Promise.resolve(
        smtp.messages.find(
          (mail) =>
            mail.text?.includes(`/offers/offer.${request.matches[0].id}.`) &&
            mail.subject?.startsWith('Anfrage'),
        ),
      ),
    );
    await requestPage(offerLinks(offer).accept, 'POST');
    const confirmation = await eventually('the confirmation', () =>
      Promise.resolve(smtp.messages.find((mail) => mail.text?.includes('Bahrenfelder Straße 12'))),
    );
    expect(confirmation.text).toContain('Aylin Demir');
    expect(confirmation.text).toContain('040 3901234');
  });
});
