/**
 * Assigning review experts to applications.
 *
 * Every application goes to exactly k experts (a program setting); an expert reviews between
 * `minLoad` and `maxLoad` applications; a conflicted pair (declared or automatic conflict of interest)
 * is never assigned, and pairs an officer fixed by hand are always kept. Among all assignments that
 * satisfy these rules, `assignOptimal` returns one with the largest total match score.
 *
 * The model is a min-cost flow: source → application (exactly k) → expert (capacity 1 per pair, cost
 * −score, conflicted pairs have no arc at all) → sink (at least minLoad, at most maxLoad). The
 * constraint matrix is totally unimodular, so the integral optimum equals the LP optimum (which the
 * jobs adapter checks with HiGHS).
 *
 * Pure: no I/O, no clock, no randomness. Applications and experts are processed in id order
 * (plain code-unit comparison), so the result depends only on the input's content, not on its order.
 */
import type { Messages } from '../errors.ts';

export interface AssignmentApplication {
  id: string;
  /** Expertise the application needs (e.g. its direction and industry). */
  tags: string[];
}

export interface AssignmentExpert {
  id: string;
  tags: string[];
  /** Non-negative integers with minLoad ≤ maxLoad. */
  minLoad: number;
  maxLoad: number;
}

export interface AssignmentProblem {
  applications: AssignmentApplication[];
  experts: AssignmentExpert[];
  /** k: how many experts review each application. */
  perApplication: number;
  /** Pairs that must never be assigned (conflicts of interest, declared or automatic), as `${expertId}|${applicationId}`. */
  conflicts: ReadonlySet<string>;
  /** Pairs an officer fixed by hand (manual override): must be in the result. A pair listed twice counts once. */
  fixed?: { expertId: string; applicationId: string }[];
}

export interface AssignmentPair {
  expertId: string;
  applicationId: string;
  score: number;
}

export interface AssignmentResult {
  feasible: boolean;
  /** When infeasible: why, in zh-CN and English. */
  reason?: Messages;
  /** Sorted by application id, then expert id. Empty when `assignOptimal` finds the problem infeasible. */
  pairs: AssignmentPair[];
  /** Total match score of `pairs`. */
  objective: number;
  /** Number of pairs per expert id (every expert, 0 included). */
  loads: Record<string, number>;
}

export interface QualityReport {
  objective: number;
  bound: number | null;
  /** (bound − objective) / bound × 100; null without a bound. */
  gapPercent: number | null;
  loads: { min: number; max: number; mean: number };
  /** Assigned pairs whose application and expert share no tag. */
  unmatchedTagPairs: number;
}

/** Weight of one shared tag in the match score. */
export const SCORE_PER_SHARED_TAG = 10;

/**
 * Match score of a pair: 10 × (number of distinct tags the two share) + 1.
 *
 * Integer, so the flow works in exact arithmetic. The +1 makes every non-conflicted pair worth
 * something (a pool without any matching expert can still be staffed), while one shared tag (10)
 * always outweighs the base point. Whether a pair is conflicted is not the score's business: conflicted
 * pairs are excluded from the model altogether.
 */
export function matchScore(application: { tags: readonly string[] }, expert: { tags: readonly string[] }): number {
  const mine = new Set(expert.tags);
  let shared = 0;
  for (const tag of new Set(application.tags)) if (mine.has(tag)) shared++;
  return SCORE_PER_SHARED_TAG * shared + 1;
}

/** The key of a pair in `AssignmentProblem.conflicts`. */
export function pairKey(expertId: string, applicationId: string): string {
  return `${expertId}|${applicationId}`;
}

// ---------------------------------------------------------------------------------------------
// Preparation shared by both solvers: validation, id order, conflicts, fixed pairs, scores.
// ---------------------------------------------------------------------------------------------

const byId = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

const msg = (zh: string, en: string): Messages => ({ 'zh-CN': zh, en });

/** Lists at most `limit` ids, in both languages: "A、B、C 等 12 项" / "A, B, C and 9 more". */
function someIds(ids: string[], limit = 5): { zh: string; en: string } {
  const shown = ids.slice(0, limit);
  const more = ids.length - shown.length;
  return {
    zh: shown.join('、') + (more > 0 ? ` 等` : ''),
    en: shown.join(', ') + (more > 0 ? ` and ${more} more` : ''),
  };
}

interface Prepared {
  n: number;
  m: number;
  k: number;
  /** Applications and experts in id order. */
  apps: AssignmentApplication[];
  experts: AssignmentExpert[];
  /** Per application (id order): sorted indices of conflicted experts. */
  conflictsOf: number[][];
  /** Distinct valid fixed pairs as [application index, expert index]. */
  fixed: [number, number][];
  fixedPerApp: Int32Array;
  fixedPerExpert: Int32Array;
  /** Tag ids: per application / expert, distinct. */
  appTags: Int32Array[];
  /** Per tag id, the experts (indices, ascending) that carry it. */
  expertsWithTag: Int32Array[];
}

