/** Expert review: the expert pool, assignment runs, conflict declarations, scores, the panel's record, the ranking. */
import {
  addAssignmentInput,
  applicationParams,
  applyResult,
  assignment,
  assignmentOverview,
  assignmentParams,
  assignmentRun,
  callParams,
  callRanking,
  callScores,
  closeScoringResult,
  declarationInput,
  expert,
  expertImportQuery,
  expertImportResult,
  expertInput,
  expertListQuery,
  expertPage,
  expertParams,
  expertPatch,
  myAssignments as myAssignmentsSchema,
  ownAssignment,
  panelRecord,
  reviewDetail as reviewDetailSchema,
  reviewParams,
  runInput,
  runParams,
  scoresInput,
} from '../../../../contracts/review.ts';
import { z } from 'zod';
import { expertTemplateXlsx, readExpertWorkbook } from '../../documents/expert-import.ts';
import { KIND_MIME } from '../../files/index.ts';
import { lpBound, solveInWorker } from '../../jobs/assignment-worker.ts';
import { formatFieldValue } from '../../documents/format.ts';
import type { ApplicationRow, AssignmentRow, AssignmentRunRow, ExpertRow } from '../../../use-cases/ports.ts';
import { presentAttachment } from './applicants.ts';
import { addAssignment, applyAssignmentRun, assignmentOverview as overview, getAssignmentRun, removeAssignment, startAssignmentRun, type AssignmentSolver } from '../../../use-cases/selection/assignment.ts';
import { createExpert, expertTemplate, importExperts, listExperts, updateExpert } from '../../../use-cases/selection/experts.ts';
import { callRanking as ranking, callScores as scores, closeScoring, declareConflict, myAssignments, reviewDetail, saveScoreDraft, savePanel, submitScore, type OwnAssignment } from '../../../use-cases/selection/scoring.ts';
import { FileResult, route } from '../route.ts';

const tag = 'review';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const XLSX = KIND_MIME.xlsx ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The worker thread and HiGHS: the solve never runs on the request's thread. */
const solver: AssignmentSolver = { solve: (p) => solveInWorker(p), bound: (p) => lpBound(p) };

const presentExpert = (e: ExpertRow) => ({ ...e });

const presentRun = (r: AssignmentRunRow) => ({
  id: r.id,
  callId: r.callId,
  status: r.status,
  perApplication: r.perApplication,
  objective: r.objective,
  greedyObjective: r.greedyObjective,
  bound: r.bound,
  report: (r.report ?? null) as never,
  error: r.error,
  createdAt: r.createdAt.toISOString(),
  finishedAt: iso(r.finishedAt),
});

const presentAssignment = (a: AssignmentRow) => ({
  id: a.id,
  callId: a.callId,
  applicationId: a.applicationId,
  expertId: a.expertId,
  expertName: a.expertName,
  manual: a.manual,
  status: a.status,
  conflictDeclaration: (a.conflictDeclaration ?? null) as never,
  scores: a.scores,
  total: a.total,
  comment: a.comment,
  submittedAt: iso(a.submittedAt),
});

const presentOwn = (a: OwnAssignment) => ({ ...a, conflictDeclaration: (a.conflictDeclaration ?? null) as never, submittedAt: iso(a.submittedAt) });

const presentApplication = (a: ApplicationRow) => ({
  id: a.id,
  projectName: a.projectName,
  organizationName: a.organizationName,
  creditCode: a.creditCode,
  cityName: a.cityName,
  state: a.state,
  directions: a.directions,
});


