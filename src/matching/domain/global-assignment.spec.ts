import fc from 'fast-check';
import {
  assignGlobally,
  compareAssignments,
  type AssignmentProblem,
  type AssignmentResult,
} from './global-assignment';
import { assignGreedily } from './greedy-assignment';

const TOLERANCE = 1e-9;

/** Highest listed score per (request, volunteer) pair — duplicates keep the higher score. */
function scoreTable(problem: AssignmentProblem): Map<string, Map<string, number>> {
  const table = new Map<string, Map<string, number>>();
  for (const request of problem.requests) {
    const scores = new Map<string, number>();
    for (const { volunteerId, score } of request.candidates) {
      scores.set(volunteerId, Math.max(score, scores.get(volunteerId) ?? -Infinity));
    }
    table.set(request.id, scores);
  }
  return table;
}

const capacityOf = (problem: AssignmentProblem, volunteerId: string): number =>
  Object.hasOwn(problem.capacity, volunteerId) ? problem.capacity[volunteerId] : 0;

/** Feasibility and internal consistency of a result; returns a reason or null. */
function violation(problem: AssignmentProblem, result: AssignmentResult): string | null {
  const scores = scoreTable(problem);
  const load = new Map<string, number>();
  let total = 0;
  for (const [requestId, volunteerId] of result.assignment) {
    const score = scores.get(requestId)?.get(volunteerId);
    if (score === undefined) {
      return `unlisted pair ${requestId}/${volunteerId}`;
    }
    total += score;
    load.set(volunteerId, (load.get(volunteerId) ?? 0) + 1);
  }
  for (const [volunteerId, count] of load) {
    if (count > capacityOf(problem, volunteerId)) {
      return `capacity of ${volunteerId} exceeded`;
    }
  }
  if (result.covered !== result.assignment.size) {
    return 'covered differs from assignment size';
  }
  if (Math.abs(result.totalScore - total) > TOLERANCE) {
    return 'totalScore differs from the sum of assigned scores';
  }
  if (result.busiestLoad !== Math.max(0, ...load.values())) {
    return 'busiestLoad is wrong';
  }
  return null;
}

/** Exhaustive lexicographic optimum (covered, then totalScore) for tiny instances. */
function bruteForce(problem: AssignmentProblem): { covered: number; totalScore: number } {
  const scores = scoreTable(problem);
  const options = problem.requests.map((request) => [
    ...(scores.get(request.id) ?? new Map<string, number>()),
  ]);
  const remaining = new Map<string, number>();
  for (const list of options) {
    for (const [volunteerId] of list) {
      remaining.set(volunteerId, capacityOf(problem, volunteerId));
    }
  }
  let best = { covered: 0, totalScore: 0 };
  const visit = (index: number, covered: number, totalScore: number): void => {
    if (index === options.length) {
      if (covered > best.covered || (covered === best.covered && totalScore > best.totalScore + TOLERANCE)) {
        best = { covered, totalScore };
      }
      return;
    }
    visit(index + 1, covered, totalScore);
    for (const [volunteerId, score] of options[index]) {
      const left = remaining.get(volunteerId) ?? 0;
      if (left > 0) {
        remaining.set(volunteerId, left - 1);
        visit(index + 1, covered + 1, totalScore + score);
        remaining.set(volunteerId, left);
      }
    }
  };
  visit(0, 0, 0);
  return best;
}

/**
 * Independent reference: textbook successive shortest paths with Bellman-Ford on the flow network
 * source → request (1) → volunteer (cost 100 − score) → sink (capacity); min cost at max flow.
 */
