/**
 * Global assignment: many open help requests, each with scored candidate volunteers, and volunteers with a
 * remaining capacity. Assign at most one volunteer per request, within every capacity, maximising FIRST the
 * number of covered requests and THEN the total score (lexicographic objective).
 *
 * Method: incremental shortest augmenting paths (the Hungarian method / successive shortest paths for this
 * bipartite b-matching). Requests are inserted one at a time in arrival order; edge cost is 100 − score ≥ 0;
 * volunteer potentials (Johnson) keep every reduced cost ≥ 0, so Dijkstra (indexed binary heap, CSR
 * adjacency, typed arrays) finds the cheapest alternating path from the new request and stops at the first
 * volunteer with spare capacity. The common case — the request's cheapest reduced-cost volunteer still has
 * room — is a greedy pick without any search; a search only "repairs" the assignment where capacity binds.
 * When the volunteers' total capacity is smaller than the number of requests, the same solver runs on the
 * transposed graph (capacity slots are inserted, each request accepts one slot): an inserted unit that ends
 * up unmatched costs a full search of its reachable part, so the scarcer side is the one to insert.
 *
 * Why it is exact: let M be a lexicographically optimal assignment of the first i inserted units. The
 * symmetric difference between M and an optimum for the first i+1 units splits into alternating paths and
 * cycles; every part not touching unit i+1 gains nothing (M and that optimum are each optimal for their own
 * unit sets), so some optimum is M ⊕ P for ONE alternating path P starting at unit i+1. P either (a) ends
 * at a partner with spare capacity (coverage +1), (b) ends at an already matched unit that is dropped
 * (coverage unchanged; applied only if it raises the score), or (c) is empty. All partners with spare
 * capacity keep potential 0 (dual feasibility + complementary slackness), so the first one Dijkstra reaches
 * is the cheapest option (a); only if none is reachable does the search run to the end and yield the best
 * option (b). By induction the final assignment is lexicographically optimal: each path P changes the cost
 * Σ(100 − score) by 100·Δcovered − Δscore, so at equal coverage minimum cost is maximum score.
 * Ties between equally good solutions are resolved deterministically by input order (requests in arrival
 * order, volunteers by first appearance); the greedy baseline breaks score ties by volunteer id.
 */

/** One help request in arrival order with its eligible, scored candidates. */
export interface AssignmentRequest {
  readonly id: string;
  readonly candidates: readonly { readonly volunteerId: string; readonly score: number }[];
}

export interface AssignmentProblem {
  /** Open requests in arrival order. */
  readonly requests: readonly AssignmentRequest[];
  /** Remaining capacity per volunteer id (integer ≥ 0); a missing volunteer has capacity 0. */
  readonly capacity: Readonly<Record<string, number>>;
}

export interface AssignmentResult {
  /** requestId → volunteerId, in request arrival order. */
  readonly assignment: Map<string, string>;
  readonly covered: number;
  readonly totalScore: number;
  /** Most assignments any one volunteer received (0 if nothing was assigned). */
  readonly busiestLoad: number;
}

export interface AssignmentComparison {
  /** Share of requests covered, 0..1 (1 when there are no requests). */
  readonly coverage: { readonly optimised: number; readonly greedy: number };
  readonly totalScore: { readonly optimised: number; readonly greedy: number };
  readonly busiestLoad: { readonly optimised: number; readonly greedy: number };
}

/**
 * Validated problem in compact form, shared with the greedy baseline (internal — not part of the domain API).
 * Only volunteers with capacity > 0 get a column, numbered in order of first appearance.
 */
export interface CompiledAssignmentProblem {
  readonly requestIds: readonly string[];
  readonly volunteerIds: readonly string[];
  /** Edges of request r are rowStart[r] .. rowStart[r+1]-1 (CSR), duplicates merged to the higher score. */
  readonly rowStart: Int32Array;
  readonly edgeColumn: Int32Array;
  readonly edgeScore: Float64Array;
  /** Usable capacity per column: min(capacity, number of requests listing the volunteer). */
  readonly capacity: Int32Array;
}

const MAX_SCORE = 100;

