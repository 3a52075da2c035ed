/** Implementation: projects, the implementation plan and agreement, progress reports, guidance visits, acceptance with rectification. */
import { z } from 'zod';
import { id, listQuery, messages, pageOf } from './common.ts';
import { attachment } from './applicants.ts';

const isoDate = z.iso.date({ error: 'date' });
const text = (max: number) => z.string().trim().max(max);
const fen = z.number().int().min(0).max(1_000_000_000_000);

export const PROJECT_STATUSES = ['agreement_pending', 'implementing', 'acceptance_requested', 'initial_accepted', 'rectifying', 'accepted', 'failed', 'revoked'] as const;
export const projectStatus = z.enum(PROJECT_STATUSES);
export type ProjectStatusValue = z.infer<typeof projectStatus>;

export const projectParams = z.object({ id });
export const projectReportParams = z.object({ id, reportId: id });

export const projectListQuery = listQuery.extend({
  order: z.enum(['asc', 'desc']).default('desc'),
  q: text(100).optional(),
  status: projectStatus.optional(),
  callId: id.optional(),
  /** Only projects with a progress report past its due date and not submitted. */
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(['updatedAt', 'projectName', 'organizationName', 'status', 'selectedAt']).default('updatedAt'),
});

export const projectSummary = z.object({
  id,
  callId: id,
  callTitle: z.string(),
  organizationId: id,
  organizationName: z.string(),
  cityName: z.string().nullable(),
  projectName: z.string(),
  programCode: z.string(),
  programVersion: z.number().int(),
  programName: messages,
  status: projectStatus,
  selectedAt: z.string(),
  agreementSignedAt: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  overdueReports: z.number().int(),
  updatedAt: z.string(),
});
export const projectPage = pageOf(projectSummary);

export const projectEvent = z.object({
  at: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  comment: z.string().nullable(),
});

export const acceptanceConfig = z
  .object({
    sequence: z.array(z.enum(['initial_acceptance', 'acceptance'])),
    acceptedBy: z.enum(['city', 'province']),
    rectification: z.object({ allowed: z.boolean(), secondAcceptance: z.boolean() }),
    materials: z.array(z.object({ id: z.string(), name: messages, citation: z.string() })),
    citation: z.string(),
  })
  .nullable();

export const projectDetail = projectSummary.extend({
  creditCode: z.string().nullable(),
  provinceName: z.string(),
  timeline: z.array(projectEvent),
  acceptance: acceptanceConfig,
  /** The program's eligible expense categories (budget lines of the plan). */
  categories: z.array(z.object({ code: z.string(), name: messages })),
});

// ── The implementation plan and the agreement ────────────────────────────────

export const milestone = z.object({ name: text(200).min(1), dueDate: isoDate });
export const budgetLine = z.object({ category: z.string().max(50), amountFen: fen });
export const indicator = z.object({ name: text(200).min(1), target: text(100).min(1), unit: text(30).default('') });

export const implementationPlan = z.object({
  goals: text(4000).min(1),
  startDate: isoDate,
  endDate: isoDate,
  milestones: z.array(milestone).min(1).max(50),
  budget: z.array(budgetLine).min(1).max(50),
  indicators: z.array(indicator).min(1).max(50),
});
export type ImplementationPlan = z.infer<typeof implementationPlan>;

/** `submit` hands the plan to the province for review; otherwise it is kept as a draft. */
export const planInput = implementationPlan.extend({ submit: z.boolean().default(false) });
export const planReviewInput = z.object({ decision: z.enum(['approve', 'return']), comment: text(2000).default('') });

export const signatories = z.object({ province: text(100).min(1), enterprise: text(100).min(1) });
export const signInput = z.object({ signedOn: isoDate, signatories });

export const agreementView = z.object({
  plan: implementationPlan.nullable(),
  planStatus: z.enum(['none', 'draft', 'submitted', 'returned', 'approved']),
  planSubmittedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  agreementNumber: z.string().nullable(),
  generatedAt: z.string().nullable(),
  signedOn: z.string().nullable(),
  signatories: signatories.nullable(),
  budgetTotalFen: z.number().int(),
  categories: z.array(z.object({ code: z.string(), name: messages })),
});

// ── Progress reports and guidance visits ─────────────────────────────────────

export const MILESTONE_STATUSES = ['not_started', 'in_progress', 'done', 'delayed'] as const;
export const reportInput = z.object({
  milestones: z.array(z.object({ name: text(200).min(1), status: z.enum(MILESTONE_STATUSES), note: text(1000).default('') })).max(50),
  spentFen: fen,
  problems: text(4000).default(''),
});
export const reportComment = z.object({ role: z.string(), by: z.string(), at: z.string(), comment: z.string() });
export const commentInput = z.object({ comment: text(2000).min(1) });

export const progressReport = z.object({
  id,
  period: z.string(),
  dueDate: z.string(),
  status: z.enum(['due', 'submitted']),
  /** Due date passed (by the server's clock) and not submitted. */
  overdue: z.boolean(),
  content: reportInput.nullable(),
  submittedAt: z.string().nullable(),
  comments: z.array(reportComment),
});
export const reportList = z.object({ items: z.array(progressReport) });

export const visitInput = z.object({ visitDate: isoDate, place: text(200).min(1), participants: text(500).min(1), notes: text(4000).min(1) });
export const guidanceVisit = visitInput.extend({ id, organizationName: z.string(), createdAt: z.string() });
export const visitList = z.object({ items: z.array(guidanceVisit) });

// ── Acceptance ───────────────────────────────────────────────────────────────

/** A file uploaded (purpose `acceptance`) as one of the program's materials; a material may have several files. */
export const acceptanceMaterialInput = z.object({ id: z.string().max(50), attachmentId: id });
export const acceptanceRequestInput = z.object({ materials: z.array(acceptanceMaterialInput).max(60).default([]), note: text(2000).default('') });
export const acceptanceMaterial = acceptanceMaterialInput.extend({ fileName: z.string(), sizeBytes: z.number().int() });

export const expertOpinion = z.object({ name: text(50).min(1), opinion: text(2000).min(1) });
export const acceptanceDecisionInput = z.object({
  passed: z.boolean(),
  opinion: text(4000).min(1),
  experts: z.array(expertOpinion).max(15).default([]),
  /** Required when failing a first round whose program allows rectification. */
  rectificationDeadline: isoDate.optional(),
});

export const acceptanceStep = z.object({
  step: z.enum(['initial_acceptance', 'acceptance']),
  by: z.enum(['city', 'province']),
  passed: z.boolean(),
  opinion: z.string(),
  experts: z.array(expertOpinion),
  actorName: z.string(),
  at: z.string(),
});

export const acceptanceRound = z.object({
  id,
  round: z.number().int(),
  status: z.enum(['requested', 'initial_passed', 'initial_failed', 'passed', 'failed']),
  materials: z.array(acceptanceMaterial),
  note: z.string().nullable(),
  requestedAt: z.string(),
  initial: acceptanceStep.nullable(),
  final: acceptanceStep.nullable(),
  rectificationDeadline: z.string().nullable(),
});
export const acceptanceView = z.object({
  config: acceptanceConfig,
  rounds: z.array(acceptanceRound),
  /** Materials uploaded for the next request (purpose acceptance), not yet submitted. */
  pending: z.array(attachment),
  /** The step awaited now and who takes it, or null. */
  next: z.object({ step: z.enum(['request', 'initial_acceptance', 'acceptance']), by: z.enum(['applicant', 'city', 'province']) }).nullable(),
});
