import fc from 'fast-check';
import { proposalRanks, type RankableMatch } from './proposal-ranks';

const m = (id: string, status: string, rank: number, score: number, distanceKm = 1): RankableMatch => ({
  id,
  status,
  rank,
  score,
  distanceKm,
  volunteerId: `v-${id}`,
});

function apply(matches: RankableMatch[]): RankableMatch[] {
  const changes = new Map(proposalRanks(matches).map((c) => [c.id, c.rank]));
  return matches.map((x) => ({ ...x, rank: changes.get(x.id) ?? x.rank })).sort((a, b) => a.rank - b.rank);
}

describe('proposalRanks', () => {
  it('a re-match that found better volunteers puts them first among the proposals', () => {
    const after = apply([
      m('a', 'declined', 1, 80),
      m('b', 'proposed', 2, 60),
      m('c', 'proposed', 3, 90),
      m('d', 'proposed', 4, 70),
    ]);
    expect(after.map((x) => [x.id, x.rank])).toEqual([
      ['a', 1],
      ['c', 2],
      ['d', 3],
      ['b', 4],
    ]);
  });

  it('changes nothing when ranks already follow the score', () => {
    expect(proposalRanks([m('a', 'proposed', 1, 90), m('b', 'proposed', 2, 80)])).toEqual([]);
  });

  it('ties go to the shorter way', () => {
    const after = apply([m('a', 'proposed', 1, 80, 3), m('b', 'proposed', 2, 80, 1)]);
    expect(after.map((x) => x.id)).toEqual(['b', 'a']);
  });

  it('property: ranks are 1..n, decided matches keep their order first, proposals by score', () => {
    const match = fc.record({
      status: fc.constantFrom('proposed', 'proposed', 'declined', 'offered', 'expired'),
      rank: fc.integer({ min: 1, max: 30 }),
      score: fc.integer({ min: 0, max: 1000 }).map((x) => x / 10),
      distanceKm: fc.integer({ min: 0, max: 50 }),
    });
    fc.assert(
      fc.property(fc.array(match, { maxLength: 15 }), (rows) => {
        const matches = rows.map((r, i) => ({
          ...r,
          id: `m${String(i).padStart(2, '0')}`,
          volunteerId: `v${i}`,
        }));
        const after = apply(matches);
        expect(after.map((x) => x.rank)).toEqual(after.map((_, i) => i + 1));
        const firstProposal = after.findIndex((x) => x.status === 'proposed');
        if (firstProposal >= 0) {
          expect(after.slice(firstProposal).every((x) => x.status === 'proposed')).toBe(true);
          const scores = after.slice(firstProposal).map((x) => x.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
        }
      }),
    );
  });
});
