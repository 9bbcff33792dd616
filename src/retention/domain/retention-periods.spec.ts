import { DEFAULT_RETENTION_SETTINGS, daysBefore, monthsBefore, retentionCutoffs } from './retention-periods';

describe('retention periods', () => {
  it('counts calendar months back, keeping the time of day', () => {
    expect(monthsBefore(new Date('2026-12-03T21:30:00Z'), 24).toISOString()).toBe('2024-12-03T21:30:00.000Z');
    expect(monthsBefore(new Date('2026-03-15T00:00:00Z'), 3).toISOString()).toBe('2025-12-15T00:00:00.000Z');
  });

  it('falls back to the last day of a shorter month', () => {
    expect(monthsBefore(new Date('2026-05-31T08:00:00Z'), 3).toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(monthsBefore(new Date('2026-02-28T08:00:00Z'), 24).toISOString()).toBe('2024-02-28T08:00:00.000Z');
    expect(monthsBefore(new Date('2028-03-31T08:00:00Z'), 1).toISOString()).toBe('2028-02-29T08:00:00.000Z');
  });

  it('counts days as 24 hours', () => {
    expect(daysBefore(new Date('2026-12-03T00:00:00Z'), 30).toISOString()).toBe('2026-11-03T00:00:00.000Z');
  });

  it('turns the default settings into the documented cut-offs', () => {
    const cutoffs = retentionCutoffs(new Date('2026-12-03T00:00:00Z'), DEFAULT_RETENTION_SETTINGS);
    expect(cutoffs).toEqual({
      closedCasesBefore: new Date('2024-12-03T00:00:00Z'),
      volunteersInactiveBefore: new Date('2024-12-03T00:00:00Z'),
      askedBefore: new Date('2026-11-03T00:00:00Z'),
      auditDetailsBefore: new Date('2023-12-03T00:00:00Z'),
    });
  });
});
