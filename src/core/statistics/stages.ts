/**
 * The stages program statistics count, and how an application's records say it reached each one.
 *
 * "Reached" means ever reached, not "is there now": an application that the city passed and the
 * province later rejected still counts as passed city review, so the funnel only narrows. The
 * application's timeline (application_event) says which states it has been in; its current state is
 * added so that records written without a timeline entry still count. The stages after the final
 * list come from the project record (agreement signed, accepted, failed or revoked).
 */
import type { Messages } from '../errors.ts';

export const FUNNEL_STAGES = [
  'drafted',
  'submitted',
  'cityPassed',
  'recommended',
  'policyPassed',
  'scored',
  'onNotice',
  'selected',
  'agreementSigned',
  'accepted',
  'failedOrRevoked',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type StageCounts = Record<FunnelStage, number>;

export const FUNNEL_LABELS: Record<FunnelStage, Messages> = {
  drafted: { 'zh-CN': '填报', en: 'Drafted' },
  submitted: { 'zh-CN': '已提交', en: 'Submitted' },
  cityPassed: { 'zh-CN': '市级初审通过', en: 'Passed city review' },
  recommended: { 'zh-CN': '推荐至省厅', en: 'Recommended' },
  policyPassed: { 'zh-CN': '政策性审查通过', en: 'Passed policy review' },
  scored: { 'zh-CN': '专家评分', en: 'Scored' },
  onNotice: { 'zh-CN': '公示', en: 'On public notice' },
  selected: { 'zh-CN': '正式入选', en: 'Selected' },
  agreementSigned: { 'zh-CN': '签订协议', en: 'Agreement signed' },
  accepted: { 'zh-CN': '通过验收', en: 'Accepted' },
  failedOrRevoked: { 'zh-CN': '验收不通过/撤销', en: 'Failed or revoked' },
};

const AFTER_POLICY = ['policy_passed', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'] as const;
const AFTER_RECOMMENDED = ['recommended', 'policy_rejected', ...AFTER_POLICY] as const;
const AFTER_CITY = ['city_passed', ...AFTER_RECOMMENDED] as const;

/**
 * The application stages: reached when the application has been in one of these states. `drafted`
 * is every application; `scored` also counts an application with a final score.
 */
export const REACHED_BY_STATE: Record<'submitted' | 'cityPassed' | 'recommended' | 'policyPassed' | 'scored' | 'onNotice' | 'selected', readonly string[]> = {
  // 'returned' and 'rejected' only ever follow a submission; a withdrawal counts only if it had been submitted.
  submitted: ['submitted', 'city_review', 'returned', 'rejected', ...AFTER_CITY],
  cityPassed: AFTER_CITY,
  recommended: AFTER_RECOMMENDED,
  policyPassed: AFTER_POLICY,
  scored: ['shortlisted', 'not_shortlisted', 'selected', 'not_selected'],
  onNotice: ['shortlisted', 'selected', 'not_selected'],
  selected: ['selected'],
};

/** What the records say about one application, as the statistics read them. */
export interface ApplicationFacts {
  /** Every state of its timeline, plus the current one. */
  states: readonly string[];
  hasFinalScore: boolean;
  project: { status: string; agreementSigned: boolean; accepted: boolean } | null;
}

/** The funnel stages one application has reached. */
export function reachedStages(f: ApplicationFacts): FunnelStage[] {
  const has = (states: readonly string[]) => f.states.some((s) => states.includes(s));
  const reached: Record<FunnelStage, boolean> = {
    drafted: true,
    submitted: has(REACHED_BY_STATE.submitted),
    cityPassed: has(REACHED_BY_STATE.cityPassed),
    recommended: has(REACHED_BY_STATE.recommended),
    policyPassed: has(REACHED_BY_STATE.policyPassed),
    scored: f.hasFinalScore || has(REACHED_BY_STATE.scored),
    onNotice: has(REACHED_BY_STATE.onNotice),
    selected: f.project !== null || has(REACHED_BY_STATE.selected),
    agreementSigned: Boolean(f.project?.agreementSigned),
    accepted: Boolean(f.project && (f.project.accepted || f.project.status === 'accepted')),
    failedOrRevoked: f.project?.status === 'failed' || f.project?.status === 'revoked',
  };
  return FUNNEL_STAGES.filter((s) => reached[s]);
}

export function emptyCounts(): StageCounts {
  return Object.fromEntries(FUNNEL_STAGES.map((s) => [s, 0])) as StageCounts;
}

/** Adds up the stages of many applications. */
export function countStages(applications: readonly ApplicationFacts[]): StageCounts {
  const counts = emptyCounts();
  for (const a of applications) for (const s of reachedStages(a)) counts[s] += 1;
  return counts;
}

/** Where a stage's clock starts or stops: the first entry into one of some states, or a date of the record. */
export type StageMarker = { states: readonly string[] } | { column: 'createdAt' | 'selectedAt' | 'agreementSignedAt' | 'acceptedAt' };

export const STAGE_SPANS = [
  { id: 'drafting', from: { column: 'createdAt' }, to: { states: ['submitted'] } },
  { id: 'cityReview', from: { states: ['submitted'] }, to: { states: ['city_passed', 'rejected'] } },
  { id: 'recommendation', from: { states: ['city_passed'] }, to: { states: ['recommended'] } },
  { id: 'policyReview', from: { states: ['recommended'] }, to: { states: ['policy_passed', 'policy_rejected'] } },
  { id: 'expertReview', from: { states: ['expert_review'] }, to: { states: ['shortlisted', 'not_shortlisted'] } },
  { id: 'publicNotice', from: { states: ['shortlisted'] }, to: { states: ['selected', 'not_selected'] } },
  { id: 'agreement', from: { column: 'selectedAt' }, to: { column: 'agreementSignedAt' } },
  { id: 'implementation', from: { column: 'agreementSignedAt' }, to: { column: 'acceptedAt' } },
] as const satisfies readonly { id: string; from: StageMarker; to: StageMarker }[];
export type StageSpanId = (typeof STAGE_SPANS)[number]['id'];

export const STAGE_SPAN_LABELS: Record<StageSpanId, Messages> = {
  drafting: { 'zh-CN': '填报（创建至提交）', en: 'Drafting (created to submitted)' },
  cityReview: { 'zh-CN': '市级初审（提交至初审结论）', en: 'City review (submitted to decision)' },
  recommendation: { 'zh-CN': '市级推荐（初审通过至推荐）', en: 'Recommendation (passed to recommended)' },
  policyReview: { 'zh-CN': '政策性审查（推荐至审查结论）', en: 'Policy review (recommended to decision)' },
  expertReview: { 'zh-CN': '专家评审（送审至评审结论）', en: 'Expert review (sent to result)' },
  publicNotice: { 'zh-CN': '公示（拟入选至正式名单）', en: 'Public notice (shortlisted to final list)' },
  agreement: { 'zh-CN': '签订协议（入选至签订）', en: 'Agreement (selected to signed)' },
  implementation: { 'zh-CN': '实施（签订至验收通过）', en: 'Implementation (signed to accepted)' },
};

const DAY_MS = 86_400_000;

/**
 * The days one application spent in a stage: from the first time the clock starts to the first stop at
 * or after it; null when the stage has not both started and ended.
 */
export function spanDays(span: { from: StageMarker; to: StageMarker }, at: (marker: StageMarker, notBefore?: Date) => Date | null): number | null {
  const start = at(span.from);
  if (!start) return null;
  const end = at(span.to, start);
  return end ? (end.getTime() - start.getTime()) / DAY_MS : null;
}

/**
 * The p-quantile (0…1) with linear interpolation between the nearest ranks: what PostgreSQL's
 * percentile_cont computes, so the database's figure can be checked by hand. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Days as shown and exported: two decimals (a quarter of an hour is 0.01 day). */
export function roundDays(days: number | null): number | null {
  return days === null ? null : Math.round(days * 100) / 100;
}
