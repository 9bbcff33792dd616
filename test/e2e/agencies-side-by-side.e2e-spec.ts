import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { Notification } from '../../src/notifications/notification.entity';
import { MATCHING_QUEUE, NOTIFICATIONS_QUEUE, OPTIMISE_ASSIGNMENTS_JOB } from '../../src/queue/job-contracts';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import {
  Agency,
  keysUnder,
  removeTranspiledSource,
  scheduledRuns,
  startAgency,
} from '../helpers/app-processes';
import { loginAs, requestJson } from '../helpers/http';
import { offerLinks, recipientOf } from '../helpers/mail';
import { RedisProcess, startRedisProcess } from '../helpers/redis-process';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, freePort } from '../helpers/test-stack';

jest.setTimeout(150_000);

/** One agency's side: its processes, a view of its database and a staff token. */
interface Side {
  name: 'altona' | 'wandsbek';
  agency: Agency;
  dataSource: DataSource;
  token: string;
  baseUrl: string;
  volunteerEmail: string;
  requestId: string;
}

async function submitHelpRequest(baseUrl: string, ip: string, body: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/api/public/help-requests`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/**
 * Two agencies on one PostgreSQL server, one Redis and one mail relay, as a hosting co-operative
 * runs them: a database and a key prefix each, an API and a worker each. The Redis is the test's
 * own, so every key in it can be checked.
 */
describe('two agencies side by side on one set of servers', () => {
  let smtp: TestSmtpServer;
  let redis: RedisProcess;
  const sides: Side[] = [];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    redis = await startRedisProcess(await freePort());
    const agencies = await Promise.all(
      (['altona', 'wandsbek'] as const).map((name) =>
        startAgency({
          smtpPort: smtp.port,
          apis: 1,
          workers: 1,
          redisUrl: redis.url,
          env: {
            STAFF_NOTIFY_EMAIL: `team@${name}.test`,
            AGENCY_NAME: `Freiwilligenagentur ${name}`,
            TRUST_PROXY: 'loopback',
            PUBLIC_SUBMISSIONS_PER_IP_HOUR: '2',
            OPTIMISE_EVERY_MS: '2000',
          },
        }).then((agency) => ({ name, agency })),
      ),
    );
    for (const { name, agency } of agencies) {
      const dataSource = await new DataSource(dataSourceOptions(agency.database.url, 4)).initialize();
      const staff = await createStaffUser(dataSource, { email: `kim@${name}.test` });
      const baseUrl = agency.apis[0].baseUrl;
      sides.push({
        name,
        agency,
        dataSource,
        baseUrl,
        token: await loginAs(baseUrl, staff.email, STAFF_PASSWORD),
        volunteerEmail: '',
        requestId: '',
      });
    }
  });

  afterAll(async () => {
    for (const side of sides) {
      await side.dataSource.destroy();
      await side.agency.stop();
    }
    await smtp?.close();
    await redis?.kill();
    await removeTranspiledSource();
  });

  it("should match each agency's requests only with its own volunteers and send each its own emails", async () => {
    for (const [i, side] of sides.entries()) {
      const volunteer = await requestJson(side.baseUrl, 'POST', '/api/staff/volunteers', {
        token: side.token,
        body: volunteerBody({ email: `helper@${side.name}.example.org` }),
      });
      expect(volunteer.status).toBe(201);
      side.volunteerEmail = volunteer.body.email;
      // The same postal code, the same need: only the agency decides who is asked.
      const created = await submitHelpRequest(side.baseUrl, `198.51.100.${i + 1}`, publicHelpRequestBody());
      expect(created.status).toBe(201);
      side.requestId = created.body.id;
    }
    for (const side of sides) {
      const request = await eventually(`proposals in ${side.name}`, async () => {
        const detail = await requestJson(side.baseUrl, 'GET', `/api/staff/help-requests/${side.requestId}`, {
          token: side.token,
        });
        return detail.body.status === 'proposals-ready' ? detail.body : null;
      });
      expect(request.matches).toHaveLength(1);
      const approved = await requestJson(
        side.baseUrl,
        'POST',
        `/api/staff/matches/${request.matches[0].id}/approve`,
        {
          token: side.token,
        },
      );
      expect(approved.status).toBe(200);
    }
    const [altona, wandsbek] = sides;
    // Neither database holds the other's request, nor the other's volunteer; a token is one agency's.
    for (const [side, other] of [
      [altona, wandsbek],
      [wandsbek, altona],
    ]) {
      const [{ count }] = await side.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM help_request WHERE id = $1`,
        [other.requestId],
      );
      expect(count).toBe(0);
      const volunteers = await side.dataSource.query<{ email: string }[]>(`SELECT email FROM volunteer`);
      expect(volunteers.map((v) => v.email)).toEqual([side.volunteerEmail]);
      const foreign = await requestJson(side.baseUrl, 'GET', `/api/staff/help-requests/${other.requestId}`, {
        token: other.token,
      });
      expect(foreign.status).toBe(401);
    }

    const offers = await eventually('both offers', () => {
      const found = smtp.messages.filter((mail) => mail.subject?.startsWith('Anfrage'));
      return Promise.resolve(found.length >= 2 ? found : null);
    });
    expect(offers).toHaveLength(2);
    for (const side of sides) {
      const offer = offers.find((mail) => recipientOf(mail) === side.volunteerEmail)!;
      // The email's id is a row of this agency's database, and its links lead to this agency's API.
      const row = await side.dataSource
        .getRepository(Notification)
        .findOneBy({ messageId: offer.messageId!, recipient: side.volunteerEmail });
      expect(row?.kind).toBe('volunteer-offer');
      expect(offerLinks(offer).accept.startsWith(`${side.baseUrl}/`)).toBe(true);
    }
  });

  it("should count one agency's form submissions apart from the other's", async () => {
    const [altona, wandsbek] = sides;
    const body = publicHelpRequestBody({ description: 'Begleitung zum Arzt, etwa zwei Stunden.' });
    const statuses: string[] = [];
    for (const side of [altona, altona, altona, wandsbek, wandsbek, wandsbek]) {
      statuses.push(`${side.name} ${(await submitHelpRequest(side.baseUrl, '203.0.113.9', body)).status}`);
    }
    expect(statuses).toEqual([
      'altona 201',
      'altona 201',
      'altona 429',
      'wandsbek 201',
      'wandsbek 201',
      'wandsbek 429',
    ]);
  });

  it('should keep every Redis key and every scheduled job under its own agency', async () => {
    // Both optimisers have run by now (every 2 s here), each in its own agency.
    for (const side of sides) {
      await eventually(`${side.name}'s optimiser`, async () =>
        [...(await scheduledRuns(redis.url, side.agency.prefix)).keys()].some((field) =>
          field.startsWith(`${OPTIMISE_ASSIGNMENTS_JOB} `),
        ),
      );
    }
    const connection = new IORedis(redis.url);
    try {
      // Queues, schedulers, rate limits, throttles, locks, the scheduled-run log: nothing unprefixed.
      const all = await connection.keys('*');
      const unowned = all.filter((key) => !sides.some((side) => key.startsWith(`${side.agency.prefix}:`)));
      expect(unowned).toEqual([]);
      for (const side of sides) {
        const keys = await keysUnder(redis.url, side.agency.prefix);
        expect(keys.some((key) => key.includes(':abuse:'))).toBe(true);
        for (const [queueName, schedulers] of [
          [MATCHING_QUEUE, ['close-missed-appointments', 'expire-offers', 'optimise-assignments']],
          [NOTIFICATIONS_QUEUE, ['staff-digest']],
        ] as const) {
          const queue = new Queue(queueName, { connection, prefix: side.agency.prefix });
          expect((await queue.getJobSchedulers()).map((s) => s.key).sort()).toEqual([...schedulers]);
          await queue.close();
        }
      }
    } finally {
      connection.disconnect();
    }
    // Each agency's staff got only their own agency's mail.
    for (const mail of smtp.messages) {
      const to = recipientOf(mail);
      const side = sides.find(
        (candidate) => to.endsWith(`@${candidate.name}.test`) || to === candidate.volunteerEmail,
      );
      expect(side).toBeDefined();
      const row = await side!.dataSource
        .getRepository(Notification)
        .findOneBy({ messageId: mail.messageId! });
      expect(row).not.toBeNull();
    }
  });
});
