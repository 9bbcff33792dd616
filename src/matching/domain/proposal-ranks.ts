/** A match of one request as ranking needs it. */
export interface RankableMatch {
  id: string;
  status: string;
  rank: number;
  score: number;
  distanceKm: number;
  volunteerId: string;
}

/**
 * Ranks 1..n for the matches of one request after a re-match or a staff proposal: matches already
 * past the proposal stage (offered, accepted, declined…) keep their order and come first; the open
 * proposals follow, best score first (then the shorter way, then the volunteer id), so ranks never
 * leave proposals out of score order, whichever round added them. Returns only the changed ranks.
 */
export function proposalRanks(matches: readonly RankableMatch[]): { id: string; rank: number }[] {
  const decided = matches
    .filter((m) => m.status !== 'proposed')
    .sort((a, b) => a.rank - b.rank || compare(a.id, b.id));
  const proposed = matches
    .filter((m) => m.status === 'proposed')
    .sort(
      (a, b) => b.score - a.score || a.distanceKm - b.distanceKm || compare(a.volunteerId, b.volunteerId),
    );
  return [...decided, ...proposed]
    .map((m, index) => ({ id: m.id, rank: index + 1, before: m.rank }))
    .filter((m) => m.rank !== m.before)
    .map(({ id, rank }) => ({ id, rank }));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
