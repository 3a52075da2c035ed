/**
 * The applicant's side: the enterprise profile (versioned), calls, applications (drafts, submission,
 * withdrawal, return for revision, timeline), attachments (resumable uploads) and notifications.
 */
import { z } from 'zod';
import { id, listQuery, messages, pageOf } from './common.ts';
import { evaluation } from './programs.ts';

const isoDate = z.iso.date({ error: 'date' });
const money = z.number().int({ error: 'money' }).min(-9_000_000_000_000_000).max(9_000_000_000_000_000);

/** Legal forms of an applying unit (DESIGN.md; the rule input `applicant.legalForm`). */
export const LEGAL_FORMS = ['enterprise', 'branch', 'public_institution', 'social_organization', 'university', 'research_institute'] as const;
export const legalForm = z.enum(LEGAL_FORMS);

/** Credential codes (src/core/programs/rule-engine.ts CREDENTIALS). */
export const CREDENTIAL_CODES = [
  'national_it_pilot',
  'provincial_it_pilot',
  'it_innovation_award',
  'integration_management_certified',
  'national_integration_pilot',
  'national_smart_manufacturing_pilot',
  'national_ii_pilot',
  'provincial_ii_pilot',
  'provincial_specialized_sme',
  'epidemic_key_supplier',
  'national_platform',
] as const;

export const contact = z.object({
  name: z.string().trim().min(1).max(50),
  position: z.string().trim().max(50).default(''),
  mobile: z.string().trim().regex(/^1\d{10}$/, { error: 'mobile' }),
  email: z.string().trim().toLowerCase().pipe(z.email({ error: 'email' })),
});

export const credential = z.object({
  code: z.enum(CREDENTIAL_CODES),
  /** When it was obtained (optional: some certificates carry no date). */
  obtainedOn: isoDate.or(z.literal('')).default(''),
  note: z.string().trim().max(200).default(''),
  /** Attachments (purpose `credential`) that prove it. */
  evidenceIds: z.array(id).max(10).default([]),
});

export const declarations = z.object({
  badRecords: z.boolean(),
  safetyAccident: z.boolean(),
  /** Date of the last major quality, environmental or safety accident, '' if none. */
  lastMajorAccidentDate: isoDate.or(z.literal('')),
  underInvestigation: z.boolean(),
  goodCredit: z.boolean(),
  soundFinances: z.boolean(),
});

/** The enterprise profile as the applicant edits it. Money in integer fen. */
export const profileInput = z.object({
  name: z.string().trim().min(2).max(100),
  /** GB/T 2260 county-level division of the registered address; decides the recommending unit (city). */
  divisionCode: z.string().trim().regex(/^\d{6}$/, { error: 'divisionCode' }),
  address: z.string().trim().min(2).max(200),
  legalForm,
  independentLegalPerson: z.boolean(),
  independentAccounting: z.boolean(),
  /** A non-independent unit that files statistics and pays tax where it is. */
  localStatisticsAndTax: z.boolean(),
  legalRepresentative: z.string().trim().min(1).max(50),
  contacts: z.array(contact).min(1).max(5),
  /** GB/T 4754-2017 class with its section letter, e.g. C3511. */
  industryCode: z.string().trim().toUpperCase().regex(/^[A-T]\d{2,4}$/, { error: 'industryCode' }),
  employees: z.number().int().min(0).max(10_000_000),
  /** 两化融合 stage: 0 not assessed, 1 起步建设, 2 单项覆盖, 3 集成提升, 4 创新突破. */
  integrationLevel: z.number().int().min(0).max(4),
  itTeamSize: z.number().int().min(0).max(1_000_000),
  credentials: z.array(credential).max(20).default([]),
  financialYear: z.number().int().min(2000).max(2100),
  annualSalesFen: money.min(0),
  annualProfitFen: money,
  declarations,
});
export type ProfileInput = z.infer<typeof profileInput>;

export const saveProfileInput = z.object({
  profile: profileInput,
  /** The version the edit started from; a stale one is refused (409) so nobody overwrites another's edit. */
  baseVersion: z.number().int().min(0),
});

