/**
 * Repositories of implementation: projects (one per selected application), the implementation
 * plan and agreement, progress reports, guidance visits, acceptance rounds and the project timeline.
 * SQL only; shapes from ports.ts. The tables come from migration 0005_implementation.
 */
import { scopeCondition } from './scope.ts';
import { sql, type ColumnType, type Generated, type Kysely, type Selectable } from 'kysely';
import type { Scope } from '../../core/access-policy.ts';
import type { AcceptanceRow, AgreementRow, ProgressReportRow, ProjectRepositories, ProjectRow, ProjectStatus, Repositories } from '../../use-cases/ports.ts';
import type { Database } from './schema.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;
type DateColumn = ColumnType<unknown, string, string>;

interface ProjectTable {
  application_id: string;
  call_id: string;
  organization_id: string;
  status: string;
  selected_at: Timestamp;
  agreement_signed_at: Timestamp | null;
  accepted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
interface ProjectAgreementTable {
  application_id: string;
  plan: Json;
  plan_status: string;
  plan_submitted_at: Timestamp | null;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  agreement_number: string | null;
  generated_at: Timestamp | null;
  signed_on: ColumnType<unknown, string | null, string | null>;
  signatories: ColumnType<unknown, string | null, string | null>;
  signed_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
interface ProgressReportTable {
  id: Generated<string>;
  application_id: string;
  period: string;
  due_date: DateColumn;
  status: string;
  content: ColumnType<unknown, string | null, string | null>;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  comments: ColumnType<unknown, string | undefined, string>;
  reminded_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  overdue_notified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
interface GuidanceVisitTable {
  id: Generated<string>;
  application_id: string;
  organization_id: string;
  visit_date: DateColumn;
  place: string;
  participants: string;
  notes: string;
  recorded_by: string | null;
  created_at: Timestamp;
}
interface AcceptanceTable {
  id: Generated<string>;
  application_id: string;
  round: number;
  status: string;
  materials: ColumnType<unknown, string | undefined, string>;
  note: string | null;
  requested_by: string | null;
  requested_at: Timestamp;
  initial: ColumnType<unknown, string | null | undefined, string | null>;
  final: ColumnType<unknown, string | null | undefined, string | null>;
  rectification_deadline: ColumnType<unknown, string | null | undefined, string | null>;
  updated_at: Timestamp;
}
interface ProjectEventTable {
  id: Generated<string>;
  application_id: string;
  at: Timestamp;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  comment: string | null;
}
type ProjectDatabase = Database & {
  project: ProjectTable;
  project_agreement: ProjectAgreementTable;
  progress_report: ProgressReportTable;
  guidance_visit: GuidanceVisitTable;
  acceptance: AcceptanceTable;
  project_event: ProjectEventTable;
};

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
/** A `date` column as YYYY-MM-DD: the driver may hand it over as a Date at local midnight. */
const isoDate = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};

function projectQuery(db: Kysely<ProjectDatabase>) {
  return db
    .selectFrom('project as pj')
    .innerJoin('application as a', 'a.id', 'pj.application_id')
    .innerJoin('program_call as c', 'c.id', 'pj.call_id')
    .innerJoin('program as p', 'p.id', 'a.program_id')
    .innerJoin('program_version as v', (j) => j.onRef('v.program_id', '=', 'a.program_id').onRef('v.version', '=', 'a.program_version'))
    .innerJoin('organization', 'organization.id', 'pj.organization_id')
    .leftJoin('organization as city', 'city.id', 'organization.parent_id')
    .innerJoin('organization as prov', 'prov.id', 'c.province_id')
    .select([
      'pj.application_id',
      'pj.call_id',
      'c.title as call_title',
      'pj.organization_id',
      'organization.path as organization_path',
      'organization.name as organization_name',
      'organization.credit_code',
      'city.id as city_id',
      'city.name as city_name',
      'c.province_id',
      'prov.name as province_name',
      'a.project_name',
      'p.code as program_code',
      'a.program_version',
      sql<{ 'zh-CN': string; en: string }>`v.name`.as('program_name'),
      'v.definition',
      'pj.status',
      'pj.selected_at',
      'pj.agreement_signed_at',
      'pj.accepted_at',
      'pj.updated_at',
    ]);
}
type ProjectSelect = Awaited<ReturnType<ReturnType<typeof projectQuery>['executeTakeFirstOrThrow']>>;
const toProject = (r: ProjectSelect): ProjectRow => ({
  applicationId: r.application_id,
  callId: r.call_id,
  callTitle: r.call_title,
  organizationId: r.organization_id,
  organizationPath: r.organization_path.map(String),
  organizationName: r.organization_name,
  creditCode: r.credit_code,
  cityId: r.city_id,
  cityName: r.city_name,
  provinceId: r.province_id,
  provinceName: r.province_name,
  projectName: r.project_name,
  programCode: r.program_code,
  programVersion: r.program_version,
  programName: r.program_name,
  definition: r.definition,
  status: r.status as ProjectStatus,
  selectedAt: r.selected_at,
  agreementSignedAt: r.agreement_signed_at,
  acceptedAt: r.accepted_at,
  updatedAt: r.updated_at,
});

function projectScope<QB extends ReturnType<typeof projectQuery>>(qb: QB, scope: Scope): QB {
  return scope.kind === 'all' ? qb : (qb.where(scopeCondition(scope, sql.ref('organization.path'), sql.ref('pj.organization_id'))) as QB);
}

const toAgreement = (r: Selectable<ProjectAgreementTable>): AgreementRow => ({
  applicationId: r.application_id,
  plan: r.plan,
  planStatus: r.plan_status as AgreementRow['planStatus'],
  planSubmittedAt: r.plan_submitted_at,
  reviewComment: r.review_comment,
  reviewedAt: r.reviewed_at,
  agreementNumber: r.agreement_number,
  generatedAt: r.generated_at,
  signedOn: isoDate(r.signed_on),
  signatories: r.signatories,
  updatedAt: r.updated_at,
});

const toReport = (r: Selectable<ProgressReportTable>): ProgressReportRow => ({
  id: r.id,
  applicationId: r.application_id,
  period: r.period,
  dueDate: isoDate(r.due_date) ?? '',
  status: r.status as ProgressReportRow['status'],
  content: r.content,
  submittedAt: r.submitted_at,
  comments: (r.comments ?? []) as ProgressReportRow['comments'],
});

const toAcceptance = (r: Selectable<AcceptanceTable>): AcceptanceRow => ({
  id: r.id,
  applicationId: r.application_id,
  round: r.round,
  status: r.status as AcceptanceRow['status'],
  materials: r.materials,
  note: r.note,
  requestedAt: r.requested_at,
  initial: r.initial,
  final: r.final,
  rectificationDeadline: isoDate(r.rectification_deadline),
  updatedAt: r.updated_at,
});

export function makeProjectRepositories(database: Kysely<Database>): Pick<Repositories, 'projects'> {
  const db = database as unknown as Kysely<ProjectDatabase>;
  const find = async (applicationId: string) => {
    const r = await projectQuery(db).where('pj.application_id', '=', applicationId).executeTakeFirst();
    return r ? toProject(r) : undefined;
  };
  const projects: ProjectRepositories = {
    findByApplication: find,
    async findForUpdate(applicationId) {
      const locked = await db.selectFrom('project').select('application_id').where('application_id', '=', applicationId).forUpdate().executeTakeFirst();
      return locked ? find(applicationId) : undefined;
    },
    async ensure(applicationId, now) {
      await sql`
        insert into project (application_id, call_id, organization_id, status, selected_at, created_at, updated_at)
        select a.id, a.call_id, a.organization_id, 'agreement_pending', ${now}, ${now}, ${now}
        from application a where a.id = ${applicationId} and a.state = 'selected'
        on conflict (application_id) do nothing`.execute(db);
      const row = await find(applicationId);
      if (!row) throw new Error(`application ${applicationId} is not selected`);
      return row;
    },
    async setStatus(applicationId, status, now) {
      await db.updateTable('project').set({ status, updated_at: now }).where('application_id', '=', applicationId).execute();
    },
    async setDates(applicationId, patch, now) {
      await db
        .updateTable('project')
        .set({
          updated_at: now,
          ...(patch.agreementSignedAt !== undefined ? { agreement_signed_at: patch.agreementSignedAt } : {}),
          ...(patch.acceptedAt !== undefined ? { accepted_at: patch.acceptedAt } : {}),
        })
        .where('application_id', '=', applicationId)
        .execute();
    },
    async list(scope, q) {
      const today = q.today ?? null;
      const overdue = sql<number>`(select count(*)::int from progress_report r where r.application_id = pj.application_id and r.status = 'due' and ${today}::date is not null and r.due_date < ${today}::date)`;
      let base = projectScope(projectQuery(db), scope);
      if (q.status) base = base.where('pj.status', '=', q.status);
      if (q.callId) base = base.where('pj.call_id', '=', q.callId);
      if (q.q) {
        const pattern = likePattern(q.q);
        base = base.where((eb) => eb.or([eb('a.project_name', 'ilike', pattern), eb('organization.name', 'ilike', pattern), eb('organization.credit_code', 'ilike', pattern)]));
      }
      if (q.overdueOnly) base = base.where(sql<boolean>`${overdue} > 0`);
      const column = { updatedAt: 'pj.updated_at', projectName: 'a.project_name', organizationName: 'organization.name', status: 'pj.status', selectedAt: 'pj.selected_at' } as const;
      const [rows, count] = await Promise.all([
        base
          .select(overdue.as('overdue_reports'))
          .orderBy(column[q.sort ?? 'updatedAt'], (ob) => (q.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast()))
          .orderBy('pj.application_id', q.order)
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        base.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { rows: rows.map((r) => ({ ...toProject(r), overdueReports: Number(r.overdue_reports) })), total: Number(count.n) };
    },

    async agreement(applicationId) {
      const r = await db.selectFrom('project_agreement').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
      return r ? toAgreement(r) : undefined;
    },
    async saveAgreement(applicationId, p, now) {
      const set = {
        updated_at: now,
        ...(p.plan !== undefined ? { plan: JSON.stringify(p.plan) } : {}),
        ...(p.planStatus !== undefined ? { plan_status: p.planStatus } : {}),
        ...(p.planSubmittedAt !== undefined ? { plan_submitted_at: p.planSubmittedAt } : {}),
        ...(p.reviewComment !== undefined ? { review_comment: p.reviewComment } : {}),
        ...(p.reviewedBy !== undefined ? { reviewed_by: p.reviewedBy } : {}),
        ...(p.reviewedAt !== undefined ? { reviewed_at: p.reviewedAt } : {}),
        ...(p.agreementNumber !== undefined ? { agreement_number: p.agreementNumber } : {}),
        ...(p.generatedAt !== undefined ? { generated_at: p.generatedAt } : {}),
        ...(p.signedOn !== undefined ? { signed_on: p.signedOn } : {}),
        ...(p.signatories !== undefined ? { signatories: json(p.signatories) } : {}),
        ...(p.signedBy !== undefined ? { signed_by: p.signedBy } : {}),
      };
      const r = await db
        .insertInto('project_agreement')
        .values({
          application_id: applicationId,
          plan: JSON.stringify(p.plan ?? {}),
          plan_status: p.planStatus ?? 'draft',
          plan_submitted_at: p.planSubmittedAt ?? null,
          review_comment: p.reviewComment ?? null,
          reviewed_by: p.reviewedBy ?? null,
          reviewed_at: p.reviewedAt ?? null,
          agreement_number: p.agreementNumber ?? null,
          generated_at: p.generatedAt ?? null,
          signed_on: p.signedOn ?? null,
          signatories: json(p.signatories),
          signed_by: p.signedBy ?? null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('application_id').doUpdateSet(set))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toAgreement(r);
    },

    async claimReports(kind, today, horizon, limit) {
      const column = kind === 'reminder' ? 'r.reminded_at' : 'r.overdue_notified_at';
      const rows = await db
        .selectFrom('progress_report as r')
        .innerJoin('project as pj', 'pj.application_id', 'r.application_id')
        .select(['r.id', 'r.application_id'])
        .where('r.status', '=', 'due')
        .where(column, 'is', null)
        .where('pj.status', 'in', ['implementing', 'acceptance_requested', 'initial_accepted', 'rectifying'])
        .where((eb) => (kind === 'reminder' ? eb.and([eb('r.due_date', '>=', today), eb('r.due_date', '<=', horizon)]) : eb('r.due_date', '<', today)))
        .orderBy('r.due_date')
        .limit(limit)
        .forUpdate('r')
        .skipLocked()
        .execute();
      return rows.map((r) => ({ reportId: r.id, applicationId: r.application_id }));
    },
    async markReport(id, kind, now) {
      await db
        .updateTable('progress_report')
        .set(kind === 'reminder' ? { reminded_at: now } : { overdue_notified_at: now })
        .where('id', '=', id)
        .execute();
    },
    async claimExpiredRectifications(today, limit) {
      const rows = await db
        .selectFrom('project as pj')
        .select('pj.application_id')
        .where('pj.status', '=', 'rectifying')
        .where(
          sql<boolean>`(select ac.rectification_deadline from acceptance ac where ac.application_id = pj.application_id order by ac.round desc limit 1) < ${today}::date`,
        )
        .orderBy('pj.application_id')
        .limit(limit)
        .forUpdate('pj')
        .skipLocked()
        .execute();
      return rows.map((r) => r.application_id);
    },

    async reports(applicationId) {
      const rows = await db.selectFrom('progress_report').selectAll().where('application_id', '=', applicationId).orderBy('due_date').execute();
      return rows.map(toReport);
    },
    async findReport(id) {
      const r = await db.selectFrom('progress_report').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toReport(r) : undefined;
    },
    async ensureReport(applicationId, period, dueDate, now) {
      await db
        .insertInto('progress_report')
        .values({ application_id: applicationId, period, due_date: dueDate, status: 'due', content: null, submitted_by: null, submitted_at: null, created_at: now, updated_at: now })
        .onConflict((oc) => oc.columns(['application_id', 'period']).doNothing())
        .execute();
    },
    async updateReport(id, p, now) {
      await db
        .updateTable('progress_report')
        .set({
          updated_at: now,
          ...(p.status !== undefined ? { status: p.status } : {}),
          ...(p.content !== undefined ? { content: json(p.content) } : {}),
          ...(p.submittedAt !== undefined ? { submitted_at: p.submittedAt } : {}),
          ...(p.submittedBy !== undefined ? { submitted_by: p.submittedBy } : {}),
          ...(p.comments !== undefined ? { comments: JSON.stringify(p.comments) } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async visits(applicationId) {
      const rows = await db
        .selectFrom('guidance_visit as g')
        .innerJoin('organization as o', 'o.id', 'g.organization_id')
        .selectAll('g')
        .select('o.name as organization_name')
        .where('g.application_id', '=', applicationId)
        .orderBy('g.visit_date', 'desc')
        .orderBy('g.id', 'desc')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        applicationId: r.application_id,
        organizationId: r.organization_id,
        organizationName: r.organization_name,
        visitDate: isoDate(r.visit_date) ?? '',
        place: r.place,
        participants: r.participants,
        notes: r.notes,
        createdAt: r.created_at,
      }));
    },
    async addVisit(v, now) {
      const r = await db
        .insertInto('guidance_visit')
        .values({ application_id: v.applicationId, organization_id: v.organizationId, visit_date: v.visitDate, place: v.place, participants: v.participants, notes: v.notes, recorded_by: v.recordedBy, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },

    async acceptances(applicationId) {
      const rows = await db.selectFrom('acceptance').selectAll().where('application_id', '=', applicationId).orderBy('round').execute();
      return rows.map(toAcceptance);
    },
    async insertAcceptance(a, now) {
      const r = await db
        .insertInto('acceptance')
        .values({ application_id: a.applicationId, round: a.round, status: 'requested', materials: JSON.stringify(a.materials ?? []), note: a.note, requested_by: a.requestedBy, requested_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return r.id;
    },
    async updateAcceptance(id, p, now) {
      await db
        .updateTable('acceptance')
        .set({
          updated_at: now,
          ...(p.status !== undefined ? { status: p.status } : {}),
          ...(p.initial !== undefined ? { initial: json(p.initial) } : {}),
          ...(p.final !== undefined ? { final: json(p.final) } : {}),
          ...(p.rectificationDeadline !== undefined ? { rectification_deadline: p.rectificationDeadline } : {}),
          ...(p.materials !== undefined ? { materials: JSON.stringify(p.materials) } : {}),
          ...(p.note !== undefined ? { note: p.note } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    async addEvent(e) {
      await db
        .insertInto('project_event')
        .values({ application_id: e.applicationId, at: e.at, kind: e.kind, from_status: e.fromStatus, to_status: e.toStatus, actor_id: e.actorId, actor_name: e.actorName, actor_role: e.actorRole, comment: e.comment })
        .execute();
    },
    async events(applicationId) {
      const rows = await db.selectFrom('project_event').selectAll().where('application_id', '=', applicationId).orderBy('id').execute();
      return rows.map((r) => ({ at: r.at, kind: r.kind, fromStatus: r.from_status, toStatus: r.to_status, actorName: r.actor_name, actorRole: r.actor_role, comment: r.comment }));
    },
  };
  return { projects };
}
