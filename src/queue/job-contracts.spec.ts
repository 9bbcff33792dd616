import {
  EXPIRE_OFFERS_JOB,
  MATCH_REQUEST_JOB,
  MATCHING_QUEUE,
  NOTIFICATIONS_QUEUE,
  OPTIMISE_ASSIGNMENTS_JOB,
  parseJobPayload,
  SEND_NOTIFICATION_JOB,
} from './job-contracts';

const ID = '0b7f2d7e-3a53-4a4e-9a65-8a4a0a4b8c11';

describe('job contracts', () => {
  it('should accept a payload of ids that fits its job', () => {
    expect(parseJobPayload(MATCHING_QUEUE, MATCH_REQUEST_JOB, { requestId: ID, round: 2 })).toEqual({
      ok: true,
      payload: { requestId: ID, round: 2 },
    });
    expect(parseJobPayload(NOTIFICATIONS_QUEUE, SEND_NOTIFICATION_JOB, { notificationId: ID })).toEqual({
      ok: true,
      payload: { notificationId: ID },
    });
    expect(parseJobPayload(MATCHING_QUEUE, OPTIMISE_ASSIGNMENTS_JOB, {})).toMatchObject({ ok: true });
  });

  it.each([
    ['a malformed id', MATCH_REQUEST_JOB, { requestId: 'not-a-uuid', round: 1 }, /requestId: .*uuid/i],
    ['a missing field', MATCH_REQUEST_JOB, { requestId: ID }, /round: Required/],
    ['no payload at all', MATCH_REQUEST_JOB, null, /\(payload\)/],
    ['data on a scheduled job', EXPIRE_OFFERS_JOB, { everything: true }, /Unrecognized key/],
  ])('should refuse %s with a clear error', (_name, jobName, data, error) => {
    const check = parseJobPayload(MATCHING_QUEUE, jobName, data);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.error).toMatch(new RegExp(`^invalid payload for ${jobName}: `));
    expect(!check.ok && check.error).toMatch(error);
  });

  it('should refuse a job name the queue does not have, including inherited keys', () => {
    expect(parseJobPayload(MATCHING_QUEUE, SEND_NOTIFICATION_JOB, { notificationId: ID })).toEqual({
      ok: false,
      error: 'no job send-notification on matching',
    });
    expect(parseJobPayload(MATCHING_QUEUE, 'toString', {})).toMatchObject({ ok: false });
  });
});
