import type { ParsedMail } from 'mailparser';
import { Match } from '../../src/matching/match.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { messagesTo, offerLinks } from '../helpers/mail';
import { NotificationJobs } from '../helpers/notification-jobs';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The follow-up email after a help assignment carries a "My hours" link (the volunteer's settings
 * link + /hours): it is in the mail, text and HTML, and opens that volunteer's hours page.
 */
describe('follow-up email: link to "My hours"', () => {
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

  const nextMailTo = (address: string, count: number): Promise<ParsedMail> =>
    eventually(`mail ${count} to ${address}`, () =>
      Promise.resolve(messagesTo(smtp.messages, address)[count - 1]),
    );

  it('links the follow-up to the volunteer’s hours page, which opens', async () => {
    const postalCode = '80331';
    const registered = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ postalCode, locale: 'en' }),
    });
    expect(registered.status).toBe(201);
    const volunteer = registered.body as { id: string; email: string };
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({
        postalCode,
        description: 'Einkauf am Viktualienmarkt.',
        schedule: { kind: 'one-off', date: daysAhead(4), start: '10:00', end: '11:30' },
      }),
    });
    expect(created.status).toBe(201);
    const matchId = await eventually('the proposal', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
        token,
      });
      return (detail.body.matches ?? []).find(
        (m: { volunteer: { id: string } }) => m.volunteer.id === volunteer.id,
      )?.id as string | undefined;
    });
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/matches/${matchId}/approve`, { token })).status,
    ).toBe(200);
    const offer = await eventually('the offer', () =>
      Promise.resolve(messagesTo(smtp.messages, volunteer.email)[0]),
    );
    expect((await requestPage(offerLinks(offer).accept, 'POST')).status).toBe(200);
    const match = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: matchId });
    await nextMailTo(volunteer.email, 2); // the confirmation

    const followUp = await eventually('the follow-up notification', () =>
      stack.dataSource
        .getRepository(Notification)
        .findOneBy({ kind: 'volunteer-follow-up', subjectId: match.id }),
    );
    await eventually('the follow-up job delayed', async () => (await jobs.state(followUp.id)) === 'delayed');
    await jobs.runNow(followUp.id, { due: true });
    const mail = await nextMailTo(volunteer.email, 3);
    expect(mail.subject).toMatch(/^How did it go\?/);

    const hoursLinks = [
      ...(mail.text ?? '').matchAll(/https?:\/\/\S+\/preferences\/[A-Za-z0-9._-]+\/hours/g),
    ].map((found) => found[0]);
    expect(hoursLinks).toHaveLength(1);
    expect(mail.text).toContain('My hours');
    expect(String(mail.html)).toContain(`href="${hoursLinks[0]}"`);

    const page = await requestPage(hoursLinks[0]);
    expect(page.status).toBe(200);
    expect(page.html).toContain('My hours');
    expect(page.html).toContain('name="workedOn"');
  });
});
