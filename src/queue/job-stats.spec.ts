import { bucketIndex, failureOutcome, JOB_DURATION_BUCKETS } from './job-stats';
import { splitJobData, withJobMeta } from './job-contracts';

describe('job stats', () => {
  it.each([
    [0, 0],
    [0.005, 0],
    [0.006, 1],
    [1, 7],
    [60, JOB_DURATION_BUCKETS.length - 1],
    [61, JOB_DURATION_BUCKETS.length],
  ])('should put a %s s run into bucket %s', (seconds, index) => {
    expect(bucketIndex(seconds)).toBe(index);
  });

  it('should count a failed attempt as a retry while attempts remain, else as failed', () => {
    const error = new Error('SMTP 421');
    expect(failureOutcome({ attemptsMade: 1, opts: { attempts: 3 } }, error)).toBe('retry');
    expect(failureOutcome({ attemptsMade: 3, opts: { attempts: 3 } }, error)).toBe('failed');
    const unrecoverable = Object.assign(new Error('bad payload'), { name: 'UnrecoverableError' });
    expect(failureOutcome({ attemptsMade: 1, opts: { attempts: 8 } }, unrecoverable)).toBe('failed');
  });
});

describe('job meta', () => {
  it('should carry the request id beside the payload and hand the processor the bare payload', () => {
    const data = withJobMeta({ requestId: 'help-request-uuid', round: 1 }, 'http-req-7');
    expect(splitJobData(data)).toEqual({
      payload: { requestId: 'help-request-uuid', round: 1 },
      meta: { requestId: 'http-req-7' },
    });
  });

  it('should leave data without meta as it is', () => {
    expect(withJobMeta({}, undefined)).toEqual({});
    expect(splitJobData({ volunteerId: 'v' })).toEqual({ payload: { volunteerId: 'v' }, meta: {} });
  });
});
