/**
 * The implementation plan and the agreement (实施协议): the applicant enters its plan (goals,
 * milestones, a budget by the program's eligible expense categories, performance indicators), the
 * province reviews it, the agreement is generated from it, and the province records the signing,
 * which starts implementation and the schedule of progress reports.
 */
import type { ImplementationPlan } from '../../../contracts/implementation.ts';
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, type FieldError } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { notifyOrganization } from '../applicants/common.ts';
import type { AgreementRow, Deps, ProjectRow, RequestContext } from '../ports.ts';
import { expenseCategories, loadProject, notifyProvince, projectStep, requireStatus } from './projects.ts';
import { reportSchedule } from './schedule.ts';

export interface AgreementView {
  row: AgreementRow | undefined;
  categories: { code: string; name: { 'zh-CN': string; en: string } }[];
}

export async function getAgreement(deps: Deps, ctx: RequestContext, id: string): Promise<AgreementView> {
  return deps.uow.read(async (repos) => {
    const { definition } = await loadProject(repos, ctx, id, 'project.read');
    return { row: await repos.projects.agreement(id), categories: expenseCategories(definition) };
  });
}

const field = (path: string, zh: string, en: string): FieldError => ({ path, code: 'invalid', messages: { 'zh-CN': zh, en } });

/** The plan's own consistency: period order, milestones inside it, budget lines of the program's categories, once each. */
export function checkPlan(plan: ImplementationPlan, definition: ProgramDefinition): void {
  const errors: FieldError[] = [];
  if (plan.endDate < plan.startDate) errors.push(field('endDate', '实施期结束日期不能早于开始日期', 'The end date cannot precede the start date'));
  plan.milestones.forEach((m, i) => {
    if (m.dueDate < plan.startDate || m.dueDate > plan.endDate) errors.push(field(`milestones.${i}.dueDate`, '节点日期应在实施期内', 'A milestone falls outside the period'));
  });
  const categories = expenseCategories(definition).map((c) => c.code);
  const seen = new Set<string>();
  plan.budget.forEach((b, i) => {
    if (categories.length && !categories.includes(b.category)) errors.push(field(`budget.${i}.category`, '不是本项目类别允许的投资类别', 'Not an eligible expense category of the program'));
    if (seen.has(b.category)) errors.push(field(`budget.${i}.category`, '投资类别重复', 'The category is listed twice'));
    seen.add(b.category);
  });
  if (errors.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '实施方案有误，请按提示修改', en: 'The implementation plan needs correcting' }, errors);
}

/** The applicant saves its plan (a draft, or submitted for the province's review). */
export async function savePlan(deps: Deps, ctx: RequestContext, id: string, input: ImplementationPlan & { submit: boolean }): Promise<AgreementView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, project, definition } = await loadProject(repos, ctx, id, 'project.report', { lock: true });
    requireStatus(project, ['agreement_pending']);
    const current = await repos.projects.agreement(id);
    if (current && (current.planStatus === 'submitted' || current.planStatus === 'approved')) {
      throw new DomainError('conflict', 'plan_locked', { 'zh-CN': '实施方案已提交省厅审核，不能修改', en: 'The plan is with the province; it cannot be changed now' });
    }
    const { submit, ...plan } = input;
    checkPlan(plan, definition);
    const now = deps.clock.now();
    await repos.projects.saveAgreement(id, { plan, planStatus: submit ? 'submitted' : 'draft', planSubmittedAt: submit ? now : (current?.planSubmittedAt ?? null) }, now);
    await projectStep(deps, repos, acting, project, {
      kind: submit ? 'plan_submitted' : 'plan_saved',
      audit: { action: submit ? 'project.plan_submitted' : 'project.plan_saved', entityType: 'project_agreement', before: current ? { planStatus: current.planStatus, plan: current.plan } : null, after: { planStatus: submit ? 'submitted' : 'draft', plan } },
    });
    if (submit) {
      await notifyProvince(repos, deps.clock, project, {
        kind: 'project.plan_submitted',
        title: { 'zh-CN': '实施方案待审核', en: 'Implementation plan to review' },
        body: { 'zh-CN': `“${project.projectName}”提交了实施方案。`, en: `“${project.projectName}” submitted its implementation plan.` },
        link: `/projects/${id}`,
      });
    }
  });
  return getAgreement(deps, ctx, id);
}

