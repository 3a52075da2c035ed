/**
 * The expert's side of the review and the province's view of the scores.
 *
 * An expert sees only their own assignments. For each, the conflict-of-interest declaration comes
 * first (回避): until the expert declares no conflict, the application's content is not shown (only
 * the project, the applicant and the direction, which the declaration is about). Then the expert
 * scores by the program's rubric, saves drafts and submits once; scores are independent: no route
 * shows an expert another expert's score. The province sees every score with the expert's name, the
 * aggregate by the program's rule, the panel's record (consensus, defense hearing) and the ranking,
 * and closes scoring by recording each application's final score.
 */
import { formsFor } from '../../core/applications/form-data.ts';
import { DomainError, notFound, type FieldError, type Messages } from '../../core/errors.ts';
import type { Direction, FormField, ProgramDefinition } from '../../core/programs/definition.ts';
import { weightedScore, OVERALL, type Rubric } from '../../core/selection/scoring.ts';
import type { ApplicationRow, AssignmentRow, AttachmentRow, Deps, ExpertRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit, type ActingContext } from '../support.ts';
import { APPLICATION, CALL, loadOrThrow, notifyCallOwners, publishedDefinition } from '../applicants/common.ts';
import { expertOfActor } from './experts.ts';
import { rankingOfCall, scoresOfCall, scoringOf, type ApplicationScore } from './ranking.ts';

const ASSIGNMENT: Messages = { 'zh-CN': '评审任务', en: 'Review assignment' };

/** May this signed-in expert read the application (an assignment they accepted, or scored)? For attachment downloads. */
export async function expertMayReadApplication(repos: Repositories, accountId: string, applicationId: string): Promise<boolean> {
  const expert = await repos.experts.findByAccount(accountId);
  if (!expert) return false;
  return (await repos.assignments.forApplication(applicationId)).some((a) => a.expertId === expert.id && (a.status === 'accepted' || a.status === 'submitted'));
}

async function definitionOf(repos: Repositories, app: ApplicationRow): Promise<ProgramDefinition> {
  const version = loadOrThrow(await repos.programs.findVersion(app.programCode, app.programVersion), APPLICATION);
  return publishedDefinition(app.programCode, app.programVersion, version.definition);
}

/** The rubric as the expert fills it in: the program's criteria, or the one overall score. */
export function rubricOf(definition: ProgramDefinition): Rubric {
  const rubric = scoringOf(definition).rubric;
  return rubric.length ? rubric : [{ id: OVERALL, name: { 'zh-CN': '总分', en: 'Overall score' }, weight: 10_000, max: 100 }];
}

function directionNames(definition: ProgramDefinition, codes: readonly string[]): { code: string; name: Messages }[] {
  const names = new Map<string, Messages>();
  const walk = (ds: readonly Direction[]) => {
    for (const d of ds) {
      names.set(d.code, d.name);
      walk(d.children ?? []);
    }
  };
  walk(definition.directions);
  return codes.map((code) => ({ code, name: names.get(code) ?? { 'zh-CN': code, en: code } }));
}

/** The signed-in expert and their own assignment; another's (or none) is "not found". */
async function ownAssignment(repos: Repositories, ctx: RequestContext, deps: Deps, id: string, lock = false): Promise<{ acting: ActingContext; expert: ExpertRow; assignment: AssignmentRow }> {
  const acting = authorize(ctx, 'expert.review');
  const expert = await expertOfActor(repos, acting, deps.clock);
  const assignment = lock ? await repos.assignments.findByIdForUpdate(id) : await repos.assignments.findById(id);
  if (!expert || !assignment || assignment.expertId !== expert.id) throw notFound(ASSIGNMENT);
  const pool = loadOrThrow(await repos.organizations.findById(expert.poolId), ASSIGNMENT);
  authorize(ctx, 'expert.review', { organizationPath: pool.path });
  return { acting, expert, assignment };
}

/** An expert's own view of an assignment: never another expert's scores. */
const ownView = (a: AssignmentRow) => ({
  id: a.id,
  callId: a.callId,
  applicationId: a.applicationId,
  status: a.status,
  conflictDeclaration: a.conflictDeclaration,
  scores: a.scores,
  total: a.total,
  comment: a.comment,
  submittedAt: a.submittedAt,
});
export type OwnAssignment = ReturnType<typeof ownView>;

