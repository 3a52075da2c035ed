/**
 * What officers read of operating figures (action operations.read, within their scope: a city sees its own
 * subtree): the industry operation view (行业运行分析: totals and monthly series, by industry and by city),
 * the reporting organizations with the overdue ones, the capacity map (行业产能地图) by city — 003 三（一）.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { capacityByCity, capacityOfCity, groupTotals, industryDivision, latestUpTo, seriesOf, totalsOf, type CapacityChoice, type CapacityLine, type CapacityMap, type Totals } from '../../core/operations/aggregate.ts';
import { industryName } from '../../core/operations/industries.ts';
import { addMonths, isMonth, monthOf, monthRange } from '../../core/operations/report.ts';
import { fieldError } from '../../core/errors.ts';
import type { Scope } from '../../core/access-policy.ts';
import type { Deps, ListQuery, Repositories, RequestContext } from '../ports.ts';
import { authorizeList, recordAudit } from '../support.ts';
import type { ReporterQuery, ReporterRow } from './ports.ts';

export interface Province {
  id: string;
  code: string;
  name: string;
}

/** The province a view is of: the actor's own, else (a platform administrator) the one asked for, else the first. */
export async function provinceFor(repos: Repositories, ctx: RequestContext, scope: Scope, provinceCode?: string): Promise<Province | null> {
  const own = ctx.actor?.organizationPath[1];
  let org = own ? await repos.organizations.findById(own) : undefined;
  if (!org && provinceCode) org = await repos.organizations.findByCode(provinceCode).then((o) => (o ? repos.organizations.findById(o.id) : undefined));
  if (!org) {
    const { rows } = await repos.organizations.list(scope, { kind: 'province', sort: 'code', page: 1, pageSize: 1, order: 'asc' });
    org = rows[0];
  }
  return org ? { id: org.id, code: org.divisionCode ?? org.code, name: org.name } : null;
}

function monthWindow(today: string, q: { from?: string; to?: string }): { from: string; to: string } {
  const current = monthOf(today);
  for (const key of ['from', 'to'] as const) {
    const v = q[key];
    if (v !== undefined && !isMonth(v)) throw fieldError(key, 'month', { 'zh-CN': key === 'from' ? '起始月份' : '截止月份', en: key === 'from' ? 'From' : 'To' }, { 'zh-CN': '应为年月，如 2026-03', en: 'must be a month such as 2026-03' });
  }
  const to = q.to && q.to < current ? q.to : current;
  const from = q.from && q.from <= to ? q.from : addMonths(to, -11);
  if (addMonths(from, 120) < to) throw fieldError('from', 'range', { 'zh-CN': '起始月份', en: 'From' }, { 'zh-CN': '时间范围最长十年', en: 'the range is at most ten years' });
  return { from, to };
}

export interface OperationViewQuery {
  from?: string;
  to?: string;
  cityId?: string;
  industry?: string;
  provinceCode?: string;
}

export interface OperationView {
  province: Province | null;
  from: string;
  to: string;
  lastMonth: string;
  totals: Totals;
  series: (Totals & { month: string })[];
  byIndustry: ({ key: string; name: string } & Totals)[];
  byCity: ({ key: string; name: string } & Totals)[];
  reporters: number;
  overdue: number;
}

export async function operationView(deps: Deps, ctx: RequestContext, q: OperationViewQuery): Promise<OperationView> {
  const { scope } = authorizeList(ctx, 'operations.read');
  const today = shanghaiDate(deps.clock.now());
  const { from, to } = monthWindow(today, q);
  const lastMonth = addMonths(monthOf(today), -1);
  return deps.uow.read(async (repos) => {
    const province = await provinceFor(repos, ctx, scope, q.provinceCode);
    const facts = await repos.operations.reportFacts(scope, { upTo: to, provinceId: province?.id, cityId: q.cityId, industry: q.industry });
    const atEnd = latestUpTo(facts, to);
    const filters = { provinceId: province?.id, cityId: q.cityId, industry: q.industry, lastMonth, page: 1, pageSize: 1, order: 'asc' as const };
    const [all, overdue] = await Promise.all([repos.operations.reporters(scope, filters), repos.operations.reporters(scope, { ...filters, overdueOnly: true })]);
    return {
      province,
      from,
      to,
      lastMonth,
      totals: totalsOf(atEnd),
      series: seriesOf(facts, monthRange(from, to)),
      byIndustry: groupTotals(atEnd, (r) => {
        const d = industryDivision(r.industryCode);
        return { key: d ?? '-', name: d ? `${d} ${industryName(d)}` : industryName(null) };
      }),
      byCity: groupTotals(atEnd, (r) => ({ key: r.cityId ?? '-', name: r.cityName ?? '—' })),
      reporters: all.total,
      overdue: overdue.total,
    };
  });
}

