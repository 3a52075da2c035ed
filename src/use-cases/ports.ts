/**
 * What the use cases need from the outside world, declared here and implemented by adapters
 * (src/adapters/postgres/repositories.ts, src/adapters/security/*). Use cases see only these.
 */
import type { ProfileInput } from '../../contracts/applicants.ts';
import type { OversightRepositories } from './oversight/ports.ts';
import type { OperationRepositories } from './operations/ports.ts';
import type { PortalRepositories } from './public/ports.ts';
import type { Actor, Scope } from '../core/access-policy.ts';
import type { ProgramDefinition } from '../core/programs/definition.ts';
import type { PasswordAgePolicy, Stage } from '../core/authentication.ts';
import type { OrganizationKind, Role } from '../core/roles.ts';
import type { FundingRepository } from './funding/rows.ts';
import type { StatisticsRepository } from './statistics/ports.ts';
import type { TargetRepositories } from './targets/ports.ts';

export interface Clock {
  now(): Date;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface TotpService {
  generateSecret(): string;
  uri(secret: string, accountLabel: string): string;
  /** The time step the code belongs to, or null when it is wrong (±1 step of clock drift allowed). */
  verify(secret: string, code: string, now: Date): number | null;
  qrCode(uri: string): Promise<string>;
}

export interface OrganizationRow {
  id: string;
  parentId: string | null;
  path: string[];
  code: string;
  kind: OrganizationKind;
  name: string;
  nameEn: string | null;
  divisionCode: string | null;
  coveredDivisionCodes: string[];
  creditCode: string | null;
  contactName: string | null;
  contactPhone: string | null;
  address: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationWithAncestors extends OrganizationRow {
  ancestors: string[];
}

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  phone: string | null;
  role: Role;
  organizationId: string;
  status: 'active' | 'disabled';
  passwordHash: string;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

export interface AccountListRow extends AccountRow {
  organizationName: string;
}

export interface SessionRow {
  id: string;
  accountId: string;
  stage: Stage;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string | null;
  organizationId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEventRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  hash: string | null;
}

export interface OutboxRow {
  id: string;
  to: string;
  subject: string;
  body: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

export interface ProgramVersionRow {
  programId: string;
  code: string;
  provinceCode: string;
  version: number;
  status: 'draft' | 'published';
  /** As stored: a draft may not (yet) be a valid definition. */
  definition: unknown;
  basedOnVersion: number | null;
  createdBy: string | null;
  publishedBy: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProgramSampleRow {
  id: string;
  name: string;
  input: unknown;
}

export interface ProfileRow {
  id: string;
  organizationId: string;
  version: number;
  data: unknown;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface CallRow {
  id: string;
  programId: string;
  programCode: string;
  programVersion: number;
  /** The published definition the call runs under. */
  definition: unknown;
  provinceId: string;
  provinceCode: string;
  title: string;
  documentNumber: string | null;
  materials: string;
  opensAt: Date;
  deadlineAt: Date;
  status: 'draft' | 'published';
  createdBy: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ApplicationRow {
  id: string;
  callId: string;
  callTitle: string;
  deadlineAt: Date;
  programId: string;
  programCode: string;
  programVersion: number;
  programName: { 'zh-CN': string; en: string };
  organizationId: string;
  organizationPath: string[];
  organizationName: string;
  creditCode: string | null;
  cityName: string | null;
  state: string;
  formData: Record<string, Record<string, unknown>>;
  revision: number;
  projectName: string;
  directions: string[];
  category: string | null;
  profileVersionId: string | null;
  profileVersion: number | null;
  eligibility: unknown;
  commitment: unknown;
  fieldComments: Record<string, { comment: string; by: string | null; at: string }>;
  returnComment: string | null;
  submittedAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  cityReview: unknown;
  policyReview: unknown;
  finalScore: number | null;
}

export interface ApplicationEventRow {
  at: Date;
  fromState: string | null;
  toState: string;
  actorName: string | null;
  actorRole: string | null;
  comment: string | null;
}

/** What an attachment is for: an application's requirement, a profile credential, or an acceptance material of a project. */
export type AttachmentPurpose = 'application' | 'credential' | 'acceptance';

export interface AttachmentRow {
  id: string;
  organizationId: string;
  applicationId: string | null;
  purpose: AttachmentPurpose;
  requirementId: string;
  fileName: string;
  kind: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  uploadedByName: string | null;
  createdAt: Date;
}

export interface UploadRow {
  id: string;
  organizationId: string;
  applicationId: string | null;
  purpose: AttachmentPurpose;
  requirementId: string;
  fileName: string;
  sizeBytes: number;
  receivedBytes: number;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface NotificationRow {
  id: string;
  accountId: string;
  kind: string;
  title: { 'zh-CN': string; en: string };
  body: { 'zh-CN': string; en: string };
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
}

export interface RecommendationRow {
  id: string;
  callId: string;
  cityId: string;
  cityName: string;
  cityCode: string;
  status: 'draft' | 'submitted' | 'returned';
  documentNumber: string | null;
  returnedComment: string | null;
  submittedAt: Date | null;
  items: { applicationId: string; rank: number; category: string | null }[];
  updatedAt: Date;
}

export interface ExpertRow {
  id: string;
  poolId: string;
  accountId: string | null;
  name: string;
  title: string;
  organizationName: string;
  creditCode: string | null;
  cityName: string | null;
  tags: string[];
  phone: string | null;
  email: string | null;
  active: boolean;
}

export interface AssignmentRow {
  id: string;
  callId: string;
  applicationId: string;
  expertId: string;
  expertName: string;
  manual: boolean;
  status: 'assigned' | 'declined_conflict' | 'accepted' | 'submitted';
  conflictDeclaration: unknown;
  scores: Record<string, number> | null;
  total: number | null;
  comment: string | null;
  submittedAt: Date | null;
}

export interface AssignmentRunRow {
  id: string;
  callId: string;
  status: 'running' | 'done' | 'failed' | 'applied';
  perApplication: number;
  objective: number | null;
  greedyObjective: number | null;
  bound: number | null;
  report: unknown;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface NoticeRow {
  id: string;
  callId: string;
  title: string;
  body: string;
  decisionNote: string | null;
  contact: string | null;
  status: 'draft' | 'published' | 'ended' | 'final';
  publishedAt: Date | null;
  startDate: string | null;
  endDate: string | null;
  endsAt: Date | null;
  provisional: boolean;
  finalDocumentNumber: string | null;
  finalPublishedAt: Date | null;
  createdAt: Date;
}

export interface NoticeItemRow {
  applicationId: string;
  position: number;
  publicFields: Record<string, string>;
  removed: boolean;
}

export interface ObjectionRow {
  id: string;
  noticeId: string;
  applicationId: string | null;
  name: string;
  contact: string;
  content: string;
  attachmentKey: string | null;
  attachmentName: string | null;
  ip: string | null;
  status: 'received' | 'investigating' | 'upheld' | 'dismissed';
  outcome: string | null;
  handledBy: string | null;
  handledAt: Date | null;
  createdAt: Date;
}

export type ProjectStatus = 'agreement_pending' | 'implementing' | 'acceptance_requested' | 'initial_accepted' | 'rectifying' | 'accepted' | 'failed' | 'revoked';

/** A selected application carried on as a project (src/adapters/postgres/project-repositories.ts). */
export interface ProjectRow {
  applicationId: string;
  callId: string;
  callTitle: string;
  organizationId: string;
  organizationPath: string[];
  organizationName: string;
  creditCode: string | null;
  cityId: string | null;
  cityName: string | null;
  provinceId: string;
  provinceName: string;
  projectName: string;
  programCode: string;
  programVersion: number;
  programName: { 'zh-CN': string; en: string };
  /** The call's published definition. */
  definition: unknown;
  status: ProjectStatus;
  selectedAt: Date;
  agreementSignedAt: Date | null;
  acceptedAt: Date | null;
  updatedAt: Date;
}

export interface AgreementRow {
  applicationId: string;
  /** As entered (contracts/implementation.ts ImplementationPlan). */
  plan: unknown;
  planStatus: 'draft' | 'submitted' | 'returned' | 'approved';
  planSubmittedAt: Date | null;
  reviewComment: string | null;
  reviewedAt: Date | null;
  agreementNumber: string | null;
  generatedAt: Date | null;
  signedOn: string | null;
  signatories: unknown;
  updatedAt: Date;
}

export interface ProgressReportRow {
  id: string;
  applicationId: string;
  period: string;
  dueDate: string;
  status: 'due' | 'submitted';
  content: unknown;
  submittedAt: Date | null;
  comments: { role: string; by: string; at: string; comment: string }[];
}

export interface GuidanceVisitRow {
  id: string;
  applicationId: string;
  organizationId: string;
  organizationName: string;
  visitDate: string;
  place: string;
  participants: string;
  notes: string;
  createdAt: Date;
}

export interface AcceptanceRow {
  id: string;
  applicationId: string;
  round: number;
  status: 'requested' | 'initial_passed' | 'initial_failed' | 'passed' | 'failed';
  materials: unknown;
  note: string | null;
  requestedAt: Date;
  initial: unknown;
  final: unknown;
  rectificationDeadline: string | null;
  updatedAt: Date;
}

export interface ProjectEventRow {
  at: Date;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorName: string | null;
  actorRole: string | null;
  comment: string | null;
}

export interface ProjectRepositories {
  findByApplication(applicationId: string): Promise<ProjectRow | undefined>;
  /** Locks the project row for the rest of the transaction. */
  findForUpdate(applicationId: string): Promise<ProjectRow | undefined>;
  /** Creates the project of a 'selected' application when missing (status agreement_pending). */
  ensure(applicationId: string, now: Date): Promise<ProjectRow>;
  setStatus(applicationId: string, status: ProjectStatus, now: Date): Promise<void>;
  setDates(applicationId: string, patch: { agreementSignedAt?: Date | null; acceptedAt?: Date | null }, now: Date): Promise<void>;
  /** `today` (YYYY-MM-DD, Asia/Shanghai) counts the reports due before it and not submitted. */
  list(
    scope: Scope,
    q: ListQuery & { q?: string; status?: string; callId?: string; sort?: 'updatedAt' | 'projectName' | 'organizationName' | 'status' | 'selectedAt'; today?: string; overdueOnly?: boolean },
  ): Promise<{ rows: (ProjectRow & { overdueReports: number })[]; total: number }>;
  agreement(applicationId: string): Promise<AgreementRow | undefined>;
  saveAgreement(applicationId: string, patch: Partial<Omit<AgreementRow, 'applicationId' | 'updatedAt'>> & { reviewedBy?: string | null; signedBy?: string | null }, now: Date): Promise<AgreementRow>;
  reports(applicationId: string): Promise<ProgressReportRow[]>;
  /**
   * Locks (SKIP LOCKED, so two servers never take the same row) the due reports of running projects that still
   * need a reminder (due between `today` and `horizon`) or an overdue notice (due before `today`).
   */
  claimReports(kind: 'reminder' | 'overdue', today: string, horizon: string, limit: number): Promise<{ reportId: string; applicationId: string }[]>;
  markReport(id: string, kind: 'reminder' | 'overdue', now: Date): Promise<void>;
  /** Locks the rectifying projects whose latest round's rectification deadline is before `today`. */
  claimExpiredRectifications(today: string, limit: number): Promise<string[]>;
  findReport(id: string): Promise<ProgressReportRow | undefined>;
  /** Adds the report of a period when missing. */
  ensureReport(applicationId: string, period: string, dueDate: string, now: Date): Promise<void>;
  updateReport(id: string, patch: Partial<Pick<ProgressReportRow, 'status' | 'content' | 'submittedAt' | 'comments'>> & { submittedBy?: string | null }, now: Date): Promise<void>;
  visits(applicationId: string): Promise<GuidanceVisitRow[]>;
  addVisit(row: Omit<GuidanceVisitRow, 'id' | 'organizationName' | 'createdAt'> & { recordedBy: string | null }, now: Date): Promise<string>;
  acceptances(applicationId: string): Promise<AcceptanceRow[]>;
  insertAcceptance(row: Pick<AcceptanceRow, 'applicationId' | 'round' | 'materials' | 'note'> & { requestedBy: string | null }, now: Date): Promise<string>;
  updateAcceptance(id: string, patch: Partial<Pick<AcceptanceRow, 'status' | 'initial' | 'final' | 'rectificationDeadline' | 'materials' | 'note'>>, now: Date): Promise<void>;
  addEvent(row: { applicationId: string; kind: string; fromStatus: string | null; toStatus: string | null; actorId: string | null; actorName: string | null; actorRole: string | null; comment: string | null; at: Date }): Promise<void>;
  events(applicationId: string): Promise<ProjectEventRow[]>;
}

export interface ListQuery {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
}

export interface Repositories {
  organizations: {
    findById(id: string): Promise<OrganizationWithAncestors | undefined>;
    findByCode(code: string): Promise<OrganizationRow | undefined>;
    findByCreditCode(creditCode: string): Promise<OrganizationRow | undefined>;
    insert(row: Omit<OrganizationRow, 'id' | 'path' | 'createdAt' | 'updatedAt'>): Promise<OrganizationRow>;
    update(id: string, patch: Partial<Pick<OrganizationRow, 'contactName' | 'contactPhone' | 'address' | 'name'>>, now: Date): Promise<OrganizationRow>;
    list(
      scope: Scope,
      q: ListQuery & { kind?: OrganizationKind; parentId?: string; q?: string; sort: 'name' | 'code' | 'kind' | 'createdAt' },
    ): Promise<{ rows: OrganizationWithAncestors[]; total: number }>;
    /** Locks the organization's row for the rest of the transaction. */
    lock(id: string): Promise<void>;
    /** Moves an organization under another parent (an enterprise whose registered address changed city). */
    moveTo(id: string, parentId: string, now: Date): Promise<void>;
    updateIdentity(id: string, patch: { name: string; divisionCode: string; address: string }, now: Date): Promise<void>;
    recommendingUnits(): Promise<(OrganizationRow & { province: string; provinceCode: string })[]>;
    count(): Promise<number>;
  };
  accounts: {
    findById(id: string): Promise<AccountRow | undefined>;
    findByEmail(email: string): Promise<AccountRow | undefined>;
    /** Locks the row for the rest of the transaction (concurrent logins count failures correctly). */
    findByEmailForUpdate(email: string): Promise<AccountRow | undefined>;
    insert(row: Pick<AccountRow, 'email' | 'displayName' | 'phone' | 'role' | 'organizationId' | 'passwordHash' | 'passwordChangedAt' | 'mustChangePassword'>): Promise<AccountRow>;
    update(id: string, patch: Partial<Omit<AccountRow, 'id' | 'createdAt'>>, now: Date): Promise<AccountRow>;
    /** The active accounts of an organization (to notify them). */
    ofOrganization(organizationId: string, role?: Role): Promise<Pick<AccountRow, 'id' | 'email' | 'displayName' | 'role'>[]>;
    list(
      scope: Scope,
      q: ListQuery & { role?: Role; status?: 'active' | 'disabled'; organizationId?: string; q?: string; sort: 'email' | 'displayName' | 'role' | 'createdAt' | 'lastLoginAt' },
    ): Promise<{ rows: AccountListRow[]; total: number }>;
  };
  sessions: {
    insert(row: SessionRow): Promise<void>;
    findById(id: string): Promise<SessionRow | undefined>;
    update(id: string, patch: Partial<Omit<SessionRow, 'id' | 'accountId' | 'createdAt'>>): Promise<void>;
    delete(id: string): Promise<void>;
    /** Ends every session of an account; returns how many. */
    deleteForAccount(accountId: string): Promise<number>;
  };
  loginAttempts: {
    record(email: string, ip: string, succeeded: boolean, at: Date): Promise<void>;
    failuresFromIp(ip: string, since: Date): Promise<number>;
  };
  passwordResets: {
    insert(tokenHash: string, accountId: string, expiresAt: Date): Promise<void>;
    findUsable(tokenHash: string, now: Date): Promise<{ accountId: string } | undefined>;
    markUsed(tokenHash: string, now: Date): Promise<void>;
  };
  outbox: {
    enqueue(to: string, subject: string, body: string): Promise<void>;
    list(q: ListQuery): Promise<{ rows: OutboxRow[]; total: number }>;
  };
  programs: {
    /** Every program with its versions (newest first). */
    listVersions(code?: string): Promise<ProgramVersionRow[]>;
    findVersion(code: string, version: number): Promise<ProgramVersionRow | undefined>;
    /** Creates the program row when it is new; returns its id. */
    ensureProgram(code: string, provinceCode: string): Promise<string>;
    insertVersion(row: { programId: string; version: number; status: 'draft' | 'published'; definition: unknown; basedOnVersion: number | null; createdBy: string | null; publishedBy: string | null; publishedAt: Date | null }): Promise<void>;
    updateDraft(programId: string, version: number, definition: unknown, now: Date): Promise<void>;
    publish(programId: string, version: number, definition: unknown, by: string, now: Date): Promise<void>;
    /** Locks the program row, so two officers cannot take the same new version number. */
    lockProgram(code: string): Promise<void>;
    samples(code: string): Promise<ProgramSampleRow[]>;
    upsertSample(programId: string, name: string, input: unknown): Promise<void>;
  };
  profiles: {
    latest(organizationId: string): Promise<ProfileRow | undefined>;
    findVersion(organizationId: string, version: number): Promise<ProfileRow | undefined>;
    findById(id: string): Promise<ProfileRow | undefined>;
    insert(row: { organizationId: string; version: number; data: unknown; createdBy: string | null; createdAt: Date }): Promise<ProfileRow>;
    versions(organizationId: string): Promise<ProfileRow[]>;
  };
  calls: {
    insert(row: Omit<CallRow, 'id' | 'programCode' | 'definition' | 'provinceCode' | 'publishedAt' | 'createdAt' | 'updatedAt'> & { now: Date }): Promise<string>;
    findById(id: string): Promise<CallRow | undefined>;
    publish(id: string, by: string | null, now: Date): Promise<void>;
    list(
      q: ListQuery & { provinceId?: string; publishedOnly: boolean; status?: 'draft' | 'scheduled' | 'open' | 'closed'; programCode?: string; q?: string; sort: 'deadlineAt' | 'opensAt' | 'title'; now: Date },
    ): Promise<{ rows: CallRow[]; total: number }>;
  };
  applications: {
    insert(row: { callId: string; programId: string; programVersion: number; organizationId: string; state: string; createdBy: string; now: Date }): Promise<string>;
    findById(id: string): Promise<ApplicationRow | undefined>;
    /** Locks the row for the rest of the transaction (concurrent saves and submissions queue). */
    findByIdForUpdate(id: string): Promise<ApplicationRow | undefined>;
    update(
      id: string,
      patch: Partial<Pick<ApplicationRow, 'state' | 'formData' | 'revision' | 'projectName' | 'directions' | 'category' | 'profileVersionId' | 'eligibility' | 'commitment' | 'fieldComments' | 'returnComment' | 'submittedAt'>>,
      now: Date,
    ): Promise<void>;
    /** Applications of an organization under one call that count against the program's per-applicant limit. */
    countActive(organizationId: string, callId: string): Promise<number>;
    findActive(organizationId: string, callId: string): Promise<string | undefined>;
    list(
      scope: Scope,
      q: ListQuery & { state?: string; callId?: string; programCode?: string; cityId?: string; q?: string; sort: 'updatedAt' | 'submittedAt' | 'projectName' | 'organizationName' | 'state' },
    ): Promise<{ rows: ApplicationRow[]; total: number }>;
    addEvent(row: { applicationId: string; fromState: string | null; toState: string; actorId: string | null; actorName: string | null; actorRole: string | null; comment: string | null; at: Date }): Promise<void>;
    events(applicationId: string): Promise<ApplicationEventRow[]>;
  };
  attachments: {
    insert(row: Omit<AttachmentRow, 'id' | 'uploadedByName'>): Promise<AttachmentRow>;
    findById(id: string): Promise<AttachmentRow | undefined>;
    /** The application's attachments of one purpose ('application' unless given). */
    forApplication(applicationId: string, purpose?: AttachmentPurpose): Promise<AttachmentRow[]>;
    forOrganization(organizationId: string, purpose: AttachmentPurpose): Promise<AttachmentRow[]>;
    markDeleted(id: string, now: Date): Promise<void>;
    /** Bytes already attached to an application (for the per-application limit). */
    totalBytes(applicationId: string): Promise<number>;
  };
  uploads: {
    insert(row: Omit<UploadRow, 'receivedBytes'>): Promise<UploadRow>;
    findById(id: string): Promise<UploadRow | undefined>;
    findByIdForUpdate(id: string): Promise<UploadRow | undefined>;
    /** Stores one chunk at the current end and moves the end on. */
    appendChunk(id: string, offset: number, data: Uint8Array): Promise<void>;
    /** The staged bytes in order, a chunk at a time. */
    chunks(id: string): AsyncIterable<Uint8Array>;
    firstBytes(id: string, max: number): Promise<Uint8Array>;
    delete(id: string): Promise<void>;
    deleteExpired(now: Date): Promise<number>;
  };
  notifications: {
    insert(row: Omit<NotificationRow, 'id' | 'readAt'>): Promise<void>;
    list(accountId: string, q: ListQuery & { unreadOnly: boolean }): Promise<{ rows: NotificationRow[]; total: number; unread: number }>;
    markRead(id: string, accountId: string, now: Date): Promise<NotificationRow | undefined>;
    markAllRead(accountId: string, now: Date): Promise<number>;
  };
  recommendations: {
    /** The city's recommendation for a call, created when missing, locked for the rest of the transaction. */
    lockForCity(callId: string, cityId: string, now: Date): Promise<RecommendationRow>;
    find(callId: string, cityId: string): Promise<RecommendationRow | undefined>;
    forCall(callId: string): Promise<RecommendationRow[]>;
    addItem(recommendationId: string, applicationId: string, rank: number, category: string | null, now: Date): Promise<void>;
    removeItem(recommendationId: string, applicationId: string): Promise<void>;
    setRanks(recommendationId: string, order: string[]): Promise<void>;
    update(id: string, patch: Partial<Pick<RecommendationRow, 'status' | 'documentNumber' | 'returnedComment' | 'submittedAt'>> & { submittedBy?: string | null }, now: Date): Promise<void>;
  };
  selection: {
    setCityReview(applicationId: string, review: unknown, now: Date): Promise<void>;
    setPolicyReview(applicationId: string, review: unknown, now: Date): Promise<void>;
    setFinalScore(applicationId: string, score: number | null, now: Date): Promise<void>;
    setCallQuotas(callId: string, quotaTable: Record<string, number>, threshold: number | null, now: Date): Promise<void>;
    callQuotas(callId: string): Promise<{ quotaTable: Record<string, number>; threshold: number | null }>;
    taskForceOpinion(applicationId: string): Promise<{ departmentId: string; opinion: string | null; supports: boolean | null; at: Date | null } | undefined>;
    /** The task-force routing and opinions of every application of a call that has one, by application id (one query). */
    taskForceOpinionsOfCall(callId: string): Promise<Map<string, { departmentId: string; opinion: string | null; supports: boolean | null; at: Date | null }>>;
    routeToTaskForce(applicationId: string, departmentId: string): Promise<void>;
    recordTaskForceOpinion(applicationId: string, opinion: string, supports: boolean, by: string, at: Date): Promise<void>;
    /** Applications of a call in these states (for review queues, assignment and ranking). */
    applicationsOfCall(callId: string, states: readonly string[]): Promise<ApplicationRow[]>;
    /** How many applications of these calls are in each state (drafts excluded), optionally only under one organization. */
    stateCounts(callIds: readonly string[], underOrganizationId?: string): Promise<{ callId: string; state: string; n: number }[]>;
  };
  experts: {
    insert(row: Omit<ExpertRow, 'id' | 'active'>, now: Date): Promise<ExpertRow>;
    findById(id: string): Promise<ExpertRow | undefined>;
    findByAccount(accountId: string): Promise<ExpertRow | undefined>;
    list(poolId: string | null, q: ListQuery & { q?: string; tag?: string; active?: boolean }): Promise<{ rows: ExpertRow[]; total: number }>;
    active(poolId: string): Promise<ExpertRow[]>;
    update(id: string, patch: Partial<Omit<ExpertRow, 'id' | 'poolId'>>, now: Date): Promise<ExpertRow>;
    /** Experts of a pool with this e-mail (compared case-insensitively), linked or not. */
    findByEmail(poolId: string, email: string): Promise<ExpertRow[]>;
    /** Every distinct tag of a pool's experts (for the filter). */
    tags(poolId: string | null): Promise<string[]>;
  };
  assignments: {
    /** Replaces the automatic assignments of a call (manual ones and submitted scores stay). */
    replaceAutomatic(callId: string, pairs: { applicationId: string; expertId: string }[], now: Date): Promise<void>;
    add(callId: string, applicationId: string, expertId: string, manual: boolean, now: Date): Promise<void>;
    remove(id: string): Promise<void>;
    forCall(callId: string): Promise<AssignmentRow[]>;
    forApplication(applicationId: string): Promise<AssignmentRow[]>;
    forExpert(expertId: string): Promise<(AssignmentRow & { projectName: string; organizationName: string; callTitle: string; programCode: string; programVersion: number })[]>;
    findById(id: string): Promise<AssignmentRow | undefined>;
    findByIdForUpdate(id: string): Promise<AssignmentRow | undefined>;
    update(id: string, patch: Partial<Pick<AssignmentRow, 'status' | 'conflictDeclaration' | 'scores' | 'total' | 'comment' | 'submittedAt'>>, now: Date): Promise<void>;
    insertRun(row: { callId: string; perApplication: number; createdBy: string; now: Date }): Promise<string>;
    finishRun(id: string, patch: Partial<Pick<AssignmentRunRow, 'status' | 'objective' | 'greedyObjective' | 'bound' | 'report' | 'error'>>, now: Date): Promise<void>;
    latestRun(callId: string): Promise<AssignmentRunRow | undefined>;
    findRun(id: string): Promise<AssignmentRunRow | undefined>;
    panel(applicationId: string): Promise<{ consensus: string | null; defense: unknown } | undefined>;
    /** The panel records of every application of a call that has one, by application id (one query). */
    panelsOfCall(callId: string): Promise<Map<string, { consensus: string | null; defense: unknown }>>;
    savePanel(applicationId: string, consensus: string | null, defense: unknown, by: string, now: Date): Promise<void>;
  };
  notices: {
    insert(row: { callId: string; title: string; body: string; decisionNote: string | null; contact: string | null; createdBy: string; now: Date }): Promise<string>;
    findByCall(callId: string): Promise<NoticeRow | undefined>;
    findById(id: string): Promise<NoticeRow | undefined>;
    update(id: string, patch: Partial<Omit<NoticeRow, 'id' | 'callId' | 'createdAt'>>, now: Date): Promise<void>;
    addItem(noticeId: string, applicationId: string, position: number, publicFields: Record<string, string>): Promise<void>;
    items(noticeId: string): Promise<NoticeItemRow[]>;
    markRemoved(noticeId: string, applicationId: string): Promise<void>;
    /** Published notices (and final lists), newest first: what the public may see. */
    listPublic(q: ListQuery & { status?: 'published' | 'final' }): Promise<{ rows: (NoticeRow & { programName: unknown })[]; total: number }>;
  };
  objections: {
    insert(row: Omit<ObjectionRow, 'id' | 'status' | 'outcome' | 'handledBy' | 'handledAt'>): Promise<string>;
    forNotice(noticeId: string): Promise<ObjectionRow[]>;
    findById(id: string): Promise<ObjectionRow | undefined>;
    update(id: string, patch: Partial<Pick<ObjectionRow, 'status' | 'outcome' | 'handledBy' | 'handledAt'>>): Promise<void>;
    countFromIp(ip: string, since: Date): Promise<number>;
  };
  /** The investment ledger, subsidy, tranches, disbursements and recoveries (src/adapters/postgres/funding-repositories.ts). */
  funding: FundingRepository;
  oversight: OversightRepositories;
  /** Platform operation data: monthly reports, capacity lines, API tokens (src/adapters/postgres/operation-repositories.ts). */
  operations: OperationRepositories;
  /** Published calls and final lists for the public portal (src/adapters/postgres/public-repositories.ts). */
  portal: PortalRepositories;
  projects: ProjectRepositories;
  statistics: StatisticsRepository;
  /** The target plan's reported values and the counts behind computed ones (src/adapters/postgres/target-repositories.ts). */
  targets: TargetRepositories;
  audit: {
    append(row: Omit<AuditEventRow, 'id' | 'hash'>): Promise<string>;
    list(
      q: ListQuery & { action?: string; entityType?: string; entityId?: string; actorId?: string; from?: Date; to?: Date },
    ): Promise<{ rows: (AuditEventRow & { sealed: boolean })[]; total: number }>;
  };
}

/** Runs work on the database: `read` without a transaction, `transaction` all-or-nothing. */
export interface UnitOfWork {
  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export interface AuditTrail {
  /** Seals pending records into the chain; returns how many. */
  seal(): Promise<number>;
  verify(): Promise<{
    ok: boolean;
    algorithm: string;
    checked: number;
    unsealed: number;
    firstBroken: { sealNo: string; eventId: string | null; seq: string | null; reason: string } | null;
    lastHash: string | null;
  }>;
}

export interface Deps {
  uow: UnitOfWork;
  clock: Clock;
  passwords: PasswordHasher;
  totp: TotpService;
  auditTrail: AuditTrail;
  settings: { passwordAge: PasswordAgePolicy; publicUrl: string; uploads: { chunkBytes: number; maxApplicationBytes: number; ttlHours: number } };
  files: FileStore;
  sniffer: ContentSniffer;
  documents: DocumentRenderer;
  /** Random tokens (session ids, CSRF tokens, reset tokens) and their storage hash. */
  tokens: { random(bytes?: number): string; digest(token: string): string };
}

/** Who acts, from where: carried into every use case and every audit record. */
export interface RequestContext {
  actor: (Actor & { name: string }) | null;
  sessionId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Where attachment content lives: the data folder by default, S3-compatible object storage when
 * configured (src/adapters/files/). Keys are opaque, chosen by the use cases (never a user's name).
 */
export interface FileStore {
  /** Writes the object from its chunks (in order); `sizeBytes` is the total. Overwrites. */
  put(key: string, chunks: AsyncIterable<Uint8Array>, sizeBytes: number): Promise<void>;
  /** The object's content as a stream, and its size; throws when it does not exist. */
  open(key: string): Promise<{ stream: ReadableStream<Uint8Array>; sizeBytes: number }>;
  delete(key: string): Promise<void>;
  /** For the health page and logs, e.g. "data folder ./data/files" or "s3 https://… bucket x". */
  describe(): string;
}

/** What uploaded content turned out to be, by its first bytes (magic numbers), not by its name. */
export interface ContentSniffer {
  /** `kind` is one of pdf, docx, xlsx, doc, xls, jpg, png, zip, or null when unknown or not allowed. */
  sniff(head: Uint8Array): Promise<{ kind: string | null; mime: string | null; detected: string | null }>;
  /**
   * Checks zip-based content (docx, xlsx, zip) against zip bombs without expanding it: null when sound,
   * otherwise a stable code and the problem (zh/en) to follow the file's name. `open` reads it from the start.
   */
  inspectArchive(content: { sizeBytes: number; open(): AsyncIterable<Uint8Array> }): Promise<{ code: string; messages: { 'zh-CN': string; en: string } } | null>;
}

/** Renders official documents (src/adapters/documents/). */
export interface DocumentRenderer {
  applicationDocx(input: ApplicationDocumentInput): Promise<Buffer>;
  /** PDF from a .docx; throws DomainError `pdf_unavailable` when no converter is installed. */
  toPdf(docx: Buffer): Promise<Buffer>;
}

export interface ApplicationDocumentInput {
  /** The published version the application was made under. */
  definition: ProgramDefinition;
  /** The applicant forms used, in order. */
  formIds: string[];
  formData: Record<string, Record<string, unknown>>;
  organization: { name: string; creditCode: string | null };
  /** As frozen at submission (or current for a draft). */
  profile: ProfileInput | null;
  attachments: { requirementName: string; fileName: string; sizeBytes: number; sha256: string }[];
  commitment: { signatoryName: string; acceptedAt: Date; text: string } | null;
  state: { label: string; submittedAt: Date | null };
  callTitle: string;
  generatedAt: Date;
  /** Default zh-CN. */
  locale?: 'zh-CN' | 'en';
}
