/**
 * Expert scores and the ranking of applications (专家评审): one expert's weighted score by the
 * program's rubric, the aggregation of the experts' scores, and the ranking per direction with
 * ties broken by the program's priority rules ("同等条件下优先").
 *
 * Arithmetic, so that every figure can be recomputed by hand and comes out the same on any machine:
 * - Every score is carried in hundredths (an integer); inputs may have at most two decimals.
 * - A weighted score is computed as an exact fraction and rounded once, half up, to two decimals.
 * - A mean is computed as an exact fraction of the hundredths and rounded once, half up.
 * Half up on these non-negative values: x.xx5 → x.x(x+1); never binary floating-point rounding.
 */
import { shanghaiDateTime } from '../calendar.ts';
import { DomainError, type FieldError, type Messages } from '../errors.ts';
import type { Direction, ProgramDefinition } from '../programs/definition.ts';

export type Rubric = NonNullable<ProgramDefinition['scoring']>['rubric'];
export type AggregationMethod = NonNullable<ProgramDefinition['scoring']>['aggregation'];

/** The key of the single overall score (0–100) an expert gives when the rubric lists no criteria. */
export const OVERALL = 'overall';

/** Trimmed mean drops one highest and one lowest score only from this many scores up (3 remain). */
export const TRIMMED_MEAN_MIN_SCORES = 5;

const GENERIC: Messages = { 'zh-CN': '评分有误，请按提示修改', en: 'Some scores need correcting' };

