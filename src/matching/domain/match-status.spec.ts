import {
  assertMatchTransition,
  canMatchTransition,
  MATCH_STATUSES,
  matchStatusesLeadingTo,
  OPEN_MATCH_STATUSES,
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

  it('should keep declined, expired and withdrawn matches as they are (history)', () => {
    for (const from of ['declined', 'expired', 'withdrawn'] as const) {
      for (const to of MATCH_STATUSES) {
        expect(canMatchTransition(from, to)).toBe(false);
      }
    }
  });

  it('should keep an accepted match unless the volunteer leaves (withdrawn) or calls it off (dropped out)', () => {
    expect(MATCH_STATUSES.filter((to) => canMatchTransition('accepted', to))).toEqual([
      'withdrawn',
      'dropped-out',
    ]);
    expect(MATCH_STATUSES.filter((to) => canMatchTransition('dropped-out', to))).toEqual([]);
  });

  it('should withdraw proposals and open offers with the request, and know who leads to withdrawn', () => {
    expect(OPEN_MATCH_STATUSES).toEqual(['proposed', 'approved', 'offered']);
    expect(matchStatusesLeadingTo('withdrawn')).toEqual(['proposed', 'approved', 'offered', 'accepted']);
  });

  it('should never change a status into itself', () => {
    for (const status of MATCH_STATUSES) {
      expect(canMatchTransition(status, status)).toBe(false);
    }
  });
});