export async function myAssignments(deps: Deps, ctx: RequestContext) {
  return deps.uow.transaction(async (repos) => {
    const acting = authorize(ctx, 'expert.review');
    const expert = await expertOfActor(repos, acting, deps.clock);
    if (!expert) return { expert: null, items: [] };
    const pool = loadOrThrow(await repos.organizations.findById(expert.poolId), ASSIGNMENT);
    authorize(ctx, 'expert.review', { organizationPath: pool.path });
    const rows = await repos.assignments.forExpert(expert.id);
    return {
      expert: { id: expert.id, name: expert.name },
      items: rows.map((r) => ({ ...ownView(r), projectName: r.projectName, organizationName: r.organizationName, callTitle: r.callTitle, programCode: r.programCode })),
    };
  });
}

export interface ReviewDetail {
  assignment: OwnAssignment;
  application: { id: string; projectName: string; organizationName: string; callTitle: string; directions: { code: string; name: Messages }[] };
  rubric: Rubric;
  /** Only after the expert declared no conflict. */
  content: {
    forms: { id: string; title: Messages; sections: { title: Messages; fields: { id: string; label: Messages; type: string; unit: string | null; value: unknown; field: FormField }[] }[] }[];
    /** The definition's directions, for writing direction codes with their names. */
    directions: ProgramDefinition['directions'];
    attachments: AttachmentRow[];
  } | null;
}

/** One assignment for its expert; the application's content only once they accepted it (and each read is audited). */
export async function reviewDetail(deps: Deps, ctx: RequestContext, id: string): Promise<ReviewDetail> {
  return deps.uow.transaction(async (repos) => {
    const { assignment } = await ownAssignment(repos, ctx, deps, id);
    const app = loadOrThrow(await repos.applications.findById(assignment.applicationId), APPLICATION);
    const definition = await definitionOf(repos, app);
    let content: ReviewDetail['content'] = null;
    if (assignment.status === 'accepted' || assignment.status === 'submitted') {
      const forms = formsFor(definition, app.formData).map((f) => ({
        id: f.id,
        title: f.title,
        sections: f.sections.map((s) => ({ title: s.title, fields: s.fields.map((x) => ({ id: x.id, label: x.label, type: x.type, unit: x.unit ?? null, value: app.formData[f.id]?.[x.id] ?? null, field: x })) })),
      }));
      content = { forms, directions: definition.directions, attachments: await repos.attachments.forApplication(app.id) };
      await recordAudit(repos, ctx, deps.clock, { action: 'application.read_by_expert', entityType: 'application', entityId: app.id, organizationId: app.organizationId, after: { assignmentId: id } });
    }
    return {
      assignment: ownView(assignment),
      application: { id: app.id, projectName: app.projectName, organizationName: app.organizationName, callTitle: app.callTitle, directions: directionNames(definition, app.directions) },
      rubric: rubricOf(definition),
      content,
    };
  });
}

/** The declaration (回避): no conflict → accepted; a conflict → declined, with the relation; the province is told. */
export async function declareConflict(deps: Deps, ctx: RequestContext, id: string, input: { conflict: boolean; relation: string }) {
  return deps.uow.transaction(async (repos) => {
    const { assignment, expert } = await ownAssignment(repos, ctx, deps, id, true);
    if (assignment.status !== 'assigned') throw new DomainError('conflict', 'already_declared', { 'zh-CN': '已申报过是否存在利益冲突', en: 'The declaration has been made already' }, [], { assignmentStatus: assignment.status });
    if (input.conflict && input.relation.trim().length < 2) {
      throw new DomainError('validation', 'validation_failed', { 'zh-CN': '请说明利益关系', en: 'Describe the relation' }, [
        { path: 'relation', code: 'required', messages: { 'zh-CN': '利益关系：必填', en: 'Relation: is required' } },
      ]);
    }
    const now = deps.clock.now();
    const declaration = { conflict: input.conflict, relation: input.conflict ? input.relation.trim() : null, at: now.toISOString() };
    const status = input.conflict ? 'declined_conflict' : 'accepted';
    await repos.assignments.update(id, { status, conflictDeclaration: declaration }, now);
    const app = loadOrThrow(await repos.applications.findById(assignment.applicationId), APPLICATION);
    await recordAudit(repos, ctx, deps.clock, { action: input.conflict ? 'assignment.declined_conflict' : 'assignment.accepted', entityType: 'assignment', entityId: id, organizationId: expert.poolId, before: { status: assignment.status }, after: { status, declaration } });
    if (input.conflict) {
      const call = loadOrThrow(await repos.calls.findById(assignment.callId), CALL);
      await notifyCallOwners(repos, deps.clock, call, {
        kind: 'review.declined_conflict',
        title: { 'zh-CN': '专家申报回避', en: 'An expert declared a conflict of interest' },
        body: { 'zh-CN': `专家${expert.name}申报与“${app.projectName}”存在利益冲突（${declaration.relation}），请另行分配专家。`, en: `${expert.name} declared a conflict with “${app.projectName}” (${declaration.relation}); assign another expert.` },
        link: `/selection/calls/${assignment.callId}`,
      });
    }
    return ownView((await repos.assignments.findById(id))!);
  });
}

