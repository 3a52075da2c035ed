/**
 * Platform operation data: the month's report by form (signed in) or by API token, the applicant's
 * months and tokens, the industry operation view with its export, the reporting organizations, the
 * capacity map.
 */
import {
  apiToken,
  capacityCity,
  capacityMap as capacityMapSchema,
  capacityQuery,
  cityParams,
  createdToken,
  exportQuery,
  idParams,
  monthParams,
  myMonth as myMonthSchema,
  myReports as myReportsSchema,
  myReportsQuery,
  operationView as operationViewSchema,
  report,
  reporterPage,
  reporterQuery,
  reportInput,
  tokenInput,
  tokenList,
  viewQuery,
} from '../../../../contracts/operations.ts';
import { EFFECTS, EFFECTS_CITATION } from '../../../core/operations/report.ts';
import { industryName } from '../../../core/operations/industries.ts';
import { myMonth, myReports, submitReport, submitReportWithToken } from '../../../use-cases/operations/report-operations.ts';
import type { ApiTokenRow, OperationReportRow, ReporterRow } from '../../../use-cases/operations/ports.ts';
import { createToken, listTokens, revokeToken } from '../../../use-cases/operations/tokens.ts';
import { capacityCity as capacityCityOf, capacityMap, listReporters, operationExport, operationView, type OperationView } from '../../../use-cases/operations/views.ts';
import { operationsXlsx } from '../../documents/operations-xlsx.ts';
import { FileResult, route, type RouteDef } from '../route.ts';

const tag = 'operations';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const presentReport = (r: OperationReportRow) => ({
  id: r.id,
  month: r.month,
  revision: r.revision,
  latest: r.latest,
  industryCode: r.industryCode,
  connectedDevices: r.connectedDevices,
  platformUsers: r.platformUsers,
  industrialApps: r.industrialApps,
  cloudEnterprises: r.cloudEnterprises,
  productLines: r.productLines,
  effects: r.effects,
  note: r.note,
  source: r.source,
  tokenId: r.tokenId,
  submittedByName: r.submittedByName,
  createdAt: r.createdAt.toISOString(),
});

const presentToken = (t: ApiTokenRow) => ({ id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) });

const presentReporter = (r: ReporterRow) => ({
  id: r.organizationId,
  organizationName: r.organizationName,
  cityId: r.cityId,
  cityName: r.cityName,
  industryCode: r.industryCode,
  firstSelectedOn: r.firstSelectedOn,
  latestMonth: r.latestMonth,
  connectedDevices: r.connectedDevices,
  platformUsers: r.platformUsers,
  industrialApps: r.industrialApps,
  cloudEnterprises: r.cloudEnterprises,
  overdue: r.overdue,
});

const presentView = (v: OperationView) => ({ ...v, goals: EFFECTS.map((e) => ({ key: e.key, goalBp: e.goalBp, citation: EFFECTS_CITATION })) });

