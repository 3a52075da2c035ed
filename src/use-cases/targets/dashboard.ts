/**
 * The province's target dashboard (002): every target of the plan with its current value — computed
 * live from the platform's records or the lead department's latest report — its progress against the
 * straight-line schedule and its status; filtered, sorted and paged here; and one target's history.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import type { Target } from '../../core/targets/target.ts';
import { parsePeriod, quarterEnds } from '../../core/targets/periods.ts';
import { targetProgress, TARGET_STATUSES, type TargetStatus } from '../../core/targets/progress.ts';
import { leadDepartments } from '../../core/targets/reports.ts';
import type { Deps, Repositories, RequestContext } from '../ports.ts';
import { authorize, type ActingContext } from '../support.ts';
import { METRICS } from './metrics.ts';
import { mayReport, planFor, targetOf, type LoadedPlan } from './plans.ts';
import type { TargetReportRow } from './ports.ts';

export interface TargetRow {
  target: Target;
  /** Position in the plan (its order as the document lists the targets). */
  position: number;
  current: number | null;
  source: 'computed' | 'reported';
  /** The period of the latest report (reported targets). */
  period: string | null;
  report: TargetReportRow | null;
  share: number | null;
  expected: number;
  status: TargetStatus;
  scheduleStart: string;
  scheduleEnd: string;
  canReport: boolean;
}

export interface DashboardQuery {
  plan?: string | undefined;
  year?: number | undefined;
  status?: TargetStatus | undefined;
  leadDepartment?: string | undefined;
  sort?: 'position' | 'year' | 'progress' | 'status' | 'current' | undefined;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface Dashboard {
  plan: LoadedPlan;
  plans: LoadedPlan[];
  asOf: string;
  /** Counts by status over the targets the year and department filters keep (the status filter aside). */
  summary: Record<TargetStatus, number> & { total: number };
  rows: TargetRow[];
  total: number;
  years: number[];
  leadDepartments: string[];
}

/** The counting window and schedule start of a target: a per-year metric counts within its year only. */
function windowOf(plan: LoadedPlan, t: Target, asOf: string): { since?: string; asOf: string; start: string } {
  const metric = t.measure.kind === 'computed' ? METRICS[t.measure.metric] : undefined;
  if (!metric?.perYear) return { asOf, start: plan.definition.effective.from };
  const end = `${t.year}-12-31`;
  return { since: `${t.year}-01-01`, asOf: asOf < end ? asOf : end, start: `${t.year}-01-01` };
}

/** A computed target's value on `asOf`, or null when the platform has no such metric (yet). */
async function computedValue(repos: Repositories, plan: LoadedPlan, t: Target, asOf: string): Promise<number | null> {
  if (t.measure.kind !== 'computed') return null;
  const metric = METRICS[t.measure.metric];
  if (!metric) return null;
  const w = windowOf(plan, t, asOf);
  if (w.since && w.since > w.asOf) return 0;
  return metric.count(repos, plan.province.id, w.asOf, w.since);
}

/** The latest period's current report of each target. */
function latestReports(reports: TargetReportRow[]): Map<string, TargetReportRow> {
  const latest = new Map<string, TargetReportRow>();
  for (const r of reports) {
    const seen = latest.get(r.targetId);
    if (!seen || seen.period < r.period) latest.set(r.targetId, r);
  }
  return latest;
}

/** Every target of the plan with its value, progress and status on `asOf`. */
export async function targetRows(repos: Repositories, acting: ActingContext, plan: LoadedPlan, asOf: string): Promise<TargetRow[]> {
  const reports = latestReports(await repos.targets.currentReports(plan.code));
  const own = await repos.organizations.findById(acting.actor.organizationId);
  const rows: TargetRow[] = [];
  for (const [position, t] of plan.definition.targets.entries()) {
    const report = t.measure.kind === 'reported' ? (reports.get(t.id) ?? null) : null;
    const current = t.measure.kind === 'computed' ? await computedValue(repos, plan, t, asOf) : (report?.value ?? null);
    const progress = targetProgress(t, current, windowOf(plan, t, asOf).start, asOf);
    rows.push({
      target: t,
      position,
      current,
      source: t.measure.kind,
      period: report?.period ?? null,
      report,
      share: progress.share,
      expected: progress.expected,
      status: progress.status,
      scheduleStart: progress.start,
      scheduleEnd: progress.end,
      canReport: mayReport(acting, own?.code ?? null, plan, t),
    });
  }
  return rows;
}

/** Worst first: what a director should look at. */
const STATUS_ORDER: Record<TargetStatus, number> = { overdue: 0, behind: 1, no_data: 2, on_track: 3, achieved: 4 };

function compare(sort: NonNullable<DashboardQuery['sort']>): (a: TargetRow, b: TargetRow) => number {
  const nullsLast = (x: number | null, y: number | null) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y);
  switch (sort) {
    case 'year':
      return (a, b) => a.target.year - b.target.year;
    case 'progress':
      return (a, b) => nullsLast(a.share, b.share);
    case 'status':
      return (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status];
    case 'current':
      return (a, b) => nullsLast(a.current, b.current);
    case 'position':
      return (a, b) => a.position - b.position;
  }
}