function prepare(p: AssignmentProblem): Prepared | Messages {
  const k = p.perApplication;
  if (!Number.isInteger(k) || k < 0) return msg(`每项申报的评审专家人数必须是非负整数（当前为 ${k}）`, `perApplication must be a non-negative integer (got ${k})`);
  const apps = [...p.applications].sort((x, y) => byId(x.id, y.id));
  const experts = [...p.experts].sort((x, y) => byId(x.id, y.id));
  for (let i = 1; i < apps.length; i++) {
    if (apps[i]!.id === apps[i - 1]!.id) return msg(`申报编号重复：${apps[i]!.id}`, `duplicate application id: ${apps[i]!.id}`);
  }
  for (let i = 1; i < experts.length; i++) {
    if (experts[i]!.id === experts[i - 1]!.id) return msg(`专家编号重复：${experts[i]!.id}`, `duplicate expert id: ${experts[i]!.id}`);
  }
  for (const e of experts) {
    if (!Number.isInteger(e.minLoad) || !Number.isInteger(e.maxLoad) || e.minLoad < 0 || e.minLoad > e.maxLoad) {
      return msg(
        `专家 ${e.id} 的工作量范围无效（最低 ${e.minLoad}，最高 ${e.maxLoad}）：应为 0 ≤ 最低 ≤ 最高 的整数`,
        `expert ${e.id} has invalid load bounds (min ${e.minLoad}, max ${e.maxLoad}): they must be integers with 0 ≤ min ≤ max`,
      );
    }
  }
  const n = apps.length;
  const m = experts.length;
  const appIndex = new Map<string, number>();
  apps.forEach((a, i) => appIndex.set(a.id, i));
  const expertIndex = new Map<string, number>();
  experts.forEach((e, i) => expertIndex.set(e.id, i));

  // Conflicts: keys naming unknown ids (e.g. another round's) are ignored. Ids may themselves
  // contain '|', so every split point is tried.
  const conflictSets: Set<number>[] = apps.map(() => new Set<number>());
  for (const key of p.conflicts) {
    for (let at = key.indexOf('|'); at >= 0; at = key.indexOf('|', at + 1)) {
      const e = expertIndex.get(key.slice(0, at));
      const a = appIndex.get(key.slice(at + 1));
      if (e !== undefined && a !== undefined) conflictSets[a]!.add(e);
    }
  }
  const conflictsOf = conflictSets.map((s) => [...s].sort((x, y) => x - y));

  // Fixed pairs: must name known ids and must not be conflicts.
  const fixedPerApp = new Int32Array(n);
  const fixedPerExpert = new Int32Array(m);
  const fixed: [number, number][] = [];
  const seen = new Set<string>();
  for (const f of p.fixed ?? []) {
    const a = appIndex.get(f.applicationId);
    const e = expertIndex.get(f.expertId);
    if (a === undefined) return msg(`人工指定的配对引用了不存在的申报 ${f.applicationId}`, `a fixed pair names an unknown application ${f.applicationId}`);
    if (e === undefined) return msg(`人工指定的配对引用了不存在的专家 ${f.expertId}`, `a fixed pair names an unknown expert ${f.expertId}`);
    if (conflictSets[a]!.has(e)) {
      return msg(
        `人工指定的配对（专家 ${f.expertId} 评审申报 ${f.applicationId}）存在利益冲突，不能指定`,
        `the fixed pair (expert ${f.expertId} for application ${f.applicationId}) is a conflict of interest and cannot be assigned`,
      );
    }
    const key = pairKey(f.expertId, f.applicationId);
    if (seen.has(key)) continue;
    seen.add(key);
    fixed.push([a, e]);
    fixedPerApp[a]!++;
    fixedPerExpert[e]!++;
  }
  fixed.sort((x, y) => x[0] - y[0] || x[1] - y[1]);

  const tagIds = new Map<string, number>();
  const tagId = (t: string): number => {
    let id = tagIds.get(t);
    if (id === undefined) tagIds.set(t, (id = tagIds.size));
    return id;
  };
  const expertTags = experts.map((e) => Int32Array.from(new Set(e.tags.map(tagId))));
  const appTags = apps.map((a) => Int32Array.from(new Set(a.tags.map(tagId))));
  const holders: number[][] = Array.from({ length: tagIds.size }, () => []);
  expertTags.forEach((tags, e) => tags.forEach((t) => holders[t]!.push(e)));
  const expertsWithTag = holders.map((h) => Int32Array.from(h));

  return { n, m, k, apps, experts, conflictsOf, fixed, fixedPerApp, fixedPerExpert, appTags, expertsWithTag };
}

/**
 * Checks that do not need the flow, each with a reason an officer can act on. Returns the first that
 * fails, or null. Ordered from the most specific (one fixed pair, one application) to the global sums.
 */
