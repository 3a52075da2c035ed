/** Expert review: the expert pool, assignment runs, conflict declarations, scores, the panel's record, the ranking. */
import { z } from 'zod';
import { attachment } from './applicants.ts';
import { id, listQuery, messages, pageOf } from './common.ts';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((v) => (v === undefined ? undefined : v || null));

// ——— The expert pool ———

export const expert = z.object({
  id,
  poolId: id,
  accountId: id.nullable(),
  name: z.string(),
  title: z.string(),
  organizationName: z.string(),
  creditCode: z.string().nullable(),
  cityName: z.string().nullable(),
  tags: z.array(z.string()),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
});
export type Expert = z.infer<typeof expert>;

export const expertListQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().max(50).optional(),
  active: z.enum(['true', 'false']).optional().transform((v) => (v === undefined ? undefined : v === 'true')),
  /** An administrator names the province (e.g. 130000); others work on their own province's pool. */
  provinceCode: z.string().trim().max(20).optional(),
});
export const expertPage = pageOf(expert).extend({ tags: z.array(z.string()) });

const phone = z
  .string()
  .trim()
  .max(30)
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})?$/, { error: 'phone' })
  .nullable()
  .optional()
  .transform((v) => (v === undefined ? undefined : v || null));
const email = z
  .union([z.literal(''), z.email({ error: 'email' }).max(200)])
  .nullable()
  .optional()
  .transform((v) => (v === undefined ? undefined : v || null));

export const expertInput = z.object({
  name: z.string().trim().min(1).max(50),
  title: z.string().trim().max(50).default(''),
  organizationName: z.string().trim().min(1).max(200),
  creditCode: optionalText(30).default(null),
  cityName: optionalText(50).default(null),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
  phone: phone.default(null),
  email: email.default(null),
  provinceCode: z.string().trim().max(20).optional(),
});
export const expertPatch = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  title: z.string().trim().max(50).optional(),
  organizationName: z.string().trim().min(1).max(200).optional(),
  creditCode: optionalText(30),
  cityName: optionalText(50),
  tags: z.array(z.string().trim().min(1).max(50)).max(30).optional(),
  phone,
  email,
  active: z.boolean().optional(),
});
export const expertParams = z.object({ id });
export const expertImportQuery = z.object({ provinceCode: z.string().trim().max(20).optional() });
export const expertImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  linked: z.number().int(),
  /** Refused rows: the Excel row number (0: the whole file), the column's heading, what is wrong. */
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), messages })),
});

// ——— Assignment ———

export const conflictReason = z.object({ code: z.string(), messages, citation: z.string().nullable() });

export const qualityReport = z.object({
  objective: z.number(),
  bound: z.number().nullable(),
  gapPercent: z.number().nullable(),
  loads: z.object({ min: z.number(), max: z.number(), mean: z.number() }),
  unmatchedTagPairs: z.number().int(),
});

export const runReport = z.object({
  perApplication: z.number().int(),
  minLoad: z.number().int(),
  maxLoad: z.number().int(),
  applications: z.number().int(),
  experts: z.number().int(),
  conflicts: z.number().int(),
  fixed: z.number().int(),
  feasible: z.boolean(),
  reason: messages.nullable(),
  quality: qualityReport.nullable(),
  greedy: z.object({ feasible: z.boolean(), objective: z.number(), reason: messages.nullable() }),
  boundError: z.string().nullable(),
  pairs: z.array(z.object({ applicationId: id, expertId: id, score: z.number() })),
});

