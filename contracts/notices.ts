/**
 * The decision (shortlist from the experts' ranking), the public notice with its objections, and
 * the final list: the province's endpoints and the public ones (no sign-in). The public shapes
 * carry only what the program declares public; never scores, applicants' contacts or objections.
 */
import { z } from 'zod';
import { id, listQuery, messages, pageOf } from './common.ts';

export const callParams = z.object({ id });
export const objectionParams = z.object({ id });

// ——— Decision ———

export const tieBreak = z.object({ above: id, decidedBy: z.string(), messages, citation: z.string().nullable() });

export const decisionEntry = z.object({
  applicationId: id,
  projectName: z.string(),
  organizationName: z.string(),
  cityName: z.string().nullable(),
  direction: z.string().nullable(),
  directionName: messages.nullable(),
  rank: z.number().int(),
  score: z.number(),
  aboveThreshold: z.boolean(),
  /** In the proposal: above the threshold and within the program's quota. */
  proposed: z.boolean(),
  /** In the decision once it is confirmed (null before). */
  shortlisted: z.boolean().nullable(),
  reason: z.string().nullable(),
  tieWithPrevious: tieBreak.nullable(),
});

export const decisionView = z.object({
  callId: id,
  threshold: z.number().nullable(),
  thresholdCitation: z.string().nullable(),
  /** The program's total quota (null: not bounded). */
  quota: z.object({ total: z.number().int().nullable(), citation: z.string().nullable() }),
  entries: z.array(decisionEntry),
  /** Applications in expert review whose scores are not all in: the decision waits for them. */
  incomplete: z.array(z.object({ applicationId: id, projectName: z.string(), organizationName: z.string() })),
  decided: z.object({ at: z.string(), by: z.string(), shortlisted: z.number().int(), leftOut: z.number().int() }).nullable(),
});
export type DecisionView = z.infer<typeof decisionView>;

export const decisionInput = z.object({
  /** The application ids to shortlist. */
  shortlist: z.array(id).max(2000),
  /** A reason for every change from the proposal, by application id. */
  reasons: z.record(z.string(), z.string().trim().max(1000)).default({}),
});

// ——— Public notice (the province's view) ———

export const noticeContact = z.object({
  name: z.string().trim().min(1).max(50),
  phone: z.string().trim().min(5).max(40),
  email: z.string().trim().max(100).nullable().default(null),
});

export const noticeStatus = z.enum(['draft', 'published', 'ended', 'final']);

export const noticePeriod = z.object({
  startDate: z.string(),
  endDate: z.string(),
  endsAt: z.string(),
  provisional: z.boolean(),
  endTime: z.string(),
  unit: z.enum(['calendar', 'working']),
  length: z.number().int(),
  messages,
  citation: z.string(),
});

export const noticeItem = z.object({
  position: z.number().int(),
  organizationName: z.string(),
  projectName: z.string(),
  cityName: z.string().nullable(),
  direction: z.string(),
  /** The program's further public fields (`formId.fieldId` → text). */
  fields: z.record(z.string(), z.string()),
});

export const noticeView = z.object({
  id,
  callId: id,
  title: z.string(),
  body: z.string(),
  contact: noticeContact.nullable(),
  /** As read now: a published notice whose period is over reads as ended. */
  status: noticeStatus,
  publishedAt: z.string().nullable(),
  /** The period once published; before that, what it would be if published now. */
  period: noticePeriod.nullable(),
  periodIsPreview: z.boolean(),
  /** False where the program sets no public notice (001): the final list follows the decision directly. */
  noticeRequired: z.boolean(),
  objectionsAllowed: z.boolean(),
  finalDocumentNumber: z.string().nullable(),
  finalPublishedAt: z.string().nullable(),
  items: z.array(noticeItem.extend({ applicationId: id, removed: z.boolean(), state: z.string() })),
  objections: z.object({ total: z.number().int(), open: z.number().int() }),
});
export type NoticeView = z.infer<typeof noticeView>;

export const noticeDraftInput = z.object({
  title: z.string().trim().min(2).max(200),
  body: z.string().trim().max(10_000).default(''),
  contact: noticeContact,
});

export const finalListInput = z.object({ documentNumber: z.string().trim().min(2).max(100) });

// ——— Objections (the province's view) ———

export const objectionStatus = z.enum(['received', 'investigating', 'upheld', 'dismissed']);

export const objection = z.object({
  id,
  noticeId: id,
  applicationId: id.nullable(),
  projectName: z.string().nullable(),
  name: z.string(),
  contact: z.string(),
  content: z.string(),
  attachmentName: z.string().nullable(),
  ip: z.string().nullable(),
  status: objectionStatus,
  outcome: z.string().nullable(),
  handledBy: z.string().nullable(),
  handledAt: z.string().nullable(),
  createdAt: z.string(),
});
export const objectionList = z.object({ items: z.array(objection) });

export const handleObjectionInput = z.object({
  status: z.enum(['investigating', 'upheld', 'dismissed']),
  outcome: z.string().trim().max(5000).default(''),
  /** When upheld: the application to take off the list (the one the objection names, or another). */
  removeApplicationId: id.nullable().default(null),
});

// ——— Public ———

export const publicNoticeQuery = listQuery.extend({ kind: z.enum(['notice', 'final']).optional() });

export const publicNoticeSummary = z.object({
  id,
  title: z.string(),
  programName: messages,
  status: z.enum(['published', 'ended', 'final']),
  publishedAt: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  endsAt: z.string().nullable(),
  provisional: z.boolean(),
  finalList: z.object({ title: z.string(), documentNumber: z.string(), publishedAt: z.string() }).nullable(),
});
export const publicNoticePage = pageOf(publicNoticeSummary);

export const publicNotice = z.object({
  id,
  title: z.string(),
  body: z.string(),
  programName: messages,
  issuer: z.string(),
  /** The department's contact for the notice (not an applicant's). */
  contact: noticeContact.nullable(),
  status: z.enum(['published', 'ended', 'final']),
  publishedAt: z.string(),
  /** Null for the final list of a program that sets no public notice. */
  period: noticePeriod.nullable(),
  objectionsOpen: z.boolean(),
  items: z.array(noticeItem),
  finalList: z.object({ title: z.string(), documentNumber: z.string(), publishedAt: z.string() }).nullable(),
});
export type PublicNotice = z.infer<typeof publicNotice>;

/** An objection from the public; the attachment (optional, a small PDF or image) as base64. */
export const objectionInput = z.object({
  name: z.string().max(200).default(''),
  contact: z.string().max(200).default(''),
  content: z.string().max(20_000).default(''),
  /** The item objected to, by its number on the notice (optional). */
  itemPosition: z.number().int().min(1).max(100_000).nullable().default(null),
  attachment: z.object({ fileName: z.string().max(300), contentBase64: z.string().max(3_000_000) }).nullable().default(null),
});
export const objectionReceipt = z.object({ id, receivedAt: z.string(), messages });
