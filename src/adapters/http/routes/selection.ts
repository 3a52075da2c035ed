/** Selection: the city's review and list, the province's quotas and overview, task forces, policy review. */
import { applicationParams } from '../../../../contracts/applicants.ts';
import {
  callApplicationParams,
  callCityParams,
  cityCallPage,
  selectionCallPage,
  selectionCallQuery,
  cityDecisionInput,
  policyDecisionInput,
  quotas,
  quotasInput,
  rankInput,
  recommendationView,
  returnRecommendationInput,
  selectionOverview,
  submitRecommendationInput,
  taskForceOpinion,
  taskForceOpinionInput,
  taskForceQueue,
} from '../../../../contracts/selection.ts';
import { applicationSummary } from '../../../../contracts/applicants.ts';
import type { RecommendationRow } from '../../../use-cases/ports.ts';
import { recommendationDocx, recommendationXlsx, type RecommendationTableInput } from '../../documents/recommendation-table.ts';
import type { Deps } from '../../../use-cases/ports.ts';
import { KIND_MIME } from '../../files/index.ts';
import { listCityCalls, type CityCallView } from '../../../use-cases/selection/city-calls.ts';
import { recommendationTable } from '../../../use-cases/selection/city-table.ts';
import { listSelectionCalls, type SelectionCallView } from '../../../use-cases/selection/province-calls.ts';
import type { CallView } from '../../../use-cases/applicants/calls.ts';
import {
  cityChecklist,
  decideCityReview,
  getRecommendation,
  rankRecommendation,
  recommend,
  returnRecommendation,
  submitRecommendation,
  unrecommend,
  type RecommendationView,
} from '../../../use-cases/selection/city.ts';
import { decidePolicyReview, recordTaskForceOpinion, selectionOverview as overview, setCallQuotas, taskForceQueue as queue } from '../../../use-cases/selection/province.ts';
import { FileResult, route } from '../route.ts';
import { presentSummary } from './applicants.ts';

const tag = 'selection';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const presentRecommendation = (r: RecommendationRow) => ({
  id: r.id,
  cityId: r.cityId,
  cityName: r.cityName,
  cityCode: r.cityCode,
  status: r.status,
  documentNumber: r.documentNumber,
  returnedComment: r.returnedComment,
  submittedAt: iso(r.submittedAt),
  items: r.items,
});

const presentView = (v: RecommendationView) => ({
  callId: v.callId,
  callTitle: v.callTitle,
  city: v.city,
  recommendation: v.recommendation ? presentRecommendation(v.recommendation) : null,
  quota: v.quota,
  quotaStatus: v.quotaStatus,
  candidates: v.candidates.map((a) => ({ ...presentSummary(a), cityReview: (a.cityReview ?? null) as never })),
  checklist: cityChecklist(),
});

const presentOpinion = (o: { departmentId: string; opinion: string | null; supports: boolean | null; at: Date | null } | null | undefined) =>
  o ? { departmentId: o.departmentId, opinion: o.opinion, supports: o.supports, at: iso(o.at) } : null;

const programName = (definition: unknown) => ((definition as { name?: { 'zh-CN': string; en: string } }).name ?? { 'zh-CN': '', en: '' });
const presentCallBase = (v: CallView) => ({
  id: v.row.id,
  programCode: v.row.programCode,
  programVersion: v.row.programVersion,
  programName: programName(v.row.definition),
  title: v.row.title,
  documentNumber: v.row.documentNumber,
  opensAt: v.row.opensAt.toISOString(),
  deadlineAt: v.row.deadlineAt.toISOString(),
  status: v.status,
});

const presentSelectionCall = (v: SelectionCallView) => ({
  ...presentCallBase(v),
  counts: v.counts,
  cities: v.cities.map((c) => ({
    cityId: c.city.id,
    cityName: c.city.name,
    cityCode: c.city.code,
    status: c.recommendation?.status ?? null,
    items: c.recommendation?.items.length ?? 0,
    quota: c.quota,
    documentNumber: c.recommendation?.documentNumber ?? null,
    submittedAt: iso(c.recommendation?.submittedAt ?? null),
  })),
  submittedCities: v.cities.filter((c) => c.recommendation?.status === 'submitted').length,
});