function countingChecks(q: Prepared): Messages | null {
  const { n, m, k, apps, experts, conflictsOf, fixedPerApp, fixedPerExpert } = q;
  for (let a = 0; a < n; a++) {
    if (fixedPerApp[a]! > k) {
      return msg(`申报 ${apps[a]!.id} 人工指定了 ${fixedPerApp[a]} 位专家，多于每项 ${k} 位`, `application ${apps[a]!.id} has ${fixedPerApp[a]} fixed experts, more than the ${k} per application`);
    }
  }
  for (let e = 0; e < m; e++) {
    if (fixedPerExpert[e]! > experts[e]!.maxLoad) {
      return msg(
        `专家 ${experts[e]!.id} 人工指定了 ${fixedPerExpert[e]} 项申报，超过其最高工作量 ${experts[e]!.maxLoad}`,
        `expert ${experts[e]!.id} has ${fixedPerExpert[e]} fixed applications, above their maximum load of ${experts[e]!.maxLoad}`,
      );
    }
  }
  for (let a = 0; a < n; a++) {
    const free = m - conflictsOf[a]!.length;
    if (free < k) {
      return msg(`申报 ${apps[a]!.id} 只有 ${free} 位无利益冲突的专家，少于每项 ${k} 位`, `application ${apps[a]!.id} has only ${free} experts without a conflict of interest, fewer than the ${k} required`);
    }
  }
  const conflictsPerExpert = new Int32Array(m);
  for (const list of conflictsOf) for (const e of list) conflictsPerExpert[e]!++;
  for (let e = 0; e < m; e++) {
    const free = n - conflictsPerExpert[e]!;
    const minLoad = experts[e]!.minLoad;
    if (free < minLoad) {
      return msg(
        `专家 ${experts[e]!.id} 只有 ${free} 项无利益冲突的申报，少于其最低工作量 ${minLoad}`,
        `expert ${experts[e]!.id} has only ${free} applications without a conflict of interest, fewer than their minimum load of ${minLoad}`,
      );
    }
  }
  const total = n * k;
  let sumMin = 0;
  let sumMax = 0;
  for (const e of experts) {
    sumMin += e.minLoad;
    sumMax += e.maxLoad;
  }
  if (sumMin > total) {
    return msg(
      `专家最低工作量合计 ${sumMin}，超过评审总人次 ${total}（${n} 项 × 每项 ${k} 位）`,
      `the experts' minimum loads add up to ${sumMin}, more than the ${total} reviews to hand out (${n} applications × ${k})`,
    );
  }
  if (sumMax < total) {
    return msg(
      `专家最高工作量合计 ${sumMax}，少于评审总人次 ${total}（${n} 项 × 每项 ${k} 位）`,
      `the experts' maximum loads add up to ${sumMax}, fewer than the ${total} reviews needed (${n} applications × ${k})`,
    );
  }
  return null;
}

function emptyLoads(experts: AssignmentExpert[]): Record<string, number> {
  const loads: Record<string, number> = {};
  for (const e of experts) loads[e.id] = 0;
  return loads;
}

function infeasible(p: AssignmentProblem, reason: Messages): AssignmentResult {
  return { feasible: false, reason, pairs: [], objective: 0, loads: emptyLoads(p.experts) };
}

/** Fills `out[e]` with the match score of application `a` against every expert (tags are pre-indexed). */
function scoresFor(q: Prepared, a: number, out: Int32Array): void {
  out.fill(1);
  for (const t of q.appTags[a]!) for (const e of q.expertsWithTag[t]!) out[e]! += SCORE_PER_SHARED_TAG;
}

function resultFrom(q: Prepared, pairsIdx: [number, number, number][]): { pairs: AssignmentPair[]; objective: number; loads: Record<string, number> } {
  pairsIdx.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const loads = emptyLoads(q.experts);
  let objective = 0;
  const pairs = pairsIdx.map(([a, e, score]) => {
    const expertId = q.experts[e]!.id;
    loads[expertId]!++;
    objective += score;
    return { expertId, applicationId: q.apps[a]!.id, score };
  });
  return { pairs, objective, loads };
}

// ---------------------------------------------------------------------------------------------
// The optimal assignment: min-cost flow by the primal-dual method.
// ---------------------------------------------------------------------------------------------

/**
 * Indexed binary min-heap over node ids with float keys; ties go to the smaller node id, which the
 * numbering below uses to pop the sink first, then experts, then applications.
 */
class NodeHeap {
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private size = 0;
  constructor(
    nodes: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(nodes);
    this.pos = new Int32Array(nodes).fill(-1);
  }
  get empty(): boolean {
    return this.size === 0;
  }
  private less(u: number, v: number): boolean {
    const ku = this.key[u]!;
    const kv = this.key[v]!;
    return ku < kv || (ku === kv && u < v);
  }
  /** Inserts `v` or, if present, restores order after its key decreased. */
  push(v: number): void {
    let i = this.pos[v]!;
    if (i < 0) {
      i = this.size++;
      this.heap[i] = v;
      this.pos[v] = i;
    }
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const u = heap[parent]!;
      if (!this.less(v, u)) break;
      heap[i] = u;
      this.pos[u] = i;
      i = parent;
    }
    heap[i] = v;
    this.pos[v] = i;
  }
  pop(): number {
    const heap = this.heap;
    const top = heap[0]!;
    this.pos[top] = -1;
    const last = heap[--this.size]!;
    if (this.size > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= this.size) break;
        if (c + 1 < this.size && this.less(heap[c + 1]!, heap[c]!)) c++;
        if (!this.less(heap[c]!, last)) break;
        heap[i] = heap[c]!;
        this.pos[heap[i]!] = i;
        i = c;
      }
      heap[i] = last;
      this.pos[last] = i;
    }
    return top;
  }
  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i]!] = -1;
    this.size = 0;
  }
}

