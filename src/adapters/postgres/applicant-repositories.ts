/**
 * Repositories of the applicant's side: profiles, calls, applications and their timeline,
 * attachments, staged uploads and notifications. SQL only; shapes from src/use-cases/ports.ts.
 */
import { scopeCondition } from './scope.ts';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Scope } from '../../core/access-policy.ts';
import type { ApplicationRow, AttachmentRow, CallRow, NotificationRow, ProfileRow, Repositories, UploadRow } from '../../use-cases/ports.ts';
import type { AttachmentTable, Database, NotificationTable, UploadTable } from './schema.ts';

type ApplicantRepositories = Pick<Repositories, 'profiles' | 'calls' | 'applications' | 'attachments' | 'uploads' | 'notifications'>;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const page = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });

const toAttachment = (r: Selectable<AttachmentTable> & { uploaded_by_name?: string | null }): AttachmentRow => ({
  id: r.id,
  organizationId: r.organization_id,
  applicationId: r.application_id,
  purpose: r.purpose as AttachmentRow['purpose'],
  requirementId: r.requirement_id,
  fileName: r.file_name,
  kind: r.kind,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  storageKey: r.storage_key,
  uploadedBy: r.uploaded_by,
  uploadedByName: r.uploaded_by_name ?? null,
  createdAt: r.created_at,
});

const toUpload = (r: Selectable<UploadTable>): UploadRow => ({
  id: r.id,
  organizationId: r.organization_id,
  applicationId: r.application_id,
  purpose: r.purpose as UploadRow['purpose'],
  requirementId: r.requirement_id,
  fileName: r.file_name,
  sizeBytes: Number(r.size_bytes),
  receivedBytes: Number(r.received_bytes),
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});

const toNotification = (r: Selectable<NotificationTable>): NotificationRow => ({
  id: r.id,
  accountId: r.account_id,
  kind: r.kind,
  title: r.title as NotificationRow['title'],
  body: r.body as NotificationRow['body'],
  link: r.link,
  readAt: r.read_at,
  createdAt: r.created_at,
});

function callQuery(db: Kysely<Database>) {
  return db
    .selectFrom('program_call as c')
    .innerJoin('program as p', 'p.id', 'c.program_id')
    .innerJoin('program_version as v', (j) => j.onRef('v.program_id', '=', 'c.program_id').onRef('v.version', '=', 'c.program_version'))
    .innerJoin('organization as prov', 'prov.id', 'c.province_id')
    .select([
      'c.id',
      'c.program_id',
      'p.code as program_code',
      'c.program_version',
      'v.definition',
      'c.province_id',
      'prov.division_code as province_code',
      'c.title',
      'c.document_number',
      'c.materials',
      'c.opens_at',
      'c.deadline_at',
      'c.status',
      'c.created_by',
      'c.published_at',
      'c.created_at',
      'c.updated_at',
    ]);
}