export const operationRoutes: RouteDef[] = [
  route({
    method: 'post',
    path: '/api/operations/reports',
    summary:
      '以 API 令牌报送月度运行数据（Authorization: Bearer <令牌>；同月再报即为更正） / Report a month’s operating figures with an API token (Authorization: Bearer <token>; reporting a month again corrects it)',
    tag,
    // Authenticated by the organization's API token, not a session (src/use-cases/operations/tokens.ts).
    access: 'public',
    body: reportInput,
    response: report,
    status: 201,
    handler: async ({ deps, ctx, bearer, body }) => presentReport(await submitReportWithToken(deps, ctx, bearer, body)),
  }),
  route({
    method: 'post',
    path: '/api/operations/my/reports',
    summary: '填报本单位月度运行数据（同月再报即为更正，保留历史） / Report (or correct) a month’s operating figures for one’s own organization',
    tag,
    access: 'signedIn',
    action: 'operations.report',
    body: reportInput,
    response: report,
    status: 201,
    handler: async ({ deps, ctx, body }) => presentReport(await submitReport(deps, ctx, body)),
  }),
  route({
    method: 'get',
    path: '/api/operations/my/reports',
    summary: '本单位已报送的月份（每月最新一次） / The months one’s organization has reported (latest revision each)',
    tag,
    access: 'signedIn',
    action: 'operations.report',
    query: myReportsQuery,
    response: myReportsSchema,
    handler: async ({ deps, ctx, query }) => {
      const r = await myReports(deps, ctx, query);
      return { items: r.rows.map((x) => ({ ...presentReport(x), revisions: x.revisions })), total: r.total, page: query.page, pageSize: query.pageSize, firstMonth: r.firstMonth, currentMonth: r.currentMonth };
    },
  }),
  route({
    method: 'get',
    path: '/api/operations/my/reports/:month',
    summary: '某月的全部修订与上月数据（用于预填） / Every revision of a month, and the month before it (to prefill the form)',
    tag,
    access: 'signedIn',
    action: 'operations.report',
    params: monthParams,
    response: myMonthSchema,
    handler: async ({ deps, ctx, params }) => {
      const r = await myMonth(deps, ctx, params.month);
      return { revisions: r.revisions.map(presentReport), previous: r.previous ? presentReport(r.previous) : null };
    },
  }),
  route({
    method: 'get',
    path: '/api/operations/tokens',
    summary: '本单位的 API 令牌 / One’s organization’s API tokens',
    tag,
    access: 'signedIn',
    action: 'operations.report',
    response: tokenList,
    handler: async ({ deps, ctx }) => ({ items: (await listTokens(deps, ctx)).map(presentToken) }),
  }),
  route({
    method: 'post',
    path: '/api/operations/tokens',
    summary: '新建 API 令牌（令牌只显示这一次） / Create an API token (shown this once only)',
    tag,
    access: 'signedIn',
    action: 'operations.report',
    body: tokenInput,
    response: createdToken,
    status: 201,
    handler: async ({ deps, ctx, body }) => {
      const { token, row } = await createToken(deps, ctx, body);
      return { token, item: presentToken(row) };
    },
  }),
  route({
    method: 'post',
    path: '/api/operations/tokens/:id/revoke',
    summary: '撤销 API 令牌 / Revoke an API token',
    tag,
    access: 'signedIn',
    action: 'operations.report',
    params: idParams,
    response: apiToken,
    handler: async ({ deps, ctx, params }) => presentToken(await revokeToken(deps, ctx, params.id)),
  }),
  route({
    method: 'get',
    path: '/api/operations/view',
    summary: '行业运行分析：合计、月度走势、按行业与按市 / The industry operation view: totals, monthly series, by industry and by city',
    tag,
    access: 'signedIn',
    action: 'operations.read',
    query: viewQuery,
    response: operationViewSchema,
    handler: async ({ deps, ctx, query }) => presentView(await operationView(deps, ctx, query)),
  }),
  route({
    method: 'get',
    path: '/api/operations/reporters',
    summary: '报送单位及其最新月份（逾期未报者标出） / Reporting organizations with their latest month (overdue ones flagged)',
    tag,
    access: 'signedIn',
    action: 'operations.read',
    query: reporterQuery,
    response: reporterPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total, lastMonth } = await listReporters(deps, ctx, query);
      return { items: rows.map(presentReporter), total, page: query.page, pageSize: query.pageSize, lastMonth };
    },
  }),
  route({
    method: 'get',
    path: '/api/operations/export.xlsx',
    summary: '导出运行数据（.xlsx：汇总与报送单位） / Export the operation view (.xlsx: summary and reporters)',
    tag,
    access: 'signedIn',
    action: 'operations.read',
    query: exportQuery,
    response: 'file',
    handler: async ({ deps, ctx, query }) => {
      const data = await operationExport(deps, ctx, query);
      const content = new Uint8Array(await operationsXlsx({ ...data, generatedAt: deps.clock.now() }));
      return new FileResult(content, `平台运行数据-${data.view.from}至${data.view.to}.xlsx`, XLSX, content.byteLength);
    },
  }),
  route({
    method: 'get',
    path: '/api/operations/capacity',
    summary: '行业产能地图：选定行业（及产品）的各市月产能 / The capacity map: each city’s monthly capacity for an industry (and product)',
    tag,
    access: 'signedIn',
    action: 'operations.read',
    query: capacityQuery,
    response: capacityMapSchema,
    handler: async ({ deps, ctx, query }) => {
      const m = await capacityMap(deps, ctx, query);
      return { ...m, industries: m.industries.map((i) => ({ ...i, name: industryName(i.code) })) };
    },
  }),
  route({
    method: 'get',
    path: '/api/operations/capacity/cities/:cityId',
    summary: '某市的企业与产品产能 / A city’s enterprises and product lines on the capacity map',
    tag,
    access: 'signedIn',
    action: 'operations.read',
    params: cityParams,
    query: capacityQuery,
    response: capacityCity,
    handler: async ({ deps, ctx, params, query }) => ({
      items: (await capacityCityOf(deps, ctx, params.cityId, query)).map((l) => ({
        organizationId: l.organizationId,
        organizationName: l.organizationName,
        month: l.month,
        productName: l.productName,
        industryCode: l.industryCode,
        unit: l.unit,
        monthlyCapacity: l.monthlyCapacity,
      })),
    }),
  }),
];