/**
 * The flow network, stored for the bipartite shape rather than as a general graph:
 *  - node numbering (heap and potentials): 0 = sink, 1..m = experts, m+1..m+n = applications; the
 *    source is implicit with potential 0;
 *  - application → expert arcs in CSR form by application (experts ascending), cost C − score ≥ 0,
 *    flow 0/1; the reverse residual arcs (expert → application) are the assigned arcs, kept per expert
 *    in a small slot list so that the backward step visits only the ~loads, never all n applications;
 *  - expert → sink is two parallel arcs: the first lo(e) units cost 0, the next hi(e) − lo(e) cost M,
 *    with M larger than any difference in total score. A min-cost flow therefore meets every minimum
 *    load if any assignment can, and among those maximizes the score (lower bounds handled by cost).
 *    Flow on an expert → sink arc never decreases (a shortest path never passes the sink), so the
 *    cheap arc simply fills first.
 */
interface Network {
  n: number;
  m: number;
  arcStart: Int32Array;
  arcExpert: Int32Array;
  arcCost: Int32Array;
  arcFlow: Uint8Array;
  arcSlot: Int32Array;
  need: Int32Array;
  sent: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  load: Int32Array;
  slotStart: Int32Array;
  slotLen: Int32Array;
  slotArc: Int32Array;
  slotApp: Int32Array;
  /** Cost of the expensive (above minimum load) expert → sink arc. */
  M: number;
  /** Node potentials, indexed by node number. */
  pi: Float64Array;
}

function buildNetwork(q: Prepared): { net: Network; C: number } {
  const { n, m, k, conflictsOf, fixed, fixedPerApp, fixedPerExpert, experts } = q;
  const fixedOf: number[][] = Array.from({ length: n }, () => []);
  for (const [a, e] of fixed) fixedOf[a]!.push(e);
  const arcStart = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) arcStart[a + 1] = arcStart[a]! + m - conflictsOf[a]!.length - fixedOf[a]!.length;
  const E = arcStart[n]!;
  const arcExpert = new Int32Array(E);
  const arcCost = new Int32Array(E); // holds the score until C is known
  const degree = new Int32Array(m);
  const skip = new Uint8Array(m);
  const scores = new Int32Array(m);
  let C = 1;
  for (let a = 0; a < n; a++) {
    for (const e of conflictsOf[a]!) skip[e] = 1;
    for (const e of fixedOf[a]!) skip[e] = 1;
    scoresFor(q, a, scores);
    let i = arcStart[a]!;
    for (let e = 0; e < m; e++) {
      if (skip[e]) continue;
      arcExpert[i] = e;
      const s = scores[e]!;
      arcCost[i] = s;
      if (s > C) C = s;
      degree[e]!++;
      i++;
    }
    for (const e of conflictsOf[a]!) skip[e] = 0;
    for (const e of fixedOf[a]!) skip[e] = 0;
  }
  for (let i = 0; i < E; i++) arcCost[i] = C - arcCost[i]!;

  const need = new Int32Array(n);
  let F = 0;
  for (let a = 0; a < n; a++) F += need[a] = k - fixedPerApp[a]!;
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  const slotStart = new Int32Array(m + 1);
  for (let e = 0; e < m; e++) {
    lo[e] = Math.max(0, experts[e]!.minLoad - fixedPerExpert[e]!);
    hi[e] = Math.min(experts[e]!.maxLoad - fixedPerExpert[e]!, degree[e]!);
    // +1: during an augmentation an expert briefly holds one extra arc.
    slotStart[e + 1] = slotStart[e]! + hi[e]! + 1;
  }
  const slots = slotStart[m]!;
  const net: Network = {
    n,
    m,
    arcStart,
    arcExpert,
    arcCost,
    arcFlow: new Uint8Array(E),
    arcSlot: new Int32Array(E),
    need,
    sent: new Int32Array(n),
    lo,
    hi,
    load: new Int32Array(m),
    slotStart,
    slotLen: new Int32Array(m),
    slotArc: new Int32Array(slots),
    slotApp: new Int32Array(slots),
    M: F * C + 1,
    pi: new Float64Array(n + m + 1),
  };
  return { net, C };
}

function assignArc(net: Network, i: number, a: number, e: number): void {
  const slot = net.slotStart[e]! + net.slotLen[e]!++;
  net.slotArc[slot] = i;
  net.slotApp[slot] = a;
  net.arcSlot[i] = slot;
  net.arcFlow[i] = 1;
}

function unassignArc(net: Network, i: number, e: number): void {
  const slot = net.arcSlot[i]!;
  const last = net.slotStart[e]! + --net.slotLen[e]!;
  if (slot !== last) {
    const moved = net.slotArc[last]!;
    net.slotArc[slot] = moved;
    net.slotApp[slot] = net.slotApp[last]!;
    net.arcSlot[moved] = slot;
  }
  net.arcFlow[i] = 0;
}

/** Reduced cost of the residual expert → sink arc, or −1 when it has no capacity left. */
function sinkArcCost(net: Network, e: number): number {
  const load = net.load[e]!;
  if (load < net.lo[e]!) return 0;
  if (load < net.hi[e]!) return net.M;
  return -1;
}

/**
 * One Dijkstra from the source over reduced costs, stopped when the sink is settled; then every
 * potential moves by min(distance, distance to sink), which keeps all reduced costs ≥ 0 and makes
 * every arc of every shortest path reduced-cost 0. Returns false when the sink is unreachable.
 */