export type ReporterListQuery = ListQuery & Omit<ReporterQuery, 'lastMonth' | 'provinceId' | keyof ListQuery> & { provinceCode?: string };

/** The organizations that report, with their latest month; the overdue ones (no report for last month) flagged. */
export async function listReporters(deps: Deps, ctx: RequestContext, q: ReporterListQuery): Promise<{ rows: ReporterRow[]; total: number; lastMonth: string }> {
  const { scope } = authorizeList(ctx, 'operations.read');
  const lastMonth = addMonths(monthOf(shanghaiDate(deps.clock.now())), -1);
  return deps.uow.read(async (repos) => {
    const province = await provinceFor(repos, ctx, scope, q.provinceCode);
    const { rows, total } = await repos.operations.reporters(scope, { ...q, lastMonth, provinceId: province?.id });
    return { rows, total, lastMonth };
  });
}

/** Everything the export holds: the view and every reporter under the same filters (at most 10 000 rows). */
export async function operationExport(deps: Deps, ctx: RequestContext, q: OperationViewQuery & Omit<ReporterListQuery, 'page' | 'pageSize'>): Promise<{ view: OperationView; reporters: ReporterRow[] }> {
  const view = await operationView(deps, ctx, q);
  const { rows } = await listReporters(deps, ctx, { ...q, page: 1, pageSize: 10_000 });
  await deps.uow.transaction((repos) =>
    recordAudit(repos, ctx, deps.clock, {
      action: 'operations.export',
      entityType: 'operation_view',
      entityId: view.province?.id ?? null,
      organizationId: view.province?.id ?? null,
      after: { from: view.from, to: view.to, cityId: q.cityId ?? null, industry: q.industry ?? null, rows: rows.length },
    }),
  );
  return { view, reporters: rows };
}

export interface CapacityQuery extends Partial<CapacityChoice> {
  month?: string;
  provinceCode?: string;
}

/** The capacity map: for an industry (and product line), each city's total monthly capacity in one unit. */
export async function capacityMap(deps: Deps, ctx: RequestContext, q: CapacityQuery): Promise<CapacityMap & { province: Province | null; month: string }> {
  const { scope } = authorizeList(ctx, 'operations.read');
  const { to: month } = monthWindow(shanghaiDate(deps.clock.now()), { to: q.month });
  return deps.uow.read(async (repos) => {
    const province = await provinceFor(repos, ctx, scope, q.provinceCode);
    const lines = await repos.operations.capacityLines(scope, { upTo: month, provinceId: province?.id });
    return { province, month, ...capacityByCity(lines, choiceOf(q)) };
  });
}

const choiceOf = (q: Partial<CapacityChoice>): CapacityChoice => ({ industry: q.industry?.trim().toUpperCase() || null, productName: q.productName?.trim() || null, unit: q.unit?.trim() || null });

/** The enterprises and product lines of one city on the capacity map (the list a click on the city opens). */
export async function capacityCity(deps: Deps, ctx: RequestContext, cityId: string, q: CapacityQuery): Promise<CapacityLine[]> {
  const { scope } = authorizeList(ctx, 'operations.read');
  const { to: month } = monthWindow(shanghaiDate(deps.clock.now()), { to: q.month });
  return deps.uow.read(async (repos) => {
    const province = await provinceFor(repos, ctx, scope, q.provinceCode);
    const lines = await repos.operations.capacityLines(scope, { upTo: month, provinceId: province?.id });
    const choice = choiceOf(q);
    // The same unit the map shows when none was chosen.
    const unit = choice.unit ?? capacityByCity(lines, choice).unit;
    return capacityOfCity(lines, cityId, { ...choice, unit });
  });
}