export const reviewRoutes = [
  // ——— The expert pool ———
  route({
    method: 'get',
    path: '/api/experts',
    summary: '专家库（按姓名、单位、专业领域筛选） / The expert pool, filtered by name, organization or tag',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    query: expertListQuery,
    response: expertPage,
    handler: async ({ deps, ctx, query }) => {
      const { rows, total, tags } = await listExperts(deps, ctx, query);
      return { items: rows.map(presentExpert), total, page: query.page, pageSize: query.pageSize, tags };
    },
  }),
  route({
    method: 'post',
    path: '/api/experts',
    summary: '添加专家 / Add an expert to the pool',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    body: expertInput,
    response: expert,
    status: 201,
    handler: async ({ deps, ctx, body }) => presentExpert(await createExpert(deps, ctx, body)),
  }),
  route({
    method: 'patch',
    path: '/api/experts/:id',
    summary: '修改或停用专家 / Edit an expert, or deactivate (active: false)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: expertParams,
    body: expertPatch,
    response: expert,
    handler: async ({ deps, ctx, params, body }) => presentExpert(await updateExpert(deps, ctx, params.id, body)),
  }),
  route({
    method: 'post',
    path: '/api/experts/import',
    summary: '从 Excel 导入专家（.xlsx，逐行报告错误） / Import experts from .xlsx; refused rows are reported',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    query: expertImportQuery,
    rawBody: { maxBytes: 10 * 1024 * 1024 },
    response: expertImportResult,
    handler: async ({ deps, ctx, query, bytes }) => importExperts(deps, ctx, () => readExpertWorkbook(Buffer.from(bytes)), query.provinceCode),
  }),
  route({
    method: 'get',
    path: '/api/experts/template.xlsx',
    summary: '专家导入模板 / The import template (.xlsx)',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    response: 'file',
    handler: async ({ ctx }) => {
      const content = await expertTemplate(ctx, expertTemplateXlsx);
      return new FileResult(new Uint8Array(content), '专家库导入模板.xlsx', XLSX, content.byteLength);
    },
  }),

  // ——— Assignment ———
  route({
    method: 'get',
    path: '/api/calls/:id/assignments',
    summary: '专家分配概况（申报、专家、分配、利益冲突、最新方案） / Assignments of a call with conflicts and the latest run',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callParams,
    response: assignmentOverview,
    handler: async ({ deps, ctx, params }) => {
      const v = await overview(deps, ctx, params.id);
      return {
        run: v.run ? presentRun(v.run) : null,
        perApplication: v.perApplication,
        load: v.load,
        applications: v.applications.map(presentApplication),
        experts: v.experts.map(presentExpert),
        assignments: v.assignments.map(presentAssignment),
        conflicts: v.conflicts.map((c) => ({ ...c, reasons: [...c.reasons] })),
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/assignment-runs',
    summary: '开始计算分配方案（后台计算，立即返回） / Start an assignment run; solved in the background, answered at once',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callParams,
    body: runInput,
    response: assignmentRun,
    status: 202,
    handler: async ({ deps, ctx, params, body }) => presentRun(await startAssignmentRun(deps, ctx, params.id, body, solver)),
  }),
  route({
    method: 'get',
    path: '/api/assignment-runs/:id',
    summary: '分配方案（轮询其状态与质量报告） / An assignment run: poll its status and quality report',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: runParams,
    response: assignmentRun,
    handler: async ({ deps, ctx, params }) => presentRun(await getAssignmentRun(deps, ctx, params.id)),
  }),
  route({
    method: 'post',
    path: '/api/assignment-runs/:id/apply',
    summary: '应用分配方案（申报进入专家评审） / Apply a run: replaces the automatic assignments, moves applications to expert review',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: runParams,
    response: applyResult,
    handler: async ({ deps, ctx, params }) => {
      const r = await applyAssignmentRun(deps, ctx, params.id);
      return { run: presentRun(r.run), moved: r.moved, assignments: r.assignments.map(presentAssignment) };
    },
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/assignments',
    summary: '手工分配一位专家（存在利益冲突时拒绝） / Assign one expert by hand (refused on a conflict of interest)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callParams,
    body: addAssignmentInput,
    response: assignment,
    status: 201,
    handler: async ({ deps, ctx, params, body }) => presentAssignment(await addAssignment(deps, ctx, params.id, body)),
  }),
  route({
    method: 'delete',
    path: '/api/assignments/:id',
    summary: '移除一项分配 / Remove one assignment (not a submitted one)',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: assignmentParams,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ deps, ctx, params }) => {
      await removeAssignment(deps, ctx, params.id);
      return { ok: true as const };
    },
  }),

  // ——— The expert's side ———
  route({
    method: 'get',
    path: '/api/reviews',
    summary: '我的评审任务 / My review assignments',
    tag,
    access: 'signedIn',
    action: 'expert.review',
    response: myAssignmentsSchema,
    handler: async ({ deps, ctx }) => {
      const r = await myAssignments(deps, ctx);
      return { expert: r.expert, items: r.items.map((i) => ({ ...presentOwn(i), projectName: i.projectName, organizationName: i.organizationName, callTitle: i.callTitle, programCode: i.programCode })) };
    },
  }),
  route({
    method: 'get',
    path: '/api/reviews/:id',
    summary: '一项评审任务（申报内容在申明无利益冲突后可见） / One assignment; the content only after declaring no conflict',
    tag,
    access: 'signedIn',
    action: 'expert.review',
    params: reviewParams,
    response: reviewDetailSchema,
    handler: async ({ deps, ctx, params }) => {
      const d = await reviewDetail(deps, ctx, params.id);
      const c = d.content;
      // Each value as the official form writes it (money in its unit, 是/否, direction names), in both languages.
      const forms = c?.forms.map((f) => ({
        ...f,
        sections: f.sections.map((s) => ({
          title: s.title,
          fields: s.fields.map(({ field, ...x }) => ({ ...x, display: { 'zh-CN': formatFieldValue(field, x.value, c, 'zh-CN'), en: formatFieldValue(field, x.value, c, 'en') } })),
        })),
      }));
      return { ...d, assignment: presentOwn(d.assignment), content: c && forms ? { forms, attachments: c.attachments.map(presentAttachment) } : null };
    },
  }),
  route({
    method: 'post',
    path: '/api/reviews/:id/declaration',
    summary: '利益冲突申明（回避） / Conflict-of-interest declaration',
    tag,
    access: 'signedIn',
    action: 'expert.review',
    params: reviewParams,
    body: declarationInput,
    response: ownAssignment,
    handler: async ({ deps, ctx, params, body }) => presentOwn(await declareConflict(deps, ctx, params.id, body)),
  }),
  route({
    method: 'put',
    path: '/api/reviews/:id/scores',
    summary: '保存评分草稿 / Save the scores as a draft',
    tag,
    access: 'signedIn',
    action: 'expert.review',
    params: reviewParams,
    body: scoresInput,
    response: ownAssignment,
    handler: async ({ deps, ctx, params, body }) => presentOwn(await saveScoreDraft(deps, ctx, params.id, body)),
  }),
  route({
    method: 'post',
    path: '/api/reviews/:id/submit',
    summary: '提交评分（提交后不可修改） / Submit the scores (final)',
    tag,
    access: 'signedIn',
    action: 'expert.review',
    params: reviewParams,
    body: scoresInput,
    response: ownAssignment,
    handler: async ({ deps, ctx, params, body }) => presentOwn(await submitScore(deps, ctx, params.id, body)),
  }),

  // ——— The province's view of the scores ———
  route({
    method: 'get',
    path: '/api/calls/:id/scores',
    summary: '专家评分汇总（各专家得分、汇总分、进度、合议与答辩） / Scores of a call: each expert’s total, the aggregate, progress, the panel',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callParams,
    response: callScores,
    handler: async ({ deps, ctx, params }) => {
      const { definition, rows } = await scores(deps, ctx, params.id);
      const s = definition.scoring!;
      return {
        rubric: s.rubric,
        aggregation: s.aggregation,
        defenseHearing: s.defenseHearing,
        rows: rows.map((r) => ({
          application: { ...presentApplication(r.application), finalScore: r.application.finalScore },
          experts: r.assignments.map(presentAssignment),
          aggregate: r.aggregate,
          submitted: r.submitted,
          assigned: r.assigned,
          panel: r.panel,
        })),
      };
    },
  }),
  route({
    method: 'put',
    path: '/api/applications/:id/panel',
    summary: '合议意见与答辩记录 / The panel’s consensus and the defense hearing',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: applicationParams,
    body: panelRecord,
    response: panelRecord,
    handler: async ({ deps, ctx, params, body }) => savePanel(deps, ctx, params.id, body),
  }),
  route({
    method: 'get',
    path: '/api/calls/:id/ranking',
    summary: '按方向排名（门槛分与同分排序说明） / The ranking per direction with the threshold and tie-breaks',
    tag,
    access: 'signedIn',
    action: 'selection.read',
    params: callParams,
    response: callRanking,
    handler: async ({ deps, ctx, params }) => ranking(deps, ctx, params.id),
  }),
  route({
    method: 'post',
    path: '/api/calls/:id/close-scoring',
    summary: '结束评分（记录最终得分） / Close scoring: record each application’s final score',
    tag,
    access: 'signedIn',
    action: 'selection.manage',
    params: callParams,
    response: closeScoringResult,
    handler: async ({ deps, ctx, params }) => closeScoring(deps, ctx, params.id),
  }),
];