/** The criteria given so far, each in range (a draft may leave some out). */
function checkDraft(rubric: Rubric, scores: Record<string, number>): number | null {
  try {
    return weightedScore(rubric.length === 1 && rubric[0]!.id === OVERALL ? [] : rubric, scores);
  } catch (err) {
    if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
    const fields = err.fields.filter((f) => f.code !== 'required');
    if (fields.length) throw new DomainError('validation', 'validation_failed', err.messages, fields);
    return null;
  }
}

async function scoringOpen(repos: Repositories, assignment: AssignmentRow): Promise<ApplicationRow> {
  if (assignment.status === 'assigned') throw new DomainError('conflict', 'declaration_first', { 'zh-CN': '请先申报是否存在利益冲突', en: 'Declare whether you have a conflict of interest first' });
  if (assignment.status === 'declined_conflict') throw new DomainError('conflict', 'declined_conflict', { 'zh-CN': '您已申报回避，不能评分', en: 'You declared a conflict of interest and cannot score' });
  if (assignment.status === 'submitted') throw new DomainError('conflict', 'already_submitted', { 'zh-CN': '评分已提交，不能再修改', en: 'The score is submitted and final' });
  const app = loadOrThrow(await repos.applications.findById(assignment.applicationId), APPLICATION);
  if (app.state !== 'expert_review' || app.finalScore !== null) throw new DomainError('conflict', 'scoring_closed', { 'zh-CN': '该申报的专家评审已结束', en: 'Expert review of this application is closed' });
  return app;
}

/** Saves a draft of the scores (each given criterion checked; the total once all are given). */
export async function saveScoreDraft(deps: Deps, ctx: RequestContext, id: string, input: { scores: Record<string, number>; comment: string }) {
  return deps.uow.transaction(async (repos) => {
    const { assignment, expert } = await ownAssignment(repos, ctx, deps, id, true);
    const app = await scoringOpen(repos, assignment);
    const rubric = rubricOf(await definitionOf(repos, app));
    const total = checkDraft(rubric, input.scores);
    await repos.assignments.update(id, { scores: input.scores, comment: input.comment, total }, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'assignment.draft_saved', entityType: 'assignment', entityId: id, organizationId: expert.poolId, before: { scores: assignment.scores, comment: assignment.comment }, after: { scores: input.scores, comment: input.comment, total } });
    return ownView((await repos.assignments.findById(id))!);
  });
}

/** Submits the scores: every criterion within its range and a comment; final. */
export async function submitScore(deps: Deps, ctx: RequestContext, id: string, input: { scores: Record<string, number>; comment: string }) {
  return deps.uow.transaction(async (repos) => {
    const { assignment, expert } = await ownAssignment(repos, ctx, deps, id, true);
    const app = await scoringOpen(repos, assignment);
    const rubric = rubricOf(await definitionOf(repos, app));
    const fields: FieldError[] = [];
    let total: number | null = null;
    try {
      total = weightedScore(rubric.length === 1 && rubric[0]!.id === OVERALL ? [] : rubric, input.scores);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'validation_failed') throw err;
      fields.push(...err.fields);
    }
    if (input.comment.trim().length < 2) fields.push({ path: 'comment', code: 'required', messages: { 'zh-CN': '评审意见：必填', en: 'Comment: is required' } });
    if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '评分有误，请按提示修改', en: 'Some scores need correcting' }, fields);
    const now = deps.clock.now();
    await repos.assignments.update(id, { scores: input.scores, comment: input.comment.trim(), total, status: 'submitted', submittedAt: now }, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'assignment.submitted', entityType: 'assignment', entityId: id, organizationId: expert.poolId, before: { status: assignment.status }, after: { status: 'submitted', scores: input.scores, total } });
    return ownView((await repos.assignments.findById(id))!);
  });
}

// ——— The province's side ———

const SCORED_STATES = ['expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'] as const;

