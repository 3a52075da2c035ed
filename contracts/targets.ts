/**
 * The province's target dashboard (002): every target with its current value (computed from the
 * platform's records or reported by its lead department), progress and status; a target's history;
 * a lead department's report; the export. Values are in the target's unit: money in integer fen,
 * shares in basis points; `display` carries the texts the screen and the export show.
 */
import { z } from 'zod';
import { listQuery, messages } from './common.ts';

export const targetStatus = z.enum(['achieved', 'on_track', 'behind', 'overdue', 'no_data']);
export type TargetStatusValue = z.infer<typeof targetStatus>;

export const targetFilters = z.object({
  /** The plan's program code; by default the plan of the actor's province. */
  plan: z.string().trim().max(64).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: targetStatus.optional(),
  leadDepartment: z.string().trim().max(64).optional(),
  sort: z.enum(['position', 'year', 'progress', 'status', 'current']).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export const dashboardQuery = listQuery.extend(targetFilters.shape).extend({ pageSize: z.coerce.number().int().min(1).max(100).default(100) });
export const planQuery = z.object({ plan: z.string().trim().max(64).optional() });
export const targetParams = z.object({ id: z.string().min(1).max(100) });

export const targetRow = z.object({
  id: z.string(),
  position: z.number().int(),
  name: messages,
  year: z.number().int(),
  value: z.number(),
  unit: z.string(),
  direction: z.enum(['at_least', 'at_most']),
  baseline: z.object({ year: z.number().int(), value: z.number() }).nullable(),
  measure: z.enum(['computed', 'reported']),
  metric: z.string().nullable(),
  every: z.enum(['quarter', 'year']).nullable(),
  current: z.number().nullable(),
  source: z.enum(['computed', 'reported']),
  /** The period of the latest report (reported targets). */
  period: z.string().nullable(),
  reportedAt: z.string().nullable(),
  reportedBy: z.string().nullable(),
  evidence: z.string().nullable(),
  /** Share of the way to the target, rounded to 4 decimals (1 = there), or null without a value. */
  share: z.number().nullable(),
  /** The share the straight-line schedule expects by today, 4 decimals. */
  expected: z.number(),
  status: targetStatus,
  /** Behind or overdue. */
  behind: z.boolean(),
  scheduleStart: z.string(),
  scheduleEnd: z.string(),
  leadDepartment: z.string(),
  leadDepartments: z.array(z.string()),
  participatingDepartments: z.array(z.string()),
  citation: z.string(),
  canReport: z.boolean(),
  display: z.object({ value: messages, baseline: messages.nullable(), current: messages.nullable(), progress: z.string(), status: messages }),
});
export type TargetRowView = z.infer<typeof targetRow>;

const summary = z.object({ total: z.number().int(), achieved: z.number().int(), on_track: z.number().int(), behind: z.number().int(), overdue: z.number().int(), no_data: z.number().int() });

export const dashboard = z.object({
  plan: z.object({ code: z.string(), version: z.number().int(), name: messages, provinceCode: z.string(), effectiveFrom: z.string(), documentTitle: z.string() }),
  plans: z.array(z.object({ code: z.string(), name: messages })),
  asOf: z.string(),
  summary,
  items: z.array(targetRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  years: z.array(z.number().int()),
  leadDepartments: z.array(z.string()),
});
export type DashboardView = z.infer<typeof dashboard>;

export const targetReport = z.object({
  id: z.string(),
  period: z.string(),
  value: z.number(),
  text: messages,
  note: z.string(),
  evidence: z.string(),
  organizationName: z.string().nullable(),
  reportedByName: z.string().nullable(),
  supersedes: z.string().nullable(),
  superseded: z.boolean(),
  supersededAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TargetReportView = z.infer<typeof targetReport>;

export const targetHistory = z.object({
  target: targetRow,
  asOf: z.string(),
  points: z.array(z.object({ date: z.string(), period: z.string().nullable(), value: z.number(), text: messages })),
  reports: z.array(targetReport),
});
export type TargetHistoryView = z.infer<typeof targetHistory>;

/** Lengths are checked (with field messages) by the use case; these bounds only keep requests small. */
export const reportInput = z.object({
  period: z.string().max(32).default(''),
  value: z.number().nullable().default(null),
  note: z.string().max(4000).default(''),
  evidence: z.string().max(4000).default(''),
});
export type ReportInputBody = z.input<typeof reportInput>;
