/**
 * Applications: a draft under an open call, autosaved; the pre-check with the current profile;
 * submission that repeats every check on the server, by the server's clock, once (a double click or
 * a retry returns the same submission); withdrawal until the city starts its review; the city's
 * return for revision with comments on fields. Every transition leaves a timeline event and an
 * audit record, in the same transaction.
 */
import { applicationFacts, missingAttachments, precheck, profileSource, type Precheck } from '../../core/applications/facts.ts';
import { fillFromProfile, formsFor, pickKnownFields, validateFormData, type FieldIssue, type FormData } from '../../core/applications/form-data.ts';
import { commitmentText, canTransition, EDITABLE, STATE_LABELS, transition, type ApplicationState, type Transition } from '../../core/applications/lifecycle.ts';
import { DomainError, type Messages } from '../../core/errors.ts';
import { evaluateRules, type Evaluation } from '../../core/programs/rule-engine.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import type { ApplicationEventRow, ApplicationRow, AttachmentRow, Deps, ListQuery, Repositories, RequestContext } from '../ports.ts';
import { shanghaiToday } from '../programs/programs.ts';
import { authorize, authorizeList, recordAudit, type ActingContext } from '../support.ts';
import { APPLICATION, CALL, currentProfile, factsOfProfile, loadOrThrow, notifyOrganization, publishedDefinition, requireProfile } from './common.ts';
import { activeBanOf, rulesWithBan } from '../oversight/bans.ts';
import { callStatus } from './calls.ts';

export interface ApplicationView {
  row: ApplicationRow;
  definition: ProgramDefinition;
  attachments: AttachmentRow[];
  timeline: ApplicationEventRow[];
  permissions: { edit: boolean; submit: boolean; withdraw: boolean; startReview: boolean; returnForRevision: boolean };
  commitmentText: string;
}

const definitionOf = (row: Pick<ApplicationRow, 'programCode' | 'programVersion'>, stored: unknown) => publishedDefinition(row.programCode, row.programVersion, stored);

async function storedDefinition(repos: Repositories, row: ApplicationRow): Promise<ProgramDefinition> {
  const version = loadOrThrow(await repos.programs.findVersion(row.programCode, row.programVersion), APPLICATION);
  return definitionOf(row, version.definition);
}

async function viewOf(repos: Repositories, ctx: ActingContext, row: ApplicationRow): Promise<ApplicationView> {
  const definition = await storedDefinition(repos, row);
  const state = row.state as ApplicationState;
  const role = ctx.actor.role;
  const own = ctx.actor.organizationId === row.organizationId;
  const inCity = row.organizationPath.includes(ctx.actor.organizationId);
  return {
    row,
    definition,
    attachments: await repos.attachments.forApplication(row.id),
    timeline: await repos.applications.events(row.id),
    permissions: {
      edit: own && role === 'applicant' && EDITABLE.includes(state),
      submit: own && canTransition('submit', state, role),
      withdraw: own && canTransition('withdraw', state, role),
      startReview: inCity && canTransition('start_review', state, role),
      returnForRevision: inCity && canTransition('return', state, role),
    },
    commitmentText: commitmentText(row.organizationName, definition.name['zh-CN']),
  };
}

/** Loads an application the actor may act on (locked when `forUpdate`), or refuses. */
async function load(repos: Repositories, ctx: RequestContext, id: string, action: 'application.read' | 'application.apply' | 'application.review', forUpdate = false) {
  const row = loadOrThrow(forUpdate ? await repos.applications.findByIdForUpdate(id) : await repos.applications.findById(id), APPLICATION);
  const acting = authorize(ctx, action, { organizationPath: row.organizationPath });
  return { row, acting };
}

export async function listApplications(
  deps: Deps,
  ctx: RequestContext,
  q: ListQuery & { state?: string; callId?: string; programCode?: string; cityId?: string; q?: string; sort: 'updatedAt' | 'submittedAt' | 'projectName' | 'organizationName' | 'state' },
) {
  const { scope } = authorizeList(ctx, 'application.read');
  return deps.uow.read((repos) => repos.applications.list(scope, q));
}

