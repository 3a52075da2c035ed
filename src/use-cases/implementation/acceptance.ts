/**
 * Acceptance (验收) as the program's definition.acceptance orders it: the applicant requests it with
 * the listed materials; the steps of `sequence` follow (city initial acceptance, then the acceptance
 * by `acceptedBy`, e.g. the province with its experts; 001 has the city's acceptance alone). Passing
 * the last step accepts the project (and awards the program's titles); a failure opens rectification
 * with a deadline when the program allows it, the applicant resubmits and the failed step is taken
 * again; a second failure fails the project.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { notifyOrganization } from '../applicants/common.ts';
import { awardTitle } from '../oversight/titles.ts';
import type { AcceptanceRow, AttachmentRow, Deps, ProjectRow, ProjectStatus, RequestContext } from '../ports.ts';
import { loadProject, notifyProvince, projectStep, requireStatus } from './projects.ts';

type Step = 'initial_acceptance' | 'acceptance';
type Config = NonNullable<ProgramDefinition['acceptance']>;

export interface StepRecord {
  step: Step;
  by: 'city' | 'province';
  passed: boolean;
  opinion: string;
  experts: { name: string; opinion: string }[];
  actorName: string;
  at: string;
}

/** A material as a round keeps it: which of the program's materials, and the uploaded file. */
export interface SubmittedMaterial {
  id: string;
  attachmentId: string;
  fileName: string;
  sizeBytes: number;
}

export interface AcceptanceView {
  config: Config | null;
  rounds: AcceptanceRow[];
  /** Acceptance materials uploaded and not yet part of a request (the next request takes them). */
  pending: AttachmentRow[];
  next: { step: 'request' | Step; by: 'applicant' | 'city' | 'province' } | null;
}

const STEP_NAME: Record<Step, { 'zh-CN': string; en: string }> = {
  initial_acceptance: { 'zh-CN': '初验', en: 'initial acceptance' },
  acceptance: { 'zh-CN': '验收', en: 'acceptance' },
};

function configOf(definition: ProgramDefinition): Config {
  if (!definition.acceptance) throw new DomainError('conflict', 'no_acceptance', { 'zh-CN': '本项目类别未规定验收程序', en: 'The program defines no acceptance' });
  return definition.acceptance;
}

export const performer = (config: Config, step: Step): 'city' | 'province' => (step === 'initial_acceptance' ? 'city' : config.acceptedBy);

/** The step a round awaits, or null when it is decided. A later round starts at the step the earlier one failed. */
export function awaitedStep(config: Config, rounds: readonly AcceptanceRow[]): Step | null {
  const current = rounds.at(-1);
  if (!current) return null;
  if (current.status === 'requested') {
    const previous = rounds.at(-2);
    if (previous && previous.status === 'failed' && (previous.final as StepRecord | null) && config.sequence.includes('acceptance')) return 'acceptance';
    return config.sequence[0]!;
  }
  if (current.status === 'initial_passed') return 'acceptance';
  return null;
}

function nextOf(config: Config | null, project: ProjectRow, rounds: AcceptanceRow[]): AcceptanceView['next'] {
  if (!config) return null;
  if (project.status === 'implementing' || project.status === 'rectifying') return { step: 'request', by: 'applicant' };
  const step = awaitedStep(config, rounds);
  return step ? { step, by: performer(config, step) } : null;
}

export async function getAcceptance(deps: Deps, ctx: RequestContext, id: string): Promise<AcceptanceView> {
  return deps.uow.read(async (repos) => {
    const { project, definition } = await loadProject(repos, ctx, id, 'project.read');
    const rounds = await repos.projects.acceptances(id);
    const config = definition.acceptance ?? null;
    const submitted = new Set(rounds.flatMap((r) => (r.materials as SubmittedMaterial[]).map((m) => m.attachmentId)));
    const pending = (await repos.attachments.forApplication(id, 'acceptance')).filter((a) => !submitted.has(a.id));
    return { config, rounds, pending, next: nextOf(config, project, rounds) };
  });
}

