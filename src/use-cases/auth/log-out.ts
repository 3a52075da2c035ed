import type { Deps, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import type { ResolvedSession } from './sessions.ts';

/** Ends this session, or (everywhere) every session of the account. */
export async function logOut(deps: Deps, ctx: RequestContext, resolved: ResolvedSession, everywhere: boolean): Promise<void> {
  await deps.uow.transaction(async (repos) => {
    const ended = everywhere ? await repos.sessions.deleteForAccount(resolved.account.id) : (await repos.sessions.delete(resolved.session.id), 1);
    const actor = { accountId: resolved.account.id, name: resolved.account.displayName, role: resolved.account.role, organizationId: resolved.organization.id, organizationPath: resolved.organization.path };
    await recordAudit(repos, { ...ctx, actor }, deps.clock, {
      action: everywhere ? 'auth.logout_everywhere' : 'auth.logout',
      entityType: 'account',
      entityId: resolved.account.id,
      after: { sessionsEnded: ended },
    });
  });
}