type CallSelect = Awaited<ReturnType<ReturnType<typeof callQuery>['executeTakeFirstOrThrow']>>;
const toCall = (r: CallSelect): CallRow => ({
  id: r.id,
  programId: r.program_id,
  programCode: r.program_code,
  programVersion: r.program_version,
  definition: r.definition,
  provinceId: r.province_id,
  provinceCode: r.province_code ?? '',
  title: r.title,
  documentNumber: r.document_number,
  materials: r.materials,
  opensAt: r.opens_at,
  deadlineAt: r.deadline_at,
  status: r.status as CallRow['status'],
  createdBy: r.created_by,
  publishedAt: r.published_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function applicationQuery(db: Kysely<Database>) {
  return db
    .selectFrom('application as a')
    .innerJoin('program_call as c', 'c.id', 'a.call_id')
    .innerJoin('program as p', 'p.id', 'a.program_id')
    .innerJoin('program_version as v', (j) => j.onRef('v.program_id', '=', 'a.program_id').onRef('v.version', '=', 'a.program_version'))
    .innerJoin('organization', 'organization.id', 'a.organization_id')
    .leftJoin('organization as city', 'city.id', 'organization.parent_id')
    .leftJoin('organization_profile as pv', 'pv.id', 'a.profile_version_id')
    .select([
      'a.id',
      'a.call_id',
      'c.title as call_title',
      'c.deadline_at',
      'a.program_id',
      'p.code as program_code',
      'a.program_version',
      sql<{ 'zh-CN': string; en: string }>`v.name`.as('program_name'),
      'a.organization_id',
      'organization.path as organization_path',
      'organization.name as organization_name',
      'organization.credit_code',
      'city.name as city_name',
      'a.state',
      'a.form_data',
      'a.revision',
      'a.project_name',
      'a.directions',
      'a.category',
      'a.profile_version_id',
      'pv.version as profile_version',
      'a.eligibility',
      'a.commitment',
      'a.field_comments',
      'a.return_comment',
      'a.submitted_at',
      'a.created_by',
      'a.created_at',
      'a.updated_at',
      'a.city_review',
      'a.policy_review',
      'a.final_score',
    ]);
}

type ApplicationSelect = Awaited<ReturnType<ReturnType<typeof applicationQuery>['executeTakeFirstOrThrow']>>;
const toApplication = (r: ApplicationSelect): ApplicationRow => ({
  id: r.id,
  callId: r.call_id,
  callTitle: r.call_title,
  deadlineAt: r.deadline_at,
  programId: r.program_id,
  programCode: r.program_code,
  programVersion: r.program_version,
  programName: r.program_name,
  organizationId: r.organization_id,
  organizationPath: r.organization_path.map(String),
  organizationName: r.organization_name,
  creditCode: r.credit_code,
  cityName: r.city_name,
  state: r.state,
  formData: (r.form_data ?? {}) as ApplicationRow['formData'],
  revision: r.revision,
  projectName: r.project_name,
  directions: r.directions,
  category: r.category,
  profileVersionId: r.profile_version_id,
  profileVersion: r.profile_version,
  eligibility: r.eligibility,
  commitment: r.commitment,
  fieldComments: (r.field_comments ?? {}) as ApplicationRow['fieldComments'],
  returnComment: r.return_comment,
  submittedAt: r.submitted_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  cityReview: r.city_review,
  policyReview: r.policy_review,
  finalScore: r.final_score === null ? null : Number(r.final_score),
});

export { applicationQuery, toApplication };

function applicationScope<QB extends ReturnType<typeof applicationQuery>>(qb: QB, scope: Scope): QB {
  return scope.kind === 'all' ? qb : (qb.where(scopeCondition(scope, sql.ref('organization.path'), sql.ref('a.organization_id'))) as QB);
}

const profileQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('organization_profile as pr')
    .leftJoin('account as acc', 'acc.id', 'pr.created_by')
    .select(['pr.id', 'pr.organization_id', 'pr.version', 'pr.data', 'pr.created_by', 'acc.display_name as created_by_name', 'pr.created_at']);
type ProfileSelect = Awaited<ReturnType<ReturnType<typeof profileQuery>['executeTakeFirstOrThrow']>>;
const toProfile = (r: ProfileSelect): ProfileRow => ({
  id: r.id,
  organizationId: r.organization_id,
  version: r.version,
  data: r.data,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: r.created_at,
});

const CALL_STATUS = {
  draft: () => sql<boolean>`c.status = 'draft'`,
  scheduled: (now: Date) => sql<boolean>`c.status = 'published' and c.opens_at > ${now}`,
  open: (now: Date) => sql<boolean>`c.status = 'published' and c.opens_at <= ${now} and c.deadline_at > ${now}`,
  closed: (now: Date) => sql<boolean>`c.status = 'published' and c.deadline_at <= ${now}`,
};

export function makeApplicantRepositories(db: Kysely<Database>): ApplicantRepositories {
  return {
    profiles: {
      async latest(organizationId) {
        const r = await profileQuery(db).where('pr.organization_id', '=', organizationId).orderBy('pr.version', 'desc').limit(1).executeTakeFirst();
        return r && toProfile(r);
      },
      async findVersion(organizationId, version) {
        const r = await profileQuery(db).where('pr.organization_id', '=', organizationId).where('pr.version', '=', version).executeTakeFirst();
        return r && toProfile(r);
      },
      async findById(id) {
        const r = await profileQuery(db).where('pr.id', '=', id).executeTakeFirst();
        return r && toProfile(r);
      },
      async insert(p) {
        const { id } = await db
          .insertInto('organization_profile')
          .values({ organization_id: p.organizationId, version: p.version, data: JSON.stringify(p.data), created_by: p.createdBy, created_at: p.createdAt })
          .returning('id')
          .executeTakeFirstOrThrow();
        return toProfile(await profileQuery(db).where('pr.id', '=', id).executeTakeFirstOrThrow());
      },
      async versions(organizationId) {
        const rows = await profileQuery(db).where('pr.organization_id', '=', organizationId).orderBy('pr.version', 'desc').execute();
        return rows.map(toProfile);
      },
    },

    calls: {
      async insert(c) {
        const { id } = await db
          .insertInto('program_call')
          .values({
            program_id: c.programId,
            program_version: c.programVersion,
            province_id: c.provinceId,
            title: c.title,
            document_number: c.documentNumber,
            materials: c.materials,
            opens_at: c.opensAt,
            deadline_at: c.deadlineAt,
            status: c.status,
            created_by: c.createdBy,
            created_at: c.now,
            updated_at: c.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      },
      async findById(id) {
        const r = await callQuery(db).where('c.id', '=', id).executeTakeFirst();
        return r && toCall(r);
      },
      async publish(id, by, now) {
        await db.updateTable('program_call').set({ status: 'published', published_by: by, published_at: now, updated_at: now }).where('id', '=', id).where('status', '=', 'draft').execute();
      },
      async list(q) {
        let base = callQuery(db);
        if (q.provinceId) base = base.where('c.province_id', '=', q.provinceId);
        if (q.publishedOnly) base = base.where('c.status', '=', 'published');
        if (q.status) base = base.where(CALL_STATUS[q.status](q.now));
        if (q.programCode) base = base.where('p.code', '=', q.programCode);
        if (q.q) base = base.where((eb) => eb.or([eb('c.title', 'ilike', likePattern(q.q!)), eb('c.document_number', 'ilike', likePattern(q.q!))]));
        const column = { deadlineAt: 'c.deadline_at', opensAt: 'c.opens_at', title: 'c.title' } as const;
        const { limit, offset } = page(q);
        const [rows, count] = await Promise.all([
          base.orderBy(column[q.sort], q.order).orderBy('c.id', q.order).limit(limit).offset(offset).execute(),
          base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return { rows: rows.map(toCall), total: Number(count.n) };
      },
    },

    applications: {
      async insert(a) {
        const { id } = await db
          .insertInto('application')
          .values({
            call_id: a.callId,
            program_id: a.programId,
            program_version: a.programVersion,
            organization_id: a.organizationId,
            state: a.state,
            form_data: '{}',
            category: null,
            profile_version_id: null,
            eligibility: null,
            commitment: null,
            return_comment: null,
            submitted_at: null,
            created_by: a.createdBy,
            created_at: a.now,
            updated_at: a.now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      },
      async findById(id) {
        const r = await applicationQuery(db).where('a.id', '=', id).executeTakeFirst();
        return r && toApplication(r);
      },
      async findByIdForUpdate(id) {
        await db.selectFrom('application').select('id').where('id', '=', id).forUpdate().execute();
        const r = await applicationQuery(db).where('a.id', '=', id).executeTakeFirst();
        return r && toApplication(r);
      },
      async update(id, p, now) {
        const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
        await db
          .updateTable('application')
          .set({
            ...(p.state !== undefined ? { state: p.state } : {}),
            ...(p.formData !== undefined ? { form_data: JSON.stringify(p.formData) } : {}),
            ...(p.revision !== undefined ? { revision: p.revision } : {}),
            ...(p.projectName !== undefined ? { project_name: p.projectName } : {}),
            ...(p.directions !== undefined ? { directions: p.directions } : {}),
            ...(p.category !== undefined ? { category: p.category } : {}),
            ...(p.profileVersionId !== undefined ? { profile_version_id: p.profileVersionId } : {}),
            ...(p.eligibility !== undefined ? { eligibility: json(p.eligibility) } : {}),
            ...(p.commitment !== undefined ? { commitment: json(p.commitment) } : {}),
            ...(p.fieldComments !== undefined ? { field_comments: JSON.stringify(p.fieldComments) } : {}),
            ...(p.returnComment !== undefined ? { return_comment: p.returnComment } : {}),
            ...(p.submittedAt !== undefined ? { submitted_at: p.submittedAt } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
      },
      async countActive(organizationId, callId) {
        const r = await db
          .selectFrom('application')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('organization_id', '=', organizationId)
          .where('call_id', '=', callId)
          .where('state', 'not in', ['withdrawn', 'rejected'])
          .executeTakeFirstOrThrow();
        return Number(r.n);
      },
      async findActive(organizationId, callId) {
        const r = await db
          .selectFrom('application')
          .select('id')
          .where('organization_id', '=', organizationId)
          .where('call_id', '=', callId)
          .where('state', 'not in', ['withdrawn', 'rejected'])
          .orderBy('id', 'desc')
          .executeTakeFirst();
        return r?.id;
      },
      async list(scope, q) {
        let base = applicationScope(applicationQuery(db), scope);
        if (q.state) base = base.where('a.state', '=', q.state);
        if (q.callId) base = base.where('a.call_id', '=', q.callId);
        if (q.programCode) base = base.where('p.code', '=', q.programCode);
        if (q.cityId) base = base.where(sql<boolean>`organization.path @> array[${q.cityId}]::bigint[]`);
        if (q.q) {
          const pattern = likePattern(q.q);
          base = base.where((eb) => eb.or([eb('a.project_name', 'ilike', pattern), eb('organization.name', 'ilike', pattern), eb('organization.credit_code', 'ilike', pattern)]));
        }
        const column = { updatedAt: 'a.updated_at', submittedAt: 'a.submitted_at', projectName: 'a.project_name', organizationName: 'organization.name', state: 'a.state' } as const;
        const { limit, offset } = page(q);
        const [rows, count] = await Promise.all([
          base
            .orderBy(column[q.sort], (ob) => (q.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
            .orderBy('a.id', q.order)
            .limit(limit)
            .offset(offset)
            .execute(),
          base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return { rows: rows.map(toApplication), total: Number(count.n) };
      },
      async addEvent(e) {
        await db
          .insertInto('application_event')
          .values({
            application_id: e.applicationId,
            from_state: e.fromState,
            to_state: e.toState,
            actor_id: e.actorId,
            actor_name: e.actorName,
            actor_role: e.actorRole,
            comment: e.comment,
            at: e.at,
          })
          .execute();
      },
      async events(applicationId) {
        const rows = await db.selectFrom('application_event').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
        return rows.map((r) => ({ at: r.at, fromState: r.from_state, toState: r.to_state, actorName: r.actor_name, actorRole: r.actor_role, comment: r.comment }));
      },
    },

    attachments: {
      async insert(a) {
        const r = await db
          .insertInto('attachment')
          .values({
            organization_id: a.organizationId,
            application_id: a.applicationId,
            purpose: a.purpose,
            requirement_id: a.requirementId,
            file_name: a.fileName,
            kind: a.kind,
            size_bytes: a.sizeBytes,
            sha256: a.sha256,
            storage_key: a.storageKey,
            uploaded_by: a.uploadedBy,
            created_at: a.createdAt,
            deleted_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toAttachment(r);
      },
      async findById(id) {
        const r = await db
          .selectFrom('attachment')
          .leftJoin('account', 'account.id', 'attachment.uploaded_by')
          .selectAll('attachment')
          .select('account.display_name as uploaded_by_name')
          .where('attachment.id', '=', id)
          .where('attachment.deleted_at', 'is', null)
          .executeTakeFirst();
        return r && toAttachment(r);
      },
      async forApplication(applicationId, purpose = 'application') {
        const rows = await db
          .selectFrom('attachment')
          .leftJoin('account', 'account.id', 'attachment.uploaded_by')
          .selectAll('attachment')
          .select('account.display_name as uploaded_by_name')
          .where('attachment.application_id', '=', applicationId)
          .where('attachment.purpose', '=', purpose)
          .where('attachment.deleted_at', 'is', null)
          .orderBy('attachment.id')
          .execute();
        return rows.map(toAttachment);
      },
      async forOrganization(organizationId, purpose) {
        const rows = await db
          .selectFrom('attachment')
          .leftJoin('account', 'account.id', 'attachment.uploaded_by')
          .selectAll('attachment')
          .select('account.display_name as uploaded_by_name')
          .where('attachment.organization_id', '=', organizationId)
          .where('attachment.purpose', '=', purpose)
          .where('attachment.deleted_at', 'is', null)
          .orderBy('attachment.id')
          .execute();
        return rows.map(toAttachment);
      },
      async markDeleted(id, now) {
        await db.updateTable('attachment').set({ deleted_at: now }).where('id', '=', id).execute();
      },
      async totalBytes(applicationId) {
        const r = await db
          .selectFrom('attachment')
          .select(sql<string>`coalesce(sum(size_bytes), 0)`.as('n'))
          .where('application_id', '=', applicationId)
          .where('purpose', '=', 'application')
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow();
        return Number(r.n);
      },
    },

    uploads: {
      async insert(u) {
        const r = await db
          .insertInto('upload')
          .values({
            id: u.id,
            organization_id: u.organizationId,
            application_id: u.applicationId,
            purpose: u.purpose,
            requirement_id: u.requirementId,
            file_name: u.fileName,
            size_bytes: u.sizeBytes,
            created_by: u.createdBy,
            created_at: u.createdAt,
            expires_at: u.expiresAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toUpload(r);
      },
      async findById(id) {
        const r = await db.selectFrom('upload').selectAll().where('id', '=', id).executeTakeFirst();
        return r && toUpload(r);
      },
      async findByIdForUpdate(id) {
        const r = await db.selectFrom('upload').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        return r && toUpload(r);
      },
      async appendChunk(id, offset, data) {
        await db.insertInto('upload_chunk').values({ upload_id: id, offset, data }).execute();
        await db.updateTable('upload').set({ received_bytes: offset + data.byteLength }).where('id', '=', id).execute();
      },
      async *chunks(id) {
        let after = -1;
        for (;;) {
          const rows = await db.selectFrom('upload_chunk').select(['offset', 'data']).where('upload_id', '=', id).where('offset', '>', String(after) as never).orderBy('offset').limit(4).execute();
          if (!rows.length) return;
          for (const r of rows) {
            after = Number(r.offset);
            yield r.data;
          }
        }
      },
      async firstBytes(id, max) {
        const parts: Uint8Array[] = [];
        let total = 0;
        for await (const chunk of this.chunks(id)) {
          parts.push(chunk);
          total += chunk.byteLength;
          if (total >= max) break;
        }
        return Buffer.concat(parts).subarray(0, max);
      },
      async delete(id) {
        await db.deleteFrom('upload').where('id', '=', id).execute();
      },
      async deleteExpired(now) {
        const r = await db.deleteFrom('upload').where('expires_at', '<', now).executeTakeFirst();
        return Number(r.numDeletedRows);
      },
    },

    notifications: {
      async insert(n) {
        await db
          .insertInto('notification')
          .values({ account_id: n.accountId, kind: n.kind, title: JSON.stringify(n.title), body: JSON.stringify(n.body), link: n.link, read_at: null, created_at: n.createdAt })
          .execute();
      },
      async list(accountId, q) {
        let base = db.selectFrom('notification').where('account_id', '=', accountId);
        if (q.unreadOnly) base = base.where('read_at', 'is', null);
        const { limit, offset } = page(q);
        const [rows, count, unread] = await Promise.all([
          base.selectAll().orderBy('id', q.order === 'asc' ? 'asc' : 'desc').limit(limit).offset(offset).execute(),
          base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
          db.selectFrom('notification').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow(),
        ]);
        return { rows: rows.map(toNotification), total: Number(count.n), unread: Number(unread.n) };
      },
      async markRead(id, accountId, now) {
        const r = await db
          .updateTable('notification')
          .set({ read_at: sql`coalesce(read_at, ${now})` })
          .where('id', '=', id)
          .where('account_id', '=', accountId)
          .returningAll()
          .executeTakeFirst();
        return r && toNotification(r);
      },
      async markAllRead(accountId, now) {
        const r = await db.updateTable('notification').set({ read_at: now }).where('account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirst();
        return Number(r.numUpdatedRows);
      },
    },
  };
}