/** The applicant requests acceptance (or, rectifying, resubmits) with the program's materials. */
export async function requestAcceptance(deps: Deps, ctx: RequestContext, id: string, input: { materials: { id: string; attachmentId: string }[]; note: string }): Promise<AcceptanceView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, project, definition } = await loadProject(repos, ctx, id, 'project.report', { lock: true });
    const config = configOf(definition);
    requireStatus(project, ['implementing', 'rectifying']);
    const rounds = await repos.projects.acceptances(id);
    const now = deps.clock.now();
    const last = rounds.at(-1);
    if (project.status === 'rectifying' && last?.rectificationDeadline && shanghaiDate(now) > last.rectificationDeadline) {
      throw new DomainError('deadline_passed', 'rectification_deadline_passed', { 'zh-CN': `整改期限（${last.rectificationDeadline}）已过`, en: `The rectification deadline (${last.rectificationDeadline}) has passed` });
    }
    const known = new Set(config.materials.map((m) => m.id));
    // The files must be this project's acceptance uploads, each filed under the material it is given for, and new.
    const uploaded = new Map((await repos.attachments.forApplication(id, 'acceptance')).map((a) => [a.id, a]));
    const earlier = new Set(rounds.flatMap((r) => (r.materials as SubmittedMaterial[]).map((m) => m.attachmentId)));
    const errors = [
      ...input.materials.flatMap((m, i) => {
        if (!known.has(m.id)) return [{ path: `materials.${i}.id`, code: 'unknown', messages: { 'zh-CN': '不是本项目类别要求的验收材料', en: 'Not an acceptance material of the program' } }];
        const file = uploaded.get(m.attachmentId);
        if (!file || file.requirementId !== m.id) return [{ path: `materials.${i}.attachmentId`, code: 'unknown_file', messages: { 'zh-CN': '不是为该材料上传的文件', en: 'Not a file uploaded for this material' } }];
        if (earlier.has(m.attachmentId)) return [{ path: `materials.${i}.attachmentId`, code: 'already_submitted', messages: { 'zh-CN': `“${file.fileName}”已随前次验收申请提交，请上传整改后的材料`, en: `“${file.fileName}” went with an earlier request; upload the rectified material` } }];
        return [];
      }),
      ...config.materials.flatMap((m) => (input.materials.some((x) => x.id === m.id) ? [] : [{ path: `materials.${m.id}`, code: 'required', messages: { 'zh-CN': `缺少验收材料：${m.name['zh-CN']}（${m.citation}）`, en: `Missing material: ${m.name.en} (${m.citation})` } }])),
    ];
    if (errors.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '验收材料不齐全', en: 'The acceptance materials are incomplete' }, errors);
    const materials: SubmittedMaterial[] = input.materials.map((m) => {
      const file = uploaded.get(m.attachmentId)!;
      return { id: m.id, attachmentId: file.id, fileName: file.fileName, sizeBytes: file.sizeBytes };
    });
    const round = (last?.round ?? 0) + 1;
    const acceptanceId = await repos.projects.insertAcceptance({ applicationId: id, round, materials, note: input.note || null, requestedBy: acting.actor.accountId }, now);
    await projectStep(deps, repos, acting, project, {
      kind: round === 1 ? 'acceptance_requested' : 'rectification_resubmitted',
      to: 'acceptance_requested',
      comment: input.note || null,
      audit: { action: round === 1 ? 'project.acceptance_requested' : 'project.rectification_resubmitted', entityType: 'acceptance', entityId: acceptanceId, after: { status: 'acceptance_requested', round, materials } },
    });
    const step = awaitedStep(config, [...rounds, { status: 'requested' } as AcceptanceRow])!;
    const notice = {
      kind: 'project.acceptance_requested',
      title: { 'zh-CN': '项目申请验收', en: 'Acceptance requested' },
      body: { 'zh-CN': `“${project.projectName}”申请${STEP_NAME[step]['zh-CN']}（第${round}次）。`, en: `“${project.projectName}” requests ${STEP_NAME[step].en} (round ${round}).` },
      link: `/projects/${id}`,
    };
    if (performer(config, step) === 'province') await notifyProvince(repos, deps.clock, project, notice);
    else if (project.cityId) await notifyOrganization(repos, deps.clock, project.cityId, notice, { role: 'city_officer' });
  });
  return getAcceptance(deps, ctx, id);
}