function capacityOf(capacity: Readonly<Record<string, number>>, volunteerId: string): number {
  if (!Object.hasOwn(capacity, volunteerId)) {
    return 0;
  }
  const value = capacity[volunteerId];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(
      `capacity of volunteer ${JSON.stringify(volunteerId)} must be an integer ≥ 0, got ${String(value)}`,
    );
  }
  return value;
}

/** Validates the problem and builds the CSR form. Throws RangeError on programming errors in the input. */
export function compileAssignmentProblem(problem: AssignmentProblem): CompiledAssignmentProblem {
  const { requests, capacity } = problem;
  const n = requests.length;
  let edgeBound = 0;
  for (const request of requests) {
    edgeBound += request.candidates.length;
  }

  const requestIds: string[] = new Array<string>(n);
  const seenRequests = new Set<string>();
  const rowStart = new Int32Array(n + 1);
  const tempColumn = new Int32Array(edgeBound);
  const tempScore = new Float64Array(edgeBound);

  // Volunteers get a column on first sight; 0-capacity volunteers get -1 (their scores are still validated).
  const columnOf = new Map<string, number>();
  const columnIds: string[] = [];
  const columnCapacity: number[] = [];
  let lastRowOf = new Int32Array(64).fill(-1);
  let edgeOf = new Int32Array(64);

  let edges = 0;
  for (let r = 0; r < n; r++) {
    const request = requests[r];
    const requestId = request.id;
    if (seenRequests.has(requestId)) {
      throw new RangeError(`duplicate request id ${JSON.stringify(requestId)}`);
    }
    seenRequests.add(requestId);
    requestIds[r] = requestId;
    rowStart[r] = edges;
    for (const candidate of request.candidates) {
      const { volunteerId, score } = candidate;
      if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > MAX_SCORE) {
        throw new RangeError(
          `score of request ${JSON.stringify(requestId)} / volunteer ${JSON.stringify(volunteerId)} ` +
            `must be a finite number in 0..${MAX_SCORE}, got ${String(score)}`,
        );
      }
      let index = columnOf.get(volunteerId);
      if (index === undefined) {
        const cap = capacityOf(capacity, volunteerId);
        index = cap > 0 ? columnIds.length : -1;
        columnOf.set(volunteerId, index);
        if (cap > 0) {
          columnIds.push(volunteerId);
          columnCapacity.push(cap);
          if (index >= lastRowOf.length) {
            const grownRows = new Int32Array(lastRowOf.length * 2).fill(-1);
            grownRows.set(lastRowOf);
            lastRowOf = grownRows;
            const grownEdges = new Int32Array(edgeOf.length * 2);
            grownEdges.set(edgeOf);
            edgeOf = grownEdges;
          }
        }
      }
      if (index < 0) {
        continue;
      }
      if (lastRowOf[index] === r) {
        const existing = edgeOf[index];
        if (score > tempScore[existing]) {
          tempScore[existing] = score;
        }
        continue;
      }
      lastRowOf[index] = r;
      edgeOf[index] = edges;
      tempColumn[edges] = index;
      tempScore[edges] = score;
      edges++;
    }
  }
  rowStart[n] = edges;

  const m = columnIds.length;
  const edgeColumn = tempColumn.slice(0, edges);
  const usableCapacity = new Int32Array(m);
  for (let e = 0; e < edges; e++) {
    usableCapacity[edgeColumn[e]]++;
  }
  for (let j = 0; j < m; j++) {
    usableCapacity[j] = Math.min(usableCapacity[j], columnCapacity[j]);
  }
  return {
    requestIds,
    volunteerIds: columnIds,
    rowStart,
    edgeColumn,
    edgeScore: tempScore.slice(0, edges),
    capacity: usableCapacity,
  };
}

/** Builds the public result from the chosen edge per request (-1 = uncovered). */
export function assignmentResultOf(
  compiled: CompiledAssignmentProblem,
  chosenEdge: Int32Array,
): AssignmentResult {
  const { requestIds, volunteerIds, edgeColumn, edgeScore } = compiled;
  const load = new Int32Array(volunteerIds.length);
  const assignment = new Map<string, string>();
  let covered = 0;
  let totalScore = 0;
  let busiestLoad = 0;
  for (let r = 0; r < requestIds.length; r++) {
    const e = chosenEdge[r];
    if (e < 0) {
      continue;
    }
    const column = edgeColumn[e];
    assignment.set(requestIds[r], volunteerIds[column]);
    covered++;
    totalScore += edgeScore[e];
    load[column]++;
    if (load[column] > busiestLoad) {
      busiestLoad = load[column];
    }
  }
  return { assignment, covered, totalScore, busiestLoad };
}