function dijkstra(net: Network, dist: Float64Array, done: Uint8Array, heap: NodeHeap): boolean {
  const { n, m, pi, arcStart, arcExpert, arcCost, arcFlow, slotStart, slotLen, slotArc, slotApp, need, sent } = net;
  dist.fill(Infinity);
  done.fill(0);
  heap.clear();
  for (let a = 0; a < n; a++) {
    if (sent[a]! < need[a]!) {
      const v = m + 1 + a;
      dist[v] = -pi[v]!;
      heap.push(v);
    }
  }
  let settledExperts = 0;
  let dT = Infinity;
  while (!heap.empty) {
    const u = heap.pop();
    done[u] = 1;
    if (u === 0) {
      dT = dist[0]!;
      break;
    }
    const base = dist[u]! + pi[u]!;
    if (u > m) {
      if (settledExperts === m) continue; // an application only leads to experts
      const a = u - m - 1;
      for (let i = arcStart[a]!, end = arcStart[a + 1]!; i < end; i++) {
        if (arcFlow[i]) continue;
        const v = arcExpert[i]! + 1;
        if (done[v]) continue;
        const nd = base + arcCost[i]! - pi[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(v);
        }
      }
    } else {
      settledExperts++;
      const e = u - 1;
      for (let s = slotStart[e]!, end = s + slotLen[e]!; s < end; s++) {
        const v = m + 1 + slotApp[s]!;
        if (done[v]) continue;
        const nd = base - arcCost[slotArc[s]!]! - pi[v]!;
        if (nd < dist[v]!) {
          dist[v] = nd;
          heap.push(v);
        }
      }
      const c = sinkArcCost(net, e);
      if (c >= 0 && !done[0]) {
        const nd = base + c - pi[0]!;
        if (nd < dist[0]!) {
          dist[0] = nd;
          heap.push(0);
        }
      }
    }
  }
  if (dT === Infinity) return false;
  for (let v = 0; v < pi.length; v++) pi[v]! += Math.min(dist[v]!, dT);
  return true;
}

/**
 * Pushes as many units as possible along reduced-cost-0 paths (Dinic on the admissible graph:
 * BFS levels, then unit augmentations by DFS with current-arc pointers). Returns the units pushed.
 */
function augmentAdmissible(net: Network, level: Int32Array, queue: Int32Array, ptr: Int32Array, path: Int32Array, pathArc: Int32Array): number {
  const { n, m, pi, arcStart, arcExpert, arcCost, arcFlow, slotStart, slotLen, slotArc, slotApp, need, sent, load } = net;
  let pushed = 0;
  for (;;) {
    // BFS levels; the source is level 0.
    level.fill(-1);
    let head = 0;
    let tail = 0;
    for (let a = 0; a < n; a++) {
      const v = m + 1 + a;
      if (sent[a]! < need[a]! && pi[v] === 0) {
        level[v] = 1;
        queue[tail++] = v;
      }
    }
    let levelledExperts = 0;
    while (head < tail) {
      const u = queue[head++]!;
      if (level[0]! >= 0 && level[u]! >= level[0]!) break;
      const next = level[u]! + 1;
      if (u > m) {
        if (levelledExperts === m) continue;
        const a = u - m - 1;
        const base = pi[u]!;
        for (let i = arcStart[a]!, end = arcStart[a + 1]!; i < end; i++) {
          if (arcFlow[i]) continue;
          const v = arcExpert[i]! + 1;
          if (level[v]! < 0 && base + arcCost[i]! === pi[v]) {
            level[v] = next;
            queue[tail++] = v;
            levelledExperts++;
          }
        }
      } else {
        const e = u - 1;
        const base = pi[u]!;
        for (let s = slotStart[e]!, end = s + slotLen[e]!; s < end; s++) {
          const v = m + 1 + slotApp[s]!;
          if (level[v]! < 0 && base - arcCost[slotArc[s]!]! === pi[v]) {
            level[v] = next;
            queue[tail++] = v;
          }
        }
        const c = sinkArcCost(net, e);
        if (level[0]! < 0 && c >= 0 && base + c === pi[0]) level[0] = next;
      }
    }
    if (level[0]! < 0) return pushed;

    // Blocking flow. ptr: for applications the next arc index, for experts the next slot offset.
    for (let a = 0; a < n; a++) ptr[m + 1 + a] = arcStart[a]!;
    for (let e = 0; e < m; e++) ptr[e + 1] = 0;
    let src = 0; // next application to start from
    let depth = 0;
    for (;;) {
      if (depth === 0) {
        while (src < n && !(level[m + 1 + src] === 1 && sent[src]! < need[src]!)) src++;
        if (src === n) break;
        path[0] = m + 1 + src;
        depth = 1;
      }
      const u = path[depth - 1]!;
      const want = level[u]! + 1;
      if (u > m) {
        const a = u - m - 1;
        const end = arcStart[a + 1]!;
        let i = ptr[u]!;
        const base = pi[u]!;
        for (; i < end; i++) {
          if (arcFlow[i]) continue;
          const v = arcExpert[i]! + 1;
          if (level[v] === want && base + arcCost[i]! === pi[v]) break;
        }
        ptr[u] = i;
        if (i < end) {
          path[depth] = arcExpert[i]! + 1;
          pathArc[depth] = i;
          depth++;
        } else {
          level[u] = -1; // dead end for this round
          depth--;
        }
        continue;
      }
      const e = u - 1;
      const len = slotLen[e]!;
      let o = ptr[u]!;
      const base = pi[u]!;
      for (; o < len; o++) {
        const s = slotStart[e]! + o;
        const v = m + 1 + slotApp[s]!;
        if (level[v] === want && base - arcCost[slotArc[s]!]! === pi[v]) break;
      }
      ptr[u] = o;
      if (o < len) {
        const s = slotStart[e]! + o;
        path[depth] = m + 1 + slotApp[s]!;
        pathArc[depth] = slotArc[s]!;
        depth++;
        continue;
      }
      const c = sinkArcCost(net, e);
      if (!(level[0] === want && c >= 0 && base + c === pi[0])) {
        level[u] = -1;
        depth--;
        continue;
      }
      // Augment one unit along path[0..depth-1] → sink. Path: a0, e0, a1, e1, …, e_last.
      sent[path[0]! - m - 1]!++;
      for (let j = 1; j < depth; j += 2) {
        const ej = path[j]! - 1;
        const aPrev = path[j - 1]! - m - 1;
        if (j + 1 < depth) unassignArc(net, pathArc[j + 1]!, ej); // ej gives aNext up …
        assignArc(net, pathArc[j]!, aPrev, ej); // … and takes aPrev instead
      }
      load[e]!++;
      pushed++;
      depth = 0;
    }
  }
}