/** The city's (project.supervise) or the province's (project.manage) decision on the step the project awaits. */
export async function decideAcceptance(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  by: 'city' | 'province',
  input: { passed: boolean; opinion: string; experts: { name: string; opinion: string }[]; rectificationDeadline?: string | undefined },
): Promise<AcceptanceView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, project, definition } = await loadProject(repos, ctx, id, by === 'city' ? 'project.supervise' : 'project.manage', { lock: true });
    const config = configOf(definition);
    requireStatus(project, ['acceptance_requested', 'initial_accepted']);
    const rounds = await repos.projects.acceptances(id);
    const round = rounds.at(-1)!;
    const step = awaitedStep(config, rounds);
    if (!step) throw new DomainError('conflict', 'acceptance_decided', { 'zh-CN': '本轮验收已有结论', en: 'This round is decided' });
    if (performer(config, step) !== by) {
      const who = performer(config, step) === 'city' ? { 'zh-CN': '市级主管部门', en: 'the city' } : { 'zh-CN': '省厅', en: 'the province' };
      throw new DomainError('conflict', 'acceptance_other_party', { 'zh-CN': `当前待${who['zh-CN']}${STEP_NAME[step]['zh-CN']}`, en: `The ${STEP_NAME[step].en} is ${who.en}'s to take` });
    }
    const now = deps.clock.now();
    const last = step === config.sequence.at(-1);
    const record: StepRecord = { step, by, passed: input.passed, opinion: input.opinion, experts: input.experts, actorName: acting.actor.name, at: now.toISOString() };
    let to: ProjectStatus;
    let roundStatus: AcceptanceRow['status'];
    let deadline: string | null = null;
    if (input.passed) {
      to = last ? 'accepted' : 'initial_accepted';
      roundStatus = last ? 'passed' : 'initial_passed';
    } else {
      const mayRectify = config.rectification.allowed && round.round === 1;
      roundStatus = step === 'initial_acceptance' ? 'initial_failed' : 'failed';
      if (mayRectify) {
        if (!input.rectificationDeadline || input.rectificationDeadline <= shanghaiDate(now)) {
          throw new DomainError('validation', 'validation_failed', { 'zh-CN': '请填写整改期限（晚于今天）', en: 'Give a rectification deadline after today' }, [
            { path: 'rectificationDeadline', code: 'required', messages: { 'zh-CN': '请填写晚于今天的整改期限', en: 'A deadline after today' } },
          ]);
        }
        deadline = input.rectificationDeadline;
        to = 'rectifying';
      } else {
        to = 'failed';
      }
    }
    await repos.projects.updateAcceptance(round.id, { status: roundStatus, ...(step === 'initial_acceptance' ? { initial: record } : { final: record }), rectificationDeadline: deadline }, now);
    if (to === 'accepted') await repos.projects.setDates(id, { acceptedAt: now }, now);
    await projectStep(deps, repos, acting, project, {
      kind: `${step}_${input.passed ? 'passed' : 'failed'}`,
      to,
      comment: deadline ? `${input.opinion}（整改期限 ${deadline}）` : input.opinion,
      audit: { action: `project.${step}_${input.passed ? 'passed' : 'failed'}`, entityType: 'acceptance', entityId: round.id, before: { status: project.status, round: round.round }, after: { status: to, round: round.round, ...record, rectificationDeadline: deadline } },
    });
    if (to === 'accepted') await awardTitle(deps, repos, acting, id);
    const outcome =
      to === 'accepted'
        ? { 'zh-CN': '项目通过验收', en: 'the project is accepted' }
        : to === 'initial_accepted'
          ? { 'zh-CN': '初验通过，待省厅验收', en: 'initial acceptance passed; the final acceptance follows' }
          : to === 'rectifying'
            ? { 'zh-CN': `未通过，请于${deadline}前完成整改并重新提交`, en: `not passed; rectify and resubmit by ${deadline}` }
            : { 'zh-CN': '未通过验收', en: 'the project failed acceptance' };
    await notifyOrganization(repos, deps.clock, project.organizationId, {
      kind: 'project.acceptance_decided',
      title: { 'zh-CN': `${STEP_NAME[step]['zh-CN']}结论`, en: `Result of the ${STEP_NAME[step].en}` },
      body: { 'zh-CN': `“${project.projectName}”：${outcome['zh-CN']}。${input.opinion}`, en: `“${project.projectName}”: ${outcome.en}. ${input.opinion}` },
      link: `/projects/${id}`,
    }, { email: true, publicUrl: deps.settings.publicUrl });
    if (to === 'initial_accepted') {
      await notifyProvince(repos, deps.clock, project, {
        kind: 'project.acceptance_requested',
        title: { 'zh-CN': '项目待验收', en: 'Project awaiting acceptance' },
        body: { 'zh-CN': `“${project.projectName}”已通过市级初验。`, en: `“${project.projectName}” passed the city's initial acceptance.` },
        link: `/projects/${id}`,
      });
    }
  });
  return getAcceptance(deps, ctx, id);
}