export const profile = z.object({
  organizationId: id,
  creditCode: z.string().nullable(),
  /** 0 when the profile was never completed (then `data` is null). */
  version: z.number().int(),
  data: profileInput.nullable(),
  cityId: id.nullable(),
  cityName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type Profile = z.infer<typeof profile>;
export const profileVersionList = z.object({ items: z.array(z.object({ version: z.number().int(), createdAt: z.string(), createdBy: z.string().nullable() })) });
export const profileVersionParams = z.object({ version: z.coerce.number().int().min(1) });
export const organizationIdParams = z.object({ id });

// Calls

export const callStatus = z.enum(['draft', 'scheduled', 'open', 'closed']);
export const callSummary = z.object({
  id,
  programCode: z.string(),
  programVersion: z.number().int(),
  programName: messages,
  title: z.string(),
  documentNumber: z.string().nullable(),
  provinceCode: z.string(),
  opensAt: z.string(),
  /** The deadline instant (ISO, UTC); shown in Asia/Shanghai. */
  deadlineAt: z.string(),
  status: callStatus,
  publishedAt: z.string().nullable(),
  /** For an applicant: its own application under this call, if any. */
  myApplicationId: id.nullable(),
});
export type CallSummary = z.infer<typeof callSummary>;
export const callPage = pageOf(callSummary);
export const callListQuery = listQuery.extend({
  status: callStatus.optional(),
  programCode: z.string().max(100).optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['deadlineAt', 'opensAt', 'title']).default('deadlineAt'),
});

/** What an applicant needs to prepare: the program's directions, rules, forms and attachments. */
export const callDetail = callSummary.extend({
  materials: z.string(),
  /** The program definition the call runs under (published, frozen). */
  definition: z.record(z.string(), z.unknown()),
});
export type CallDetail = z.infer<typeof callDetail>;

export const createCallInput = z.object({
  programCode: z.string().regex(/^[a-z0-9-]+$/),
  programVersion: z.number().int().min(1),
  title: z.string().trim().min(4).max(200),
  documentNumber: z.string().trim().max(100).nullable().default(null),
  /** Dates and times in Asia/Shanghai. */
  opensOn: isoDate,
  deadlineDate: isoDate,
  deadlineTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'time' }).default('17:00'),
  materials: z.string().trim().max(10_000).default(''),
});
export type CreateCallInput = z.infer<typeof createCallInput>;

// Applications

export const APPLICATION_STATES = [
  'draft',
  'submitted',
  'city_review',
  'returned',
  'withdrawn',
  'rejected',
  'city_passed',
  'recommended',
  'policy_passed',
  'policy_rejected',
  'expert_review',
  'shortlisted',
  'not_shortlisted',
  'selected',
  'not_selected',
] as const;
export const applicationState = z.enum(APPLICATION_STATES);
export type ApplicationState = z.infer<typeof applicationState>;