/** Indexed binary min-heap of targets keyed by an external distance array; ties go to the lower index. */
class TargetHeap {
  private readonly heap: Int32Array;
  private readonly position: Int32Array;
  private size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) {
      this.position[this.heap[i]] = -1;
    }
    this.size = 0;
  }

  /** Inserts the item, or moves it up after its key decreased. */
  pushOrDecrease(item: number): void {
    let i = this.position[item];
    if (i < 0) {
      i = this.size++;
    }
    this.siftUp(i, item);
  }

  pop(): number {
    const top = this.heap[0];
    this.position[top] = -1;
    const last = this.heap[--this.size];
    if (this.size > 0) {
      this.siftDown(0, last);
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(start: number, item: number): void {
    const { heap, position } = this;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const above = heap[parent];
      if (!this.less(item, above)) {
        break;
      }
      heap[i] = above;
      position[above] = i;
      i = parent;
    }
    heap[i] = item;
    position[item] = i;
  }

  private siftDown(start: number, item: number): void {
    const { heap, position, size } = this;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && this.less(heap[child + 1], heap[child])) {
        child++;
      }
      const below = heap[child];
      if (!this.less(below, item)) {
        break;
      }
      heap[i] = below;
      position[below] = i;
      i = child;
    }
    heap[i] = item;
    position[item] = i;
  }
}

/**
 * One side of the bipartite graph, prepared for the incremental solver: "units" (each takes at most one
 * partner) are inserted one by one; every unit belongs to a group whose edges it may use (CSR); partners
 * ("targets") accept up to their capacity. Requests-as-units is the natural view; volunteer-capacity-slots
 * as units is the transposed view, used when the slots are fewer than the requests (see assignGlobally).
 */
interface UnitView {
  readonly units: number;
  readonly unitGroup: Int32Array;
  readonly groupStart: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly edgeCost: Float64Array;
  readonly targetCapacity: Int32Array;
}

/**
 * Incremental shortest augmenting paths (see the header comment); returns the matched edge per unit or -1.
 * Dual state: target potentials v ≤ 0, exactly 0 while the target has room; a matched unit's potential is
 * implied by tightness on its matched edge, u = cost − v. Reduced costs cost − u − v stay ≥ 0.
 */