export async function getApplication(deps: Deps, ctx: RequestContext, id: string): Promise<ApplicationView> {
  return deps.uow.transaction(async (repos) => {
    const { row, acting } = await load(repos, ctx, id, 'application.read');
    if (acting.actor.organizationId !== row.organizationId) {
      await recordAudit(repos, ctx, deps.clock, { action: 'application.read', entityType: 'application', entityId: id, organizationId: row.organizationId });
    }
    return viewOf(repos, acting, row);
  });
}

const limitReached = (max: number, citation: string | undefined) =>
  new DomainError(
    'conflict',
    'application_limit',
    {
      'zh-CN': `每个单位在本次申报中最多申报 ${max} 个项目，已达上限${citation ? `（${citation}）` : ''}`,
      en: `An organization may submit at most ${max} project(s) under this call and has reached the limit${citation ? ` (${citation})` : ''}`,
    },
    [],
    { max, citation: citation ?? null },
  );

const deadlinePassed = (deadlineAt: Date) =>
  new DomainError(
    'deadline_passed',
    'deadline_passed',
    {
      'zh-CN': `申报截止时间（${formatShanghai(deadlineAt)}）已过`,
      en: `The deadline (${formatShanghai(deadlineAt)} Beijing time) has passed`,
    },
    [],
    { deadlineAt: deadlineAt.toISOString() },
  );

/** 2025年10月8日 17:00 (Asia/Shanghai). */
export function formatShanghai(d: Date): string {
  const s = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return `${Number(s.slice(0, 4))}年${Number(s.slice(5, 7))}月${Number(s.slice(8, 10))}日 ${s.slice(11, 16)}`;
}

/** Starts a draft under an open call of the applicant's province, within the program's per-applicant limit. */
export async function createApplication(deps: Deps, ctx: RequestContext, callId: string): Promise<ApplicationView> {
  const acting = authorize(ctx, 'application.apply');
  const organizationId = acting.actor.organizationId;
  return deps.uow.transaction(async (repos) => {
    // One applicant's concurrent "start" clicks queue here, so the limit below holds.
    await repos.organizations.lock(organizationId);
    const call = loadOrThrow(await repos.calls.findById(callId), CALL);
    const now = deps.clock.now();
    const status = callStatus(call, now);
    if (status === 'draft') throw loadOrThrow(undefined, CALL);
    if (status === 'closed') throw deadlinePassed(call.deadlineAt);
    if (status === 'scheduled') throw new DomainError('conflict', 'call_not_open', { 'zh-CN': `申报尚未开始（${formatShanghai(call.opensAt)} 开始）`, en: `The call opens on ${formatShanghai(call.opensAt)}` });
    if (acting.actor.organizationPath[1] !== call.provinceId) {
      throw new DomainError('forbidden', 'other_province', { 'zh-CN': '该通知面向其他省份的单位', en: "The call is for another province's organizations" });
    }
    const profile = requireProfile(await currentProfile(repos, organizationId));
    const definition = publishedDefinition(call.programCode, call.programVersion, call.definition);
    const max = definition.perApplicant.maxApplications;
    if (max !== undefined && (await repos.applications.countActive(organizationId, callId)) >= max) throw limitReached(max, definition.perApplicant.citation);

    const id = await repos.applications.insert({ callId, programId: call.programId, programVersion: call.programVersion, organizationId, state: 'draft', createdBy: acting.actor.accountId, now });
    const organization = loadOrThrow(await repos.organizations.findById(organizationId), APPLICATION);
    const formData = fillFromProfile(definition, {}, profileSource(profile.data, organization.creditCode));
    await repos.applications.update(id, { formData }, now);
    await repos.applications.addEvent({ applicationId: id, fromState: null, toState: 'draft', actorId: acting.actor.accountId, actorName: acting.actor.name, actorRole: acting.actor.role, comment: null, at: now });
    await recordAudit(repos, ctx, deps.clock, { action: 'application.created', entityType: 'application', entityId: id, organizationId, after: { callId, program: `${call.programCode}@${call.programVersion}`, state: 'draft' } });
    return viewOf(repos, acting, loadOrThrow(await repos.applications.findById(id), APPLICATION));
  });
}

const staleRevision = (revision: number) =>
  new DomainError(
    'conflict',
    'stale_revision',
    { 'zh-CN': '申报书已在其他窗口或由其他人保存过，请刷新后继续', en: 'The application was saved elsewhere meanwhile; reload to continue' },
    [],
    { revision },
  );