/** The province approves the plan (the agreement is then generated from it) or returns it with a comment. */
export async function reviewPlan(deps: Deps, ctx: RequestContext, id: string, input: { decision: 'approve' | 'return'; comment: string }): Promise<AgreementView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, project } = await loadProject(repos, ctx, id, 'project.manage', { lock: true });
    requireStatus(project, ['agreement_pending']);
    const current = await repos.projects.agreement(id);
    if (!current || current.planStatus !== 'submitted') throw new DomainError('conflict', 'plan_not_submitted', { 'zh-CN': '实施方案尚未提交', en: 'The plan has not been submitted' });
    if (input.decision === 'return' && !input.comment) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '退回须说明理由', en: 'Say why the plan is returned' }, [field('comment', '请填写退回理由', 'Give the reason')]);
    const now = deps.clock.now();
    const approve = input.decision === 'approve';
    const agreementNumber = approve ? agreementNumberOf(project, now) : null;
    await repos.projects.saveAgreement(id, { planStatus: approve ? 'approved' : 'returned', reviewComment: input.comment || null, reviewedBy: acting.actor.accountId, reviewedAt: now, agreementNumber, generatedAt: approve ? now : null }, now);
    await projectStep(deps, repos, acting, project, {
      kind: approve ? 'plan_approved' : 'plan_returned',
      comment: input.comment || null,
      audit: { action: approve ? 'project.plan_approved' : 'project.plan_returned', entityType: 'project_agreement', before: { planStatus: current.planStatus }, after: { planStatus: approve ? 'approved' : 'returned', comment: input.comment, agreementNumber } },
    });
    await notifyOrganization(repos, deps.clock, project.organizationId, {
      kind: approve ? 'project.plan_approved' : 'project.plan_returned',
      title: approve ? { 'zh-CN': '实施方案已通过审核', en: 'Implementation plan approved' } : { 'zh-CN': '实施方案被退回', en: 'Implementation plan returned' },
      body: approve
        ? { 'zh-CN': `“${project.projectName}”的实施方案已通过审核，请按通知签订实施协议。`, en: `The plan of “${project.projectName}” is approved; the agreement follows.` }
        : { 'zh-CN': `“${project.projectName}”的实施方案被退回：${input.comment}`, en: `The plan of “${project.projectName}” was returned: ${input.comment}` },
      link: `/projects/${id}`,
    }, { email: true, publicUrl: deps.settings.publicUrl });
  });
  return getAgreement(deps, ctx, id);
}

/** e.g. XY-2026-hebei-2016-internet-plus-00042: the year of approval, the program and the application id. */
function agreementNumberOf(project: ProjectRow, now: Date): string {
  return `XY-${shanghaiDate(now).slice(0, 4)}-${project.programCode}-${project.applicationId.padStart(5, '0')}`;
}

export interface AgreementDocumentData {
  project: ProjectRow;
  definition: ProgramDefinition;
  agreement: AgreementRow & { plan: ImplementationPlan };
  generatedAt: Date;
}

/** What the agreement document is made of; readable by everyone who may read the project, once the plan is approved. */
export async function agreementDocument(deps: Deps, ctx: RequestContext, id: string): Promise<AgreementDocumentData> {
  return deps.uow.read(async (repos) => {
    const { project, definition } = await loadProject(repos, ctx, id, 'project.read');
    const agreement = await repos.projects.agreement(id);
    if (!agreement || agreement.planStatus !== 'approved') {
      throw new DomainError('conflict', 'plan_not_approved', { 'zh-CN': '实施方案通过审核后才能生成实施协议', en: 'The agreement is generated once the plan is approved' });
    }
    return { project, definition, agreement: agreement as AgreementDocumentData['agreement'], generatedAt: agreement.generatedAt ?? deps.clock.now() };
  });
}

/** The province records the signing (date and signatories): implementation starts, progress reports fall due. */
export async function signAgreement(deps: Deps, ctx: RequestContext, id: string, input: { signedOn: string; signatories: { province: string; enterprise: string } }): Promise<AgreementView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, project, definition } = await loadProject(repos, ctx, id, 'project.manage', { lock: true });
    requireStatus(project, ['agreement_pending']);
    const agreement = await repos.projects.agreement(id);
    if (!agreement || agreement.planStatus !== 'approved') throw new DomainError('conflict', 'plan_not_approved', { 'zh-CN': '实施方案通过审核后才能签订协议', en: 'The plan must be approved before signing' });
    const now = deps.clock.now();
    if (input.signedOn > shanghaiDate(now)) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '签订日期不能晚于今天', en: 'The signing date cannot be in the future' }, [field('signedOn', '签订日期不能晚于今天', 'Not in the future')]);
    await repos.projects.saveAgreement(id, { signedOn: input.signedOn, signatories: input.signatories, signedBy: acting.actor.accountId }, now);
    await repos.projects.setDates(id, { agreementSignedAt: now }, now);
    const plan = agreement.plan as ImplementationPlan;
    for (const r of reportSchedule(definition, input.signedOn, plan.endDate)) await repos.projects.ensureReport(id, r.period, r.dueDate, now);
    await projectStep(deps, repos, acting, project, {
      kind: 'agreement_signed',
      to: 'implementing',
      comment: `${input.signedOn}：${input.signatories.province} / ${input.signatories.enterprise}`,
      audit: { action: 'project.agreement_signed', before: { status: project.status }, after: { status: 'implementing', signedOn: input.signedOn, signatories: input.signatories, agreementNumber: agreement.agreementNumber } },
    });
    await notifyOrganization(repos, deps.clock, project.organizationId, {
      kind: 'project.agreement_signed',
      title: { 'zh-CN': '实施协议已签订', en: 'Agreement signed' },
      body: { 'zh-CN': `“${project.projectName}”的实施协议已签订，项目进入实施阶段，请按季度报送进展。`, en: `The agreement of “${project.projectName}” is signed; report progress every quarter.` },
      link: `/projects/${id}`,
    });
  });
  return getAgreement(deps, ctx, id);
}