function solveByAugmentingPaths(view: UnitView): Int32Array {
  const { units, unitGroup, groupStart, edgeTarget, edgeCost, targetCapacity } = view;
  const targets = targetCapacity.length;

  // Assignment state: matched edge per unit; per target the matched units in a block of `capacity` places.
  const matchEdge = new Int32Array(units).fill(-1);
  const placeStart = new Int32Array(targets + 1);
  for (let j = 0; j < targets; j++) {
    placeStart[j + 1] = placeStart[j] + targetCapacity[j];
  }
  const placeUnit = new Int32Array(placeStart[targets]);
  const placeOfUnit = new Int32Array(units);
  const load = new Int32Array(targets);

  const attach = (j: number, unit: number, e: number): void => {
    const place = placeStart[j] + load[j]++;
    placeUnit[place] = unit;
    placeOfUnit[unit] = place;
    matchEdge[unit] = e;
  };
  const detach = (j: number, unit: number): void => {
    const lastPlace = placeStart[j] + --load[j];
    const place = placeOfUnit[unit];
    const moved = placeUnit[lastPlace];
    placeUnit[place] = moved;
    placeOfUnit[moved] = place;
    matchEdge[unit] = -1;
  };

  const v = new Float64Array(targets);

  // Dijkstra state, reset lazily by a search stamp.
  const dist = new Float64Array(targets);
  const reachedIn = new Int32Array(targets);
  const scannedIn = new Int32Array(targets);
  const predUnit = new Int32Array(targets);
  const predEdge = new Int32Array(targets);
  const scanned = new Int32Array(targets);
  const heap = new TargetHeap(targets, dist);
  let search = 0;

  /** Walks the predecessor chain back from target `end` (which has room for one more unit). */
  const flipPath = (end: number): void => {
    let j = end;
    for (;;) {
      const unit = predUnit[j];
      const previous = matchEdge[unit];
      if (previous >= 0) {
        detach(edgeTarget[previous], unit);
      }
      attach(j, unit, predEdge[j]);
      if (previous < 0) {
        return;
      }
      j = edgeTarget[previous];
    }
  };

  for (let i = 0; i < units; i++) {
    const group = unitGroup[i];
    const first = groupStart[group];
    const last = groupStart[group + 1];
    if (first === last) {
      continue;
    }

    // Fast path: cheapest reduced cost; on ties prefer a target with room, then the lower target index.
    let ui = Infinity;
    let bestEdge = -1;
    let bestTarget = -1;
    let bestHasRoom = false;
    for (let e = first; e < last; e++) {
      const j = edgeTarget[e];
      const reduced = edgeCost[e] - v[j];
      const hasRoom = load[j] < targetCapacity[j];
      if (
        reduced < ui ||
        (reduced === ui && ((hasRoom && !bestHasRoom) || (hasRoom === bestHasRoom && j < bestTarget)))
      ) {
        ui = reduced;
        bestEdge = e;
        bestTarget = j;
        bestHasRoom = hasRoom;
      }
    }
    if (bestHasRoom) {
      attach(bestTarget, i, bestEdge);
      continue;
    }

    // Repair: Dijkstra from unit i over reduced costs; stops at the first target with room.
    search++;
    heap.clear();
    let scannedCount = 0;
    for (let e = first; e < last; e++) {
      const j = edgeTarget[e];
      const d = Math.max(0, edgeCost[e] - ui - v[j]);
      if (reachedIn[j] !== search || d < dist[j]) {
        reachedIn[j] = search;
        dist[j] = d;
        predUnit[j] = i;
        predEdge[j] = e;
        heap.pushOrDecrease(j);
      }
    }

    let freeTarget = -1;
    let bestDrop = -1;
    let bestDropCost = 0; // true cost change of swapping unit i in and a matched unit out; only < 0 pays
    while (!heap.isEmpty) {
      const j = heap.pop();
      if (load[j] < targetCapacity[j]) {
        freeTarget = j;
        break;
      }
      scannedIn[j] = search;
      scanned[scannedCount++] = j;
      const dj = dist[j];
      const vj = v[j];
      for (let p = placeStart[j], end = placeStart[j] + load[j]; p < end; p++) {
        const unit = placeUnit[p];
        const uUnit = edgeCost[matchEdge[unit]] - vj;
        const dropCost = dj + ui - uUnit;
        if (dropCost < bestDropCost) {
          bestDropCost = dropCost;
          bestDrop = unit;
        }
        const base = dj - uUnit;
        const g = unitGroup[unit];
        for (let e = groupStart[g], groupEnd = groupStart[g + 1]; e < groupEnd; e++) {
          const k = edgeTarget[e];
          if (scannedIn[k] === search) {
            continue;
          }
          let d = base + edgeCost[e] - v[k];
          if (d < dj) {
            d = dj; // rounding guard: reduced costs are ≥ 0 in exact arithmetic
          }
          if (reachedIn[k] !== search || d < dist[k]) {
            reachedIn[k] = search;
            dist[k] = d;
            predUnit[k] = unit;
            predEdge[k] = e;
            heap.pushOrDecrease(k);
          }
        }
      }
    }

    if (freeTarget >= 0) {
      // (a) Coverage +1: shift the potentials of the scanned targets, then flip the path.
      const dEnd = dist[freeTarget];
      for (let s = 0; s < scannedCount; s++) {
        const j = scanned[s];
        v[j] += dist[j] - dEnd;
      }
      flipPath(freeTarget);
    } else if (bestDrop >= 0) {
      // (b) No room reachable: swap unit i in and the unit whose loss costs least out, as it pays.
      const dropTarget = edgeTarget[matchEdge[bestDrop]];
      const dEnd = dist[dropTarget];
      for (let s = 0; s < scannedCount; s++) {
        const j = scanned[s];
        if (dist[j] < dEnd) {
          v[j] += dist[j] - dEnd;
        }
      }
      detach(dropTarget, bestDrop);
      flipPath(dropTarget);
    }
    // (c) otherwise unit i stays unmatched, now and for good, and nothing changes.
  }
  return matchEdge;
}