const presentCityCall = (v: CityCallView) => ({
  ...presentCallBase(v),
  counts: v.counts,
  candidates: v.candidates,
  listStatus: v.recommendation?.status ?? null,
  items: v.recommendation?.items.length ?? 0,
  quota: v.quota,
  documentNumber: v.recommendation?.documentNumber ?? null,
  returnedComment: v.recommendation?.returnedComment ?? null,
});

/** The table in each format: the spreadsheet, the Word table, and that Word table as PDF. */
const TABLE = {
  xlsx: (t: RecommendationTableInput) => recommendationXlsx(t),
  docx: (t: RecommendationTableInput) => recommendationDocx(t),
  pdf: async (t: RecommendationTableInput, deps: Deps) => deps.documents.toPdf(await recommendationDocx(t)),
} as const;
const FORMAT_NAME = { xlsx: 'Excel', docx: 'Word', pdf: 'PDF' } as const;

/** The table downloads: the city's own list, and any city's for the province. */
const tableRoutes = (['xlsx', 'docx', 'pdf'] as const).flatMap((format) => [
  route({
    method: 'get',
    path: `/api/calls/:id/recommendation/table.${format}`,
    summary: `本市推荐汇总表（${FORMAT_NAME[format]}） / The city's recommendation table as .${format}, in the program's layout`,
    tag,
    access: 'signedIn',
    action: 'application.review',
    params: applicationParams,
    response: 'file',
    handler: async ({ deps, ctx, params }) => {
      const t = await recommendationTable(deps, ctx, params.id);
      const content = new Uint8Array(await TABLE[format](t, deps));
      return new FileResult(content, `${t.baseName}.${format}`, KIND_MIME[format], content.byteLength);
    },
  }),
  route({
    method: 'get',
    path: `/api/calls/:id/recommendations/:cityId/table.${format}`,
    summary: `某市推荐汇总表（${FORMAT_NAME[format]}，省厅） / A city's recommendation table as .${format}, for the province`,
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callCityParams,
    response: 'file',
    handler: async ({ deps, ctx, params }) => {
      const t = await recommendationTable(deps, ctx, params.id, params.cityId);
      const content = new Uint8Array(await TABLE[format](t, deps));
      return new FileResult(content, `${t.baseName}.${format}`, KIND_MIME[format], content.byteLength);
    },
  }),
]);

export const selectionRoutes = [
  route({
    method: 'get',
    path: '/api/selection/calls',
    summary: '遴选进度（各批次） / Calls with their selection progress: applications by state, each city’s list',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    query: selectionCallQuery,
    response: selectionCallPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total } = await listSelectionCalls(deps, ctx, query);
      return { items: rows.map(presentSelectionCall), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'get',
    path: '/api/recommendation/calls',
    summary: '本市各批次推荐情况 / The calls of the city’s province with the city’s list',
    tag,
    access: 'signedIn',
    action: 'application.review',
    query: selectionCallQuery,
    response: cityCallPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total } = await listCityCalls(deps, ctx, query);
      return { items: rows.map(presentCityCall), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  ...tableRoutes,
  route({
    method: 'post',
    path: '/api/applications/:id/city-decision',
    summary: '市级初审结论（核查清单，通过或不通过） / The city review’s decision with the authenticity checklist',
    tag,
    access: 'signedIn',
    action: 'application.review',
    params: applicationParams,
    body: cityDecisionInput,
    response: applicationSummary,
    handler: async ({ deps, ctx, params, body }) => presentSummary(await decideCityReview(deps, ctx, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/calls/:id/recommendation',
    summary: '本市推荐名单 / The city’s recommendation list for a call, with its candidates and quota',
    tag,
    access: 'signedIn',
    action: 'application.review',
    params: applicationParams,
    response: recommendationView,
    handler: async ({ deps, ctx, params }) => presentView(await getRecommendation(deps, ctx, params.id)),
  }),
  route({
    method: 'put',
    path: '/api/calls/:id/recommendation/items/:applicationId',
    summary: '列入推荐名单（指标内） / Add to the list (within the quota)',
    tag,
    access: 'signedIn',
    action: 'application.review',
    params: callApplicationParams,
    response: recommendationView,
    handler: async ({ deps, ctx, params }) => presentView(await recommend(deps, ctx, params.id, params.applicationId)),
  }),
  route({
    method: 'delete',
    path: '/api/calls/:id/recommendation/items/:applicationId',
    summary: '移出推荐名单 / Remove from the list',
    tag,
    access: 'signedIn',
    action: 'application.review',
    params: callApplicationParams,
    response: recommendationView,
    handler: async ({ deps, ctx, params }) => presentView(await unrecommend(deps, ctx, params.id, params.applicationId)),
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/recommendation/rank',
    summary: '推荐排序 / Rank the list',
    tag,
    access: 'signedIn',
    action: 'application.review',
    params: applicationParams,
    body: rankInput,
    response: recommendationView,
    handler: async ({ deps, ctx, params, body }) => presentView(await rankRecommendation(deps, ctx, params.id, body.order)),
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/recommendation/submit',
    summary: '报送省厅（锁定名单） / Submit the list to the province (locks it)',
    tag,
    access: 'signedIn',
    action: 'application.review',
    params: applicationParams,
    body: submitRecommendationInput,
    response: recommendationView,
    handler: async ({ deps, ctx, params, body }) => presentView(await submitRecommendation(deps, ctx, params.id, body.documentNumber)),
  }),
  route({
    method: 'get',
    path: '/api/calls/:id/recommendations/:cityId',
    summary: '某市的推荐名单（省厅） / A city’s list, for the province',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callCityParams,
    response: recommendationView,
    handler: async ({ deps, ctx, params }) => presentView(await getRecommendation(deps, ctx, params.id, params.cityId)),
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/recommendations/:cityId/return',
    summary: '退回某市的推荐名单 / Send a city’s list back',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callCityParams,
    body: returnRecommendationInput,
    response: recommendationView,
    handler: async ({ deps, ctx, params, body }) => presentView(await returnRecommendation(deps, ctx, params.id, params.cityId, body.comment)),
  }),
  route({
    method: 'put',
    path: '/api/calls/:id/quotas',
    summary: '各市推荐指标与分数线 / Per-city quotas and the score threshold of a call',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: applicationParams,
    body: quotasInput,
    response: quotas,
    handler: async ({ deps, ctx, params, body }) => setCallQuotas(deps, ctx, params.id, body),
  }),
  route({
    method: 'get',
    path: '/api/calls/:id/selection',
    summary: '遴选总览（省厅） / The province’s overview of a call’s selection',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: applicationParams,
    response: selectionOverview,
    handler: async ({ deps, ctx, params }) => {
      const o = await overview(deps, ctx, params.id);
      return {
        recommendations: o.recommendations.map(presentRecommendation),
        applications: o.applications.map((a) => ({ ...presentSummary(a), taskForce: presentOpinion(a.taskForce), policyReview: a.policyReview ?? null, finalScore: a.finalScore })),
        quotas: o.quotas,
        cities: o.cities,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/calls/:id/task-force',
    summary: '转本专班的申报 / Applications routed to the reviewer’s task force',
    tag,
    access: 'signedIn',
    action: 'taskforce.opine',
    params: applicationParams,
    response: taskForceQueue,
    handler: async ({ deps, ctx, params }) => ({ items: (await queue(deps, ctx, params.id)).map((a) => ({ ...presentSummary(a), opinion: a.opinion, supports: a.supports })) }),
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/task-force-opinion',
    summary: '专班初审意见 / The task force’s opinion',
    tag,
    access: 'signedIn',
    action: 'taskforce.opine',
    params: applicationParams,
    body: taskForceOpinionInput,
    response: taskForceOpinion,
    handler: async ({ deps, ctx, params, body }) => presentOpinion(await recordTaskForceOpinion(deps, ctx, params.id, body))!,
  }),
  route({
    method: 'post',
    path: '/api/applications/:id/policy-decision',
    summary: '政策性审查结论 / The policy review’s decision',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: applicationParams,
    body: policyDecisionInput,
    response: applicationSummary,
    handler: async ({ deps, ctx, params, body }) => presentSummary(await decidePolicyReview(deps, ctx, params.id, body)),
  }),
];
