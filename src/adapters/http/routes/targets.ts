/** The province's target dashboard (002): the targets with progress, a target's history, reports, the export. */
import { dashboard, dashboardQuery, planQuery, reportInput, targetFilters, targetHistory, targetParams, targetReport, type TargetRowView } from '../../../../contracts/targets.ts';
import { STATUS_LABELS, isBehind } from '../../../core/targets/progress.ts';
import { leadDepartments } from '../../../core/targets/reports.ts';
import { formatShare, formatTargetValue } from '../../../core/targets/units.ts';
import { getDashboard, getTargetHistory, type Dashboard, type TargetRow } from '../../../use-cases/targets/dashboard.ts';
import type { TargetReportRow } from '../../../use-cases/targets/ports.ts';
import { reportTarget } from '../../../use-cases/targets/report-target.ts';
import { targetsXlsx } from '../../documents/targets-xlsx.ts';
import { FileResult, route, type RouteDef } from '../route.ts';

const tag = 'targets';
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const both = (value: number, unit: string) => ({ 'zh-CN': formatTargetValue(value, unit, 'zh-CN'), en: formatTargetValue(value, unit, 'en') });

export function presentRow(r: TargetRow): TargetRowView {
  const t = r.target;
  const share = r.share === null ? null : round4(r.share);
  return {
    id: t.id,
    position: r.position,
    name: t.name,
    year: t.year,
    value: t.value,
    unit: t.unit,
    direction: t.direction,
    baseline: t.baseline ?? null,
    measure: t.measure.kind,
    metric: t.measure.kind === 'computed' ? t.measure.metric : null,
    every: t.measure.kind === 'reported' ? t.measure.every : null,
    current: r.current,
    source: r.source,
    period: r.period,
    reportedAt: r.report ? r.report.createdAt.toISOString() : null,
    reportedBy: r.report ? (r.report.organizationName ?? r.report.reportedByName) : null,
    evidence: r.report?.evidence ?? null,
    share,
    expected: round4(r.expected),
    status: r.status,
    behind: isBehind(r.status),
    scheduleStart: r.scheduleStart,
    scheduleEnd: r.scheduleEnd,
    leadDepartment: t.leadDepartment,
    leadDepartments: leadDepartments(t),
    participatingDepartments: t.participatingDepartments,
    citation: t.citation,
    canReport: r.canReport,
    display: {
      value: both(t.value, t.unit),
      baseline: t.baseline ? both(t.baseline.value, t.unit) : null,
      current: r.current === null ? null : both(r.current, t.unit),
      progress: formatShare(share),
      status: STATUS_LABELS[r.status],
    },
  };
}

function presentDashboard(d: Dashboard, page: number, pageSize: number) {
  return {
    plan: { code: d.plan.code, version: d.plan.version, name: d.plan.definition.name, provinceCode: d.plan.definition.provinceCode, effectiveFrom: d.plan.definition.effective.from, documentTitle: d.plan.definition.source.title },
    plans: d.plans.map((p) => ({ code: p.code, name: p.definition.name })),
    asOf: d.asOf,
    summary: d.summary,
    items: d.rows.map(presentRow),
    total: d.total,
    page,
    pageSize,
    years: d.years,
    leadDepartments: d.leadDepartments,
  };
}

const presentReport = (r: TargetReportRow, unit: string) => ({
  id: r.id,
  period: r.period,
  value: r.value,
  text: both(r.value, unit),
  note: r.note,
  evidence: r.evidence,
  organizationName: r.organizationName,
  reportedByName: r.reportedByName,
  supersedes: r.supersedes,
  superseded: r.supersededAt !== null,
  supersededAt: r.supersededAt ? r.supersededAt.toISOString() : null,
  createdAt: r.createdAt.toISOString(),
});

export const targetRoutes: RouteDef[] = [
  route({
    method: 'get',
    path: '/api/targets',
    summary: '目标完成情况（实时计算或牵头单位填报，进度与状态；可筛选、排序） / The target dashboard: current values (computed or reported), progress and status',
    tag,
    access: 'signedIn',
    action: 'targets.read',
    query: dashboardQuery,
    response: dashboard,
    handler: async ({ deps, ctx, query }) => presentDashboard(await getDashboard(deps, ctx, query), query.page, query.pageSize),
  }),
  route({
    method: 'get',
    path: '/api/targets/export.xlsx',
    summary: '导出目标完成情况（.xlsx，与页面一致） / Export the dashboard as .xlsx (the same rows and texts as the screen)',
    tag,
    access: 'signedIn',
    action: 'targets.read',
    query: targetFilters,
    response: 'file',
    handler: async ({ deps, ctx, query }) => {
      const d = await getDashboard(deps, ctx, { ...query, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
      const view = presentDashboard(d, 1, d.total);
      const filters = [
        query.year ? `目标年度 ${query.year}` : '',
        query.status ? `状态 ${STATUS_LABELS[query.status]['zh-CN']}` : '',
        query.leadDepartment ? `牵头单位 ${query.leadDepartment}` : '',
      ].filter(Boolean);
      const content = new Uint8Array(await targetsXlsx(view, view.items, filters, deps.clock.now()));
      return new FileResult(content, `${view.plan.name['zh-CN'].slice(0, 40)}-目标完成情况-${view.asOf}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content.byteLength);
    },
  }),
  route({
    method: 'get',
    path: '/api/targets/:id/history',
    summary: '目标的历史（填报记录含被替代的，或按季度末计算的值） / A target’s history: its reports (superseded ones too) or its computed value at each quarter’s end',
    tag,
    access: 'signedIn',
    action: 'targets.read',
    params: targetParams,
    query: planQuery,
    response: targetHistory,
    handler: async ({ deps, ctx, params, query }) => {
      const h = await getTargetHistory(deps, ctx, params.id, query.plan);
      const unit = h.row.target.unit;
      return {
        target: presentRow(h.row),
        asOf: h.asOf,
        points: h.points.map((p) => ({ ...p, text: both(p.value, unit) })),
        reports: h.reports.map((r) => presentReport(r, unit)),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/targets/:id/reports',
    summary: '牵头单位填报目标完成值（同一统计期后报替代前报，保留历史） / A lead department reports a target’s value for a period (a later report of the period supersedes the earlier)',
    tag,
    access: 'signedIn',
    action: 'targets.report',
    params: targetParams,
    query: planQuery,
    body: reportInput,
    response: targetReport,
    status: 201,
    handler: async ({ deps, ctx, params, query, body }) => {
      const { report, unit } = await reportTarget(deps, ctx, params.id, { ...body, plan: query.plan });
      return presentReport(report, unit);
    },
  }),
];
