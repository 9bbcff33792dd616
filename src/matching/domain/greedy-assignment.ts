/**
 * Per-request greedy baseline for the global assignment: requests in arrival order each take their best
 * candidate that still has capacity (ties: higher score, then lower volunteer id in code-unit order).
 * Fast and predictable, but it can leave requests uncovered when capacity binds — see assignGlobally.
 */
import {
  assignmentResultOf,
  compileAssignmentProblem,
  type AssignmentProblem,
  type AssignmentResult,
} from './global-assignment';

export function assignGreedily(problem: AssignmentProblem): AssignmentResult {
  const compiled = compileAssignmentProblem(problem);
  const { rowStart, edgeColumn, edgeScore, capacity, volunteerIds } = compiled;
  const n = compiled.requestIds.length;
  const used = new Int32Array(volunteerIds.length);
  const chosenEdge = new Int32Array(n).fill(-1);

  for (let r = 0; r < n; r++) {
    let best = -1;
    let bestScore = -1;
    let bestColumn = -1;
    for (let e = rowStart[r], end = rowStart[r + 1]; e < end; e++) {
      const j = edgeColumn[e];
      if (used[j] >= capacity[j]) {
        continue;
      }
      const score = edgeScore[e];
      if (score > bestScore || (score === bestScore && volunteerIds[j] < volunteerIds[bestColumn])) {
        best = e;
        bestScore = score;
        bestColumn = j;
      }
    }
    if (best >= 0) {
      chosenEdge[r] = best;
      used[bestColumn]++;
    }
  }
  return assignmentResultOf(compiled, chosenEdge);
}
