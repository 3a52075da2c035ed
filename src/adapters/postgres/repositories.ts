/**
 * The repositories: the only place with SQL. Each method is a domain query that returns typed rows
 * in the shapes of src/use-cases/ports.ts.
 */
import { scopeCondition } from './scope.ts';
import { sql, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Scope } from '../../core/access-policy.ts';
import type { Stage } from '../../core/authentication.ts';
import type { OrganizationKind, Role } from '../../core/roles.ts';
import type {
  AccountRow,
  AuditEventRow,
  OrganizationRow,
  OrganizationWithAncestors,
  ProgramVersionRow,
  Repositories,
  SessionRow,
  UnitOfWork,
} from '../../use-cases/ports.ts';
import { makeApplicantRepositories } from './applicant-repositories.ts';
import { makeOversightRepositories } from './oversight-repositories.ts';
import { makeOperationRepositories } from './operation-repositories.ts';
import { makePortalRepositories } from './public-repositories.ts';
import { makeSelectionRepositories } from './selection-repositories.ts';
import { makeFundingRepositories } from './funding-repositories.ts';
import { makeProjectRepositories } from './project-repositories.ts';
import { makeStatisticsRepositories } from './statistics-repositories.ts';
import { makeTargetRepositories } from './target-repositories.ts';
import type { AccountTable, Database, OrganizationTable, SessionTable } from './schema.ts';

const toOrganization = (r: Selectable<OrganizationTable>): OrganizationRow => ({
  id: r.id,
  parentId: r.parent_id,
  path: r.path.map(String),
  code: r.code,
  kind: r.kind as OrganizationKind,
  name: r.name,
  nameEn: r.name_en,
  divisionCode: r.division_code,
  coveredDivisionCodes: r.covered_division_codes,
  creditCode: r.credit_code,
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  address: r.address,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toAccount = (r: Selectable<AccountTable>): AccountRow => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  phone: r.phone,
  role: r.role as Role,
  organizationId: r.organization_id,
  status: r.status as 'active' | 'disabled',
  passwordHash: r.password_hash,
  passwordChangedAt: r.password_changed_at,
  mustChangePassword: r.must_change_password,
  totpSecret: r.totp_secret,
  totpPendingSecret: r.totp_pending_secret,
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  lastLoginAt: r.last_login_at,
  createdAt: r.created_at,
});

const toSession = (r: Selectable<SessionTable>): SessionRow => ({
  id: r.id,
  accountId: r.account_id,
  stage: r.stage as Stage,
  csrfToken: r.csrf_token,
  ip: r.ip,
  userAgent: r.user_agent,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  idleExpiresAt: r.idle_expires_at,
  absoluteExpiresAt: r.absolute_expires_at,
});

