import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource, In } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { Match } from '../../src/matching/match.entity';
import { Notification } from '../../src/notifications/notification.entity';
import { OPTIMISE_ASSIGNMENTS_JOB, STAFF_DIGEST_JOB } from '../../src/queue/job-contracts';
import { SWEEP_RUN } from '../../src/notifications/notification-sweeper.poller';
import { queueEmailBurst } from '../factories/email-burst.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { daysAhead, publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { Agency, removeTranspiledSource, scheduledRuns, startAgency } from '../helpers/app-processes';
import { loginAs, requestJson, requestPage } from '../helpers/http';
import { offerLinks } from '../helpers/mail';
import { CountingSmtpSink, startCountingSmtpSink } from '../helpers/counting-smtp-sink';
import { eventually } from '../helpers/test-stack';
import { TEST_REDIS_URL } from '../helpers/test-env';

jest.setTimeout(300_000);

const OPTIMISE_EVERY_MS = 2000;
const DIGEST_EVERY_MS = 3000;
const SWEEP_EVERY_MS = 1000;
const BURST = 2000;

/** A public form post from a given client address (the APIs trust X-Forwarded-For from loopback). */
async function submitHelpRequest(baseUrl: string, ip: string, body: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/api/public/help-requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** Scheduler job ids end in the time they were due: `repeat:<scheduler>:<millis>`. */
const dueTimes = (runs: Map<string, number>, jobName: string): number[] =>
  [...runs.keys()]
    .filter((field) => field.startsWith(`${jobName} `))
    .map((field) => Number(field.split(':').pop()))
    .sort((a, b) => a - b);

describe('two API processes and three worker processes on one database and one Redis', () => {
  let smtp: CountingSmtpSink;
  let agency: Agency;
  let dataSource: DataSource;
  let token: string;
  const startedAt = Date.now();
  const api = (i: number) => agency.apis[i % 2].baseUrl;
  const acceptedMatchIds: string[] = [];

  beforeAll(async () => {
    smtp = await startCountingSmtpSink();
    agency = await startAgency({
      smtpPort: smtp.port,
      apis: 2,
      workers: 3,
      env: {
        TRUST_PROXY: 'loopback',
        PUBLIC_SUBMISSIONS_PER_IP_HOUR: '3',
        OPTIMISE_EVERY_MS: String(OPTIMISE_EVERY_MS),
        STAFF_DIGEST_CRON: `*/${DIGEST_EVERY_MS / 1000} * * * * *`,
        NOTIFY_SWEEP_MS: String(SWEEP_EVERY_MS),
        NOTIFY_CONCURRENCY: '50',
      },
    });
    dataSource = await new DataSource(dataSourceOptions(agency.database.url, 4)).initialize();
    const staff = await createStaffUser(dataSource, { email: 'kim@agency.test' });
    token = await loginAs(api(0), staff.email, STAFF_PASSWORD);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await agency?.stop();
    await smtp?.close();
    await removeTranspiledSource();
  });

  it('should take requests through matching, offers and acceptance via both APIs alternately, once each', async () => {
    // A staff session made on one API holds on the other (sessions live in PostgreSQL).
    expect((await requestJson(api(1), 'GET', '/api/staff/volunteers', { token })).status).toBe(200);
    for (let i = 0; i < 3; i += 1) {
      const created = await requestJson(api(i), 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({ postalCode: ['22765', '22767', '22761'][i] }),
      });
      expect(created.status).toBe(201);
    }
    const requestIds: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const created = await submitHelpRequest(
        api(i),
        `198.51.100.${i + 1}`,
        publicHelpRequestBody({
          description: `Einkauf Nummer ${i + 1}, etwa eine Stunde.`,
          schedule: { kind: 'one-off', date: daysAhead(3 + i), start: '10:00', end: '11:30' },
        }),
      );
      expect(created.status).toBe(201);
      requestIds.push(created.body.id);
    }
    const requests = await Promise.all(
      requestIds.map((id, i) =>
        eventually(
          `proposals for request ${i + 1}`,
          async () => {
            const detail = await requestJson(api(i + 1), 'GET', `/api/staff/help-requests/${id}`, { token });
            return detail.body.status === 'proposals-ready' ? detail.body : null;
          },
          30_000,
        ),
      ),
    );
    // Matched once: three volunteers, three proposals per request, never a second set.
    for (const request of requests) {
      expect(request.matches).toHaveLength(3);
    }
    expect(await dataSource.getRepository(Match).countBy({ requestId: In(requestIds) })).toBe(18);

    // One request after the other: approve on one API, accept on the other.
    for (const [i, request] of requests.entries()) {
      // Read again: the optimiser (every 2 s here) may have re-ranked the proposals meanwhile.
      const detail = await requestJson(api(i), 'GET', `/api/staff/help-requests/${request.id}`, { token });
      // The best proposal whose volunteer may still get an offer: six appointments can fall into one
      // calendar week (it depends on today's weekday), and each volunteer takes at most 3 a week.
      const proposals = detail.body.matches.filter(
        (match: { status: string }) => match.status === 'proposed',
      );
      let best: { id: string } | undefined;
      let approved: Awaited<ReturnType<typeof requestJson>> | undefined;
      for (const proposal of proposals) {
        approved = await requestJson(api(i), 'POST', `/api/staff/matches/${proposal.id}/approve`, { token });
        if (approved.status !== 409) {
          best = proposal;
          break;
        }
        expect((approved.body as { message: string }).message).toMatch(/offers a week/);
      }
      expect([approved?.status, approved?.body]).toEqual([
        200,
        expect.objectContaining({ status: 'approved' }),
      ]);
      if (!best) {
        throw new Error(`no proposal of request ${i + 1} could be approved`);
      }
      const offer = await eventually(
        `the offer email for request ${i + 1}`,
        async () =>
          (await smtp.parsed((record) => !record.recipient.startsWith('burst-'))).find(
            (mail) => mail.subject?.startsWith('Anfrage') && mail.text?.includes(`/offers/offer.${best.id}.`),
          ),
        30_000,
      );
      await eventually(
        'offer marked as sent',
        async () =>
          (await dataSource.getRepository(Match).findOneByOrFail({ id: best.id })).status === 'offered',
      );
      const links = offerLinks(offer);
      const accept = i % 2 === 0 ? links.accept.replace(api(0), api(1)) : links.accept;
      const accepted = await requestPage(accept, 'POST');
      expect(accepted.html).toContain('Vielen Dank für Ihre Zusage');
      acceptedMatchIds.push(best.id);
    }
    expect(new Set(acceptedMatchIds).size).toBe(6);

    // Each acceptance: the volunteer's confirmation and the staff notice; 6 offers + 12 in all.
    await eventually('confirmations and staff notices', async () => {
      const sent = await dataSource.getRepository(Notification).countBy({
        subjectId: In(acceptedMatchIds),
        status: 'sent',
      });
      return sent >= 18;
    });

    // The reminders the day before: made due now, each goes out once, whichever worker takes it.
    const reminders = await dataSource
      .getRepository(Notification)
      .findBy({ subjectId: In(acceptedMatchIds), kind: 'volunteer-reminder' });
    expect(reminders).toHaveLength(6);
    await dataSource
      .getRepository(Notification)
      .update({ id: In(reminders.map((r) => r.id)) }, { notBefore: new Date() });
    const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue('notifications', { connection, prefix: agency.prefix });
    try {
      for (const reminder of reminders) {
        const job = await queue.getJob(`notification-${reminder.id}`);
        await job?.promote();
      }
    } finally {
      await queue.close();
      connection.disconnect();
    }
    await eventually('the reminders', () =>
      Promise.resolve(
        reminders.every((reminder) => smtp.records.some((record) => record.messageId === reminder.messageId)),
      ),
    );
    const counts = smtp.countByMessageId();
    expect([...counts.values()].filter((count) => count > 1)).toEqual([]);
  });

  it('should hold the public form limit across both APIs', async () => {
    const body = publicHelpRequestBody({ description: 'Begleitung zum Arzt, etwa zwei Stunden.' });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await submitHelpRequest(api(i), '203.0.113.77', body)).status);
    }
    // Three an hour from one address, counted in Redis: the fourth is refused on either API.
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });

  it(`should deliver a burst of ${BURST} emails relayed from the outbox exactly once each`, async () => {
    const before = smtp.records.length;
    // Written as a state change writes them; the three workers' relays hand them to BullMQ.
    const recipients = await queueEmailBurst(dataSource, {
      subjectId: acceptedMatchIds[0],
      count: BURST,
      addressPrefix: 'burst',
    });
    const writtenAt = Date.now();
    // Generous: the machine this runs on may be busy with much else.
    await eventually(
      'the burst at the SMTP server',
      () => Promise.resolve(smtp.records.length >= before + BURST),
      240_000,
    );
    const seconds = (Date.now() - writtenAt) / 1000;
    process.stdout.write(`burst: ${BURST} emails in ${seconds.toFixed(1)} s over 3 workers\n`);

    const burst = smtp.records.filter((record) => record.recipient.startsWith('burst-'));
    expect(new Set(burst.map((record) => record.recipient)).size).toBe(BURST);
    const counts = smtp.countByMessageId();
    expect([...counts.values()].filter((count) => count > 1)).toEqual([]);
    expect(counts.size).toBe(smtp.records.length);
    await eventually(
      'every burst row marked sent',
      async () =>
        (await dataSource
          .getRepository(Notification)
          .countBy({ recipient: In(recipients), status: 'sent' })) === BURST,
    );
  });

  it('should run each scheduled job once per period over three workers', async () => {
    // Long enough for several periods of each, whatever the earlier tests took.
    const elapsed = Date.now() - startedAt;
    if (elapsed < 12_000) {
      await new Promise((resolve) => setTimeout(resolve, 12_000 - elapsed));
    }
    // Process start-up eats into that on a slow machine: wait (bounded) until each has run a few times.
    const runs = await eventually(
      'three runs of each scheduled job',
      async () => {
        const seen = await scheduledRuns(TEST_REDIS_URL, agency.prefix);
        const enough =
          dueTimes(seen, OPTIMISE_ASSIGNMENTS_JOB).length >= 3 &&
          dueTimes(seen, STAFF_DIGEST_JOB).length >= 3 &&
          [...seen.keys()].filter((field) => field.startsWith(`${SWEEP_RUN} `)).length >= 5;
        return enough ? seen : null;
      },
      60_000,
    );
    const twice = [...runs.entries()].filter(([, count]) => count > 1);
    expect(twice).toEqual([]);

    for (const [jobName, period] of [
      [OPTIMISE_ASSIGNMENTS_JOB, OPTIMISE_EVERY_MS],
      [STAFF_DIGEST_JOB, DIGEST_EVERY_MS],
    ] as const) {
      const due = dueTimes(runs, jobName);
      expect(due.length).toBeGreaterThanOrEqual(3);
      // One run per period: consecutive runs were due a whole period apart, never closer.
      const gaps = due.slice(1).map((time, i) => time - due[i]);
      expect(gaps.filter((gap) => gap < period)).toEqual([]);
    }
    const sweeps = [...runs.keys()].filter((field) => field.startsWith(`${SWEEP_RUN} `));
    expect(sweeps.length).toBeGreaterThanOrEqual(5);
    // At most one sweep per period since the agency started (three workers each run the timer).
    expect(sweeps.length).toBeLessThanOrEqual(Math.ceil((Date.now() - startedAt) / SWEEP_EVERY_MS) + 1);
    // One digest email a day, however often its job ran.
    expect(
      await dataSource.getRepository(Notification).countBy({ kind: 'staff-daily-digest' }),
    ).toBeLessThanOrEqual(1);
  });
});