const notEditable = (state: string) =>
  new DomainError('conflict', 'not_editable', {
    'zh-CN': `当前状态（${STATE_LABELS[state as ApplicationState]?.['zh-CN'] ?? state}）不能修改`,
    en: `An application that is ${STATE_LABELS[state as ApplicationState]?.en.toLowerCase() ?? state} cannot be changed`,
  });

function projectNameOf(formData: FormData, definition: ProgramDefinition): string {
  for (const f of formsFor(definition, formData)) {
    for (const id of ['projectName', 'platformName']) {
      const v = formData[f.id]?.[id];
      if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 200);
    }
  }
  return '';
}

/** The applicant's own data, as the server keeps it: known fields only, profile fields from the profile. */
async function normalized(repos: Repositories, row: ApplicationRow, definition: ProgramDefinition, formData: FormData): Promise<FormData> {
  const profile = await currentProfile(repos, row.organizationId);
  const known = pickKnownFields(definition, formData);
  return profile ? fillFromProfile(definition, known, profileSource(profile.data, row.creditCode)) : known;
}

/**
 * Autosave. Stale revisions are refused so two tabs never silently overwrite each other; the draft is
 * kept even when incomplete or wrong, and the problems that would stop submission come back with it.
 */
export async function saveDraft(deps: Deps, ctx: RequestContext, id: string, input: { revision: number; formData: FormData }): Promise<{ revision: number; savedAt: Date; issues: FieldIssue[] }> {
  return deps.uow.transaction(async (repos) => {
    const { row } = await load(repos, ctx, id, 'application.apply', true);
    if (!EDITABLE.includes(row.state as ApplicationState)) throw notEditable(row.state);
    if (row.revision !== input.revision) throw staleRevision(row.revision);
    const now = deps.clock.now();
    if (row.state === 'draft' && now >= row.deadlineAt) throw deadlinePassed(row.deadlineAt);
    const definition = await storedDefinition(repos, row);
    const formData = await normalized(repos, row, definition, input.formData);
    const changed = Object.entries(formData).flatMap(([f, fields]) =>
      Object.keys(fields)
        .filter((k) => JSON.stringify(fields[k]) !== JSON.stringify(row.formData[f]?.[k]))
        .map((k) => `${f}.${k}`),
    );
    const revision = row.revision + 1;
    const { facts } = applicationFacts(definition, formData, new Set());
    await repos.applications.update(id, { formData, revision, projectName: projectNameOf(formData, definition), directions: facts.directions as string[], category: (facts.category as string) || null }, now);
    await recordAudit(repos, ctx, deps.clock, { action: 'application.draft_saved', entityType: 'application', entityId: id, organizationId: row.organizationId, after: { revision, changed } });
    return { revision, savedAt: now, issues: validateFormData(definition, formData, 'submit') };
  });
}

/** Every rule's outcome for the application as it stands (with the profile as it is now, or as frozen at submission). */
export async function precheckApplication(deps: Deps, ctx: RequestContext, id: string): Promise<Precheck & { profileComplete: boolean; today: string }> {
  return deps.uow.read(async (repos) => {
    const { row } = await load(repos, ctx, id, 'application.read');
    const definition = await storedDefinition(repos, row);
    const frozen = !EDITABLE.includes(row.state as ApplicationState) && row.profileVersionId ? await repos.profiles.findById(row.profileVersionId) : undefined;
    const profile = frozen ? { data: frozen.data as never } : await currentProfile(repos, row.organizationId);
    const attachments = await repos.attachments.forApplication(id);
    const today = shanghaiToday(deps.clock.now());
    const ban = await activeBanOf(repos, row.organizationId, row.programCode, today);
    return { ...precheck(rulesWithBan(definition, ban), factsOfProfile(profile?.data ?? null, ban?.lastDay), row.formData, new Set(attachments.map((a) => a.requirementId)), today), profileComplete: profile !== null, today };
  });
}

const NOT_ELIGIBLE: Messages = { 'zh-CN': '不符合申报条件，不能提交', en: 'The applicant does not meet the conditions and cannot submit' };

