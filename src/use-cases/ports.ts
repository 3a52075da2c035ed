/**
 * What the use cases need from the outside world, declared here and implemented by adapters
 * (src/adapters/postgres/repositories.ts, src/adapters/security/*). Use cases see only these.
 */
import type { Actor, Scope } from '../core/access-policy.ts';
import type { PasswordAgePolicy, Stage } from '../core/authentication.ts';
import type { OrganizationKind, Role } from '../core/roles.ts';

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
  settings: { passwordAge: PasswordAgePolicy; publicUrl: string };
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