export const assignmentRun = z.object({
  id,
  callId: id,
  status: z.enum(['running', 'done', 'failed', 'applied']),
  perApplication: z.number().int(),
  objective: z.number().nullable(),
  greedyObjective: z.number().nullable(),
  bound: z.number().nullable(),
  report: runReport.nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type AssignmentRun = z.infer<typeof assignmentRun>;

export const runInput = z.object({
  /** Experts per application; default: the program's `scoring.expertsPerApplication`. */
  perApplication: z.number().int().min(1).max(15).optional(),
  minLoad: z.number().int().min(0).max(1000).optional(),
  maxLoad: z.number().int().min(1).max(1000).optional(),
});
export const runParams = z.object({ id });
export const callParams = z.object({ id });

export const assignmentStatus = z.enum(['assigned', 'declined_conflict', 'accepted', 'submitted']);
export const conflictDeclaration = z.object({ conflict: z.boolean(), relation: z.string().nullable(), at: z.string() });

/** An assignment as the province sees it (names and scores included). */
export const assignment = z.object({
  id,
  callId: id,
  applicationId: id,
  expertId: id,
  expertName: z.string(),
  manual: z.boolean(),
  status: assignmentStatus,
  conflictDeclaration: conflictDeclaration.nullable(),
  scores: z.record(z.string(), z.number()).nullable(),
  total: z.number().nullable(),
  comment: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type Assignment = z.infer<typeof assignment>;

export const assignmentApplication = z.object({
  id,
  projectName: z.string(),
  organizationName: z.string(),
  creditCode: z.string().nullable(),
  cityName: z.string().nullable(),
  state: z.string(),
  directions: z.array(z.string()),
});

export const assignmentOverview = z.object({
  run: assignmentRun.nullable(),
  /** The program's defaults for a new run. */
  perApplication: z.number().int(),
  load: z.object({ min: z.number().int().nullable(), max: z.number().int().nullable() }),
  applications: z.array(assignmentApplication),
  experts: z.array(expert),
  assignments: z.array(assignment),
  conflicts: z.array(z.object({ expertId: id, applicationId: id, reasons: z.array(conflictReason) })),
});
export type AssignmentOverview = z.infer<typeof assignmentOverview>;

export const applyResult = z.object({ run: assignmentRun, moved: z.array(id), assignments: z.array(assignment) });
export const addAssignmentInput = z.object({ applicationId: id, expertId: id });
export const assignmentParams = z.object({ id });

// ——— The expert's side ———

/** The expert's own view of an assignment. */
export const ownAssignment = z.object({
  id,
  callId: id,
  applicationId: id,
  status: assignmentStatus,
  conflictDeclaration: conflictDeclaration.nullable(),
  scores: z.record(z.string(), z.number()).nullable(),
  total: z.number().nullable(),
  comment: z.string().nullable(),
  submittedAt: z.string().nullable(),
});
export type OwnAssignment = z.infer<typeof ownAssignment>;

export const myAssignments = z.object({
  expert: z.object({ id, name: z.string() }).nullable(),
  items: z.array(ownAssignment.extend({ projectName: z.string(), organizationName: z.string(), callTitle: z.string(), programCode: z.string() })),
});
export type MyAssignments = z.infer<typeof myAssignments>;

export const rubricCriterion = z.object({ id: z.string(), name: messages, weight: z.number().int(), max: z.number().int() });

export const reviewDetail = z.object({
  assignment: ownAssignment,
  application: z.object({ id, projectName: z.string(), organizationName: z.string(), callTitle: z.string(), directions: z.array(z.object({ code: z.string(), name: messages })) }),
  rubric: z.array(rubricCriterion),
  /** Null until the expert declared no conflict of interest. */
  content: z
    .object({
      forms: z.array(
        z.object({
          id: z.string(),
          title: messages,
          sections: z.array(z.object({ title: messages, fields: z.array(z.object({ id: z.string(), label: messages, type: z.string(), unit: z.string().nullable(), value: z.unknown(), display: messages })) })),
        }),
      ),
      attachments: z.array(attachment),
    })
    .nullable(),
});
export type ReviewDetail = z.infer<typeof reviewDetail>;

export const declarationInput = z.object({ conflict: z.boolean(), relation: z.string().trim().max(1000).default('') });
export const scoresInput = z.object({
  scores: z.record(z.string().max(50), z.number()).default({}),
  comment: z.string().max(5000).default(''),
});
export const reviewParams = z.object({ id });

// ——— The province's view of the scores ———

export const aggregate = z.object({
  score: z.number(),
  requested: z.enum(['mean', 'trimmed_mean']),
  applied: z.enum(['mean', 'trimmed_mean']),
  count: z.number().int(),
  dropped: z.object({ highest: z.number(), lowest: z.number() }).nullable(),
  messages,
});

export const defense = z.object({
  /** ISO date-time of the hearing's slot. */
  slotAt: z.string().max(40).nullable(),
  place: z.string().trim().max(200).nullable(),
  attended: z.boolean().nullable(),
  outcome: z.string().trim().max(2000).nullable(),
});
export const panelRecord = z.object({ consensus: z.string().trim().max(5000).nullable(), defense: defense.nullable() });
export type PanelRecord = z.infer<typeof panelRecord>;
export const applicationParams = z.object({ id });

export const callScores = z.object({
  rubric: z.array(rubricCriterion),
  aggregation: z.enum(['mean', 'trimmed_mean']),
  defenseHearing: z.boolean(),
  rows: z.array(
    z.object({
      application: assignmentApplication.extend({ finalScore: z.number().nullable() }),
      experts: z.array(assignment),
      aggregate: aggregate.nullable(),
      submitted: z.number().int(),
      assigned: z.number().int(),
      panel: panelRecord.nullable(),
    }),
  ),
});
export type CallScores = z.infer<typeof callScores>;

export const tieBreak = z.object({ above: id, decidedBy: z.enum(['priority_count', 'priority_order', 'submitted_at', 'application_id']), messages, citation: z.string().nullable() });
export const rankingResult = z.object({
  threshold: z.number().nullable(),
  thresholdCitation: z.string().nullable(),
  rankings: z.array(
    z.object({
      direction: z.string().nullable(),
      name: messages.nullable(),
      entries: z.array(
        z.object({ applicationId: id, direction: z.string().nullable(), rank: z.number().int(), score: z.number(), aboveThreshold: z.boolean(), priorities: z.array(z.string()), tieWithPrevious: tieBreak.nullable() }),
      ),
    }),
  ),
});
export const callRanking = z.object({
  ranking: rankingResult,
  incomplete: z.array(id),
  applications: z.array(z.object({ id, projectName: z.string(), organizationName: z.string(), cityName: z.string().nullable(), finalScore: z.number().nullable() })),
});
export type CallRanking = z.infer<typeof callRanking>;
export const closeScoringResult = z.object({ ranking: rankingResult, incomplete: z.array(id) });