async function provinceOfCall(repos: Repositories, ctx: RequestContext, callId: string, action: 'selection.manage' | 'selection.read') {
  authorize(ctx, action);
  const call = loadOrThrow(await repos.calls.findById(callId), CALL);
  const province = loadOrThrow(await repos.organizations.findById(call.provinceId), CALL);
  return { call, acting: authorize(ctx, action, { organizationPath: province.path }) };
}

export interface PanelRecord {
  consensus: string | null;
  defense: { slotAt: string | null; place: string | null; attended: boolean | null; outcome: string | null } | null;
}

/** Every application under (or past) expert review: each expert's submitted total, the aggregate, progress, the panel. */
export async function callScores(deps: Deps, ctx: RequestContext, callId: string): Promise<{ definition: ProgramDefinition; rows: (ApplicationScore & { panel: PanelRecord | null })[] }> {
  return deps.uow.read(async (repos) => {
    await provinceOfCall(repos, ctx, callId, 'selection.read');
    const { definition, scores } = await scoresOfCall(repos, callId, SCORED_STATES);
    const panels = await repos.assignments.panelsOfCall(callId);
    return { definition, rows: scores.map((s) => ({ ...s, panel: (panels.get(s.application.id) as PanelRecord | undefined) ?? null })) };
  });
}

/** The panel's record for one application: the consensus and the defense hearing (slot, place, attendance, outcome). */
export async function savePanel(deps: Deps, ctx: RequestContext, applicationId: string, input: PanelRecord): Promise<PanelRecord> {
  return deps.uow.transaction(async (repos) => {
    authorize(ctx, 'selection.manage');
    const app = loadOrThrow(await repos.applications.findByIdForUpdate(applicationId), APPLICATION);
    const { acting, call } = await provinceOfCall(repos, ctx, app.callId, 'selection.manage');
    if (app.state !== 'expert_review') throw new DomainError('conflict', 'not_in_expert_review', { 'zh-CN': '该申报不在专家评审阶段', en: 'This application is not under expert review' }, [], { state: app.state });
    const before = (await repos.assignments.panel(applicationId)) ?? null;
    await repos.assignments.savePanel(applicationId, input.consensus, input.defense, acting.actor.accountId, deps.clock.now());
    await recordAudit(repos, ctx, deps.clock, { action: 'application.panel_saved', entityType: 'application', entityId: applicationId, organizationId: call.provinceId, before, after: input });
    return ((await repos.assignments.panel(applicationId)) as PanelRecord | undefined) ?? input;
  });
}

/** The ranking per direction, with the applications' names for display. */
export async function callRanking(deps: Deps, ctx: RequestContext, callId: string) {
  return deps.uow.read(async (repos) => {
    await provinceOfCall(repos, ctx, callId, 'selection.read');
    const { ranking, incomplete } = await rankingOfCall(repos, callId);
    const apps = await repos.selection.applicationsOfCall(callId, ['expert_review']);
    return { ranking, incomplete, applications: apps.map((a) => ({ id: a.id, projectName: a.projectName, organizationName: a.organizationName, cityName: a.cityName, finalScore: a.finalScore })) };
  });
}

/** Closes scoring: every application's aggregate is recorded as its final score; refused while some are incomplete. */
export async function closeScoring(deps: Deps, ctx: RequestContext, callId: string) {
  return deps.uow.transaction(async (repos) => {
    const { call } = await provinceOfCall(repos, ctx, callId, 'selection.manage');
    const { ranking, incomplete } = await rankingOfCall(repos, callId);
    if (incomplete.length) {
      throw new DomainError('conflict', 'scoring_incomplete', { 'zh-CN': `还有 ${incomplete.length} 项申报未完成评分`, en: `${incomplete.length} application(s) still lack scores` }, [], { incomplete });
    }
    const entries = ranking.rankings.flatMap((r) => r.entries);
    if (!entries.length) throw new DomainError('conflict', 'nothing_to_close', { 'zh-CN': '没有可结束评分的申报', en: 'No application to close scoring for' });
    const now = deps.clock.now();
    const before: Record<string, number | null> = {};
    for (const a of await repos.selection.applicationsOfCall(callId, ['expert_review'])) before[a.id] = a.finalScore;
    for (const e of entries) await repos.selection.setFinalScore(e.applicationId, e.score, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'call.scoring_closed', entityType: 'call', entityId: callId, organizationId: call.provinceId, before, after: Object.fromEntries(entries.map((e) => [e.applicationId, e.score])) });
    return { ranking, incomplete };
  });
}