function referenceMinCostMaxFlow(problem: AssignmentProblem): { covered: number; totalScore: number } {
  const scores = scoreTable(problem);
  const volunteers = [...new Set([...scores.values()].flatMap((m) => [...m.keys()]))];
  const n = problem.requests.length;
  const source = 0;
  const sink = 1 + n + volunteers.length;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const out: number[][] = Array.from({ length: sink + 1 }, () => []);
  const addArc = (a: number, b: number, capacity: number, c: number): void => {
    out[a].push(to.length);
    to.push(b);
    cap.push(capacity);
    cost.push(c);
    out[b].push(to.length);
    to.push(a);
    cap.push(0);
    cost.push(-c);
  };
  problem.requests.forEach((request, r) => {
    addArc(source, 1 + r, 1, 0);
    for (const [volunteerId, score] of scores.get(request.id) ?? []) {
      addArc(1 + r, 1 + n + volunteers.indexOf(volunteerId), 1, 100 - score);
    }
  });
  volunteers.forEach((volunteerId, k) => addArc(1 + n + k, sink, capacityOf(problem, volunteerId), 0));
  let covered = 0;
  let totalCost = 0;
  for (;;) {
    const dist = new Array<number>(sink + 1).fill(Infinity);
    const via = new Array<number>(sink + 1).fill(-1);
    dist[source] = 0;
    for (let round = 0, changed = true; changed && round <= sink; round++) {
      changed = false;
      for (let a = 0; a <= sink; a++) {
        if (dist[a] === Infinity) {
          continue;
        }
        for (const arc of out[a]) {
          if (cap[arc] > 0 && dist[a] + cost[arc] < dist[to[arc]] - 1e-12) {
            dist[to[arc]] = dist[a] + cost[arc];
            via[to[arc]] = arc;
            changed = true;
          }
        }
      }
    }
    if (dist[sink] === Infinity) {
      return { covered, totalScore: 100 * covered - totalCost };
    }
    for (let node = sink; node !== source; node = to[via[node] ^ 1]) {
      cap[via[node]]--;
      cap[via[node] ^ 1]++;
    }
    covered++;
    totalCost += dist[sink];
  }
}

const VOLUNTEERS = ['v1', 'v2', 'v3', 'v4'];

const scoreArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 100 }),
  fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }),
);

/** Small random problems: ≤ 6 requests, ≤ 4 volunteers (some without a capacity entry), capacities 0–2. */
const smallProblem: fc.Arbitrary<AssignmentProblem> = fc
  .record({
    volunteerCount: fc.integer({ min: 1, max: 4 }),
    requests: fc.array(
      fc.array(fc.record({ volunteer: fc.integer({ min: 0, max: 3 }), score: scoreArbitrary }), {
        maxLength: 5,
      }),
      { maxLength: 6 },
    ),
    capacities: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), {
      minLength: 4,
      maxLength: 4,
    }),
  })
  .map(({ volunteerCount, requests, capacities }) => {
    const capacity: Record<string, number> = {};
    for (let k = 0; k < volunteerCount; k++) {
      const value = capacities[k];
      if (value !== undefined) {
        capacity[VOLUNTEERS[k]] = value;
      }
    }
    return {
      requests: requests.map((candidates, r) => ({
        id: `r${r}`,
        candidates: candidates.map(({ volunteer, score }) => ({
          volunteerId: VOLUNTEERS[volunteer % volunteerCount],
          score,
        })),
      })),
      capacity,
    };
  });

