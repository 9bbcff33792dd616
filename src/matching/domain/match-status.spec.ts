import {
  assertMatchTransition,
  canMatchTransition,
  MATCH_STATUSES,
  matchStatusesLeadingTo,
  type MatchStatus,
} from './match-status';

describe('match status transitions', () => {
  it.each<[MatchStatus, MatchStatus]>([
    ['proposed', 'approved'],
    ['proposed', 'withdrawn'],
    ['approved', 'offered'],
    ['approved', 'accepted'],
    ['approved', 'declined'],
    ['approved', 'expired'],
    ['offered', 'accepted'],
    ['offered', 'declined'],
    ['offered', 'expired'],
    ['offered', 'withdrawn'],
  ])('should allow %s → %s', (from, to) => {
    expect(canMatchTransition(from, to)).toBe(true);
    expect(() => assertMatchTransition(from, to)).not.toThrow();
  });

  it.each<[MatchStatus, MatchStatus]>([
    ['proposed', 'accepted'],
    ['proposed', 'offered'],
    ['offered', 'approved'],
    ['declined', 'accepted'],
    ['expired', 'accepted'],
    ['withdrawn', 'approved'],
  ])('should refuse %s → %s with a conflict', (from, to) => {
    expect(canMatchTransition(from, to)).toBe(false);
    expect(() => assertMatchTransition(from, to)).toThrow(
      expect.objectContaining({ code: 'conflict', message: `a ${from} match cannot become ${to}` }),
    );
  });

  it('should keep accepted, declined, expired and withdrawn matches as they are (history)', () => {
    for (const from of ['accepted', 'declined', 'expired', 'withdrawn'] as const) {
      for (const to of MATCH_STATUSES) {
        expect(canMatchTransition(from, to)).toBe(false);
      }
    }
  });

  it('should withdraw only proposals and open offers', () => {
    expect(matchStatusesLeadingTo('withdrawn')).toEqual(['proposed', 'approved', 'offered']);
  });

  it('should never change a status into itself', () => {
    for (const status of MATCH_STATUSES) {
      expect(canMatchTransition(status, status)).toBe(false);
    }
  });
});
