/**
 * Sanctions (000 第十七条, 001 三): from a spot-check finding or directly, the province imposes one of
 * the program's sanctions (definition.sanctions) on a project; its effects happen together, in one
 * transaction with their audit records:
 * - revoke_title: every title the project holds is marked revoked, with the reason and the date;
 * - recover_funds / adjust_funds: a receivable (createRecovery) of the amount entered, or by default
 *   (recover_funds) all that was disbursed and not yet claimed back; nothing when nothing was paid;
 * - application_ban: the organization may not apply for banYears (default 2) from the decision date,
 *   in all programs or this one (banScope) — see src/core/oversight/ban.ts;
 * - refer_to_finance: recorded with the sanction (the referral itself is a letter);
 * and the project becomes 'revoked' when the title is revoked or the organization banned (fraud).
 */
import { can } from '../../core/access-policy.ts';
import { shanghaiDate } from '../../core/calendar.ts';
import { fieldError, type Messages } from '../../core/errors.ts';
import { banPeriod } from '../../core/oversight/ban.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { APPLICATION, CALL, loadOrThrow, notifyOrganization, publishedDefinition } from '../applicants/common.ts';
import { createRecovery, recoverableOf } from '../funding/recovery.ts';
import type { ApplicationRow, Deps, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import { banView, type BanView } from './bans.ts';
import type { SanctionRow, SpotCheckItemRow, TitleRow } from './ports.ts';

const SANCTION: Messages = { 'zh-CN': '处理措施', en: 'Sanction' };
const DEFAULT_BAN_YEARS = 2;

export interface SanctionInput {
  /** The id of one of the program's sanctions (definition.sanctions[].id). */
  sanctionId: string;
  reason: string;
  spotCheckItemId?: string | null;
  /** Fen to recover or adjust; by default (recover_funds) all disbursed and not yet claimed back. */
  recoveryAmountFen?: number | null;
}

export interface OversightView {
  applicationId: string;
  projectStatus: string | null;
  titles: TitleRow[];
  sanctions: SanctionRow[];
  bans: BanView[];
  /** For the province (oversight.manage) only: the sample entries and the sanctions it may impose. */
  checks: SpotCheckItemRow[];
  sanctionOptions: ProgramDefinition['sanctions'];
  recoverableFen: number | null;
  canManage: boolean;
}

async function definitionOf(repos: Repositories, app: ApplicationRow): Promise<ProgramDefinition> {
  const call = loadOrThrow(await repos.calls.findById(app.callId), CALL);
  return publishedDefinition(app.programCode, app.programVersion, call.definition);
}

async function viewOf(deps: Deps, repos: Repositories, ctx: RequestContext, app: ApplicationRow): Promise<OversightView> {
  const canManage = Boolean(ctx.actor && can(ctx.actor, 'oversight.manage', app));
  const today = shanghaiDate(deps.clock.now());
  const [project, titles, sanctions] = await Promise.all([repos.projects.findByApplication(app.id), repos.oversight.titlesOfApplication(app.id), repos.oversight.sanctionsOfApplication(app.id)]);
  const bans: BanView[] = [];
  for (const s of sanctions) {
    if (!s.banId) continue;
    const { rows } = await repos.oversight.listBans({ kind: 'own', organizationId: app.organizationId }, { page: 1, pageSize: 100, order: 'desc', today });
    bans.push(...rows.filter((b) => b.sanctionRecordId === s.id).map((b) => banView(b, today)));
  }
  const definition = await definitionOf(repos, app);
  return {
    applicationId: app.id,
    projectStatus: project?.status ?? null,
    titles,
    sanctions,
    bans,
    checks: canManage ? await repos.oversight.spotCheckItemsOfApplication(app.id) : [],
    sanctionOptions: canManage ? definition.sanctions : [],
    recoverableFen: canManage ? await recoverableOf(repos, app.id) : null,
    canManage,
  };
}

/** The project's titles, sanctions and bans (and for the province, its spot checks and the sanctions it may impose). */
export async function getProjectOversight(deps: Deps, ctx: RequestContext, applicationId: string): Promise<OversightView> {
  authorize(ctx, 'project.read');
  return deps.uow.read(async (repos) => {
    const app = loadOrThrow(await repos.applications.findById(applicationId), APPLICATION);
    authorize(ctx, 'project.read', app);
    return viewOf(deps, repos, ctx, app);
  });
}

export async function imposeSanction(deps: Deps, ctx: RequestContext, applicationId: string, input: SanctionInput): Promise<OversightView> {
  const acting = authorize(ctx, 'oversight.manage');
  return deps.uow.transaction(async (repos) => {
    const app = loadOrThrow(await repos.applications.findByIdForUpdate(applicationId), APPLICATION);
    authorize(ctx, 'oversight.manage', app);
    const definition = await definitionOf(repos, app);
    const sanction = definition.sanctions.find((s) => s.id === input.sanctionId);
    if (!sanction) {
      throw fieldError('sanctionId', 'unknown_sanction', SANCTION, { 'zh-CN': '不是本项目规定的处理措施', en: 'not a sanction of this program' });
    }
    if (input.spotCheckItemId) {
      const item = await repos.oversight.findSpotCheckItem(input.spotCheckItemId);
      if (!item || item.applicationId !== app.id) {
        throw fieldError('spotCheckItemId', 'not_this_project', { 'zh-CN': '抽查记录', en: 'Spot-check entry' }, { 'zh-CN': '不属于该项目', en: 'is not of this project' });
      }
    }
    const now = deps.clock.now();
    const today = shanghaiDate(now);
    const effects = sanction.effects;
    const reasonText = input.reason.trim();

    const revokedTitleIds: string[] = [];
    if (effects.includes('revoke_title')) {
      for (const t of await repos.oversight.titlesOfApplication(app.id)) {
        if (t.status !== 'active') continue;
        await repos.oversight.revokeTitle(t.id, reasonText, today, now);
        revokedTitleIds.push(t.id);
        await recordAudit(repos, ctx, deps.clock, {
          action: 'title.revoke',
          entityType: 'title',
          entityId: t.id,
          organizationId: app.organizationId,
          before: { status: 'active' },
          after: { status: 'revoked', revokedOn: today, reason: reasonText, citation: sanction.citation },
        });
      }
    }

    let recoveryId: string | null = null;
    const recovers = effects.includes('recover_funds') || (effects.includes('adjust_funds') && Boolean(input.recoveryAmountFen));
    if (recovers) {
      const amountFen = input.recoveryAmountFen ?? (await recoverableOf(repos, app.id));
      if (amountFen > 0) {
        recoveryId = await createRecovery(deps, repos, ctx, {
          applicationId: app.id,
          amountFen,
          reason: { 'zh-CN': `${sanction.message['zh-CN']}：${reasonText}`, en: `${sanction.message.en}: ${reasonText}` },
          citation: sanction.citation,
        });
      }
    }

    const ban = effects.includes('application_ban') ? banPeriod(today, sanction.banYears ?? DEFAULT_BAN_YEARS) : null;
    const scope = sanction.banScope ?? 'all_programs';
    const sanctionRecordId = await repos.oversight.insertSanction({
      applicationId: app.id,
      organizationId: app.organizationId,
      sanctionId: sanction.id,
      trigger: sanction.trigger,
      effects: [...effects],
      message: sanction.message,
      citation: sanction.citation,
      reason: reasonText,
      decidedOn: today,
      spotCheckItemId: input.spotCheckItemId ?? null,
      recoveryId,
      banId: null,
      revokedTitleIds,
      createdBy: acting.actor.accountId,
      now,
    });
    let banId: string | null = null;
    if (ban) {
      banId = await repos.oversight.insertBan({
        organizationId: app.organizationId,
        sanctionRecordId,
        applicationId: app.id,
        scope,
        programCode: scope === 'this_program' ? app.programCode : null,
        fromDate: ban.fromDate,
        untilDate: ban.untilDate,
        citation: sanction.citation,
        now,
      });
      await repos.oversight.setSanctionBan(sanctionRecordId, banId);
      await recordAudit(repos, ctx, deps.clock, {
        action: 'ban.create',
        entityType: 'application_ban',
        entityId: banId,
        organizationId: app.organizationId,
        after: { organizationId: app.organizationId, creditCode: app.creditCode, fromDate: ban.fromDate, untilDate: ban.untilDate, lastDay: ban.lastDay, scope, citation: sanction.citation },
      });
    }

    const project = await repos.projects.findByApplication(app.id);
    const revokesProject = effects.includes('revoke_title') || effects.includes('application_ban');
    if (project && revokesProject && project.status !== 'revoked') {
      await repos.projects.setStatus(app.id, 'revoked', now);
      await repos.projects.addEvent({ applicationId: app.id, kind: 'sanction', fromStatus: project.status, toStatus: 'revoked', actorId: acting.actor.accountId, actorName: acting.actor.name, actorRole: acting.actor.role, comment: `${sanction.message['zh-CN']}（${sanction.citation}）：${reasonText}`, at: now });
    }

    await recordAudit(repos, ctx, deps.clock, {
      action: 'sanction.impose',
      entityType: 'sanction',
      entityId: sanctionRecordId,
      organizationId: app.organizationId,
      before: { projectStatus: project?.status ?? null },
      after: {
        applicationId: app.id,
        sanctionId: sanction.id,
        trigger: sanction.trigger,
        effects,
        citation: sanction.citation,
        reason: reasonText,
        revokedTitleIds,
        recoveryId,
        banId,
        projectStatus: project && revokesProject ? 'revoked' : (project?.status ?? null),
      },
    });
    await notifyOrganization(repos, deps.clock, app.organizationId, {
      kind: 'sanction.imposed',
      title: { 'zh-CN': '处理决定', en: 'Sanction decision' },
      body: { 'zh-CN': `${sanction.message['zh-CN']}（${sanction.citation}）。理由：${reasonText}`, en: `${sanction.message.en} (${sanction.citation}). Reason: ${reasonText}` },
      link: `/projects/${app.id}`,
    }, { email: true, publicUrl: deps.settings.publicUrl });
    return viewOf(deps, repos, ctx, loadOrThrow(await repos.applications.findById(app.id), APPLICATION));
  });
}
