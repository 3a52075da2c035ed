/** Table types for Kysely. Keep in step with the migrations in ./migrations. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<unknown, string, string>;

export interface OrganizationTable {
  id: Generated<string>;
  parent_id: string | null;
  /** Ids from the root to this organization, inclusive, for subtree checks. */
  path: ColumnType<string[], string[], string[]>;
  code: string;
  kind: string;
  name: string;
  name_en: string | null;
  division_code: string | null;
  covered_division_codes: ColumnType<string[], string[] | undefined, string[]>;
  credit_code: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  address: string | null;
  note: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AccountTable {
  id: Generated<string>;
  email: string;
  display_name: string;
  phone: string | null;
  role: string;
  organization_id: string;
  status: Generated<string>;
  password_hash: string;
  password_changed_at: Timestamp;
  must_change_password: Generated<boolean>;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  last_login_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionTable {
  /** SHA-256 of the cookie value; the cookie itself is never stored. */
  id: string;
  account_id: string;
  stage: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  idle_expires_at: Timestamp;
  absolute_expires_at: Timestamp;
}

export interface LoginAttemptTable {
  id: Generated<string>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: Timestamp;
}

export interface PasswordResetTable {
  /** SHA-256 of the token. */
  token_hash: string;
  account_id: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  to_address: string;
  subject: string;
  body: string;
  status: Generated<string>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

export interface AuditEventTable {
  /** The sequence number, assigned in the writer's own transaction. */
  id: Generated<string>;
  occurred_at: Timestamp;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: Json | null;
  after: Json | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
}

export interface AuditSealTable {
  seal_no: string;
  event_id: string;
  prev_hash: string;
  hash: string;
  algorithm: string;
  sealed_at: CreatedAt;
}

export interface ProgramTable {
  id: Generated<string>;
  code: string;
  province_code: string;
  created_at: CreatedAt;
}

export interface ProgramVersionTable {
  id: Generated<string>;
  program_id: string;
  version: number;
  status: string;
  definition: Json;
  /** definition->'name', generated (read by lists). */
  name: ColumnType<unknown, never, never>;
  based_on_version: number | null;
  created_by: string | null;
  published_by: string | null;
  published_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ProgramSampleTable {
  id: Generated<string>;
  program_id: string;
  name: string;
  input: Json;
  created_at: CreatedAt;
}

export interface OrganizationProfileTable {
  id: Generated<string>;
  organization_id: string;
  version: number;
  data: Json;
  created_by: string | null;
  created_at: Timestamp;
}

export interface ProgramCallTable {
  id: Generated<string>;
  program_id: string;
  program_version: number;
  province_id: string;
  title: string;
  document_number: string | null;
  materials: string;
  opens_at: Timestamp;
  deadline_at: Timestamp;
  status: string;
  quota_table: ColumnType<Record<string, number>, string | undefined, string>;
  threshold: ColumnType<string | null, number | null | undefined, number | null>;
  created_by: string | null;
  published_by: string | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ApplicationTable {
  id: Generated<string>;
  call_id: string;
  program_id: string;
  program_version: number;
  organization_id: string;
  state: string;
  form_data: Json;
  revision: Generated<number>;
  project_name: Generated<string>;
  directions: ColumnType<string[], string[] | undefined, string[]>;
  category: string | null;
  profile_version_id: string | null;
  eligibility: Json | null;
  commitment: Json | null;
  field_comments: ColumnType<unknown, string | undefined, string>;
  return_comment: string | null;
  submitted_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  city_review: ColumnType<unknown, string | null | undefined, string | null>;
  policy_review: ColumnType<unknown, string | null | undefined, string | null>;
  final_score: ColumnType<string | null, number | null | undefined, number | null>;
}

export interface RecommendationTable {
  id: Generated<string>;
  call_id: string;
  city_id: string;
  status: string;
  document_number: string | null;
  returned_comment: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RecommendationItemTable {
  recommendation_id: string;
  application_id: string;
  rank: number;
  category: string | null;
  created_at: Timestamp;
}

export interface TaskForceOpinionTable {
  application_id: string;
  department_id: string;
  opinion: string | null;
  supports: boolean | null;
  by_account: string | null;
  at: Timestamp | null;
}

export interface ExpertTable {
  id: Generated<string>;
  pool_id: string;
  account_id: string | null;
  name: string;
  title: string;
  organization_name: string;
  credit_code: string | null;
  city_name: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  phone: string | null;
  email: string | null;
  active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AssignmentRunTable {
  id: Generated<string>;
  call_id: string;
  status: string;
  per_application: number;
  objective: ColumnType<string | null, number | null | undefined, number | null>;
  greedy_objective: ColumnType<string | null, number | null | undefined, number | null>;
  bound: ColumnType<string | null, number | null | undefined, number | null>;
  report: ColumnType<unknown, string | null | undefined, string | null>;
  error: string | null;
  created_by: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface ExpertAssignmentTable {
  id: Generated<string>;
  call_id: string;
  application_id: string;
  expert_id: string;
  manual: Generated<boolean>;
  status: string;
  conflict_declaration: ColumnType<unknown, string | null | undefined, string | null>;
  scores: ColumnType<unknown, string | null | undefined, string | null>;
  total: ColumnType<string | null, number | null | undefined, number | null>;
  comment: string | null;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PanelRecordTable {
  application_id: string;
  consensus: string | null;
  defense: ColumnType<unknown, string | null | undefined, string | null>;
  recorded_by: string | null;
  updated_at: Timestamp;
}

export interface PublicNoticeTable {
  id: Generated<string>;
  call_id: string;
  title: string;
  body: string;
  decision_note: string | null;
  contact: string | null;
  status: string;
  published_at: Timestamp | null;
  start_date: ColumnType<string | null, string | null | undefined, string | null>;
  end_date: ColumnType<string | null, string | null | undefined, string | null>;
  ends_at: Timestamp | null;
  provisional: Generated<boolean>;
  final_document_number: string | null;
  final_published_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NoticeItemTable {
  notice_id: string;
  application_id: string;
  position: number;
  public_fields: ColumnType<unknown, string, string>;
  removed: Generated<boolean>;
}

export interface ObjectionTable {
  id: Generated<string>;
  notice_id: string;
  application_id: string | null;
  name: string;
  contact: string;
  content: string;
  attachment_key: string | null;
  attachment_name: string | null;
  ip: string | null;
  status: string;
  outcome: string | null;
  handled_by: string | null;
  handled_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ApplicationEventTable {
  id: Generated<string>;
  application_id: string;
  from_state: string | null;
  to_state: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  comment: string | null;
  at: Timestamp;
}

export interface AttachmentTable {
  id: Generated<string>;
  organization_id: string;
  application_id: string | null;
  purpose: string;
  requirement_id: string;
  file_name: string;
  kind: string;
  size_bytes: ColumnType<string, number, number>;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface UploadTable {
  id: string;
  organization_id: string;
  application_id: string | null;
  purpose: string;
  requirement_id: string;
  file_name: string;
  size_bytes: ColumnType<string, number, number>;
  received_bytes: ColumnType<string, number | undefined, number>;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface UploadChunkTable {
  upload_id: string;
  offset: ColumnType<string, number, number>;
  data: Uint8Array;
}

export interface NotificationTable {
  id: Generated<string>;
  account_id: string;
  kind: string;
  title: Json;
  body: Json;
  link: string | null;
  read_at: Timestamp | null;
  created_at: Timestamp;
}

export interface Database {
  recommendation: RecommendationTable;
  recommendation_item: RecommendationItemTable;
  task_force_opinion: TaskForceOpinionTable;
  expert: ExpertTable;
  assignment_run: AssignmentRunTable;
  expert_assignment: ExpertAssignmentTable;
  panel_record: PanelRecordTable;
  public_notice: PublicNoticeTable;
  notice_item: NoticeItemTable;
  objection: ObjectionTable;
  organization_profile: OrganizationProfileTable;
  program_call: ProgramCallTable;
  application: ApplicationTable;
  application_event: ApplicationEventTable;
  attachment: AttachmentTable;
  upload: UploadTable;
  upload_chunk: UploadChunkTable;
  notification: NotificationTable;
  program: ProgramTable;
  program_version: ProgramVersionTable;
  program_sample: ProgramSampleTable;
  organization: OrganizationTable;
  account: AccountTable;
  session: SessionTable;
  login_attempt: LoginAttemptTable;
  password_reset: PasswordResetTable;
  email_outbox: EmailOutboxTable;
  audit_event: AuditEventTable;
  audit_seal: AuditSealTable;
}