function toProgramVersion(r: {
  code: string;
  province_code: string;
  program_id: string;
  version: number;
  status: string;
  definition: unknown;
  based_on_version: number | null;
  created_by: string | null;
  published_by: string | null;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}): ProgramVersionRow {
  return {
    programId: r.program_id,
    code: r.code,
    provinceCode: r.province_code,
    version: r.version,
    status: r.status as 'draft' | 'published',
    definition: r.definition,
    basedOnVersion: r.based_on_version,
    createdBy: r.created_by,
    publishedBy: r.published_by,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Escapes a user's search text for LIKE. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Restricts a query on a table with an organization path column to a scope. */
function whereInScope<QB extends SelectQueryBuilder<Database, 'organization', object>>(qb: QB, scope: Scope): QB {
  return scope.kind === 'all' ? qb : (qb.where(scopeCondition(scope, sql.ref('organization.path'), sql.ref('organization.id'))) as QB);
}

/** LIMIT and OFFSET for a 1-based page. */
function page(q: { page: number; pageSize: number }): { limit: number; offset: number } {
  return { limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

/** Names of the ancestors (province downward), in one query for a set of organizations. */
async function withAncestors(db: Kysely<Database>, rows: OrganizationRow[]): Promise<OrganizationWithAncestors[]> {
  const ids = [...new Set(rows.flatMap((r) => r.path.slice(0, -1)))];
  const names = ids.length
    ? await db.selectFrom('organization').select(['id', 'name', 'kind']).where('id', 'in', ids).execute()
    : [];
  const byId = new Map(names.map((n) => [String(n.id), n]));
  return rows.map((r) => ({
    ...r,
    ancestors: r.path
      .slice(0, -1)
      .map((id) => byId.get(id))
      .filter((n) => n && n.kind !== 'platform')
      .map((n) => n!.name),
  }));
}

export function makeRepositories(db: Kysely<Database>): Repositories {
  return {
    ...makeApplicantRepositories(db),
    ...makeSelectionRepositories(db),
    ...makeFundingRepositories(db),
    ...makeProjectRepositories(db),
    ...makeOversightRepositories(db),
    ...makeStatisticsRepositories(db),
    ...makeTargetRepositories(db),
    ...makeOperationRepositories(db),
    portal: makePortalRepositories(db),
    organizations: {
      async findById(id) {
        const row = await db.selectFrom('organization').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? (await withAncestors(db, [toOrganization(row)]))[0] : undefined;
      },
      async findByCode(code) {
        const row = await db.selectFrom('organization').selectAll().where('code', '=', code).executeTakeFirst();
        return row && toOrganization(row);
      },
      async findByCreditCode(creditCode) {
        const row = await db.selectFrom('organization').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();
        return row && toOrganization(row);
      },
      async insert(o) {
        const parentPath = o.parentId
          ? (await db.selectFrom('organization').select('path').where('id', '=', o.parentId).executeTakeFirstOrThrow()).path
          : [];
        // The path needs the new id: take it from the sequence first, then insert once.
        const { id } = await sql<{ id: string }>`select nextval('organization_id_seq')::text as id`.execute(db).then((r) => r.rows[0]!);
        const row = await db
          .insertInto('organization')
          .values({
            id,
            parent_id: o.parentId,
            path: [...parentPath.map(String), id],
            code: o.code,
            kind: o.kind,
            name: o.name,
            name_en: o.nameEn,
            division_code: o.divisionCode,
            covered_division_codes: o.coveredDivisionCodes,
            credit_code: o.creditCode,
            contact_name: o.contactName,
            contact_phone: o.contactPhone,
            address: o.address,
            note: o.note,
            updated_at: new Date(),
          } as never)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toOrganization(row);
      },
      async lock(id) {
        await db.selectFrom('organization').select('id').where('id', '=', id).forUpdate().execute();
      },
      async moveTo(id, parentId, now) {
        const parent = await db.selectFrom('organization').select('path').where('id', '=', parentId).executeTakeFirstOrThrow();
        await db
          .updateTable('organization')
          .set({ parent_id: parentId, path: [...parent.path.map(String), id], updated_at: now })
          .where('id', '=', id)
          .execute();
      },
      async updateIdentity(id, patch, now) {
        await db.updateTable('organization').set({ name: patch.name, division_code: patch.divisionCode, address: patch.address, updated_at: now }).where('id', '=', id).execute();
      },
      async update(id, patch, now) {
        const row = await db
          .updateTable('organization')
          .set({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.contactName !== undefined ? { contact_name: patch.contactName } : {}),
            ...(patch.contactPhone !== undefined ? { contact_phone: patch.contactPhone } : {}),
            ...(patch.address !== undefined ? { address: patch.address } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toOrganization(row);
      },
      async list(scope, q) {
        let base = whereInScope(db.selectFrom('organization'), scope);
        if (q.kind) base = base.where('kind', '=', q.kind);
        if (q.parentId) base = base.where('parent_id', '=', q.parentId);
        if (q.q) {
          const p = likePattern(q.q);
          base = base.where((eb) => eb.or([eb('name', 'ilike', p), eb('code', 'ilike', p), eb('credit_code', 'ilike', p), eb('name_en', 'ilike', p)]));
        }
        const sortColumn = ({ name: 'name', code: 'code', kind: 'kind', createdAt: 'created_at' } as const)[q.sort];
        const { limit, offset } = page(q);
        const [rows, count] = await Promise.all([
          base.selectAll().orderBy(sortColumn, q.order).orderBy('id', 'asc').limit(limit).offset(offset).execute(),
          base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return { rows: await withAncestors(db, rows.map(toOrganization)), total: Number(count.n) };
      },
      async recommendingUnits() {
        const rows = await db
          .selectFrom('organization as c')
          .innerJoin('organization as p', 'p.id', 'c.parent_id')
          .selectAll('c')
          .select(['p.name as province_name', 'p.code as province_code'])
          .where('c.kind', '=', 'city')
          .where('p.kind', '=', 'province')
          .orderBy('p.code')
          .orderBy('c.code')
          .execute();
        return rows.map((r) => ({ ...toOrganization(r), province: r.province_name, provinceCode: r.province_code }));
      },
      async count() {
        const r = await db.selectFrom('organization').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
        return Number(r.n);
      },
    },

    accounts: {
      async ofOrganization(organizationId, role) {
        let q = db.selectFrom('account').select(['id', 'email', 'display_name', 'role']).where('organization_id', '=', organizationId).where('status', '=', 'active');
        if (role) q = q.where('role', '=', role);
        const rows = await q.orderBy('id').execute();
        return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, role: r.role as Role }));
      },
      async findById(id) {
        const row = await db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toAccount(row);
      },
      async findByEmail(email) {
        const row = await db.selectFrom('account').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
        return row && toAccount(row);
      },
      async findByEmailForUpdate(email) {
        const row = await db.selectFrom('account').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).forUpdate().executeTakeFirst();
        return row && toAccount(row);
      },
      async insert(a) {
        const row = await db
          .insertInto('account')
          .values({
            email: a.email,
            display_name: a.displayName,
            phone: a.phone,
            role: a.role,
            organization_id: a.organizationId,
            password_hash: a.passwordHash,
            password_changed_at: a.passwordChangedAt,
            must_change_password: a.mustChangePassword,
            totp_secret: null,
            totp_pending_secret: null,
            totp_last_step: null,
            locked_until: null,
            last_login_at: null,
            updated_at: a.passwordChangedAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toAccount(row);
      },
      async update(id, p, now) {
        const set: Record<string, unknown> = { updated_at: now };
        const columns: [keyof typeof p, string][] = [
          ['email', 'email'],
          ['displayName', 'display_name'],
          ['phone', 'phone'],
          ['role', 'role'],
          ['organizationId', 'organization_id'],
          ['status', 'status'],
          ['passwordHash', 'password_hash'],
          ['passwordChangedAt', 'password_changed_at'],
          ['mustChangePassword', 'must_change_password'],
          ['totpSecret', 'totp_secret'],
          ['totpPendingSecret', 'totp_pending_secret'],
          ['totpLastStep', 'totp_last_step'],
          ['failedLogins', 'failed_logins'],
          ['lockedUntil', 'locked_until'],
          ['lastLoginAt', 'last_login_at'],
        ];
        for (const [key, column] of columns) if (p[key] !== undefined) set[column] = p[key];
        const row = await db.updateTable('account').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
        return toAccount(row);
      },
      async list(scope, q) {
        let base = whereInScope(db.selectFrom('account').innerJoin('organization', 'organization.id', 'account.organization_id') as never, scope) as unknown as SelectQueryBuilder<Database, 'account' | 'organization', object>;
        if (q.role) base = base.where('account.role', '=', q.role);
        if (q.status) base = base.where('account.status', '=', q.status);
        if (q.organizationId) base = base.where('account.organization_id', '=', q.organizationId);
        if (q.q) {
          const p = likePattern(q.q);
          base = base.where((eb) => eb.or([eb('account.email', 'ilike', p), eb('account.display_name', 'ilike', p), eb('organization.name', 'ilike', p)]));
        }
        const sortColumn = (
          { email: 'account.email', displayName: 'account.display_name', role: 'account.role', createdAt: 'account.created_at', lastLoginAt: 'account.last_login_at' } as const
        )[q.sort];
        const { limit, offset } = page(q);
        const [rows, count] = await Promise.all([
          base
            .selectAll('account')
            .select('organization.name as organization_name')
            .orderBy(sortColumn, (ob) => (q.order === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast()))
            .orderBy('account.id', 'asc')
            .limit(limit)
            .offset(offset)
            .execute(),
          base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return {
          rows: rows.map((r) => ({ ...toAccount(r as unknown as Selectable<AccountTable>), organizationName: (r as { organization_name: string }).organization_name })),
          total: Number(count.n),
        };
      },
    },

    sessions: {
      async insert(s) {
        await db
          .insertInto('session')
          .values({
            id: s.id,
            account_id: s.accountId,
            stage: s.stage,
            csrf_token: s.csrfToken,
            ip: s.ip,
            user_agent: s.userAgent,
            created_at: s.createdAt,
            last_seen_at: s.lastSeenAt,
            idle_expires_at: s.idleExpiresAt,
            absolute_expires_at: s.absoluteExpiresAt,
          })
          .execute();
      },
      async findById(id) {
        const row = await db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
        return row && toSession(row);
      },
      async update(id, p) {
        await db
          .updateTable('session')
          .set({
            ...(p.stage ? { stage: p.stage } : {}),
            ...(p.csrfToken ? { csrf_token: p.csrfToken } : {}),
            ...(p.lastSeenAt ? { last_seen_at: p.lastSeenAt } : {}),
            ...(p.idleExpiresAt ? { idle_expires_at: p.idleExpiresAt } : {}),
            ...(p.absoluteExpiresAt ? { absolute_expires_at: p.absoluteExpiresAt } : {}),
          })
          .where('id', '=', id)
          .execute();
      },
      async delete(id) {
        await db.deleteFrom('session').where('id', '=', id).execute();
      },
      async deleteForAccount(accountId) {
        const r = await db.deleteFrom('session').where('account_id', '=', accountId).executeTakeFirst();
        return Number(r.numDeletedRows);
      },
    },

    loginAttempts: {
      async record(email, ip, succeeded, at) {
        await db.insertInto('login_attempt').values({ email, ip, succeeded, at }).execute();
      },
      async failuresFromIp(ip, since) {
        const r = await db
          .selectFrom('login_attempt')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('ip', '=', ip)
          .where('succeeded', '=', false)
          .where('at', '>', since)
          .executeTakeFirstOrThrow();
        return Number(r.n);
      },
    },

    passwordResets: {
      async insert(tokenHash, accountId, expiresAt) {
        await db.insertInto('password_reset').values({ token_hash: tokenHash, account_id: accountId, expires_at: expiresAt, used_at: null }).execute();
      },
      async findUsable(tokenHash, now) {
        const r = await db
          .selectFrom('password_reset')
          .select('account_id')
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .executeTakeFirst();
        return r && { accountId: r.account_id };
      },
      async markUsed(tokenHash, now) {
        await db.updateTable('password_reset').set({ used_at: now }).where('token_hash', '=', tokenHash).execute();
      },
    },

    outbox: {
      async enqueue(to, subject, body) {
        await db.insertInto('email_outbox').values({ to_address: to, subject, body, last_error: null, sent_at: null }).execute();
      },
      async list(q) {
        const { limit, offset } = page(q);
        const [rows, count] = await Promise.all([
          db.selectFrom('email_outbox').selectAll().orderBy('id', q.order).limit(limit).offset(offset).execute(),
          db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return {
          rows: rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, body: r.body, status: r.status, createdAt: r.created_at, sentAt: r.sent_at })),
          total: Number(count.n),
        };
      },
    },

    programs: {
      async listVersions(code) {
        let q = db
          .selectFrom('program_version as v')
          .innerJoin('program as p', 'p.id', 'v.program_id')
          .select(['p.code', 'p.province_code', 'v.program_id', 'v.version', 'v.status', 'v.definition', 'v.based_on_version', 'v.created_by', 'v.published_by', 'v.published_at', 'v.created_at', 'v.updated_at']);
        if (code) q = q.where('p.code', '=', code);
        const rows = await q.orderBy('p.code').orderBy('v.version', 'desc').execute();
        return rows.map(toProgramVersion);
      },
      async findVersion(code, version) {
        const r = await db
          .selectFrom('program_version as v')
          .innerJoin('program as p', 'p.id', 'v.program_id')
          .select(['p.code', 'p.province_code', 'v.program_id', 'v.version', 'v.status', 'v.definition', 'v.based_on_version', 'v.created_by', 'v.published_by', 'v.published_at', 'v.created_at', 'v.updated_at'])
          .where('p.code', '=', code)
          .where('v.version', '=', version)
          .executeTakeFirst();
        return r && toProgramVersion(r);
      },
      async ensureProgram(code, provinceCode) {
        const existing = await db.selectFrom('program').select('id').where('code', '=', code).executeTakeFirst();
        if (existing) return existing.id;
        const r = await db.insertInto('program').values({ code, province_code: provinceCode }).returning('id').executeTakeFirstOrThrow();
        return r.id;
      },
      async insertVersion(v) {
        await db
          .insertInto('program_version')
          .values({
            program_id: v.programId,
            version: v.version,
            status: v.status,
            definition: JSON.stringify(v.definition),
            based_on_version: v.basedOnVersion,
            created_by: v.createdBy,
            published_by: v.publishedBy,
            published_at: v.publishedAt,
            updated_at: new Date(),
          })
          .execute();
      },
      async updateDraft(programId, version, definition, now) {
        await db
          .updateTable('program_version')
          .set({ definition: JSON.stringify(definition), updated_at: now })
          .where('program_id', '=', programId)
          .where('version', '=', version)
          .where('status', '=', 'draft')
          .execute();
      },
      async publish(programId, version, definition, by, now) {
        await db
          .updateTable('program_version')
          .set({ status: 'published', definition: JSON.stringify(definition), published_by: by, published_at: now, updated_at: now })
          .where('program_id', '=', programId)
          .where('version', '=', version)
          .where('status', '=', 'draft')
          .execute();
      },
      async lockProgram(code) {
        await db.selectFrom('program').select('id').where('code', '=', code).forUpdate().execute();
      },
      async samples(code) {
        const rows = await db
          .selectFrom('program_sample as s')
          .innerJoin('program as p', 'p.id', 's.program_id')
          .select(['s.id', 's.name', 's.input'])
          .where('p.code', '=', code)
          .orderBy('s.id')
          .execute();
        return rows.map((r) => ({ id: r.id, name: r.name, input: r.input }));
      },
      async upsertSample(programId, name, input) {
        await db
          .insertInto('program_sample')
          .values({ program_id: programId, name, input: JSON.stringify(input) })
          .onConflict((oc) => oc.columns(['program_id', 'name']).doUpdateSet({ input: JSON.stringify(input) }))
          .execute();
      },
    },

    audit: {
      async append(e) {
        const r = await db
          .insertInto('audit_event')
          .values({
            occurred_at: e.occurredAt,
            actor_id: e.actorId,
            actor_name: e.actorName,
            actor_role: e.actorRole,
            organization_id: e.organizationId,
            action: e.action,
            entity_type: e.entityType,
            entity_id: e.entityId,
            before: e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
            after: e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
            ip: e.ip,
            user_agent: e.userAgent,
            request_id: e.requestId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return r.id;
      },
      async list(q) {
        let base = db.selectFrom('audit_event').leftJoin('audit_seal', 'audit_seal.event_id', 'audit_event.id');
        if (q.action) base = base.where('audit_event.action', '=', q.action);
        if (q.entityType) base = base.where('audit_event.entity_type', '=', q.entityType);
        if (q.entityId) base = base.where('audit_event.entity_id', '=', q.entityId);
        if (q.actorId) base = base.where('audit_event.actor_id', '=', q.actorId);
        if (q.from) base = base.where('audit_event.occurred_at', '>=', q.from);
        if (q.to) base = base.where('audit_event.occurred_at', '<', q.to);
        const { limit, offset } = page(q);
        const [rows, count] = await Promise.all([
          base.selectAll('audit_event').select('audit_seal.hash').orderBy('audit_event.id', q.order).limit(limit).offset(offset).execute(),
          base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return {
          rows: rows.map(
            (r): AuditEventRow & { sealed: boolean } => ({
              id: r.id,
              occurredAt: r.occurred_at,
              actorId: r.actor_id,
              actorName: r.actor_name,
              actorRole: r.actor_role,
              organizationId: r.organization_id,
              action: r.action,
              entityType: r.entity_type,
              entityId: r.entity_id,
              before: r.before,
              after: r.after,
              ip: r.ip,
              userAgent: r.user_agent,
              requestId: r.request_id,
              hash: r.hash,
              sealed: r.hash !== null,
            }),
          ),
          total: Number(count.n),
        };
      },
    },
  };
}

/** The unit of work over one Kysely handle: reads on the pool, writes in one transaction. */
export function makeUnitOfWork(db: Kysely<Database>): UnitOfWork {
  return {
    read: (work) => work(makeRepositories(db)),
    transaction: (work) => db.transaction().execute((trx) => work(makeRepositories(trx))),
  };
}