describe('assignGlobally', () => {
  describe('hand-made cases', () => {
    it('should cover both requests where greedy covers only one because capacity binds', () => {
      const problem: AssignmentProblem = {
        requests: [
          {
            id: 'A',
            candidates: [
              { volunteerId: 'anna', score: 90 },
              { volunteerId: 'ben', score: 40 },
            ],
          },
          { id: 'B', candidates: [{ volunteerId: 'anna', score: 80 }] },
        ],
        capacity: { anna: 1, ben: 1 },
      };
      const greedy = assignGreedily(problem);
      const optimised = assignGlobally(problem);
      expect(greedy.covered).toBe(1);
      expect([...greedy.assignment]).toEqual([['A', 'anna']]);
      expect(optimised.covered).toBe(2);
      expect([...optimised.assignment]).toEqual([
        ['A', 'ben'],
        ['B', 'anna'],
      ]);
      expect(optimised.totalScore).toBe(120);
      expect(compareAssignments(optimised, greedy, 2)).toEqual({
        coverage: { optimised: 1, greedy: 0.5 },
        totalScore: { optimised: 120, greedy: 90 },
        busiestLoad: { optimised: 1, greedy: 1 },
      });
    });

    it('should raise the total score where coverage is equal', () => {
      // Greedy: A takes anna (70), B takes ben (10) = 80. Optimum: A ben (60), B anna (95) = 155.
      const problem: AssignmentProblem = {
        requests: [
          {
            id: 'A',
            candidates: [
              { volunteerId: 'anna', score: 70 },
              { volunteerId: 'ben', score: 60 },
            ],
          },
          {
            id: 'B',
            candidates: [
              { volunteerId: 'anna', score: 95 },
              { volunteerId: 'ben', score: 10 },
            ],
          },
        ],
        capacity: { anna: 1, ben: 1 },
      };
      const greedy = assignGreedily(problem);
      const optimised = assignGlobally(problem);
      expect(greedy.covered).toBe(2);
      expect(greedy.totalScore).toBe(80);
      expect(optimised.covered).toBe(2);
      expect(optimised.totalScore).toBe(155);
      expect(optimised.assignment.get('B')).toBe('anna');
    });

    it('should prefer coverage over score', () => {
      // Covering both (10 + 0) beats covering only A with 100.
      const problem: AssignmentProblem = {
        requests: [
          {
            id: 'A',
            candidates: [
              { volunteerId: 'anna', score: 100 },
              { volunteerId: 'ben', score: 10 },
            ],
          },
          { id: 'B', candidates: [{ volunteerId: 'anna', score: 0 }] },
        ],
        capacity: { anna: 1, ben: 1 },
      };
      const optimised = assignGlobally(problem);
      expect(optimised.covered).toBe(2);
      expect(optimised.totalScore).toBe(10);
    });

    it('should swap out an earlier request when a later one scores higher on the only volunteer', () => {
      const problem: AssignmentProblem = {
        requests: [
          { id: 'A', candidates: [{ volunteerId: 'anna', score: 10 }] },
          { id: 'B', candidates: [{ volunteerId: 'anna', score: 90 }] },
        ],
        capacity: { anna: 1 },
      };
      const optimised = assignGlobally(problem);
      expect([...optimised.assignment]).toEqual([['B', 'anna']]);
      expect(optimised.totalScore).toBe(90);
    });

    it('should assign nobody to volunteers without capacity or without a capacity entry', () => {
      const problem: AssignmentProblem = {
        requests: [
          {
            id: 'A',
            candidates: [
              { volunteerId: 'anna', score: 90 },
              { volunteerId: 'carl', score: 80 },
            ],
          },
          { id: 'B', candidates: [{ volunteerId: 'ben', score: 50 }] },
        ],
        capacity: { anna: 0, ben: 0 },
      };
      for (const result of [assignGlobally(problem), assignGreedily(problem)]) {
        expect(result).toEqual({ assignment: new Map(), covered: 0, totalScore: 0, busiestLoad: 0 });
      }
    });

    it('should handle the empty problem', () => {
      const problem: AssignmentProblem = { requests: [], capacity: {} };
      const optimised = assignGlobally(problem);
      expect(optimised).toEqual({ assignment: new Map(), covered: 0, totalScore: 0, busiestLoad: 0 });
      expect(compareAssignments(optimised, assignGreedily(problem), 0).coverage).toEqual({
        optimised: 1,
        greedy: 1,
      });
    });

    it('should leave a request without candidates uncovered and still assign the others', () => {
      const problem: AssignmentProblem = {
        requests: [
          { id: 'A', candidates: [] },
          { id: 'B', candidates: [{ volunteerId: 'anna', score: 30 }] },
        ],
        capacity: { anna: 2 },
      };
      const optimised = assignGlobally(problem);
      expect([...optimised.assignment]).toEqual([['B', 'anna']]);
      expect(compareAssignments(optimised, assignGreedily(problem), 2).coverage).toEqual({
        optimised: 0.5,
        greedy: 0.5,
      });
    });

    it('should let a volunteer with capacity 3 take three requests and report the busiest load', () => {
      const problem: AssignmentProblem = {
        requests: ['A', 'B', 'C', 'D'].map((id) => ({
          id,
          candidates: [{ volunteerId: 'anna', score: 50 }],
        })),
        capacity: { anna: 3 },
      };
      const optimised = assignGlobally(problem);
      expect(optimised.covered).toBe(3);
      expect(optimised.busiestLoad).toBe(3);
    });

    it('should keep the higher score of a duplicate candidate pair', () => {
      const problem: AssignmentProblem = {
        requests: [
          {
            id: 'A',
            candidates: [
              { volunteerId: 'anna', score: 20 },
              { volunteerId: 'anna', score: 75 },
              { volunteerId: 'anna', score: 40 },
            ],
          },
        ],
        capacity: { anna: 1 },
      };
      expect(assignGlobally(problem).totalScore).toBe(75);
      expect(assignGreedily(problem).totalScore).toBe(75);
    });

    it('should not read capacities from the object prototype', () => {
      const problem: AssignmentProblem = {
        requests: [{ id: 'A', candidates: [{ volunteerId: 'constructor', score: 50 }] }],
        capacity: {},
      };
      expect(assignGlobally(problem).covered).toBe(0);
    });

    it.each([NaN, Infinity, -Infinity, -0.5, 100.5])(
      'should throw a RangeError naming the pair for score %p',
      (score) => {
        const problem: AssignmentProblem = {
          requests: [{ id: 'req-7', candidates: [{ volunteerId: 'vol-3', score }] }],
          capacity: { 'vol-3': 1 },
        };
        expect(() => assignGlobally(problem)).toThrow(RangeError);
        expect(() => assignGlobally(problem)).toThrow(/"req-7".*"vol-3"/);
        expect(() => assignGreedily(problem)).toThrow(RangeError);
      },
    );

    it('should validate scores of volunteers without capacity too', () => {
      const problem: AssignmentProblem = {
        requests: [{ id: 'A', candidates: [{ volunteerId: 'busy', score: 101 }] }],
        capacity: {},
      };
      expect(() => assignGlobally(problem)).toThrow(RangeError);
    });

    it.each([-1, 1.5, NaN])('should throw a RangeError for capacity %p', (capacity) => {
      const problem: AssignmentProblem = {
        requests: [{ id: 'A', candidates: [{ volunteerId: 'anna', score: 50 }] }],
        capacity: { anna: capacity },
      };
      expect(() => assignGlobally(problem)).toThrow(RangeError);
    });

    it('should throw a RangeError for duplicate request ids', () => {
      const problem: AssignmentProblem = {
        requests: [
          { id: 'A', candidates: [] },
          { id: 'A', candidates: [] },
        ],
        capacity: {},
      };
      expect(() => assignGlobally(problem)).toThrow(RangeError);
    });
  });

  describe('properties', () => {
    it('should never cover fewer requests than greedy (nor score less at equal coverage)', () => {
      fc.assert(
        fc.property(smallProblem, (problem) => {
          const optimised = assignGlobally(problem);
          const greedy = assignGreedily(problem);
          expect(optimised.covered).toBeGreaterThanOrEqual(greedy.covered);
          if (optimised.covered === greedy.covered) {
            expect(optimised.totalScore).toBeGreaterThanOrEqual(greedy.totalScore - TOLERANCE);
          }
        }),
        { numRuns: 300 },
      );
    });

    it('should respect every capacity and assign only listed candidate pairs', () => {
      fc.assert(
        fc.property(smallProblem, (problem) => {
          expect(violation(problem, assignGlobally(problem))).toBeNull();
          expect(violation(problem, assignGreedily(problem))).toBeNull();
        }),
        { numRuns: 300 },
      );
    });

    it('should match the exhaustive lexicographic optimum on small instances', () => {
      fc.assert(
        fc.property(smallProblem, (problem) => {
          const optimised = assignGlobally(problem);
          const best = bruteForce(problem);
          expect(optimised.covered).toBe(best.covered);
          expect(Math.abs(optimised.totalScore - best.totalScore)).toBeLessThanOrEqual(TOLERANCE);
        }),
        { numRuns: 500 },
      );
    });

    it('should agree with a reference min-cost max-flow on medium instances, scarce or ample capacity', () => {
      // Up to 40 requests and 12 volunteers: total capacity falls on both sides of the request count, so
      // both insertion orders (requests, or the volunteers' capacity slots) are exercised.
      const medium = fc
        .record({
          volunteers: fc.integer({ min: 1, max: 12 }),
          requests: fc.array(
            fc.array(fc.record({ volunteer: fc.nat(11), score: fc.integer({ min: 0, max: 100 }) }), {
              maxLength: 6,
            }),
            { minLength: 1, maxLength: 40 },
          ),
          capacities: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 12, maxLength: 12 }),
        })
        .map(({ volunteers, requests, capacities }) => ({
          requests: requests.map((candidates, r) => ({
            id: `r${r}`,
            candidates: candidates.map(({ volunteer, score }) => ({
              volunteerId: `v${volunteer % volunteers}`,
              score,
            })),
          })),
          capacity: Object.fromEntries(capacities.slice(0, volunteers).map((c, k) => [`v${k}`, c])),
        }));
      fc.assert(
        fc.property(medium, (problem) => {
          const optimised = assignGlobally(problem);
          const reference = referenceMinCostMaxFlow(problem);
          expect(violation(problem, optimised)).toBeNull();
          expect(optimised.covered).toBe(reference.covered);
          expect(Math.abs(optimised.totalScore - reference.totalScore)).toBeLessThanOrEqual(TOLERANCE);
        }),
        { numRuns: 300 },
      );
    });

    it('should be deterministic', () => {
      fc.assert(
        fc.property(smallProblem, (problem) => {
          expect([...assignGlobally(problem).assignment]).toEqual([...assignGlobally(problem).assignment]);
        }),
        { numRuns: 100 },
      );
    });

    it('should cover strictly more than greedy when everyone prefers one volunteer with capacity 1', () => {
      // k requests all prefer "star" (capacity 1) and each has a distinct second choice; the second choice of
      // one request after the first is booked out, so greedy (star goes to the first arrival) strands it.
      const family = fc.integer({ min: 2, max: 8 }).chain((k) =>
        fc.record({
          k: fc.constant(k),
          stranded: fc.integer({ min: 1, max: k - 1 }),
          starScores: fc.array(fc.integer({ min: 51, max: 100 }), { minLength: k, maxLength: k }),
          secondScores: fc.array(fc.integer({ min: 0, max: 50 }), { minLength: k, maxLength: k }),
          starListedFirst: fc.array(fc.boolean(), { minLength: k, maxLength: k }),
        }),
      );
      fc.assert(
        fc.property(family, ({ k, stranded, starScores, secondScores, starListedFirst }) => {
          const capacity: Record<string, number> = { star: 1 };
          const requests = Array.from({ length: k }, (_, r) => {
            capacity[`second-${r}`] = r === stranded ? 0 : 1;
            const star = { volunteerId: 'star', score: starScores[r] };
            const second = { volunteerId: `second-${r}`, score: secondScores[r] };
            return { id: `req-${r}`, candidates: starListedFirst[r] ? [star, second] : [second, star] };
          });
          const problem: AssignmentProblem = { requests, capacity };
          const optimised = assignGlobally(problem);
          const greedy = assignGreedily(problem);
          expect(greedy.covered).toBe(k - 1);
          expect(optimised.covered).toBe(k);
          expect(optimised.covered).toBeGreaterThan(greedy.covered);
          expect(optimised.assignment.get(`req-${stranded}`)).toBe('star');
        }),
        { numRuns: 200 },
      );
    });
  });
});

describe('compareAssignments', () => {
  it('should reject a request count below the covered requests', () => {
    const result: AssignmentResult = {
      assignment: new Map([['A', 'anna']]),
      covered: 1,
      totalScore: 5,
      busiestLoad: 1,
    };
    expect(() => compareAssignments(result, result, 0)).toThrow(RangeError);
  });
});