/** The applications that still lack experts, and the experts they could still reach, in the residual graph. */
function reachableFromSource(net: Network): { apps: number[]; experts: number[] } {
  const { n, m, arcStart, arcExpert, arcFlow, slotStart, slotLen, slotApp, need, sent } = net;
  const seenA = new Uint8Array(n);
  const seenE = new Uint8Array(m);
  const stack: number[] = [];
  for (let a = 0; a < n; a++) {
    if (sent[a]! < need[a]!) {
      seenA[a] = 1;
      stack.push(a);
    }
  }
  while (stack.length) {
    const a = stack.pop()!;
    for (let i = arcStart[a]!; i < arcStart[a + 1]!; i++) {
      const e = arcExpert[i]!;
      if (arcFlow[i] || seenE[e]) continue;
      seenE[e] = 1;
      for (let s = slotStart[e]!; s < slotStart[e]! + slotLen[e]!; s++) {
        const b = slotApp[s]!;
        if (!seenA[b]) {
          seenA[b] = 1;
          stack.push(b);
        }
      }
    }
  }
  const apps: number[] = [];
  const experts: number[] = [];
  seenA.forEach((v, a) => v && apps.push(a));
  seenE.forEach((v, e) => v && experts.push(e));
  return { apps, experts };
}

/**
 * The experts that could pass work on to expert `start` in the residual graph (backward search):
 * with an optimal flow, none of them is above its minimum load, and their joint load cannot grow.
 */
function reachingExpert(net: Network, start: number): { apps: number[]; experts: number[] } {
  const { n, m, arcStart, arcExpert, arcFlow } = net;
  // Expert → applications that may move to it (non-conflicted, not assigned to it).
  const into: number[][] = Array.from({ length: m }, () => []);
  for (let a = 0; a < n; a++) for (let i = arcStart[a]!; i < arcStart[a + 1]!; i++) if (!arcFlow[i]) into[arcExpert[i]!]!.push(a);
  const assignedTo: number[][] = Array.from({ length: n }, () => []);
  for (let a = 0; a < n; a++) for (let i = arcStart[a]!; i < arcStart[a + 1]!; i++) if (arcFlow[i]) assignedTo[a]!.push(arcExpert[i]!);
  const seenA = new Uint8Array(n);
  const seenE = new Uint8Array(m);
  seenE[start] = 1;
  const stack = [start];
  while (stack.length) {
    const e = stack.pop()!;
    for (const a of into[e]!) {
      if (seenA[a]) continue;
      seenA[a] = 1;
      for (const f of assignedTo[a]!) {
        if (!seenE[f]) {
          seenE[f] = 1;
          stack.push(f);
        }
      }
    }
  }
  const apps: number[] = [];
  const experts: number[] = [];
  seenA.forEach((v, a) => v && apps.push(a));
  seenE.forEach((v, e) => v && experts.push(e));
  return { apps, experts };
}

/**
 * The optimal assignment: the largest total match score among assignments that give every
 * application exactly k experts, keep every expert within [minLoad, maxLoad], never pair a conflict
 * and keep every fixed pair.
 *
 * Algorithm: min-cost flow by the primal-dual method. Each phase runs one Dijkstra with potentials
 * (reduced costs stay ≥ 0), then pushes a maximum flow through the arcs of reduced cost 0 (Dinic
 * with unit augmentations). Costs are small integers (C − score), so the shortest-path length takes
 * few distinct values and phases are few. Fixed pairs are taken out beforehand: they count against
 * their application's k and their expert's bounds. When the problem is infeasible the reason names
 * the application(s) or expert(s) at fault with the counting argument that proves it, and `pairs` is
 * empty.
 */
