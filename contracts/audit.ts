import { z } from 'zod';
import { id, listQuery, pageOf } from './common.ts';

export const auditEvent = z.object({
  id,
  seq: z.string(),
  occurredAt: z.string(),
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  organizationId: id.nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  sealed: z.boolean(),
  hash: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditListQuery = listQuery.extend({
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(50).optional(),
  entityId: z.string().trim().max(50).optional(),
  actorId: id.optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  order: z.enum(['asc', 'desc']).default('desc'),
  sort: z.enum(['seq']).default('seq'),
});
export type AuditListQuery = z.infer<typeof auditListQuery>;
export const auditPage = pageOf(auditEvent);

export const auditVerifyResult = z.object({
  ok: z.boolean(),
  algorithm: z.string(),
  checked: z.number().int(),
  unsealed: z.number().int(),
  firstBroken: z
    .object({ sealNo: z.string(), eventId: z.string().nullable(), seq: z.string().nullable(), reason: z.string() })
    .nullable(),
  lastHash: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
