import { periodClaimKey, periodIndex, scheduledRunField, scheduledRunsKey } from './scheduled-runs';

describe('the scheduled-run log and period claims', () => {
  const now = new Date('2026-12-03T22:00:01.500Z');

  it('should key the log by agency prefix and UTC day', () => {
    expect(scheduledRunsKey('altona', now)).toBe('altona:scheduled-runs:2026-12-03');
    expect(scheduledRunField('optimise-assignments', 'repeat:optimise-assignments:1')).toBe(
      'optimise-assignments repeat:optimise-assignments:1',
    );
  });

  it('should give every worker the same period for the same moment, and the next one a period later', () => {
    expect(periodIndex(1000, now)).toBe(periodIndex(1000, new Date(now.getTime() + 400)));
    expect(periodIndex(1000, new Date(now.getTime() + 500))).toBe(periodIndex(1000, now) + 1);
    expect(periodClaimKey('wandsbek', 'notification-sweep', 30_000, now)).toMatch(
      /^wandsbek:period:notification-sweep:30000:\d+$/,
    );
  });
});
