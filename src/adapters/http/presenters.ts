/** Rows → the JSON shapes of contracts/ (dates as ISO strings, no secrets). */
import type { Account } from '../../../contracts/accounts.ts';
import type { AuditEvent } from '../../../contracts/audit.ts';
import type { Organization } from '../../../contracts/organizations.ts';
import type { AccountListRow, AccountRow, AuditEventRow, OrganizationWithAncestors } from '../../use-cases/ports.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentOrganization(o: OrganizationWithAncestors): Organization {
  return {
    id: o.id,
    parentId: o.parentId,
    code: o.code,
    kind: o.kind,
    name: o.name,
    nameEn: o.nameEn,
    divisionCode: o.divisionCode,
    coveredDivisionCodes: o.coveredDivisionCodes,
    creditCode: o.creditCode,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    address: o.address,
    note: o.note,
    ancestors: o.ancestors,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function presentAccount(a: AccountRow | AccountListRow, organizationName?: string): Account {
  return {
    id: a.id,
    email: a.email,
    displayName: a.displayName,
    phone: a.phone,
    role: a.role,
    status: a.status,
    organizationId: a.organizationId,
    organizationName: 'organizationName' in a ? a.organizationName : (organizationName ?? ''),
    twoFactorEnabled: Boolean(a.totpSecret),
    lockedUntil: iso(a.lockedUntil),
    failedLogins: a.failedLogins,
    lastLoginAt: iso(a.lastLoginAt),
    passwordChangedAt: a.passwordChangedAt.toISOString(),
    createdAt: a.createdAt.toISOString(),
  };
}

export function presentAuditEvent(e: AuditEventRow & { sealed: boolean }): AuditEvent {
  return {
    id: e.id,
    seq: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    organizationId: e.organizationId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
    ip: e.ip,
    userAgent: e.userAgent,
    requestId: e.requestId,
    sealed: e.sealed,
    hash: e.hash,
  };
}

export function presentPage<R, T>(result: { rows: R[]; total: number }, q: { page: number; pageSize: number }, present: (r: R) => T) {
  return { items: result.rows.map(present), total: result.total, page: q.page, pageSize: q.pageSize };
}