/**
 * Submission. Every check is repeated here: the deadline by the server's clock, the form, the
 * attachments, the limit, the rules (with the profile frozen as this submission's version). Under the
 * row lock, a second request for the same revision finds it submitted and returns it unchanged.
 */
export async function submitApplication(deps: Deps, ctx: RequestContext, id: string, input: { revision: number; commitment: { signatoryName: string } }): Promise<ApplicationView> {
  return deps.uow.transaction(async (repos) => {
    const { row, acting } = await load(repos, ctx, id, 'application.apply', true);
    if (row.state === 'submitted' && row.revision === input.revision) return viewOf(repos, acting, row);
    const next = transition('submit', row.state as ApplicationState);
    if (row.revision !== input.revision) throw staleRevision(row.revision);
    const now = deps.clock.now();
    if (row.state === 'draft' && now >= row.deadlineAt) throw deadlinePassed(row.deadlineAt);

    const definition = await storedDefinition(repos, row);
    const profile = requireProfile(await currentProfile(repos, row.organizationId));
    const formData = fillFromProfile(definition, row.formData, profileSource(profile.data, row.creditCode));
    const attachments = await repos.attachments.forApplication(id);
    const present = new Set(attachments.map((a) => a.requirementId));
    const today = shanghaiToday(now);
    const ban = await activeBanOf(repos, row.organizationId, row.programCode, today);
    const applicant = factsOfProfile(profile.data, ban?.lastDay);
    const issues = [...validateFormData(definition, formData, 'submit'), ...missingAttachments(definition, formData, applicant, present, today)];
    if (issues.length) {
      throw new DomainError('validation', 'validation_failed', { 'zh-CN': `还有 ${issues.length} 处需要填写或修改`, en: `${issues.length} item(s) need to be completed or corrected` }, issues);
    }
    const max = definition.perApplicant.maxApplications;
    if (max !== undefined && (await repos.applications.countActive(row.organizationId, row.callId)) > max) throw limitReached(max, definition.perApplicant.citation);
    const evaluation: Evaluation = evaluateRules(rulesWithBan(definition, ban), { applicant, application: applicationFacts(definition, formData, present).facts, today });
    if (!evaluation.eligible) {
      const blocking = evaluation.outcomes.filter((o) => o.blocking);
      throw new DomainError('conflict', 'not_eligible', NOT_ELIGIBLE, [], {
        outcomes: blocking.map((o) => ({ ruleId: o.ruleId, message: o.message, citation: o.citation, status: o.status, error: o.error ?? null })),
      });
    }

    const commitment = { signatoryName: input.commitment.signatoryName, acceptedAt: now.toISOString(), ip: ctx.ip, text: commitmentText(row.organizationName, definition.name['zh-CN']) };
    await repos.applications.update(id, { state: next, formData, submittedAt: now, profileVersionId: profile.id, eligibility: evaluation, commitment, fieldComments: {} }, now);
    await repos.applications.addEvent({ applicationId: id, fromState: row.state, toState: next, actorId: acting.actor.accountId, actorName: acting.actor.name, actorRole: acting.actor.role, comment: null, at: now });
    await recordAudit(repos, ctx, deps.clock, {
      action: 'application.submitted',
      entityType: 'application',
      entityId: id,
      organizationId: row.organizationId,
      before: { state: row.state },
      after: { state: next, revision: row.revision, profileVersion: profile.version, signatoryName: commitment.signatoryName, priorities: evaluation.priorities },
    });
    const link = `/applications/${id}`;
    const name = row.projectName || row.callTitle;
    await notifyOrganization(
      repos,
      deps.clock,
      row.organizationId,
      { kind: 'application.submitted', title: { 'zh-CN': '申报已提交', en: 'Application submitted' }, body: { 'zh-CN': `“${name}”已于 ${formatShanghai(now)} 提交，等待市级初审。`, en: `“${name}” was submitted on ${formatShanghai(now)} and awaits the city review.` }, link },
      { email: true, publicUrl: deps.settings.publicUrl },
    );
    const city = row.organizationPath.at(-2);
    if (city) {
      await notifyOrganization(repos, deps.clock, city, { kind: 'application.submitted', title: { 'zh-CN': '新的申报待初审', en: 'A new application awaits review' }, body: { 'zh-CN': `${row.organizationName}：“${name}”`, en: `${row.organizationName}: “${name}”` }, link }, { role: 'city_officer' });
    }
    return viewOf(repos, acting, loadOrThrow(await repos.applications.findById(id), APPLICATION));
  });
}

