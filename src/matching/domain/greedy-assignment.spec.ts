import fc from 'fast-check';
import type { AssignmentProblem } from './global-assignment';
import { assignGreedily } from './greedy-assignment';

describe('assignGreedily', () => {
  it('should serve requests in arrival order, each with its best candidate that still has room', () => {
    const problem: AssignmentProblem = {
      requests: [
        {
          id: 'A',
          candidates: [
            { volunteerId: 'anna', score: 90 },
            { volunteerId: 'ben', score: 40 },
          ],
        },
        {
          id: 'B',
          candidates: [
            { volunteerId: 'anna', score: 95 },
            { volunteerId: 'ben', score: 30 },
          ],
        },
        {
          id: 'C',
          candidates: [
            { volunteerId: 'anna', score: 99 },
            { volunteerId: 'ben', score: 20 },
          ],
        },
      ],
      capacity: { anna: 1, ben: 1 },
    };
    const result = assignGreedily(problem);
    expect([...result.assignment]).toEqual([
      ['A', 'anna'],
      ['B', 'ben'],
    ]);
    expect(result).toMatchObject({ covered: 2, totalScore: 120, busiestLoad: 1 });
  });

  it('should break score ties by the lower volunteer id, whatever the listing order', () => {
    const problem: AssignmentProblem = {
      requests: [
        {
          id: 'A',
          candidates: [
            { volunteerId: 'zoe', score: 70 },
            { volunteerId: 'carl', score: 70 },
            { volunteerId: 'mia', score: 70 },
          ],
        },
      ],
      capacity: { zoe: 1, carl: 1, mia: 1 },
    };
    expect(assignGreedily(problem).assignment.get('A')).toBe('carl');
  });

  it('should use a volunteer up to the capacity and count the busiest load', () => {
    const problem: AssignmentProblem = {
      requests: ['A', 'B', 'C'].map((id) => ({
        id,
        candidates: [
          { volunteerId: 'anna', score: 80 },
          { volunteerId: 'ben', score: 10 },
        ],
      })),
      capacity: { anna: 2, ben: 5 },
    };
    const result = assignGreedily(problem);
    expect([...result.assignment.values()]).toEqual(['anna', 'anna', 'ben']);
    expect(result.busiestLoad).toBe(2);
  });

  it('should skip volunteers without capacity and requests without candidates', () => {
    const problem: AssignmentProblem = {
      requests: [
        { id: 'A', candidates: [] },
        { id: 'B', candidates: [{ volunteerId: 'anna', score: 100 }] },
        { id: 'C', candidates: [{ volunteerId: 'ben', score: 1 }] },
      ],
      capacity: { anna: 0, ben: 1 },
    };
    expect([...assignGreedily(problem).assignment]).toEqual([['C', 'ben']]);
  });

  it('should throw a RangeError naming the pair for a score outside 0..100', () => {
    const problem: AssignmentProblem = {
      requests: [{ id: 'req-1', candidates: [{ volunteerId: 'vol-1', score: 120 }] }],
      capacity: { 'vol-1': 1 },
    };
    expect(() => assignGreedily(problem)).toThrow(/"req-1".*"vol-1"/);
  });

  it('should give every request its best available candidate (checked against a naive replay)', () => {
    const problem = fc.record({
      requests: fc.array(
        fc.array(
          fc.record({ volunteer: fc.constantFrom('a', 'b', 'c'), score: fc.integer({ min: 0, max: 3 }) }),
          {
            maxLength: 4,
          },
        ),
        { maxLength: 8 },
      ),
      capacity: fc.record({ a: fc.nat(2), b: fc.nat(2), c: fc.nat(2) }),
    });
    fc.assert(
      fc.property(problem, ({ requests, capacity }) => {
        const input: AssignmentProblem = {
          requests: requests.map((candidates, r) => ({
            id: `r${r}`,
            candidates: candidates.map(({ volunteer, score }) => ({ volunteerId: volunteer, score })),
          })),
          capacity,
        };
        const left: Record<string, number> = { ...capacity };
        const expected: [string, string][] = [];
        input.requests.forEach((request) => {
          const best = request.candidates
            .filter((c) => left[c.volunteerId] > 0)
            .sort((x, y) => y.score - x.score || (x.volunteerId < y.volunteerId ? -1 : 1))[0];
          if (best) {
            left[best.volunteerId]--;
            expected.push([request.id, best.volunteerId]);
          }
        });
        expect([...assignGreedily(input).assignment]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