export function assignOptimal(p: AssignmentProblem): AssignmentResult {
  const q = prepare(p);
  if ('en' in q) return infeasible(p, q);
  const why = countingChecks(q);
  if (why) return infeasible(p, why);
  const { n, m, k, apps, experts } = q;
  const { net, C } = buildNetwork(q);
  const nodes = n + m + 1;
  const dist = new Float64Array(nodes);
  const done = new Uint8Array(nodes);
  const heap = new NodeHeap(nodes, dist);
  const level = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const ptr = new Int32Array(nodes);
  const path = new Int32Array(nodes + 1);
  const pathArc = new Int32Array(nodes + 1);
  let F = 0;
  for (let a = 0; a < n; a++) F += net.need[a]!;
  let flow = 0;
  while (flow < F && dijkstra(net, dist, done, heap)) {
    flow += augmentAdmissible(net, level, queue, ptr, path, pathArc);
  }

  if (flow < F) {
    const { apps: short, experts: full } = reachableFromSource(net);
    let required = 0;
    for (const a of short) required += net.need[a]!;
    let got = 0;
    for (const a of short) got += net.sent[a]!;
    const ids = someIds(short.map((a) => apps[a]!.id));
    const eIds = someIds(full.map((e) => experts[e]!.id));
    return infeasible(
      p,
      msg(
        `申报 ${ids.zh}（共 ${short.length} 项）还需 ${required} 人次评审，但在不违反利益冲突的前提下最多只能安排 ${got} 人次：可为它们评审的专家 ${eIds.zh}（共 ${full.length} 位）已达最高工作量`,
        `applications ${ids.en} (${short.length} in all) need ${required} more reviews but can get at most ${got} without a conflict of interest: the experts who could review them (${eIds.en}; ${full.length} in all) are at their maximum load`,
      ),
    );
  }
  for (let e = 0; e < m; e++) {
    if (net.load[e]! >= net.lo[e]!) continue;
    const { experts: group } = reachingExpert(net, e);
    let required = 0;
    let possible = 0;
    for (const f of group) {
      required += Math.max(experts[f]!.minLoad, q.fixedPerExpert[f]!);
      possible += net.load[f]! + q.fixedPerExpert[f]!;
    }
    const eIds = someIds(group.map((f) => experts[f]!.id));
    return infeasible(
      p,
      msg(
        `无法满足专家最低工作量：专家 ${eIds.zh}（共 ${group.length} 位）合计至少需要 ${required} 项申报，但在每项 ${k} 位且不违反利益冲突的前提下最多只能得到 ${possible} 项`,
        `the minimum loads cannot all be met: experts ${eIds.en} (${group.length} in all) need at least ${required} applications together, but with ${k} experts per application and no conflict of interest they can get at most ${possible}`,
      ),
    );
  }

  const pairsIdx: [number, number, number][] = [];
  for (const [a, e] of q.fixed) {
    pairsIdx.push([a, e, matchScore(apps[a]!, experts[e]!)]);
  }
  for (let a = 0; a < n; a++) {
    for (let i = net.arcStart[a]!; i < net.arcStart[a + 1]!; i++) {
      if (net.arcFlow[i]) pairsIdx.push([a, net.arcExpert[i]!, C - net.arcCost[i]!]);
    }
  }
  return { feasible: true, ...resultFrom(q, pairsIdx) };
}

// ---------------------------------------------------------------------------------------------
// The baseline and the checks.
// ---------------------------------------------------------------------------------------------

/**
 * The greedy baseline an officer would do by hand: fixed pairs first, then applications in the
 * given order, each taking the best-scoring experts (ties: lower expert id) that are not conflicted
 * and still under their maximum load. It ignores minimum loads and can run out of experts; it says so
 * (`feasible: false` with a reason) and returns what it assigned.
 */
export function assignGreedy(p: AssignmentProblem): AssignmentResult {
  const q = prepare(p);
  if ('en' in q) return infeasible(p, q);
  const { n, m, k, apps, experts, conflictsOf } = q;
  const index = new Map<string, number>();
  apps.forEach((a, i) => index.set(a.id, i));
  const load = new Int32Array(m);
  const pairsIdx: [number, number, number][] = [];
  const taken: number[][] = Array.from({ length: n }, () => []);
  const problems: Messages[] = [];
  for (const [a, e] of q.fixed) {
    taken[a]!.push(e);
    load[e]!++;
    pairsIdx.push([a, e, matchScore(apps[a]!, experts[e]!)]);
  }
  const scores = new Int32Array(m);
  const blocked = new Uint8Array(m);
  for (const original of p.applications) {
    const a = index.get(original.id)!;
    scoresFor(q, a, scores);
    for (const e of conflictsOf[a]!) blocked[e] = 1;
    for (const e of taken[a]!) blocked[e] = 1;
    let missing = k - taken[a]!.length;
    while (missing > 0) {
      let best = -1;
      for (let e = 0; e < m; e++) {
        if (blocked[e] || load[e]! >= experts[e]!.maxLoad) continue;
        if (best < 0 || scores[e]! > scores[best]!) best = e;
      }
      if (best < 0) break;
      blocked[best] = 1;
      taken[a]!.push(best);
      load[best]!++;
      pairsIdx.push([a, best, scores[best]!]);
      missing--;
    }
    if (missing > 0) {
      problems.push(
        msg(
          `贪心分配：申报 ${apps[a]!.id} 只分到 ${k - missing} 位专家（需要 ${k} 位），其余无冲突专家已达最高工作量`,
          `greedy: application ${apps[a]!.id} got only ${k - missing} of ${k} experts; the other non-conflicted experts were at their maximum load`,
        ),
      );
    }
    blocked.fill(0);
  }
  for (let a = 0; a < n; a++) {
    if (taken[a]!.length > k) {
      problems.push(msg(`贪心分配：申报 ${apps[a]!.id} 人工指定了 ${taken[a]!.length} 位专家，多于每项 ${k} 位`, `greedy: application ${apps[a]!.id} has ${taken[a]!.length} fixed experts, more than ${k}`));
    }
  }
  for (let e = 0; e < m; e++) {
    if (load[e]! > experts[e]!.maxLoad) {
      problems.push(
        msg(`贪心分配：专家 ${experts[e]!.id} 人工指定了 ${load[e]} 项，超过最高工作量 ${experts[e]!.maxLoad}`, `greedy: expert ${experts[e]!.id} has ${load[e]} fixed applications, above their maximum load of ${experts[e]!.maxLoad}`),
      );
    }
  }
  for (let e = 0; e < m && problems.length === 0; e++) {
    if (load[e]! < experts[e]!.minLoad) {
      problems.push(
        msg(`贪心分配：专家 ${experts[e]!.id} 只分到 ${load[e]} 项，低于最低工作量 ${experts[e]!.minLoad}`, `greedy: expert ${experts[e]!.id} got ${load[e]} applications, below their minimum load of ${experts[e]!.minLoad}`),
      );
    }
  }
  const result = resultFrom(q, pairsIdx);
  if (problems.length === 0) return { feasible: true, ...result };
  const reason = problems[0]!;
  if (problems.length > 1) {
    reason['zh-CN'] += `（另有 ${problems.length - 1} 处问题）`;
    reason.en += ` (and ${problems.length - 1} more problems)`;
  }
  return { feasible: false, reason, ...result };
}

