/** Reading and verifying the audit trail (auditors and administrators). */
import type { Deps, ListQuery, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';

export async function listAuditEvents(
  deps: Deps,
  ctx: RequestContext,
  query: ListQuery & { action?: string; entityType?: string; entityId?: string; actorId?: string; from?: Date; to?: Date },
) {
  authorize(ctx, 'audit.read');
  return deps.uow.read((repos) => repos.audit.list(query));
}

/** Seals what is pending, walks the whole chain, and records that it was verified and how it came out. */
export async function verifyAuditTrail(deps: Deps, ctx: RequestContext) {
  const acting = authorize(ctx, 'audit.verify');
  await deps.auditTrail.seal();
  const result = await deps.auditTrail.verify();
  await deps.uow.transaction((repos) =>
    recordAudit(repos, acting, deps.clock, {
      action: 'audit.verified',
      entityType: 'audit_trail',
      entityId: null,
      after: { ok: result.ok, checked: result.checked, firstBroken: result.firstBroken },
    }),
  );
  return result;
}

export async function listOutbox(deps: Deps, ctx: RequestContext, query: ListQuery) {
  authorize(ctx, 'account.manage');
  return deps.uow.read((repos) => repos.outbox.list(query));
}
