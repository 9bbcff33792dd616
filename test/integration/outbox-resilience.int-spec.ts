import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { Match } from '../../src/matching/match.entity';
import { MatchingService } from '../../src/matching/matching.service';
import { JobQueues } from '../../src/queue/job-queues.service';
import { OutboxJob } from '../../src/queue/outbox-job.entity';
import { MATCH_REQUEST_JOB, MATCHING_QUEUE, matchRequestJobId } from '../../src/queue/job-contracts';
import { publicHelpRequestBody, volunteerBody } from '../factories/api-bodies.factory';
import { createStaffUser, STAFF_PASSWORD } from '../factories/staff.factory';
import { loginAs, requestJson } from '../helpers/http';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/** Nothing listens on port 1: every connection attempt of the API to Redis fails. */
const UNREACHABLE_REDIS = 'redis://127.0.0.1:1';

describe('the outbox while the API cannot reach Redis', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({
      smtpPort: smtp.port,
      worker: false,
      apiEnv: { REDIS_URL: UNREACHABLE_REDIS },
    });
    const staff = await createStaffUser(stack.dataSource);
    token = await loginAs(stack.baseUrl, staff.email, STAFF_PASSWORD);
    for (const postalCode of ['22765', '22767', '22761']) {
      const { status } = await requestJson(stack.baseUrl, 'POST', '/api/staff/volunteers', {
        token,
        body: volunteerBody({ postalCode }),
      });
      expect(status).toBe(201);
    }
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  async function submitPublicRequest(overrides: Record<string, unknown> = {}): Promise<string> {
    const created = await requestJson(stack.baseUrl, 'POST', '/api/public/help-requests', {
      body: publicHelpRequestBody(overrides),
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), status: 'matching' });
    return created.body.id;
  }

  const outboxRowOf = (requestId: string): Promise<OutboxJob | null> =>
    stack.dataSource.getRepository(OutboxJob).findOneBy({ jobId: matchRequestJobId(requestId, 1) });

  const matchesOf = (requestId: string): Promise<Match[]> =>
    stack.dataSource.getRepository(Match).find({ where: { requestId }, order: { rank: 'ASC' } });

  async function proposalsFor(requestId: string) {
    return eventually('the proposals', async () => {
      const detail = await requestJson(stack.baseUrl, 'GET', `/api/staff/help-requests/${requestId}`, {
        token,
      });
      return detail.body?.status === 'proposals-ready' ? detail.body : null;
    });
  }

  it('a request submitted while Redis is unreachable is saved and matched once Redis is reachable', async () => {
    const requestId = await submitPublicRequest();

    const saved = await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: requestId });
    expect(saved.status).toBe('matching');
    const pending = await outboxRowOf(requestId);
    expect(pending).toMatchObject({
      queue: MATCHING_QUEUE,
      jobName: MATCH_REQUEST_JOB,
      payload: { requestId, round: 1 },
      enqueuedAt: null,
    });

    const health = await requestJson(stack.baseUrl, 'GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', postgres: 'up', redis: 'down' });

    // The worker reaches Redis: its outbox relay hands the pending job over, and matching runs.
    await stack.startWorker();
    const request = await proposalsFor(requestId);
    expect(request.matches).toHaveLength(3);
    expect(request.matchingSummary).toMatchObject({ proposed: 3 });
    const relayed = await outboxRowOf(requestId);
    expect(relayed?.enqueuedAt).toBeInstanceOf(Date);
  });

  it('a matching job that runs twice stores the proposals once', async () => {
    const worker = stack.worker ?? (await stack.startWorker());
    const matching = worker.get(MatchingService);

    // A job delivered again after the worker already matched the request: nothing changes.
    const requestId = await submitPublicRequest({
      description: 'Einkauf beim Wochenmarkt, zweimal zugestellt.',
    });
    await proposalsFor(requestId);
    const stored = await matchesOf(requestId);
    expect(stored).toHaveLength(3);
    expect(await matching.matchRequest(requestId, 1)).toBe('skipped');
    expect(await matching.matchRequest(requestId, 1)).toBe('skipped');
    expect(await matchesOf(requestId)).toEqual(stored);

    // The same round delivered twice at once (a stalled job picked up again while it still runs):
    // one run proposes, the other waits for the row lock and then skips.
    const original = await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: requestId });
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...copy } = original;
    const twin = await stack.dataSource
      .getRepository(HelpRequest)
      .save({ ...copy, status: 'matching', matchingRound: 1, matchingSummary: null });
    const outcomes = await Promise.all([
      matching.matchRequest(twin.id, 1),
      matching.matchRequest(twin.id, 1),
    ]);
    expect(outcomes.sort()).toEqual(['proposed', 'skipped']);
    const twinMatches = await matchesOf(twin.id);
    expect(twinMatches.map((match) => match.rank)).toEqual([1, 2, 3]);
    expect(await matching.matchRequest(twin.id, 1)).toBe('skipped');
    expect(await matchesOf(twin.id)).toEqual(twinMatches);
    const twinAfter = await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: twin.id });
    expect(twinAfter.status).toBe('proposals-ready');
    expect(twinAfter.matchingSummary).toMatchObject({ proposed: 3 });
  });

  it('should match a batch of requests in one go as if each ran alone, skipping repeats and stale rounds', async () => {
    const worker = stack.worker ?? (await stack.startWorker());
    const matching = worker.get(MatchingService);
    const requestId = await submitPublicRequest({ description: 'Einkauf, Vorlage für einen Stapel.' });
    await proposalsFor(requestId);
    const alone = await matchesOf(requestId);
    const original = await stack.dataSource.getRepository(HelpRequest).findOneByOrFail({ id: requestId });
    const { id: _id, createdAt: _createdAt, updatedAt: _updatedAt, ...copy } = original;
    const [first, second, stale] = await stack.dataSource.getRepository(HelpRequest).save(
      [1, 2, 3].map(() => ({
        ...copy,
        status: 'matching' as const,
        matchingRound: 1,
        matchingSummary: null,
      })),
    );

    const outcomes = await matching.matchRequests([
      { requestId: first.id, round: 1 },
      { requestId: stale.id, round: 2 }, // its round 2 was never started
      { requestId: second.id, round: 1 },
      { requestId: first.id, round: 1 }, // the same job delivered twice
    ]);

    expect(outcomes).toEqual(['proposed', 'skipped', 'proposed', 'skipped']);
    const proposalsOf = async (id: string) =>
      (await matchesOf(id)).map(({ volunteerId, rank, score, status }) => ({
        volunteerId,
        rank,
        score,
        status,
      }));
    const expected = alone.map(({ volunteerId, rank, score, status }) => ({
      volunteerId,
      rank,
      score,
      status,
    }));
    expect(await proposalsOf(first.id)).toEqual(expected);
    expect(await proposalsOf(second.id)).toEqual(expected);
    expect(await matchesOf(stale.id)).toEqual([]);
    const statuses = await stack.dataSource
      .getRepository(HelpRequest)
      .find({ where: [{ id: first.id }, { id: second.id }, { id: stale.id }], select: ['id', 'status'] });
    expect(Object.fromEntries(statuses.map((request) => [request.id, request.status]))).toEqual({
      [first.id]: 'proposals-ready',
      [second.id]: 'proposals-ready',
      [stale.id]: 'matching',
    });
  });
});

describe('matching jobs on a reachable Redis', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port });
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('an invalid job payload fails the job without retries', async () => {
    const queues = stack.api.get(JobQueues);
    await queues.add(MATCHING_QUEUE, MATCH_REQUEST_JOB, 'bad-payload-1', {
      requestId: 'not-a-uuid',
      round: 1,
    });

    const failed = await eventually('the job to fail', async () => {
      const job = await queues.get(MATCHING_QUEUE).getJob('bad-payload-1');
      return job && (await job.getState()) === 'failed' ? job : null;
    });
    // Eight attempts are allowed for matching jobs; a malformed payload must not use more than one.
    expect(failed.opts.attempts).toBe(8);
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/^invalid payload for match-request: /);
    expect(failed.failedReason).toMatch(/uuid/i);
    expect(await stack.dataSource.getRepository(Match).count()).toBe(0);
  });
});
