/** Agreements, progress reports, guidance visits, acceptance, rectification and titles. */
import {
  acceptanceDecisionInput,
  acceptanceRequestInput,
  acceptanceView,
  agreementView,
  commentInput,
  guidanceVisit,
  planInput,
  planReviewInput,
  progressReport,
  projectDetail,
  projectListQuery,
  projectPage,
  projectParams,
  projectReportParams,
  reportInput,
  reportList,
  signInput,
  visitInput,
  visitList,
  type ImplementationPlan,
} from '../../../../contracts/implementation.ts';
import { decideAcceptance, getAcceptance, requestAcceptance, type AcceptanceView, type SubmittedMaterial } from '../../../use-cases/implementation/acceptance.ts';
import { presentAttachment } from './applicants.ts';
import { agreementDocument, getAgreement, reviewPlan, savePlan, signAgreement, type AgreementView } from '../../../use-cases/implementation/agreement.ts';
import { addVisit, commentReport, listReports, listVisits, submitReport, type ReportView } from '../../../use-cases/implementation/progress.ts';
import { expenseCategories, getProject, listProjects, type ProjectListRow } from '../../../use-cases/implementation/projects.ts';
import type { GuidanceVisitRow } from '../../../use-cases/ports.ts';
import { agreementDocx } from '../../documents/agreement-docx.ts';
import { KIND_MIME } from '../../files/index.ts';
import { FileResult, route, type RouteDef } from '../route.ts';

const tag = 'implementation';
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const presentSummary = (p: ProjectListRow) => ({
  id: p.applicationId,
  callId: p.callId,
  callTitle: p.callTitle,
  organizationId: p.organizationId,
  organizationName: p.organizationName,
  cityName: p.cityName,
  projectName: p.projectName,
  programCode: p.programCode,
  programVersion: p.programVersion,
  programName: p.programName,
  status: p.status,
  selectedAt: p.selectedAt.toISOString(),
  agreementSignedAt: iso(p.agreementSignedAt),
  acceptedAt: iso(p.acceptedAt),
  overdueReports: p.overdueReports,
  updatedAt: p.updatedAt.toISOString(),
});

const presentAgreement = (v: AgreementView) => {
  const plan = (v.row?.plan ?? null) as ImplementationPlan | null;
  return {
    plan: v.row ? plan : null,
    planStatus: v.row?.planStatus ?? ('none' as const),
    planSubmittedAt: iso(v.row?.planSubmittedAt ?? null),
    reviewComment: v.row?.reviewComment ?? null,
    reviewedAt: iso(v.row?.reviewedAt ?? null),
    agreementNumber: v.row?.agreementNumber ?? null,
    generatedAt: iso(v.row?.generatedAt ?? null),
    signedOn: v.row?.signedOn ?? null,
    signatories: (v.row?.signatories ?? null) as { province: string; enterprise: string } | null,
    budgetTotalFen: plan?.budget?.reduce((s, b) => s + b.amountFen, 0) ?? 0,
    categories: v.categories,
  };
};

const presentReport = (r: ReportView) => ({
  id: r.id,
  period: r.period,
  dueDate: r.dueDate,
  status: r.status,
  overdue: r.overdue,
  content: (r.content ?? null) as never,
  submittedAt: iso(r.submittedAt),
  comments: r.comments,
});

const presentVisit = (v: GuidanceVisitRow) => ({
  id: v.id,
  visitDate: v.visitDate,
  place: v.place,
  participants: v.participants,
  notes: v.notes,
  organizationName: v.organizationName,
  createdAt: v.createdAt.toISOString(),
});

const presentAcceptance = (v: AcceptanceView) => ({
  config: v.config,
  next: v.next,
  pending: v.pending.map(presentAttachment),
  rounds: v.rounds.map((r) => ({
    id: r.id,
    round: r.round,
    status: r.status,
    materials: (r.materials ?? []) as SubmittedMaterial[],
    note: r.note,
    requestedAt: r.requestedAt.toISOString(),
    initial: (r.initial ?? null) as never,
    final: (r.final ?? null) as never,
    rectificationDeadline: r.rectificationDeadline,
  })),
});