/** Lexicographically optimal assignment (max coverage, then max total score); see the header comment. */
export function assignGlobally(problem: AssignmentProblem): AssignmentResult {
  const compiled = compileAssignmentProblem(problem);
  const { rowStart, edgeColumn, edgeScore, capacity } = compiled;
  const n = compiled.requestIds.length;
  const m = compiled.volunteerIds.length;
  const edges = edgeColumn.length;

  let slots = 0;
  for (let j = 0; j < m; j++) {
    slots += capacity[j];
  }
  let requestsWithCandidates = 0;
  for (let r = 0; r < n; r++) {
    if (rowStart[r + 1] > rowStart[r]) {
      requestsWithCandidates++;
    }
  }

  // Every inserted unit that ends up unmatched costs a search over its whole reachable part of the graph, so
  // insert the scarcer side: requests when capacity suffices, else the volunteers' capacity slots.
  if (requestsWithCandidates <= slots) {
    const cost = new Float64Array(edges);
    for (let e = 0; e < edges; e++) {
      cost[e] = MAX_SCORE - edgeScore[e];
    }
    const chosen = solveByAugmentingPaths({
      units: n,
      unitGroup: Int32Array.from({ length: n }, (_, r) => r),
      groupStart: rowStart,
      edgeTarget: edgeColumn,
      edgeCost: cost,
      targetCapacity: capacity,
    });
    return assignmentResultOf(compiled, chosen);
  }

  // Transposed view: CSR by volunteer (edges in request order), one unit per capacity slot, requests take 1.
  const columnStart = new Int32Array(m + 1);
  for (let e = 0; e < edges; e++) {
    columnStart[edgeColumn[e] + 1]++;
  }
  for (let j = 0; j < m; j++) {
    columnStart[j + 1] += columnStart[j];
  }
  const fill = columnStart.slice(0, m);
  const edgeRow = new Int32Array(edges);
  const cost = new Float64Array(edges);
  const originalEdge = new Int32Array(edges);
  for (let r = 0; r < n; r++) {
    for (let e = rowStart[r], end = rowStart[r + 1]; e < end; e++) {
      const t = fill[edgeColumn[e]]++;
      edgeRow[t] = r;
      cost[t] = MAX_SCORE - edgeScore[e];
      originalEdge[t] = e;
    }
  }
  // Slots round-robin over the volunteers: every volunteer's first slot, then every second slot, …
  const unitGroup = new Int32Array(slots);
  let unit = 0;
  for (let layer = 0; unit < slots; layer++) {
    for (let j = 0; j < m; j++) {
      if (capacity[j] > layer) {
        unitGroup[unit++] = j;
      }
    }
  }
  const matched = solveByAugmentingPaths({
    units: slots,
    unitGroup,
    groupStart: columnStart,
    edgeTarget: edgeRow,
    edgeCost: cost,
    targetCapacity: new Int32Array(n).fill(1),
  });
  const chosen = new Int32Array(n).fill(-1);
  for (let u = 0; u < slots; u++) {
    const t = matched[u];
    if (t >= 0) {
      chosen[edgeRow[t]] = originalEdge[t];
    }
  }
  return assignmentResultOf(compiled, chosen);
}

/** Side-by-side figures of the optimised and the greedy assignment; coverage as share 0..1. */
export function compareAssignments(
  optimised: AssignmentResult,
  greedy: AssignmentResult,
  requestCount: number,
): AssignmentComparison {
  if (!Number.isSafeInteger(requestCount) || requestCount < Math.max(0, optimised.covered, greedy.covered)) {
    throw new RangeError(`requestCount must be an integer ≥ the covered requests, got ${requestCount}`);
  }
  const share = (covered: number): number => (requestCount === 0 ? 1 : covered / requestCount);
  return {
    coverage: { optimised: share(optimised.covered), greedy: share(greedy.covered) },
    totalScore: { optimised: optimised.totalScore, greedy: greedy.totalScore },
    busiestLoad: { optimised: optimised.busiestLoad, greedy: greedy.busiestLoad },
  };
}
