/**
 * What the funding use cases share: loading a selected project's application with authorization
 * (403 before 404 for a role that may not act at all), its published definition and project status.
 */
import type { Action } from '../../core/access-policy.ts';
import { DomainError, type Messages } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { APPLICATION, loadOrThrow, publishedDefinition } from '../applicants/common.ts';
import type { ApplicationRow, ProjectRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, type ActingContext } from '../support.ts';

export const INVOICE: Messages = { 'zh-CN': '票据', en: 'Invoice' };
export const TRANCHE: Messages = { 'zh-CN': '拨付批次', en: 'Tranche' };

export interface FundedProject {
  acting: ActingContext;
  application: ApplicationRow;
  project: ProjectRow | undefined;
  definition: ProgramDefinition;
}

/** A selected application (the project's key) the actor may do `action` on. */
export async function loadFunded(repos: Repositories, ctx: RequestContext, applicationId: string, action: Action, opts: { lock?: boolean } = {}): Promise<FundedProject> {
  authorize(ctx, action);
  const application = loadOrThrow(await repos.applications.findById(applicationId), APPLICATION);
  const acting = authorize(ctx, action, application);
  const project = await repos.projects.findByApplication(application.id);
  if (!project && application.state !== 'selected') {
    throw new DomainError('conflict', 'not_a_project', { 'zh-CN': '该申报尚未正式入选，没有项目资金台账', en: 'This application has not been selected: it has no funding ledger' });
  }
  if (opts.lock) await repos.funding.lock(application.id);
  let definition: ProgramDefinition;
  if (project) definition = publishedDefinition(project.programCode, project.programVersion, project.definition);
  else {
    const version = loadOrThrow(await repos.programs.findVersion(application.programCode, application.programVersion), { 'zh-CN': '计划版本', en: 'Program version' });
    definition = publishedDefinition(application.programCode, application.programVersion, version.definition);
  }
  return { acting, application, project, definition };
}

export function noSubsidy(definition: ProgramDefinition): DomainError {
  const reason = definition.subsidy?.kind === 'none' ? definition.subsidy.reason : '';
  return new DomainError('conflict', 'no_subsidy', {
    'zh-CN': `本计划未规定资金补助${reason ? `：${reason}` : ''}`,
    en: `This program defines no subsidy${reason ? `: ${reason}` : ''}`,
  });
}
