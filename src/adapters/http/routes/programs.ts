/** Program definitions: list, versions, drafts, publication, difference, eligibility check. */
import {
  checkExpressionInput,
  checkExpressionResult,
  diffQuery,
  diffResult,
  evaluateInput,
  evaluation,
  programCodeParams,
  programList,
  programVersionDetail,
  programVersionParams,
  sampleList,
  updateDraftInput,
} from '../../../../contracts/programs.ts';
import { checkExpression, inputsRead } from '../../../core/programs/rule-engine.ts';
import {
  createDraft,
  diffVersions,
  evaluateEligibility,
  getProgramVersion,
  listPrograms,
  listSamples,
  publishVersion,
  updateDraft,
} from '../../../use-cases/programs/programs.ts';
import type { ProgramVersionRow } from '../../../use-cases/ports.ts';
import { authorize } from '../../../use-cases/support.ts';
import type { DefinitionProblem } from '../../../core/programs/validate.ts';
import { route } from '../route.ts';

const tag = 'programs';
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const summary = (v: ProgramVersionRow) => ({
  version: v.version,
  status: v.status,
  basedOnVersion: v.basedOnVersion,
  publishedAt: iso(v.publishedAt),
  createdAt: v.createdAt.toISOString(),
  updatedAt: v.updatedAt.toISOString(),
});
const detail = (v: ProgramVersionRow, problems: DefinitionProblem[]) => ({ ...summary(v), code: v.code, definition: v.definition as Record<string, unknown>, problems });

export const programRoutes = [
  route({
    method: 'get',
    path: '/api/programs',
    summary: '计划列表 / Programs and their versions',
    tag,
    access: 'signedIn',
    action: 'program.read',
    response: programList,
    handler: async ({ deps, ctx }) => ({
      items: (await listPrograms(deps, ctx)).map((p) => ({ code: p.code, provinceCode: p.provinceCode, name: p.name, kind: p.kind, issuer: p.issuer, versions: p.versions.map(summary) })),
    }),
  }),
  route({
    method: 'get',
    path: '/api/programs/:code/versions/:version',
    summary: '计划版本 / One version of a program, with its problems if a draft',
    tag,
    access: 'signedIn',
    action: 'program.read',
    params: programVersionParams,
    response: programVersionDetail,
    handler: async ({ deps, ctx, params }) => {
      const { row, problems } = await getProgramVersion(deps, ctx, params.code, params.version);
      return detail(row, problems);
    },
  }),
  route({
    method: 'post',
    path: '/api/programs/:code/versions/:version/clone',
    summary: '复制为新草稿 / Clone a version into a new draft',
    tag,
    access: 'signedIn',
    action: 'program.manage',
    params: programVersionParams,
    response: programVersionDetail,
    status: 201,
    handler: async ({ deps, ctx, params }) => detail(await createDraft(deps, ctx, params.code, params.version), []),
  }),
  route({
    method: 'put',
    path: '/api/programs/:code/versions/:version',
    summary: '保存草稿 / Save a draft (problems are returned, not refused)',
    tag,
    access: 'signedIn',
    action: 'program.manage',
    params: programVersionParams,
    body: updateDraftInput,
    response: programVersionDetail,
    handler: async ({ deps, ctx, params, body }) => {
      const { row, problems } = await updateDraft(deps, ctx, params.code, params.version, body.definition);
      return detail(row, problems);
    },
  }),
  route({
    method: 'post',
    path: '/api/programs/:code/versions/:version/publish',
    summary: '发布 / Publish a draft (refused while any rule does not type-check)',
    tag,
    access: 'signedIn',
    action: 'program.manage',
    params: programVersionParams,
    response: programVersionDetail,
    handler: async ({ deps, ctx, params }) => detail(await publishVersion(deps, ctx, params.code, params.version), []),
  }),
  route({
    method: 'get',
    path: '/api/programs/:code/diff',
    summary: '版本差异 / The difference between two versions',
    tag,
    access: 'signedIn',
    action: 'program.read',
    params: programCodeParams,
    query: diffQuery,
    response: diffResult,
    handler: async ({ deps, ctx, params, query }) => ({ from: query.from, to: query.to, changes: await diffVersions(deps, ctx, params.code, query.from, query.to) }),
  }),
  route({
    method: 'get',
    path: '/api/programs/:code/samples',
    summary: '样例申报单位 / Saved sample applicants for trying the rules',
    tag,
    access: 'signedIn',
    action: 'program.read',
    params: programCodeParams,
    response: sampleList,
    handler: async ({ deps, ctx, params }) => ({ items: await listSamples(deps, ctx, params.code) }),
  }),
  route({
    method: 'post',
    path: '/api/programs/:code/versions/:version/evaluate',
    summary: '资格预审 / Run every rule on an applicant: outcome, message, citation and inputs read',
    tag,
    access: 'signedIn',
    action: 'program.read',
    params: programVersionParams,
    body: evaluateInput,
    response: evaluation,
    handler: async ({ deps, ctx, params, body }) => evaluateEligibility(deps, ctx, params.code, params.version, body),
  }),
  route({
    method: 'post',
    path: '/api/programs/check-expression',
    summary: '规则表达式检查 / Type-check a rule expression',
    tag,
    access: 'signedIn',
    action: 'program.manage',
    body: checkExpressionInput,
    response: checkExpressionResult,
    handler: async ({ ctx, body }) => {
      authorize(ctx, 'program.manage');
      const r = checkExpression(body.expression);
      let inputs: string[] = [];
      try {
        inputs = r.valid ? inputsRead(body.expression) : [];
      } catch {
        inputs = [];
      }
      return { ...r, inputs };
    },
  }),
];