export const applicationSummary = z.object({
  id,
  callId: id,
  callTitle: z.string(),
  programCode: z.string(),
  programVersion: z.number().int(),
  programName: messages,
  organizationId: id,
  organizationName: z.string(),
  creditCode: z.string().nullable(),
  cityName: z.string().nullable(),
  projectName: z.string(),
  directions: z.array(z.string()),
  category: z.string().nullable(),
  state: applicationState,
  revision: z.number().int(),
  deadlineAt: z.string(),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ApplicationSummary = z.infer<typeof applicationSummary>;
export const applicationPage = pageOf(applicationSummary);
export const applicationListQuery = listQuery.extend({
  state: applicationState.optional(),
  callId: id.optional(),
  programCode: z.string().max(100).optional(),
  /** A recommending unit (city): the applications of organizations under it (the statistics map links here). */
  cityId: id.optional(),
  /** Search in the project name, the organization's name or its credit code. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['updatedAt', 'submittedAt', 'projectName', 'organizationName', 'state']).default('updatedAt'),
});

export const attachment = z.object({
  id,
  applicationId: id.nullable(),
  purpose: z.enum(['application', 'credential', 'acceptance']),
  requirementId: z.string(),
  fileName: z.string(),
  /** The type found in the content (magic bytes): pdf, docx, xlsx, doc, xls, jpg, png, zip. */
  kind: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
  uploadedBy: z.string().nullable(),
});
export type Attachment = z.infer<typeof attachment>;
export const attachmentList = z.object({ items: z.array(attachment) });

export const timelineEvent = z.object({
  at: z.string(),
  fromState: applicationState.nullable(),
  toState: applicationState,
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  comment: z.string().nullable(),
});

export const fieldComment = z.object({ comment: z.string(), by: z.string().nullable(), at: z.string() });

export const commitment = z.object({ signatoryName: z.string(), acceptedAt: z.string(), ip: z.string().nullable(), text: z.string() });

export const applicationDetail = applicationSummary.extend({
  /** `{ formId: { fieldId: value } }`; money in fen, dates ISO, directions as code lists. */
  formData: z.record(z.string(), z.record(z.string(), z.unknown())),
  /** The officer's comments from the last return for revision, by field path `formId.fieldId` (or `attachments.REQ`). */
  fieldComments: z.record(z.string(), fieldComment),
  returnComment: z.string().nullable(),
  commitment: commitment.nullable(),
  /** The profile version frozen at submission. */
  profileVersion: z.number().int().nullable(),
  attachments: z.array(attachment),
  timeline: z.array(timelineEvent),
  /** What the signed-in user may do now. */
  permissions: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), startReview: z.boolean(), returnForRevision: z.boolean() }),
  /** The commitment text (承诺书) the applicant accepts on submission. */
  commitmentText: z.string(),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

export const createApplicationInput = z.object({ callId: id });
export const applicationParams = z.object({ id });

export const saveDraftInput = z.object({
  /** The revision the client last saw; a stale one is refused (409) with the stored revision. */
  revision: z.number().int().min(0),
  formData: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export const fieldIssue = z.object({ path: z.string(), code: z.string(), messages });
export const saveDraftResult = z.object({
  revision: z.number().int(),
  savedAt: z.string(),
  /** Problems that would stop submission (drafts are saved anyway). */
  issues: z.array(fieldIssue),
});

export const precheckResult = evaluation.extend({
  /** Rules that read application facts not yet known: shown as "to be checked with the form". */
  pending: z.array(z.string()),
  profileComplete: z.boolean(),
  today: z.string(),
});
export type PrecheckResult = z.infer<typeof precheckResult>;

export const submitInput = z.object({
  revision: z.number().int().min(0),
  commitment: z.object({ signatoryName: z.string().trim().min(2).max(50), accepted: z.literal(true, { error: 'commitment' }) }),
});

export const withdrawInput = z.object({ reason: z.string().trim().min(2).max(500) });
export const returnInput = z.object({
  comment: z.string().trim().min(2).max(2000),
  /** Comments on single fields, by path `formId.fieldId` or `attachments.REQUIREMENT`. */
  fieldComments: z.record(z.string().max(200), z.string().trim().min(1).max(1000)).default({}),
});

// Uploads (resumable: create, send chunks at offsets, ask where it stands, complete)

export const createUploadInput = z.object({
  purpose: z.enum(['application', 'credential', 'acceptance']),
  /** The application (purpose application), or the project's application (purpose acceptance). */
  applicationId: id.optional(),
  /** The attachment requirement (application), the credential code (credential) or the acceptance material (acceptance). */
  requirementId: z.string().min(1).max(100),
  fileName: z.string().min(1).max(255),
  sizeBytes: z.number().int().min(1),
});
export const upload = z.object({
  id: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  receivedBytes: z.number().int(),
  chunkBytes: z.number().int(),
  expiresAt: z.string(),
});
export const uploadParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) });
export const uploadChunkQuery = z.object({ offset: z.coerce.number().int().min(0) });
export const attachmentParams = z.object({ id });

// Notifications

export const notification = z.object({
  id,
  kind: z.string(),
  title: messages,
  body: messages,
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationPage = pageOf(notification).extend({ unread: z.number().int() });
export const notificationListQuery = listQuery.extend({ unreadOnly: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });
