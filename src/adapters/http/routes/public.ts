/** The public portal (no sign-in): published calls, their blank forms, and published final lists. */
import {
  publicCallDetail,
  publicCallPage,
  publicCallQuery,
  publicFinalList,
  publicFinalListPage,
  publicFinalListQuery,
  publicOptions as publicOptionsSchema,
  publicParams,
  publicTemplateParams,
  type PublicCallSummary,
  type PublicFinalListSummary,
} from '../../../../contracts/public.ts';
import { getPublicCall, listPublicCalls, publicFormTemplate, publicOptions, type PublicCallView } from '../../../use-cases/public/calls.ts';
import { getPublicFinalList, listPublicFinalLists, type PublicFinalListView } from '../../../use-cases/public/final-lists.ts';
import { FileResult, route } from '../route.ts';

const tag = 'public';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Field by field: the public shape never carries more than it names. */
const presentCall = (v: PublicCallView): PublicCallSummary => ({
  id: v.row.id,
  title: v.row.title,
  documentNumber: v.row.documentNumber,
  programCode: v.row.programCode,
  programName: v.row.programName,
  issuer: v.row.issuer,
  provinceCode: v.row.provinceCode,
  provinceName: v.row.provinceName,
  opensAt: v.row.opensAt.toISOString(),
  deadlineAt: v.row.deadlineAt.toISOString(),
  opensOn: v.opensOn,
  deadlineDate: v.deadline.date,
  deadlineTime: v.deadline.time,
  status: v.status,
  remainingDays: v.remainingDays,
  publishedAt: v.row.publishedAt ? v.row.publishedAt.toISOString() : null,
});

const presentList = (v: PublicFinalListView): PublicFinalListSummary => ({
  id: v.row.id,
  title: v.title,
  documentNumber: v.row.documentNumber,
  publishedAt: v.row.publishedAt.toISOString(),
  programCode: v.row.programCode,
  programName: v.row.programName,
  issuer: v.row.issuer,
  provinceCode: v.row.provinceCode,
  provinceName: v.row.provinceName,
  callId: v.row.callId,
  callTitle: v.row.callTitle,
  itemCount: v.row.itemCount,
});

export const publicRoutes = [
  route({
    method: 'get',
    path: '/api/public/options',
    summary: '门户筛选项：有已发布通知的省份与计划 / The portal’s filters: provinces and programs with published calls',
    tag,
    access: 'public',
    response: publicOptionsSchema,
    handler: async ({ deps }) => publicOptions(deps),
  }),
  route({
    method: 'get',
    path: '/api/public/calls',
    summary: '已发布的申报通知（受理中优先，其次即将开始、已截止） / Published calls (open first, then upcoming, then closed)',
    tag,
    access: 'public',
    query: publicCallQuery,
    response: publicCallPage,
    handler: async ({ deps, query }) => {
      const { rows, total } = await listPublicCalls(deps, query);
      return { items: rows.map(presentCall), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'get',
    path: '/api/public/calls/:id',
    summary: '一则申报通知：正文、方向、条件与依据、所需材料、空白表格 / One call: its text, directions, rules with citations, materials, blank forms',
    tag,
    access: 'public',
    params: publicParams,
    response: publicCallDetail,
    handler: async ({ deps, params }) => {
      const v = await getPublicCall(deps, params.id);
      const d = v.definition;
      return {
        ...presentCall(v),
        programVersion: v.row.programVersion,
        materials: v.row.materials,
        directionLevel: d.directionLevel,
        directions: v.directions,
        applicantTypes: d.applicantTypes.map((a) => ({ code: a.code, name: a.name, citation: a.citation ?? null })),
        perApplicant: { maxApplications: d.perApplicant.maxApplications ?? null, citation: d.perApplicant.citation ?? null },
        rules: d.rules.map((r) => ({ id: r.id, kind: r.kind, severity: r.severity, message: r.message, citation: r.citation })),
        attachments: v.attachments,
        templates: v.templates,
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/public/calls/:id/forms/:formId/template.docx',
    summary: '空白申报表格（.docx） / A blank form of the call (.docx)',
    tag,
    access: 'public',
    params: publicTemplateParams,
    response: 'file',
    handler: async ({ deps, params }) => {
      const t = await publicFormTemplate(deps, params.id, params.formId);
      const bytes = new Uint8Array(t.content);
      return new FileResult(bytes, t.fileName, DOCX, bytes.byteLength);
    },
  }),
  route({
    method: 'get',
    path: '/api/public/final-lists',
    summary: '正式公布的名单 / Published final lists',
    tag,
    access: 'public',
    query: publicFinalListQuery,
    response: publicFinalListPage,
    handler: async ({ deps, query }) => {
      const { rows, total } = await listPublicFinalLists(deps, query);
      return { items: rows.map(presentList), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'get',
    path: '/api/public/final-lists/:id',
    summary: '一份正式名单及其项目（企业、项目、地市、方向） / One final list with its projects (enterprise, project, city, direction)',
    tag,
    access: 'public',
    params: publicParams,
    response: publicFinalList,
    handler: async ({ deps, params }) => {
      const v = await getPublicFinalList(deps, params.id);
      return { ...presentList(v), items: v.items };
    },
  }),
];
