/**
 * Titles (e.g. 000's 河北省"互联网+"制造业示范企业): awarded when a project passes acceptance,
 * revoked by a sanction, listed publicly while held, and printed as a certificate.
 */
import { shanghaiDate } from '../../core/calendar.ts';
import { DomainError, type Messages } from '../../core/errors.ts';
import { APPLICATION, CALL, loadOrThrow, publishedDefinition } from '../applicants/common.ts';
import type { Deps, ListQuery, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import type { TitleRow } from './ports.ts';

/**
 * Awards every title of the program granted on acceptance (definition.titles with grantedOn
 * 'acceptance'). A no-op when the program has none; idempotent (a title already awarded to the
 * application, held or revoked, is not awarded again). Runs in the caller's transaction (`repos`),
 * which has already authorized the acceptance.
 */
export async function awardTitle(deps: Deps, repos: Repositories, ctx: RequestContext, applicationId: string): Promise<void> {
  const app = loadOrThrow(await repos.applications.findById(applicationId), APPLICATION);
  const call = loadOrThrow(await repos.calls.findById(app.callId), CALL);
  const definition = publishedDefinition(app.programCode, app.programVersion, call.definition);
  const titles = (definition.titles ?? []).filter((t) => t.grantedOn === 'acceptance');
  if (titles.length === 0) return;
  const existing = new Set((await repos.oversight.titlesOfApplication(applicationId)).map((t) => t.titleId));
  const now = deps.clock.now();
  const awardedOn = shanghaiDate(now);
  for (const t of titles) {
    if (existing.has(t.id)) continue;
    const id = await repos.oversight.insertTitle({ applicationId, titleId: t.id, name: t.name, citation: t.citation, awardedOn, now });
    await recordAudit(repos, ctx, deps.clock, {
      action: 'title.award',
      entityType: 'title',
      entityId: id,
      organizationId: app.organizationId,
      after: { applicationId, titleId: t.id, name: t.name, awardedOn, citation: t.citation },
    });
  }
}

const TITLE: Messages = { 'zh-CN': '称号', en: 'Title' };

/** Titled enterprises as the public may see them: name, title, program, date; never revoked titles. */
export async function listPublicTitles(deps: Deps, q: ListQuery & { q?: string; programCode?: string }): Promise<{ rows: TitleRow[]; total: number }> {
  return deps.uow.read((repos) => repos.oversight.listPublicTitles(q));
}

export interface CertificateData {
  title: TitleRow;
  issuer: string;
  programName: string;
}

/** What the certificate prints, for someone who may read the project; refused once the title is revoked. */
export async function titleCertificate(deps: Deps, ctx: RequestContext, titleId: string): Promise<CertificateData> {
  authorize(ctx, 'project.read');
  return deps.uow.read(async (repos) => {
    const title = loadOrThrow(await repos.oversight.findTitle(titleId), TITLE);
    const app = loadOrThrow(await repos.applications.findById(title.applicationId), APPLICATION);
    authorize(ctx, 'project.read', app);
    if (title.status !== 'active') {
      throw new DomainError('conflict', 'title_revoked', { 'zh-CN': `该称号已于 ${title.revokedOn} 撤销，不能出具证书`, en: `The title was revoked on ${title.revokedOn}; no certificate can be issued` });
    }
    const call = loadOrThrow(await repos.calls.findById(app.callId), CALL);
    const definition = publishedDefinition(app.programCode, app.programVersion, call.definition);
    return { title, issuer: definition.issuer, programName: definition.name['zh-CN'] };
  });
}