/** Moves an application along one transition, with its timeline event, audit record and notices. */
async function applyTransition(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  t: Transition,
  action: 'application.apply' | 'application.review',
  options: { comment: string | null; patch?: (now: Date, acting: ActingContext) => Parameters<Repositories['applications']['update']>[1]; notice?: (row: ApplicationRow, now: Date) => (Parameters<typeof notifyOrganization>[3] & { to: 'applicant' | 'city' }) | undefined },
): Promise<ApplicationView> {
  return deps.uow.transaction(async (repos) => {
    const { row, acting } = await load(repos, ctx, id, action, true);
    const next = transition(t, row.state as ApplicationState);
    const now = deps.clock.now();
    await repos.applications.update(id, { state: next, ...(options.patch?.(now, acting) ?? {}) }, now);
    await repos.applications.addEvent({ applicationId: id, fromState: row.state, toState: next, actorId: acting.actor.accountId, actorName: acting.actor.name, actorRole: acting.actor.role, comment: options.comment, at: now });
    await recordAudit(repos, ctx, deps.clock, { action: `application.${t}`, entityType: 'application', entityId: id, organizationId: row.organizationId, before: { state: row.state }, after: { state: next, comment: options.comment } });
    const notice = options.notice?.(row, now);
    if (notice) {
      const { to, ...n } = notice;
      if (to === 'applicant') await notifyOrganization(repos, deps.clock, row.organizationId, n, { email: true, publicUrl: deps.settings.publicUrl });
      else if (row.organizationPath.at(-2)) await notifyOrganization(repos, deps.clock, row.organizationPath.at(-2)!, n, { role: 'city_officer' });
    }
    return viewOf(repos, acting, loadOrThrow(await repos.applications.findById(id), APPLICATION));
  });
}

export function withdrawApplication(deps: Deps, ctx: RequestContext, id: string, reason: string): Promise<ApplicationView> {
  return applyTransition(deps, ctx, id, 'withdraw', 'application.apply', {
    comment: reason,
    notice: (row) =>
      row.state === 'draft'
        ? undefined
        : {
            to: 'city',
            kind: 'application.withdrawn',
            title: { 'zh-CN': '申报已撤回', en: 'Application withdrawn' },
            body: { 'zh-CN': `${row.organizationName} 撤回了“${row.projectName}”：${reason}`, en: `${row.organizationName} withdrew “${row.projectName}”: ${reason}` },
            link: `/applications/${row.id}`,
          },
  });
}

export function startCityReview(deps: Deps, ctx: RequestContext, id: string): Promise<ApplicationView> {
  return applyTransition(deps, ctx, id, 'start_review', 'application.review', {
    comment: null,
    notice: (row) => ({
      to: 'applicant',
      kind: 'application.review_started',
      title: { 'zh-CN': '市级初审已开始', en: 'City review started' },
      body: { 'zh-CN': `“${row.projectName}”已进入市级初审，不能再撤回。`, en: `“${row.projectName}” is under city review and can no longer be withdrawn.` },
      link: `/applications/${row.id}`,
    }),
  });
}

export function returnForRevision(deps: Deps, ctx: RequestContext, id: string, input: { comment: string; fieldComments: Record<string, string> }): Promise<ApplicationView> {
  return applyTransition(deps, ctx, id, 'return', 'application.review', {
    comment: input.comment,
    patch: (now, acting) => ({
      returnComment: input.comment,
      fieldComments: Object.fromEntries(Object.entries(input.fieldComments).map(([path, comment]) => [path, { comment, by: acting.actor.name, at: now.toISOString() }])),
    }),
    notice: (row) => ({
      to: 'applicant',
      kind: 'application.returned',
      title: { 'zh-CN': '申报被退回修改', en: 'Application returned for revision' },
      body: { 'zh-CN': `“${row.projectName}”被退回修改：${input.comment}`, en: `“${row.projectName}” was returned for revision: ${input.comment}` },
      link: `/applications/${row.id}`,
    }),
  });
}
