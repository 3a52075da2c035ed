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