/**
 * Every rule the result breaks, one line each (English, with ids); [] when valid. Checks conflicts,
 * unknown ids, duplicate pairs, experts per application, loads against the bounds, fixed pairs,
 * each pair's score, and that `objective` and `loads` agree with `pairs`.
 */
export function checkAssignment(p: AssignmentProblem, r: AssignmentResult): string[] {
  const problems: string[] = [];
  const apps = new Map(p.applications.map((a) => [a.id, a]));
  const experts = new Map(p.experts.map((e) => [e.id, e]));
  const perApp = new Map<string, number>();
  const perExpert = new Map<string, number>();
  const seen = new Set<string>();
  let total = 0;
  for (const pair of r.pairs) {
    const key = pairKey(pair.expertId, pair.applicationId);
    const app = apps.get(pair.applicationId);
    const expert = experts.get(pair.expertId);
    if (!app) problems.push(`pair ${key}: unknown application ${pair.applicationId}`);
    if (!expert) problems.push(`pair ${key}: unknown expert ${pair.expertId}`);
    if (p.conflicts.has(key)) problems.push(`pair ${key}: conflict of interest assigned`);
    if (seen.has(key)) problems.push(`pair ${key}: assigned more than once`);
    seen.add(key);
    if (app && expert && pair.score !== matchScore(app, expert)) problems.push(`pair ${key}: score ${pair.score}, expected ${matchScore(app, expert)}`);
    perApp.set(pair.applicationId, (perApp.get(pair.applicationId) ?? 0) + 1);
    perExpert.set(pair.expertId, (perExpert.get(pair.expertId) ?? 0) + 1);
    total += pair.score;
  }
  for (const a of p.applications) {
    const count = perApp.get(a.id) ?? 0;
    if (count !== p.perApplication) problems.push(`application ${a.id}: ${count} experts, expected ${p.perApplication}`);
  }
  for (const e of p.experts) {
    const load = perExpert.get(e.id) ?? 0;
    if (load < e.minLoad || load > e.maxLoad) problems.push(`expert ${e.id}: load ${load} outside [${e.minLoad}, ${e.maxLoad}]`);
    if ((r.loads[e.id] ?? 0) !== load) problems.push(`expert ${e.id}: reported load ${r.loads[e.id]}, actual ${load}`);
  }
  for (const f of p.fixed ?? []) {
    const key = pairKey(f.expertId, f.applicationId);
    if (!seen.has(key)) problems.push(`fixed pair ${key}: missing`);
  }
  if (total !== r.objective) problems.push(`objective ${r.objective}, but the pairs' scores add up to ${total}`);
  return problems;
}

function spread(values: number[]): { min: number; max: number; mean: number } {
  if (values.length === 0) return { min: 0, max: 0, mean: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  }
  return { min, max, mean: sum / values.length };
}

/**
 * Figures for comparing assignments: the objective, its gap to an upper bound (e.g. the LP optimum),
 * the spread of loads over all experts, and how many pairs share no tag at all.
 */
export function qualityReport(p: AssignmentProblem, r: AssignmentResult, bound?: number): QualityReport {
  const loads = p.experts.map((e) => r.loads[e.id] ?? 0);
  const apps = new Map(p.applications.map((a) => [a.id, a]));
  const experts = new Map(p.experts.map((e) => [e.id, e]));
  let unmatchedTagPairs = 0;
  for (const pair of r.pairs) {
    const app = apps.get(pair.applicationId);
    const expert = experts.get(pair.expertId);
    if (app && expert && matchScore(app, expert) === 1) unmatchedTagPairs++;
  }
  const hasBound = bound !== undefined && Number.isFinite(bound);
  return {
    objective: r.objective,
    bound: hasBound ? bound : null,
    gapPercent: hasBound ? (bound === 0 ? 0 : ((bound - r.objective) / Math.abs(bound)) * 100) : null,
    loads: spread(loads),
    unmatchedTagPairs,
  };
}