/** round(n / d) half up, for n ≥ 0 and d > 0, exactly. */
function divideHalfUp(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** A score as an integer number of hundredths, or the problem with it. */
function hundredths(value: unknown, max: number): { ok: true; value: number } | { ok: false; problem: Messages } {
  if (typeof value !== 'number' || !Number.isFinite(value)) return { ok: false, problem: { 'zh-CN': '须为数字', en: 'must be a number' } };
  if (value < 0 || value > max) return { ok: false, problem: { 'zh-CN': `须在 0 至 ${max} 之间`, en: `must be between 0 and ${max}` } };
  const h = Math.round(value * 100);
  if (Math.abs(value * 100 - h) > 1e-6) return { ok: false, problem: { 'zh-CN': '最多保留两位小数', en: 'may have at most two decimals' } };
  return { ok: true, value: h };
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * One expert's score for one application, 0–100 with two decimals.
 *
 * With criteria: score = 100 × Σ(scoreᵢ / maxᵢ × weightᵢ) / Σ weightᵢ, each scoreᵢ in 0…maxᵢ with
 * at most two decimals, computed exactly and rounded once half up to two decimals (weights need
 * not add up to 10,000 bp; they are used as proportions). Without criteria (the rubric is empty,
 * as in several programs) the expert gives one overall score: `{ overall: 0…100 }`.
 * Every missing, unknown or out-of-range criterion is reported at once, as `scores.<criterion>`.
 */
export function weightedScore(rubric: Rubric, scores: Readonly<Record<string, number>>): number {
  const fields: FieldError[] = [];
  const criteria = rubric.length ? rubric : [{ id: OVERALL, name: { 'zh-CN': '总分', en: 'Overall score' }, weight: 10_000, max: 100 }];
  const known = new Set(criteria.map((c) => c.id));
  for (const key of Object.keys(scores)) {
    if (!known.has(key)) fields.push({ path: `scores.${key}`, code: 'unknown_criterion', messages: { 'zh-CN': `${key}：不是本项目的评分项`, en: `${key}: not a criterion of this program` } });
  }
  const values: number[] = [];
  for (const c of criteria) {
    const raw = Object.hasOwn(scores, c.id) ? scores[c.id] : undefined;
    if (raw === undefined) {
      fields.push({ path: `scores.${c.id}`, code: 'required', messages: { 'zh-CN': `${c.name['zh-CN']}：须评分`, en: `${c.name.en}: a score is required` } });
      continue;
    }
    const h = hundredths(raw, c.max);
    if (h.ok) values.push(h.value);
    else fields.push({ path: `scores.${c.id}`, code: 'out_of_range', messages: { 'zh-CN': `${c.name['zh-CN']}：${h.problem['zh-CN']}`, en: `${c.name.en}: ${h.problem.en}` } });
  }
  if (fields.length) throw new DomainError('validation', 'validation_failed', GENERIC, fields);
  const totalWeight = BigInt(criteria.reduce((s, c) => s + c.weight, 0));
  if (totalWeight === 0n) throw new Error('the rubric’s weights add up to zero');
  const lcm = criteria.reduce((l, c) => (l * BigInt(c.max)) / gcd(l, BigInt(c.max)), 1n);
  // hundredths of the result = 100 × Σ(cᵢ × wᵢ × lcm / maxᵢ) / (W × lcm), cᵢ in hundredths of a point
  const numerator = criteria.reduce((s, c, i) => s + BigInt(values[i]!) * BigInt(c.weight) * (lcm / BigInt(c.max)), 0n) * 100n;
  return Number(divideHalfUp(numerator, totalWeight * lcm)) / 100;
}

export interface Aggregate {
  /** 0–100, two decimals. */
  score: number;
  requested: AggregationMethod;
  /** What was applied: a trimmed mean of fewer than TRIMMED_MEAN_MIN_SCORES scores is the mean. */
  applied: AggregationMethod;
  count: number;
  dropped: { highest: number; lowest: number } | null;
  messages: Messages;
}

/**
 * The experts' scores combined, with how: `mean` is the arithmetic mean; `trimmed_mean` drops one
 * highest and one lowest score when there are at least 5 scores (else it is the mean). The exact
 * mean of the hundredths is rounded once, half up, to two decimals.
 */
export function aggregateExplained(method: AggregationMethod, expertScores: readonly number[]): Aggregate {
  if (expertScores.length === 0) throw new DomainError('validation', 'no_scores', { 'zh-CN': '尚无专家评分', en: 'No expert has scored yet' });
  const fields: FieldError[] = [];
  const values = expertScores.map((s, i) => {
    const h = hundredths(s, 100);
    if (!h.ok) fields.push({ path: `expertScores.${i}`, code: 'out_of_range', messages: { 'zh-CN': `第 ${i + 1} 位专家评分：${h.problem['zh-CN']}`, en: `Score ${i + 1}: ${h.problem.en}` } });
    return h.ok ? h.value : 0;
  });
  if (fields.length) throw new DomainError('validation', 'validation_failed', GENERIC, fields);
  const trim = method === 'trimmed_mean' && values.length >= TRIMMED_MEAN_MIN_SCORES;
  const highest = Math.max(...values);
  const lowest = Math.min(...values);
  const sum = values.reduce((s, v) => s + v, 0) - (trim ? highest + lowest : 0);
  const count = values.length - (trim ? 2 : 0);
  const score = Number(divideHalfUp(BigInt(sum), BigInt(count))) / 100;
  const applied: AggregationMethod = trim ? 'trimmed_mean' : 'mean';
  const messages: Messages = trim
    ? {
        'zh-CN': `${values.length} 位专家评分去掉一个最高分 ${highest / 100} 和一个最低分 ${lowest / 100} 后取平均，得 ${score} 分`,
        en: `Mean of ${values.length} expert scores without the highest (${highest / 100}) and the lowest (${lowest / 100}): ${score}`,
      }
    : {
        'zh-CN': `${values.length} 位专家评分的平均分 ${score} 分${method === 'trimmed_mean' ? `（评分少于 ${TRIMMED_MEAN_MIN_SCORES} 个，不去掉最高分和最低分）` : ''}`,
        en: `Mean of ${values.length} expert scores: ${score}${method === 'trimmed_mean' ? ` (fewer than ${TRIMMED_MEAN_MIN_SCORES} scores, none dropped)` : ''}`,
      };
  return { score, requested: method, applied, count, dropped: trim ? { highest: highest / 100, lowest: lowest / 100 } : null, messages };
}

/** The experts' scores combined by the program's method, 0–100 with two decimals (see aggregateExplained). */
export function aggregate(method: AggregationMethod, expertScores: readonly number[]): number {
  return aggregateExplained(method, expertScores).score;
}

// ——— Ranking ———

export interface RankingItem {
  applicationId: string;
  /** The directions the applicant chose, in its order; the first one at the definition's level decides the group. */
  directions: readonly string[];
  /** The aggregated score, 0–100 with at most two decimals. */
  score: number;
  /** Ids of the program's priority rules the applicant meets (others are ignored). */
  priorities: readonly string[];
  submittedAt: Date;
}

export type TieBreaker = 'priority_count' | 'priority_order' | 'submitted_at' | 'application_id';

export interface TieBreak {
  /** The application ranked just above, with the same score. */
  above: string;
  decidedBy: TieBreaker;
  messages: Messages;
  /** The priority rule's clause; null for the platform's own tie-breakers (submission time, number). */
  citation: string | null;
}

export interface RankedApplication {
  applicationId: string;
  direction: string | null;
  /** 1, 2, 3… within the direction; no two share a rank, ties being broken as TieBreak says. */
  rank: number;
  score: number;
  /** The score reaches the threshold (a score equal to it does); always true when there is none. */
  aboveThreshold: boolean;
  /** The recognised priority rules held, in the definition's order. */
  priorities: string[];
  /** How this one was ordered after the one above it when their scores are equal; null otherwise. */
  tieWithPrevious: TieBreak | null;
}

export interface DirectionRanking {
  /** null: applications with no direction of the program at its level (or a program without directions). */
  direction: string | null;
  name: Messages | null;
  entries: RankedApplication[];
}

export interface RankingResult {
  threshold: number | null;
  /** The scoring clause the threshold comes from (null when the call set it or there is none). */
  thresholdCitation: string | null;
  rankings: DirectionRanking[];
}

type RankingDefinition = Pick<ProgramDefinition, 'rules' | 'directions' | 'directionLevel' | 'scoring'>;

/** Every direction at `level` with its name, and for each code at that level or below, its ancestor at `level`. */
function directionsAtLevel(directions: readonly Direction[], level: number) {
  const list: { code: string; name: Messages }[] = [];
  const ancestor = new Map<string, string>();
  const walk = (ds: readonly Direction[], at: number, top: string | null) => {
    for (const d of ds) {
      const here = at === level ? d.code : top;
      if (at === level) list.push({ code: d.code, name: d.name });
      if (here !== null) ancestor.set(d.code, here);
      walk(d.children ?? [], at + 1, here);
    }
  };
  walk(directions, 1, null);
  return { list, ancestor };
}

const compareIds = (a: string, b: string) => {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
};

interface Prepared {
  item: RankingItem;
  direction: string | null;
  hundredths: number;
  /** Indexes into the definition's priority rules, ascending. */
  held: number[];
  heldSet: Set<number>;
  time: number;
}

/**
 * Rankings per direction (the first direction the applicant chose at the definition's
 * `directionLevel`), best first: by score; equal scores (to the hundredth) by the program's
 * priority rules — more rules held first, then, rule by rule in the order the definition lists
 * them, the one holding the earlier rule first — then by earlier submission, and last by
 * application number (reported so that an officer confirms it). The threshold is the call's
 * (`options.threshold`) or else the definition's `scoring.threshold`.
 */
export function rankApplications(def: RankingDefinition, items: readonly RankingItem[], options: { threshold?: number | undefined } = {}): RankingResult {
  const threshold = options.threshold ?? def.scoring?.threshold ?? null;
  if (threshold !== null && !(Number.isFinite(threshold) && threshold >= 0 && threshold <= 100)) throw new Error(`threshold ${threshold} is not between 0 and 100`);
  const thresholdHundredths = threshold === null ? null : Math.round(threshold * 100);
  const priorityRules = def.rules.filter((r) => r.kind === 'priority');
  const priorityIndex = new Map(priorityRules.map((r, i) => [r.id, i]));
  const { list, ancestor } = directionsAtLevel(def.directions, def.directionLevel);

  const fields: FieldError[] = [];
  const seen = new Set<string>();
  const prepared: Prepared[] = items.map((item, i) => {
    if (seen.has(item.applicationId)) fields.push({ path: `items.${i}.applicationId`, code: 'duplicate', messages: { 'zh-CN': `${item.applicationId}：重复`, en: `${item.applicationId}: listed twice` } });
    seen.add(item.applicationId);
    const h = hundredths(item.score, 100);
    if (!h.ok) fields.push({ path: `items.${i}.score`, code: 'out_of_range', messages: { 'zh-CN': `${item.applicationId} 得分：${h.problem['zh-CN']}`, en: `${item.applicationId} score: ${h.problem.en}` } });
    const time = item.submittedAt.getTime();
    if (Number.isNaN(time)) fields.push({ path: `items.${i}.submittedAt`, code: 'invalid', messages: { 'zh-CN': `${item.applicationId} 提交时间无效`, en: `${item.applicationId}: invalid submission time` } });
    const held = [...new Set(item.priorities.flatMap((id) => (priorityIndex.has(id) ? [priorityIndex.get(id)!] : [])))].sort((a, b) => a - b);
    let direction: string | null = null;
    for (const d of item.directions) {
      const a = ancestor.get(d);
      if (a !== undefined) {
        direction = a;
        break;
      }
    }
    return { item, direction, hundredths: h.ok ? h.value : 0, held, heldSet: new Set(held), time };
  });
  if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '排名数据有误', en: 'The ranking input needs correcting' }, fields);

  /** Which tie-breaker orders a before b (both with the same score), and its sign. */
  const decide = (a: Prepared, b: Prepared): { order: number; by: TieBreaker; rule?: number } => {
    if (a.held.length !== b.held.length) return { order: b.held.length - a.held.length, by: 'priority_count' };
    for (let r = 0; r < priorityRules.length; r += 1) {
      const ha = a.heldSet.has(r);
      if (ha !== b.heldSet.has(r)) return { order: ha ? -1 : 1, by: 'priority_order', rule: r };
    }
    if (a.time !== b.time) return { order: a.time - b.time, by: 'submitted_at' };
    return { order: compareIds(a.item.applicationId, b.item.applicationId), by: 'application_id' };
  };

  const explain = (above: Prepared, below: Prepared): TieBreak => {
    const d = decide(above, below);
    const score = above.hundredths / 100;
    const base = { above: above.item.applicationId, decidedBy: d.by };
    switch (d.by) {
      case 'priority_count': {
        const first = above.held.find((r) => !below.heldSet.has(r))!;
        return {
          ...base,
          messages: {
            'zh-CN': `得分相同（${score} 分），同等条件下享有优先条件较多者排前（${above.held.length} 项对 ${below.held.length} 项）`,
            en: `Equal scores (${score}): more priority conditions held ranks first (${above.held.length} against ${below.held.length})`,
          },
          citation: priorityRules[first]!.citation,
        };
      }
      case 'priority_order': {
        const rule = priorityRules[d.rule!]!;
        return {
          ...base,
          messages: {
            'zh-CN': `得分相同（${score} 分）且优先条件数量相同，按申报通知所列优先条件顺序，符合“${rule.message['zh-CN']}”者排前`,
            en: `Equal scores (${score}) and as many priority conditions: in the order the program lists them, the one meeting “${rule.message.en}” ranks first`,
          },
          citation: rule.citation,
        };
      }
      case 'submitted_at':
        return {
          ...base,
          messages: {
            'zh-CN': `得分及优先条件均相同（${score} 分），提交时间较早者排前（${shanghaiDateTime(above.item.submittedAt)} 对 ${shanghaiDateTime(below.item.submittedAt)}）`,
            en: `Equal scores (${score}) and priority conditions: the earlier submission ranks first (${shanghaiDateTime(above.item.submittedAt)} against ${shanghaiDateTime(below.item.submittedAt)}, Beijing time)`,
          },
          citation: null,
        };
      case 'application_id':
        return {
          ...base,
          messages: {
            'zh-CN': `得分、优先条件和提交时间均相同（${score} 分），暂按申报编号排序，请人工确认`,
            en: `Equal scores (${score}), priority conditions and submission times: ordered by application number for now; an officer should confirm`,
          },
          citation: null,
        };
    }
  };

  const groups = new Map<string | null, Prepared[]>();
  for (const p of prepared) {
    const g = groups.get(p.direction);
    if (g) g.push(p);
    else groups.set(p.direction, [p]);
  }
  const order: { code: string | null; name: Messages | null }[] = [...list, { code: null, name: null }];
  const rankings: DirectionRanking[] = [];
  for (const { code, name } of order) {
    const group = groups.get(code);
    if (!group) continue;
    group.sort((a, b) => b.hundredths - a.hundredths || decide(a, b).order);
    rankings.push({
      direction: code,
      name,
      entries: group.map((p, i) => {
        const prev = i > 0 ? group[i - 1]! : null;
        return {
          applicationId: p.item.applicationId,
          direction: code,
          rank: i + 1,
          score: p.hundredths / 100,
          aboveThreshold: thresholdHundredths === null || p.hundredths >= thresholdHundredths,
          priorities: p.held.map((r) => priorityRules[r]!.id),
          tieWithPrevious: prev && prev.hundredths === p.hundredths ? explain(prev, p) : null,
        };
      }),
    });
  }
  return { threshold, thresholdCitation: options.threshold === undefined && threshold !== null ? (def.scoring?.citation ?? null) : null, rankings };
}
