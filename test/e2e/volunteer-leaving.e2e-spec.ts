import { randomUUID } from 'node:crypto';
import { CallTask } from '../../src/help-seekers/call-task.entity';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { Match } from '../../src/matching/match.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { createLinkToken } from '../../src/shared/signed-links';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { acceptAndFindLetter, linkPagesFixture } from '../helpers/link-fixtures';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

const STAFF_INBOX = 'team@nahbar.localhost';

/**
 * A volunteer who leaves takes nothing with them: made inactive, they can no longer accept an offer
 * (and so never get the help-seeker's address) and the offer moves on; erased, every email waiting
 * with their data is cancelled and emptied, and an assignment they had agreed opens again for staff.
 * Each scenario in its own city, so its volunteer is the only one within reach.
 */
describe('a volunteer who leaves: deactivation and erasure', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
    const staff = await createStaffUser(stack.dataSource, { email: 'kim@agency.test' });
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  const matchOf = (id: string) => stack.dataSource.getRepository(Match).findOneByOrFail({ id });
  const kindsAbout = async (matchId: string) =>
    (await stack.dataSource.getRepository(Notification).findBy({ subjectId: matchId })).map((n) => n.kind);

  it('should refuse the accept of a volunteer made inactive (409, a page saying so) and withdraw the offer', async () => {
    const urls = await linkPagesFixture(stack, token, { postalCode: '80331' });
    const { requestId } = await matchOf(urls.matchId);
    // No worker for now: the status check itself must refuse, before the offer is withdrawn.
    await stack.stopWorker();
    const changed = await requestJson(
      stack.baseUrl,
      'PATCH',
      `/api/staff/volunteers/${urls.volunteerId}/status`,
      {
        token,
        body: { status: 'inactive' },
      },
    );
    expect(changed.status).toBe(200);

    const shown = await requestPage(urls.offerAccept);
    expect(shown.status).toBe(409);
    expect(shown.html).toContain('nicht für Einsätze aktiv');
    const answered = await requestPage(urls.offerAccept, 'POST');
    expect(answered.status).toBe(409);
    expect(answered.html).toContain('nicht für Einsätze aktiv');
    expect(['approved', 'offered']).toContain((await matchOf(urls.matchId)).status);
    expect(await kindsAbout(urls.matchId)).not.toContain('volunteer-confirmation');
    expect(await kindsAbout(urls.matchId)).not.toContain('help-seeker-confirmation');
    expect(await stack.dataSource.getRepository(CallTask).countBy({ matchId: urls.matchId })).toBe(0);

    // The worker withdraws the offer and the request moves on as after a decline.
    await stack.startWorker();
    await eventually('the offer withdrawn', async () =>
      (await matchOf(urls.matchId)).status === 'withdrawn' ? true : undefined,
    );
    const request = await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: requestId });
    expect(['matching', 'open']).toContain(request.status);
    expect(await kindsAbout(urls.matchId)).toContain('staff-offer-withdrawn');
  });

  it('should cancel and empty every email waiting with the erased volunteer’s data, and reopen their agreed assignment for staff', async () => {
    const NAME = 'Ottilie Gehtweg';
    const EMAIL = 'ottilie.gehtweg@example.org';
    const urls = await linkPagesFixture(stack, token, {
      postalCode: '28195',
      volunteer: { name: NAME, email: EMAIL },
    });
    await acceptAndFindLetter(stack, urls);
    const { requestId } = await matchOf(urls.matchId);
    expect(
      (await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: requestId })).status,
    ).toBe('matched');

    // Emails composed and waiting for an SMTP retry: one to the volunteer with the help-seeker's
    // details, one to staff naming the volunteer, and one about someone else that must stay.
    const notifications = stack.dataSource.getRepository(Notification);
    const composed = (recipient: string, text: string) => {
      const id = randomUUID();
      return notifications.save({
        id,
        kind: 'volunteer-reminder' as const,
        subjectId: randomUUID(),
        recipient,
        status: 'composed' as const,
        messageId: `<notification-${id}@nahbar>`,
        composedEmail: { to: recipient, subject: 'Morgen', text, html: `<p>${text}</p>` },
        composedAt: new Date(),
        attempts: 1,
        firstAttemptAt: new Date(),
        lastError: '421 try again later',
      });
    };
    const toVolunteer = await composed(EMAIL, 'Erika Meyer, Hauptstraße 5, Telefon 040 1234567');
    const naming = await composed(STAFF_INBOX, `${NAME} hat zugesagt.`);
    const other = await composed(STAFF_INBOX, 'Jemand anders hat zugesagt.');

    const selfService = `${stack.baseUrl}/preferences/${createLinkToken(stack.config.LINK_SECRET, {
      purpose: 'preferences',
      subjectId: urls.volunteerId,
      action: 'account',
      expiresAt: new Date(Date.now() + 86_400_000),
      version: 1,
    })}`;
    const erased = await fetch(`${selfService}/delete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'confirm=yes',
    });
    expect(erased.status).toBe(200);

    for (const row of [toVolunteer, naming]) {
      expect(await notifications.findOneByOrFail({ id: row.id })).toMatchObject({
        status: 'cancelled',
        composedEmail: null,
      });
    }
    expect((await notifications.findOneByOrFail({ id: toVolunteer.id })).recipient).toMatch(
      /@erased\.invalid$/,
    );
    expect(await notifications.findOneByOrFail({ id: other.id })).toMatchObject({
      status: 'composed',
      composedEmail: expect.objectContaining({ text: 'Jemand anders hat zugesagt.' }),
    });

    // Every link of the erased person leads nowhere, follow-ups and offers included.
    for (const url of [urls.followUp, urls.offerAccept, selfService]) {
      expect((await requestPage(url)).status).toBe(400);
      expect((await requestPage(url, 'POST')).status).toBe(400);
    }

    // The agreed assignment opens again: matched anew, staff alerted.
    await eventually('the assignment reopened', async () =>
      (await matchOf(urls.matchId)).status === 'withdrawn' ? true : undefined,
    );
    const request = await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: requestId });
    expect(['matching', 'open', 'proposals-ready']).toContain(request.status);
    expect(await kindsAbout(urls.matchId)).toContain('staff-assignment-cancelled');

    // Every row of every table, as text: none may still hold the name or the address.
    const tables: { table_name: string }[] = await stack.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const leftovers: string[] = [];
    for (const { table_name: table } of tables) {
      for (const needle of [EMAIL, NAME]) {
        const [{ n }] = await stack.dataSource.query(
          `SELECT count(*)::int AS n FROM "${table}" t WHERE t::text ILIKE '%' || $1 || '%'`,
          [needle],
        );
        if (n > 0) {
          leftovers.push(`${table}: ${n} × ${needle}`);
        }
      }
    }
    expect(leftovers).toEqual([]);
  });
});
