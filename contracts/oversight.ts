/**
 * Oversight: spot checks (sample drawn from a recorded seed, findings), sanctions with their effects,
 * the application-ban list, titles (the project's, the certificate, the public list).
 */
import { z } from 'zod';
import { id, listQuery, messages, pageOf } from './common.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const idParams = z.object({ id });
export const finding = z.enum(['ok', 'issues', 'fraud']);

// ——— Spot checks ———

export const drawInput = z.object({
  callId: id,
  /** Give the seed of an earlier draw to reproduce it; leave empty for a new one. */
  seed: z.string().trim().max(64).nullable().default(null),
  /** Basis points; at least the program's minimum, required when the program sets none. */
  minShare: z.number().int().min(1).max(10_000).nullable().default(null),
});

export const spotCheckItem = z.object({
  id,
  spotCheckId: id,
  applicationId: id,
  cityId: z.string().nullable(),
  cityName: z.string().nullable(),
  organizationName: z.string(),
  projectName: z.string(),
  finding: finding.nullable(),
  notes: z.string().nullable(),
  recoveryId: z.string().nullable(),
  recordedAt: z.string().nullable(),
});

export const spotCheck = z.object({
  id,
  callId: id,
  callTitle: z.string(),
  programCode: z.string(),
  seed: z.string(),
  minShare: z.number().int(),
  stratifiedBy: z.enum(['city', 'none']),
  population: z.number().int(),
  sampled: z.number().int(),
  allocation: z.array(z.object({ cityId: z.string(), cityName: z.string(), population: z.number().int(), sampled: z.number().int() })),
  citation: z.string().nullable(),
  createdAt: z.string(),
});

export const spotCheckView = z.object({ check: spotCheck, items: z.array(spotCheckItem) });
export const spotCheckListQuery = listQuery.extend({ callId: id.optional(), order: z.enum(['asc', 'desc']).default('desc') });
export const spotCheckPage = pageOf(spotCheck);

export const findingInput = z.object({
  finding,
  notes: z.string().trim().max(2000).nullable().default(null),
  /** An adjustment or recovery of funds, in fen (a receivable in the project's ledger). */
  recoveryAmountFen: z.number().int().min(1).nullable().default(null),
});

// ——— Sanctions, bans, titles ———

export const sanctionInput = z.object({
  sanctionId: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(2000),
  spotCheckItemId: id.nullable().default(null),
  recoveryAmountFen: z.number().int().min(1).nullable().default(null),
});

export const title = z.object({
  id,
  applicationId: id,
  organizationName: z.string(),
  titleId: z.string(),
  name: messages,
  citation: z.string(),
  awardedOn: isoDate,
  status: z.enum(['active', 'revoked']),
  revokedOn: isoDate.nullable(),
  revokedReason: z.string().nullable(),
});

export const sanction = z.object({
  id,
  sanctionId: z.string(),
  trigger: z.string(),
  effects: z.array(z.string()),
  message: messages,
  citation: z.string(),
  reason: z.string(),
  decidedOn: isoDate,
  spotCheckItemId: z.string().nullable(),
  recoveryId: z.string().nullable(),
  banId: z.string().nullable(),
  revokedTitleIds: z.array(z.string()),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});

export const ban = z.object({
  id,
  organizationId: id,
  organizationName: z.string(),
  creditCode: z.string().nullable(),
  applicationId: z.string().nullable(),
  scope: z.enum(['all_programs', 'this_program']),
  programCode: z.string().nullable(),
  fromDate: isoDate,
  /** The expiry date: the organization may apply again from this day on. */
  untilDate: isoDate,
  /** The last day the ban is in force. */
  lastDay: isoDate,
  citation: z.string(),
  active: z.boolean(),
});

export const banListQuery = listQuery.extend({ status: z.enum(['active', 'expired']).optional(), q: z.string().trim().max(100).optional(), order: z.enum(['asc', 'desc']).default('desc') });
export const banPage = pageOf(ban).extend({ today: isoDate });

export const sanctionOption = z.object({
  id: z.string(),
  trigger: z.string(),
  effects: z.array(z.string()),
  banYears: z.number().int().nullable(),
  banScope: z.enum(['this_program', 'all_programs']).nullable(),
  message: messages,
  citation: z.string(),
});

export const projectOversight = z.object({
  applicationId: id,
  projectStatus: z.string().nullable(),
  titles: z.array(title),
  sanctions: z.array(sanction),
  bans: z.array(ban),
  checks: z.array(spotCheckItem.extend({ seed: z.string() })),
  sanctionOptions: z.array(sanctionOption),
  recoverableFen: z.number().int().nullable(),
  canManage: z.boolean(),
});
export type ProjectOversight = z.infer<typeof projectOversight>;

export const publicTitleQuery = listQuery.extend({ q: z.string().trim().max(100).optional(), programCode: z.string().max(64).optional(), order: z.enum(['asc', 'desc']).default('desc') });
export const publicTitle = z.object({ id, organizationName: z.string(), cityName: z.string().nullable(), title: messages, programName: messages, awardedOn: isoDate });
export const publicTitlePage = pageOf(publicTitle);
