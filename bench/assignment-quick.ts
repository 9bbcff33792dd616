/**
 * Quick performance sanity check for the global assignment (a script, not a test — no timing assertions).
 * Deterministic random instances from a seeded PRNG; each is solved 5× by the optimiser and the greedy
 * baseline; prints median/max milliseconds plus coverage and total score of both.
 *
 *   npx ts-node --transpile-only bench/assignment-quick.ts
 */
import { performance } from 'node:perf_hooks';
import {
  assignGlobally,
  compareAssignments,
  type AssignmentProblem,
  type AssignmentResult,
} from '../src/matching/domain/global-assignment';
import { assignGreedily } from '../src/matching/domain/greedy-assignment';

const RUNS = 5;

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface InstanceSpec {
  name: string;
  seed: number;
  requests: number;
  volunteers: number;
  candidatesPerRequest: number;
  minCapacity: number;
  maxCapacity: number;
  target: number;
}

function generate(spec: InstanceSpec): AssignmentProblem {
  const random = prng(spec.seed);
  const volunteerIds = Array.from(
    { length: spec.volunteers },
    (_, v) => `vol-${v.toString().padStart(5, '0')}`,
  );
  const capacity: Record<string, number> = {};
  for (const id of volunteerIds) {
    capacity[id] = spec.minCapacity + Math.floor(random() * (spec.maxCapacity - spec.minCapacity + 1));
  }
  const requests = Array.from({ length: spec.requests }, (_, r) => {
    const chosen = new Set<number>();
    while (chosen.size < spec.candidatesPerRequest) {
      chosen.add(Math.floor(random() * spec.volunteers));
    }
    return {
      id: `req-${r}`,
      // Scores with one decimal, like the ranking engine's rounded output.
      candidates: [...chosen].map((v) => ({
        volunteerId: volunteerIds[v],
        score: Math.round(random() * 1000) / 10,
      })),
    };
  });
  return { requests, capacity };
}

function time(solve: (problem: AssignmentProblem) => AssignmentResult, problem: AssignmentProblem) {
  const millis: number[] = [];
  let result: AssignmentResult | undefined;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    result = solve(problem);
    millis.push(performance.now() - start);
  }
  millis.sort((a, b) => a - b);
  return { median: millis[Math.floor(RUNS / 2)], max: millis[RUNS - 1], result: result! };
}

const INSTANCES: InstanceSpec[] = [
  {
    name: '1,000 requests × 10,000 volunteers, ~30 candidates, capacity 1–3',
    seed: 20240601,
    requests: 1_000,
    volunteers: 10_000,
    candidatesPerRequest: 30,
    minCapacity: 1,
    maxCapacity: 3,
    target: 150,
  },
  {
    name: '2,000 requests × 2,000 volunteers, ~100 candidates, capacity 1 (binding)',
    seed: 20240602,
    requests: 2_000,
    volunteers: 2_000,
    candidatesPerRequest: 100,
    minCapacity: 1,
    maxCapacity: 1,
    target: 750,
  },
];

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const pct = (share: number): string => `${(share * 100).toFixed(2)} %`;

for (const spec of INSTANCES) {
  const problem = generate(spec);
  const optimised = time(assignGlobally, problem);
  const greedy = time(assignGreedily, problem);
  const comparison = compareAssignments(optimised.result, greedy.result, spec.requests);
  const verdict = optimised.median <= spec.target ? 'within' : 'OVER';
  console.log(spec.name);
  console.log(
    `  optimiser: median ${ms(optimised.median)}, max ${ms(optimised.max)} ` +
      `(target ≤ ${spec.target} ms: ${verdict})`,
  );
  console.log(`  greedy:    median ${ms(greedy.median)}, max ${ms(greedy.max)}`);
  console.log(
    `  coverage:  optimiser ${optimised.result.covered} (${pct(comparison.coverage.optimised)}), ` +
      `greedy ${greedy.result.covered} (${pct(comparison.coverage.greedy)})`,
  );
  console.log(
    `  score:     optimiser ${comparison.totalScore.optimised.toFixed(1)}, ` +
      `greedy ${comparison.totalScore.greedy.toFixed(1)}`,
  );
  console.log(
    `  busiest:   optimiser ${comparison.busiestLoad.optimised}, greedy ${comparison.busiestLoad.greedy}`,
  );
}
