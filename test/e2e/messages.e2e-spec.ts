import type { ParsedMail } from 'mailparser';
import { CallTask } from '../../src/help-seekers/call-task.entity';
import { Match } from '../../src/matching/match.entity';
import { berlinInstant } from '../../src/shared/berlin-time';
import { followUpTime, reminderTime } from '../../src/notifications/domain/send-schedule';
import { Notification } from '../../src/notifications/notification.entity';
import { StaffDigestService } from '../../src/notifications/staff-digest.service';
import { NOTIFICATIONS_QUEUE, STAFF_DIGEST_JOB } from '../../src/queue/job-contracts';
import { AuditLog } from '../../src/staff/audit-log.entity';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { linksIn, messageIdsTo, messagesTo, offerLinks, recipientOf } from '../helpers/mail';
import { NotificationJobs } from '../helpers/notification-jobs';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/** Unfolded content lines of an iCalendar text. */
const icsLines = (ics: string): string[] => ics.replace(/\r\n[ \t]/g, '').split(/\r\n/);

describe('messages: confirmation with .ics, reminder, follow-up, help-seeker notice, staff digest, previews', () => {
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

  /** A volunteer in the city, a request there, approved and accepted from the offer email. */
  async function acceptedMatch(postalCode: string, request: Record<string, unknown>) {
    const registered = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
      token,
      body: volunteerBody({ postalCode, locale: 'en' }),
    });
    expect(registered.status).toBe(201);
    const volunteer = registered.body as { id: string; email: string };
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({ postalCode, ...request }),
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
    return { volunteer, match, requestId: created.body.id as string };
  }

  const notificationOf = (kind: Notification['kind'], subjectId: string) =>
    eventually(`the ${kind} notification`, () =>
      stack.dataSource.getRepository(Notification).findOneBy({ kind, subjectId }),
    );

  const nextMailTo = (address: string, count: number): Promise<ParsedMail> =>
    eventually(`mail ${count} to ${address}`, () =>
      Promise.resolve(messagesTo(smtp.messages, address)[count - 1]),
    );

  it('should confirm with an .ics invitation, remind the day before and record the follow-up answer', async () => {
    const date = daysAhead(4);
    const { volunteer, match, requestId } = await acceptedMatch('80331', {
      description: 'Einkauf am Viktualienmarkt.',
      schedule: { kind: 'one-off', date, start: '10:00', end: '11:30' },
    });

    // The confirmation (in the volunteer's language), with the appointment as a calendar file.
    const confirmation = await nextMailTo(volunteer.email, 2);
    expect(confirmation.subject).toMatch(/^Thank you for helping/);
    const ics = confirmation.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(ics?.filename).toBe('termin.ics');
    const lines = icsLines(ics!.content.toString('utf8'));
    expect(lines).toContain(`UID:match-${match.id}@nahbar`);
    const start = lines.find((line) => line.startsWith('DTSTART;TZID=Europe/Berlin:'))!;
    expect(start).toBe(`DTSTART;TZID=Europe/Berlin:${date.replace(/-/g, '')}T100000`);
    expect(lines).toContain('BEGIN:VTIMEZONE');
    expect(lines.find((line) => line.startsWith('LOCATION:'))).toContain('Große Bergstraße 189');

    // Reminder and follow-up wait as delayed jobs, at the times the schedule rules give.
    const reminder = await notificationOf('volunteer-reminder', match.id);
    const followUp = await notificationOf('volunteer-follow-up', match.id);
    const schedule = { kind: 'one-off' as const, date, start: '10:00', end: '11:30' };
    expect(reminder.notBefore?.toISOString()).toBe(
      reminderTime(schedule, match.respondedAt!, { quietHours: null })?.toISOString(),
    );
    expect(reminder.notBefore?.toISOString()).toBe(berlinInstant(daysAhead(3), '10:00').toISOString());
    expect(followUp.notBefore?.toISOString()).toBe(
      followUpTime(schedule, match.respondedAt!, { quietHours: null })?.toISOString(),
    );
    await eventually('the reminder job delayed', async () => (await jobs.state(reminder.id)) === 'delayed');
    await eventually('the follow-up job delayed', async () => (await jobs.state(followUp.id)) === 'delayed');

    await jobs.runNow(reminder.id, { due: true });
    const reminderMail = await nextMailTo(volunteer.email, 3);
    expect(reminderMail.subject).toMatch(/^Reminder:/);
    expect(reminderMail.text).toContain('Große Bergstraße 189');

    await jobs.runNow(followUp.id, { due: true });
    const followUpMail = await nextMailTo(volunteer.email, 4);
    expect(followUpMail.subject).toMatch(/^How did it go\?/);
    const links = linksIn(followUpMail, '/follow-ups/');
    expect(links).toHaveLength(3);
    const didNotHappen = links.find((link) => link.includes('.did-not-happen.'))!;
    // The same link pointed at another answer: the signature no longer fits.
    const forged = didNotHappen.replace('.did-not-happen.', '.went-well.');
    expect((await requestPage(forged, 'POST')).status).toBe(400);

    // A scanner opening the link records nothing; the POST does, once.
    const page = await requestPage(didNotHappen);
    expect(page.status).toBe(200);
    expect(page.html).toContain('It did not happen');
    expect(
      (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: match.id })).followUpOutcome,
    ).toBeNull();
    const saved = await requestPage(didNotHappen, 'POST');
    expect(saved.status).toBe(200);
    const stored = await stack.dataSource.getRepository(Match).findOneByOrFail({ id: match.id });
    expect(stored.followUpOutcome).toBe('did-not-happen');
    expect(stored.followUpAt).toBeInstanceOf(Date);
    const wentWell = links.find((link) => link.includes('.went-well.'))!;
    expect((await requestPage(wentWell, 'POST')).html).toContain('already have your answer');
    expect(
      (await stack.dataSource.getRepository(Match).findOneByOrFail({ id: match.id })).followUpOutcome,
    ).toBe('did-not-happen');

    // Four distinct emails to the volunteer, each once.
    const ids = messageIdsTo(smtp.messages, volunteer.email);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);

    // The help-seeker asked for phone: staff get a call task with a printable letter.
    const task = await stack.dataSource.getRepository(CallTask).findOneByOrFail({ matchId: match.id });
    expect(task).toMatchObject({ reason: 'match-accepted', status: 'open', helpRequestId: requestId });
    const listed = await requestJson(stack.baseUrl, 'GET', '/api/staff/call-tasks', { token });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: task.id,
          helpSeeker: expect.objectContaining({ phone: '040 1234567' }),
        }),
      ]),
    );
    const letter = await fetch(`${stack.baseUrl}/api/staff/call-tasks/${task.id}/letter`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(letter.status).toBe(200);
    const letterHtml = await letter.text();
    expect(letterHtml).toContain('Erika Muster');
    expect(letterHtml).toContain('Wir haben Hilfe für Sie gefunden');
    expect(letterHtml).toContain('@media print');
    expect(letterHtml).not.toContain('<script');
    const done = await requestJson(stack.baseUrl, 'POST', `/api/staff/call-tasks/${task.id}/done`, { token });
    expect(done.status).toBe(200);
    expect(done.body.status).toBe('done');
    expect(
      (await requestJson(stack.baseUrl, 'POST', `/api/staff/call-tasks/${task.id}/done`, { token })).status,
    ).toBe(409);
    const audits = await stack.dataSource.getRepository(AuditLog).findBy({ entityId: task.helpSeekerId });
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['help-seeker.contact-viewed', 'help-seeker.letter-printed']),
    );
    expect(
      await stack.dataSource
        .getRepository(AuditLog)
        .findOneBy({ entityId: task.id, action: 'call-task.done' }),
    ).not.toBeNull();
  });

  it('should tell a help-seeker who wants email by email, and cancel the reminder of a match called off', async () => {
    const { volunteer, match } = await acceptedMatch('20095', {
      description: 'Einkauf am Jungfernstieg.',
      schedule: { kind: 'one-off', date: daysAhead(5), start: '14:00', end: '15:00' },
      helpSeeker: {
        name: 'Hanna Beispiel',
        email: 'hanna@seeker.test',
        preferredContact: 'email',
        preferredLanguage: 'en',
        streetAddress: 'Jungfernstieg 1',
      },
    });
    const notice = await eventually('the help-seeker notice', () =>
      Promise.resolve(messagesTo(smtp.messages, 'hanna@seeker.test')[0]),
    );
    expect(notice.subject).toMatch(/^We have found help for you/);
    expect(notice.text).toContain(`Please open the door only to`);
    expect(await stack.dataSource.getRepository(CallTask).countBy({ matchId: match.id })).toBe(0);

    // Staff close the request as cancelled: the reminder, when its time comes, is not sent.
    const closed = await requestJson(
      stack.baseUrl,
      'POST',
      `/api/staff/help-requests/${match.requestId}/close`,
      {
        token,
        body: { status: 'cancelled' },
      },
    );
    expect(closed.status).toBeLessThan(300);
    const reminder = await notificationOf('volunteer-reminder', match.id);
    await eventually('the reminder job delayed', async () => (await jobs.state(reminder.id)) === 'delayed');
    await jobs.runNow(reminder.id, { due: true });
    await eventually(
      'the reminder cancelled',
      async () =>
        (await stack.dataSource.getRepository(Notification).findOneByOrFail({ id: reminder.id })).status ===
        'cancelled',
    );
    expect(messagesTo(smtp.messages, volunteer.email).map((m) => m.subject)).not.toContainEqual(
      expect.stringMatching(/^Reminder/),
    );
  });

  it('should send staff one daily digest of what needs attention, once per day', async () => {
    // Nobody lives near Rostock in this test's data: the request waits for staff.
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody({ postalCode: '18055', description: 'Einkauf am Neuen Markt.' }),
    });
    await eventually('matching without a result', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${created.body.id}`, {
        token,
      });
      return detail.body.status === 'open' && detail.body.matchingSummary !== null;
    });
    const digest = stack.worker!.get(StaffDigestService);
    expect(await digest.queueDigest()).toBe(true);
    const mail = await eventually('the staff digest', () =>
      Promise.resolve(
        smtp.messages.find(
          (m) => recipientOf(m) === 'team@agency.test' && m.subject?.startsWith('Tagesübersicht'),
        ),
      ),
    );
    expect(mail.text).toContain('Anfragen ohne passende freiwillige Person');
    expect(mail.text).toContain(`${stack.baseUrl}/console/requests/${created.body.id}`);
    expect(mail.text).not.toContain('/api/');
    // Requests are named by category and district, never by the help-seeker's name or number.
    expect(mail.text).not.toContain('Erika Muster');
    expect(mail.text).not.toContain('040 1234567');
    expect(await digest.queueDigest()).toBe(false);
    // The worker schedules it every morning at 07:00 Berlin time.
    const scheduler = await jobs.scheduler(NOTIFICATIONS_QUEUE, STAFF_DIGEST_JOB);
    expect(scheduler).toMatchObject({ pattern: '0 7 * * *', tz: 'Europe/Berlin' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smtp.messages.filter((m) => m.subject?.startsWith('Tagesübersicht'))).toHaveLength(1);
  });

  it('should preview every email template for staff, in each language it is sent in, as HTML or text', async () => {
    const list = await requestJson(stack.baseUrl, 'GET', '/api/staff/notifications/templates', { token });
    expect(list.status).toBe(200);
    expect(list.body.map((t: { kind: string }) => t.kind)).toContain('volunteer-offer-digest');
    const preview = (path: string, auth = true) =>
      fetch(`${stack.baseUrl}/api/staff/notifications/templates/${path}`, {
        headers: auth ? { Authorization: `Bearer ${token}` } : {},
      });
    const en = await preview('volunteer-offer/preview?locale=en');
    expect(en.status).toBe(200);
    expect(en.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await en.text()).toContain('Can you help?');
    const ar = await preview('volunteer-offer/preview?locale=ar');
    expect(ar.status).toBe(200);
    expect(await ar.text()).toMatch(/<html lang="ar" dir="rtl">/);
    const offerEntry = list.body.find((t: { kind: string }) => t.kind === 'volunteer-offer');
    expect(Object.keys(offerEntry.preview).sort()).toEqual(['ar', 'de', 'en', 'fa', 'ru', 'tr', 'uk']);
    const digestEntry = list.body.find((t: { kind: string }) => t.kind === 'staff-daily-digest');
    expect(Object.keys(digestEntry.preview).sort()).toEqual(['de', 'en']);
    const text = await preview('volunteer-follow-up/preview?format=text');
    expect(await text.text()).toContain('Wie ist es gelaufen?');
    expect((await preview('no-such-kind/preview')).status).toBe(404);
    expect((await preview('volunteer-offer/preview?locale=fr')).status).toBe(400);
    expect((await preview('volunteer-offer/preview', false)).status).toBe(401);
  });
});