/** Filters and sorts the rows as the dashboard and its export do. */
export function selectRows(rows: TargetRow[], q: Omit<DashboardQuery, 'page' | 'pageSize' | 'plan'>): { rows: TargetRow[]; summary: Dashboard['summary'] } {
  const kept = rows.filter((r) => (q.year === undefined || r.target.year === q.year) && (!q.leadDepartment || leadDepartments(r.target).includes(q.leadDepartment)));
  const summary = { total: kept.length, ...Object.fromEntries(TARGET_STATUSES.map((s) => [s, kept.filter((r) => r.status === s).length])) } as Dashboard['summary'];
  const filtered = kept.filter((r) => !q.status || r.status === q.status);
  const by = compare(q.sort ?? 'position');
  const sign = q.order === 'desc' ? -1 : 1;
  return { rows: [...filtered].sort((a, b) => sign * by(a, b) || a.position - b.position), summary };
}

export async function getDashboard(deps: Deps, ctx: RequestContext, q: DashboardQuery): Promise<Dashboard> {
  const acting = authorize(ctx, 'targets.read');
  return deps.uow.read(async (repos) => {
    const { plan, plans } = await planFor(repos, acting, 'targets.read', q.plan);
    const asOf = shanghaiDate(deps.clock.now());
    const all = await targetRows(repos, acting, plan, asOf);
    const { rows, summary } = selectRows(all, q);
    return {
      plan,
      plans,
      asOf,
      summary,
      rows: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: rows.length,
      years: [...new Set(plan.definition.targets.map((t) => t.year))].sort(),
      leadDepartments: [...new Set(plan.definition.targets.flatMap(leadDepartments))],
    };
  });
}

export interface HistoryPoint {
  /** The last day of the period (or `asOf` for the current quarter of a computed value). */
  date: string;
  period: string | null;
  value: number;
}

export interface TargetHistory {
  plan: LoadedPlan;
  row: TargetRow;
  asOf: string;
  points: HistoryPoint[];
  /** Every report, superseded ones too (reported targets). */
  reports: TargetReportRow[];
}

/**
 * A target's time series: a reported target's current report per period; a computed one's value at
 * the end of every quarter from the start of its schedule to today (the same count the dashboard makes).
 */
export async function getTargetHistory(deps: Deps, ctx: RequestContext, targetId: string, planCode?: string): Promise<TargetHistory> {
  const acting = authorize(ctx, 'targets.read');
  return deps.uow.read(async (repos) => {
    const { plan } = await planFor(repos, acting, 'targets.read', planCode);
    const t = targetOf(plan, targetId);
    const asOf = shanghaiDate(deps.clock.now());
    const row = (await targetRows(repos, acting, plan, asOf)).find((r) => r.target.id === t.id)!;
    if (t.measure.kind === 'reported') {
      const reports = await repos.targets.reportHistory(plan.code, t.id);
      const every = t.measure.every;
      const points = reports.filter((r) => !r.supersededAt).map((r) => ({ date: parsePeriod(r.period, every)?.end ?? r.period, period: r.period, value: r.value }));
      return { plan, row, asOf, points, reports };
    }
    const points: HistoryPoint[] = [];
    for (const date of quarterEnds(row.scheduleStart, windowOf(plan, t, asOf).asOf)) {
      const value = await computedValue(repos, plan, t, date);
      if (value !== null) points.push({ date, period: null, value });
    }
    return { plan, row, asOf, points, reports: [] };
  });
}