const byParty = (by: 'city' | 'province') => (by === 'city' ? ({ action: 'project.supervise', zh: '市级', en: 'the city' } as const) : ({ action: 'project.manage', zh: '省级', en: 'the province' } as const));

export const implementationRoutes: RouteDef[] = [
  route({
    method: 'get',
    path: '/api/projects',
    summary: '项目列表（本人、本市或全省） / Projects in the actor’s reach, filtered, sorted, paged',
    tag,
    access: 'signedIn',
    action: 'project.read',
    query: projectListQuery,
    response: projectPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total } = await listProjects(deps, ctx, query);
      return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
    },
  }),
  route({
    method: 'get',
    path: '/api/projects/:id',
    summary: '项目概况与时间线 / A project with its status and timeline',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: projectParams,
    response: projectDetail,
    handler: async ({ deps, ctx, params }) => {
      const d = await getProject(deps, ctx, params.id);
      const a = d.definition.acceptance;
      return {
        ...presentSummary(d.project),
        creditCode: d.project.creditCode,
        provinceName: d.project.provinceName,
        timeline: d.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
        acceptance: a ? { sequence: a.sequence, acceptedBy: a.acceptedBy, rectification: a.rectification, materials: a.materials, citation: a.citation } : null,
        categories: expenseCategories(d.definition),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/projects/:id/agreement',
    summary: '实施方案与协议 / The implementation plan and the agreement',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: projectParams,
    response: agreementView,
    handler: async ({ deps, ctx, params }) => presentAgreement(await getAgreement(deps, ctx, params.id)),
  }),
  route({
    method: 'put',
    path: '/api/projects/:id/plan',
    summary: '填报实施方案（保存或提交审核） / The applicant saves or submits its implementation plan',
    tag,
    access: 'signedIn',
    action: 'project.report',
    params: projectParams,
    body: planInput,
    response: agreementView,
    handler: async ({ deps, ctx, params, body }) => presentAgreement(await savePlan(deps, ctx, params.id, body)),
  }),
  route({
    method: 'post',
    path: '/api/projects/:id/plan/review',
    summary: '审核实施方案（通过生成协议，或退回） / The province approves the plan (the agreement follows) or returns it',
    tag,
    access: 'signedIn',
    action: 'project.manage',
    params: projectParams,
    body: planReviewInput,
    response: agreementView,
    handler: async ({ deps, ctx, params, body }) => presentAgreement(await reviewPlan(deps, ctx, params.id, body)),
  }),
  ...(['docx', 'pdf'] as const).map((format) =>
    route({
      method: 'get',
      path: `/api/projects/:id/agreement.${format}`,
      summary: format === 'docx' ? '实施协议（Word） / The agreement as .docx' : '实施协议（PDF） / The agreement as PDF',
      tag,
      access: 'signedIn',
      action: 'project.read',
      params: projectParams,
      response: 'file',
      handler: async ({ deps, ctx, params }) => {
        const d = await agreementDocument(deps, ctx, params.id);
        const docx = await agreementDocx({
          agreementNumber: d.agreement.agreementNumber,
          province: d.definition.issuer,
          enterprise: { name: d.project.organizationName, creditCode: d.project.creditCode },
          cityName: d.project.cityName,
          projectName: d.project.projectName,
          definition: d.definition,
          plan: d.agreement.plan,
          signedOn: d.agreement.signedOn,
          signatories: (d.agreement.signatories ?? null) as { province: string; enterprise: string } | null,
          generatedAt: d.generatedAt,
        });
        const content = new Uint8Array(format === 'pdf' ? await deps.documents.toPdf(docx) : docx);
        return new FileResult(content, `${d.project.projectName}项目实施协议.${format}`, KIND_MIME[format], content.byteLength);
      },
    }),
  ),
  route({
    method: 'post',
    path: '/api/projects/:id/agreement/sign',
    summary: '登记协议签订（日期、签字人），项目进入实施 / Record the signing; implementation starts',
    tag,
    access: 'signedIn',
    action: 'project.manage',
    params: projectParams,
    body: signInput,
    response: agreementView,
    handler: async ({ deps, ctx, params, body }) => presentAgreement(await signAgreement(deps, ctx, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/projects/:id/reports',
    summary: '季度进展报告（含逾期标记） / Progress reports, overdue ones flagged',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: projectParams,
    response: reportList,
    handler: async ({ deps, ctx, params }) => ({ items: (await listReports(deps, ctx, params.id)).map(presentReport) }),
  }),
  route({
    method: 'put',
    path: '/api/projects/:id/reports/:reportId',
    summary: '报送季度进展 / The applicant submits a progress report',
    tag,
    access: 'signedIn',
    action: 'project.report',
    params: projectReportParams,
    body: reportInput,
    response: progressReport,
    handler: async ({ deps, ctx, params, body }) => presentReport(await submitReport(deps, ctx, params.id, params.reportId, body)),
  }),
  ...(['city', 'province'] as const).map((by) =>
    route({
      method: 'post',
      path: `/api/projects/:id/reports/:reportId/${by}-comment`,
      summary: `${byParty(by).zh}审阅意见 / ${by === 'city' ? 'The city' : 'The province'} comments on a submitted report`,
      tag,
      access: 'signedIn',
      action: byParty(by).action,
      params: projectReportParams,
      body: commentInput,
      response: progressReport,
      handler: async ({ deps, ctx, params, body }) => presentReport(await commentReport(deps, ctx, params.id, params.reportId, by, body.comment)),
    }),
  ),
  route({
    method: 'get',
    path: '/api/projects/:id/visits',
    summary: '指导检查记录 / Guidance visits',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: projectParams,
    response: visitList,
    handler: async ({ deps, ctx, params }) => ({ items: (await listVisits(deps, ctx, params.id)).map(presentVisit) }),
  }),
  ...(['city', 'province'] as const).map((by) =>
    route({
      method: 'post',
      path: `/api/projects/:id/visits/${by}`,
      summary: `登记${byParty(by).zh}指导检查 / ${by === 'city' ? 'The city' : 'The province'} logs a guidance visit`,
      tag,
      access: 'signedIn',
      action: byParty(by).action,
      params: projectParams,
      body: visitInput,
      response: guidanceVisit,
      status: 201,
      handler: async ({ deps, ctx, params, body }) => presentVisit(await addVisit(deps, ctx, params.id, by, body)),
    }),
  ),
  route({
    method: 'get',
    path: '/api/projects/:id/acceptance',
    summary: '验收（各轮次与下一步） / Acceptance rounds and the step awaited',
    tag,
    access: 'signedIn',
    action: 'project.read',
    params: projectParams,
    response: acceptanceView,
    handler: async ({ deps, ctx, params }) => presentAcceptance(await getAcceptance(deps, ctx, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/projects/:id/acceptance/request',
    summary: '申请验收或整改后重新提交 / The applicant requests acceptance, or resubmits after rectification',
    tag,
    access: 'signedIn',
    action: 'project.report',
    params: projectParams,
    body: acceptanceRequestInput,
    response: acceptanceView,
    handler: async ({ deps, ctx, params, body }) => presentAcceptance(await requestAcceptance(deps, ctx, params.id, body)),
  }),
  ...(['city', 'province'] as const).map((by) =>
    route({
      method: 'post',
      path: `/api/projects/:id/acceptance/${by}`,
      summary: `${by === 'city' ? '市级初验（或验收）结论' : '省级专家验收结论'} / ${byParty(by).en}’s acceptance decision (pass, or fail with a rectification deadline)`,
      tag,
      access: 'signedIn',
      action: byParty(by).action,
      params: projectParams,
      body: acceptanceDecisionInput,
      response: acceptanceView,
      handler: async ({ deps, ctx, params, body }) => presentAcceptance(await decideAcceptance(deps, ctx, params.id, by, body)),
    }),
  ),
];
