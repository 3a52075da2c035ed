/** What every use case does first or last: authorize, and leave its audit record. */
import { can, mayAttempt, scopeFor, type Action, type OwnedRecord, type Scope } from '../core/access-policy.ts';
import { forbidden, unauthenticated } from '../core/errors.ts';
import type { AuditEntry, Clock, Repositories, RequestContext } from './ports.ts';

export type ActingContext = RequestContext & { actor: NonNullable<RequestContext['actor']> };

export function requireActor(ctx: RequestContext): ActingContext {
  if (!ctx.actor) throw unauthenticated();
  return ctx as ActingContext;
}

/** The actor's scope for a list; refuses outright when the role may not do the action at all. */
export function authorizeList(ctx: RequestContext, action: Action): { ctx: ActingContext; scope: Scope } {
  const acting = requireActor(ctx);
  if (!mayAttempt(acting.actor, action)) throw forbidden();
  return { ctx: acting, scope: scopeFor(acting.actor, action) };
}

export function authorize(ctx: RequestContext, action: Action, record?: OwnedRecord): ActingContext {
  const acting = requireActor(ctx);
  if (!mayAttempt(acting.actor, action)) throw forbidden();
  if (record && !can(acting.actor, action, record)) throw forbidden();
  return acting;
}

/** Appends the audit record of a change (or of a read of another organization's data). */
export async function recordAudit(repos: Repositories, ctx: RequestContext, clock: Clock, entry: AuditEntry): Promise<string> {
  return repos.audit.append({
    occurredAt: clock.now(),
    actorId: ctx.actor?.accountId ?? null,
    actorName: ctx.actor?.name ?? null,
    actorRole: ctx.actor?.role ?? null,
    organizationId: entry.organizationId ?? ctx.actor?.organizationId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    requestId: ctx.requestId,
  });
}

/** An account as the audit trail keeps it: never the password hash or the TOTP secret. */
export function auditableAccount(a: {
  id: string;
  email: string;
  displayName: string;
  role: string;
  organizationId: string;
  status: string;
  totpSecret?: string | null;
  lockedUntil?: Date | null;
  mustChangePassword?: boolean;
}) {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    role: a.role,
    organizationId: a.organizationId,
    status: a.status,
    twoFactorEnabled: Boolean(a.totpSecret),
    lockedUntil: a.lockedUntil ? a.lockedUntil.toISOString() : null,
    mustChangePassword: a.mustChangePassword ?? false,
  };
}
