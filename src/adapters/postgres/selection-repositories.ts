/**
 * Repositories of selection: recommendations, reviews, task-force opinions, experts, assignments
 * and scores, panel records, public notices and objections. SQL only; shapes from ports.ts.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AssignmentRow, AssignmentRunRow, ExpertRow, NoticeRow, ObjectionRow, RecommendationRow, Repositories } from '../../use-cases/ports.ts';
import { applicationQuery, toApplication } from './applicant-repositories.ts';
import type { AssignmentRunTable, Database, ExpertTable, ObjectionTable, PublicNoticeTable } from './schema.ts';

type SelectionRepositories = Pick<Repositories, 'recommendations' | 'selection' | 'experts' | 'assignments' | 'notices' | 'objections'>;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const num = (v: string | null) => (v === null ? null : Number(v));
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

const toExpert = (r: Selectable<ExpertTable>): ExpertRow => ({
  id: r.id,
  poolId: r.pool_id,
  accountId: r.account_id,
  name: r.name,
  title: r.title,
  organizationName: r.organization_name,
  creditCode: r.credit_code,
  cityName: r.city_name,
  tags: r.tags,
  phone: r.phone,
  email: r.email,
  active: r.active,
});

const toRun = (r: Selectable<AssignmentRunTable>): AssignmentRunRow => ({
  id: r.id,
  callId: r.call_id,
  status: r.status as AssignmentRunRow['status'],
  perApplication: r.per_application,
  objective: num(r.objective),
  greedyObjective: num(r.greedy_objective),
  bound: num(r.bound),
  report: r.report,
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

/** A `date` column as YYYY-MM-DD: the driver may hand it over as a Date at local midnight. */
const isoDate = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};

const toNotice = (r: Selectable<PublicNoticeTable>): NoticeRow => ({
  id: r.id,
  callId: r.call_id,
  title: r.title,
  body: r.body,
  decisionNote: r.decision_note,
  contact: r.contact,
  status: r.status as NoticeRow['status'],
  publishedAt: r.published_at,
  startDate: isoDate(r.start_date),
  endDate: isoDate(r.end_date),
  endsAt: r.ends_at,
  provisional: r.provisional,
  finalDocumentNumber: r.final_document_number,
  finalPublishedAt: r.final_published_at,
  createdAt: r.created_at,
});

const toObjection = (r: Selectable<ObjectionTable>): ObjectionRow => ({
  id: r.id,
  noticeId: r.notice_id,
  applicationId: r.application_id,
  name: r.name,
  contact: r.contact,
  content: r.content,
  attachmentKey: r.attachment_key,
  attachmentName: r.attachment_name,
  ip: r.ip,
  status: r.status as ObjectionRow['status'],
  outcome: r.outcome,
  handledBy: r.handled_by,
  handledAt: r.handled_at,
  createdAt: r.created_at,
});

function assignmentQuery(db: Kysely<Database>) {
  return db
    .selectFrom('expert_assignment as x')
    .innerJoin('expert as e', 'e.id', 'x.expert_id')
    .select([
      'x.id',
      'x.call_id',
      'x.application_id',
      'x.expert_id',
      'e.name as expert_name',
      'x.manual',
      'x.status',
      'x.conflict_declaration',
      'x.scores',
      'x.total',
      'x.comment',
      'x.submitted_at',
    ]);
}
type AssignmentSelect = Awaited<ReturnType<ReturnType<typeof assignmentQuery>['executeTakeFirstOrThrow']>>;
const toAssignment = (r: AssignmentSelect): AssignmentRow => ({
  id: r.id,
  callId: r.call_id,
  applicationId: r.application_id,
  expertId: r.expert_id,
  expertName: r.expert_name,
  manual: r.manual,
  status: r.status as AssignmentRow['status'],
  conflictDeclaration: r.conflict_declaration,
  scores: (r.scores ?? null) as Record<string, number> | null,
  total: num(r.total),
  comment: r.comment,
  submittedAt: r.submitted_at,
});

async function recommendationOf(db: Kysely<Database>, where: { id?: string; callId?: string; cityId?: string }, lock = false): Promise<RecommendationRow | undefined> {
  let q = db
    .selectFrom('recommendation as r')
    .innerJoin('organization as city', 'city.id', 'r.city_id')
    .select(['r.id', 'r.call_id', 'r.city_id', 'city.name as city_name', 'city.code as city_code', 'r.status', 'r.document_number', 'r.returned_comment', 'r.submitted_at', 'r.updated_at']);
  if (where.id) q = q.where('r.id', '=', where.id);
  if (where.callId) q = q.where('r.call_id', '=', where.callId);
  if (where.cityId) q = q.where('r.city_id', '=', where.cityId);
  const r = await (lock ? q.forUpdate('r') : q).executeTakeFirst();
  if (!r) return undefined;
  const items = await db.selectFrom('recommendation_item').select(['application_id', 'rank', 'category']).where('recommendation_id', '=', r.id).orderBy('rank').orderBy('application_id').execute();
  return {
    id: r.id,
    callId: r.call_id,
    cityId: r.city_id,
    cityName: r.city_name,
    cityCode: r.city_code,
    status: r.status as RecommendationRow['status'],
    documentNumber: r.document_number,
    returnedComment: r.returned_comment,
    submittedAt: r.submitted_at,
    items: items.map((i) => ({ applicationId: i.application_id, rank: i.rank, category: i.category })),
    updatedAt: r.updated_at,
  };
}

export function makeSelectionRepositories(db: Kysely<Database>): SelectionRepositories {
  return {
    recommendations: {
      async lockForCity(callId, cityId, now) {
        await db
          .insertInto('recommendation')
          .values({ call_id: callId, city_id: cityId, status: 'draft', document_number: null, returned_comment: null, submitted_by: null, submitted_at: null, created_at: now, updated_at: now })
          .onConflict((oc) => oc.columns(['call_id', 'city_id']).doNothing())
          .execute();
        return (await recommendationOf(db, { callId, cityId }, true))!;
      },
      find: (callId, cityId) => recommendationOf(db, { callId, cityId }),
      async forCall(callId) {
        const ids = await db.selectFrom('recommendation').select('id').where('call_id', '=', callId).orderBy('id').execute();
        return (await Promise.all(ids.map((r) => recommendationOf(db, { id: r.id })))).filter((r): r is RecommendationRow => Boolean(r));
      },
      async addItem(recommendationId, applicationId, rank, category, now) {
        await db.insertInto('recommendation_item').values({ recommendation_id: recommendationId, application_id: applicationId, rank, category, created_at: now }).execute();
      },
      async removeItem(recommendationId, applicationId) {
        await db.deleteFrom('recommendation_item').where('recommendation_id', '=', recommendationId).where('application_id', '=', applicationId).execute();
      },
      async setRanks(recommendationId, order) {
        for (const [i, applicationId] of order.entries()) {
          await db.updateTable('recommendation_item').set({ rank: i + 1 }).where('recommendation_id', '=', recommendationId).where('application_id', '=', applicationId).execute();
        }
      },
      async update(id, p, now) {
        await db
          .updateTable('recommendation')
          .set({
            ...(p.status !== undefined ? { status: p.status } : {}),
            ...(p.documentNumber !== undefined ? { document_number: p.documentNumber } : {}),
            ...(p.returnedComment !== undefined ? { returned_comment: p.returnedComment } : {}),
            ...(p.submittedAt !== undefined ? { submitted_at: p.submittedAt } : {}),
            ...(p.submittedBy !== undefined ? { submitted_by: p.submittedBy } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
      },
    },

    selection: {
      async setCityReview(applicationId, review, now) {
        await db.updateTable('application').set({ city_review: json(review), updated_at: now }).where('id', '=', applicationId).execute();
      },
      async setPolicyReview(applicationId, review, now) {
        await db.updateTable('application').set({ policy_review: json(review), updated_at: now }).where('id', '=', applicationId).execute();
      },
      async setFinalScore(applicationId, score, now) {
        await db.updateTable('application').set({ final_score: score, updated_at: now }).where('id', '=', applicationId).execute();
      },
      async setCallQuotas(callId, quotaTable, threshold, now) {
        await db.updateTable('program_call').set({ quota_table: JSON.stringify(quotaTable), threshold, updated_at: now }).where('id', '=', callId).execute();
      },
      async callQuotas(callId) {
        const r = await db.selectFrom('program_call').select(['quota_table', 'threshold']).where('id', '=', callId).executeTakeFirstOrThrow();
        return { quotaTable: r.quota_table ?? {}, threshold: num(r.threshold) };
      },
      async taskForceOpinion(applicationId) {
        const r = await db.selectFrom('task_force_opinion').selectAll().where('application_id', '=', applicationId).executeTakeFirst();
        return r && { departmentId: r.department_id, opinion: r.opinion, supports: r.supports, at: r.at };
      },
      async taskForceOpinionsOfCall(callId) {
        const rows = await db
          .selectFrom('task_force_opinion as t')
          .innerJoin('application as a', 'a.id', 't.application_id')
          .selectAll('t')
          .where('a.call_id', '=', callId)
          .execute();
        return new Map(rows.map((r) => [r.application_id, { departmentId: r.department_id, opinion: r.opinion, supports: r.supports, at: r.at }]));
      },
      async routeToTaskForce(applicationId, departmentId) {
        await db
          .insertInto('task_force_opinion')
          .values({ application_id: applicationId, department_id: departmentId, opinion: null, supports: null, by_account: null, at: null })
          .onConflict((oc) => oc.column('application_id').doUpdateSet({ department_id: departmentId }))
          .execute();
      },
      async recordTaskForceOpinion(applicationId, opinion, supports, by, at) {
        await db.updateTable('task_force_opinion').set({ opinion, supports, by_account: by, at }).where('application_id', '=', applicationId).execute();
      },
      async applicationsOfCall(callId, states) {
        if (!states.length) return [];
        const rows = await applicationQuery(db).where('a.call_id', '=', callId).where('a.state', 'in', [...states]).orderBy('a.id').execute();
        return rows.map(toApplication);
      },
      async stateCounts(callIds, underOrganizationId) {
        if (!callIds.length) return [];
        let q = db
          .selectFrom('application as a')
          .innerJoin('organization', 'organization.id', 'a.organization_id')
          .select(['a.call_id', 'a.state', (eb) => eb.fn.countAll<string>().as('n')])
          .where('a.call_id', 'in', [...callIds])
          .where('a.state', '!=', 'draft');
        if (underOrganizationId) q = q.where(sql<boolean>`organization.path @> array[${underOrganizationId}]::bigint[]`);
        const rows = await q.groupBy(['a.call_id', 'a.state']).execute();
        return rows.map((r) => ({ callId: String(r.call_id), state: r.state, n: Number(r.n) }));
      },
    },

    experts: {
      async insert(e, now) {
        const r = await db
          .insertInto('expert')
          .values({
            pool_id: e.poolId,
            account_id: e.accountId,
            name: e.name,
            title: e.title,
            organization_name: e.organizationName,
            credit_code: e.creditCode,
            city_name: e.cityName,
            tags: e.tags,
            phone: e.phone,
            email: e.email,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return toExpert(r);
      },
      async findById(id) {
        const r = await db.selectFrom('expert').selectAll().where('id', '=', id).executeTakeFirst();
        return r && toExpert(r);
      },
      async findByAccount(accountId) {
        const r = await db.selectFrom('expert').selectAll().where('account_id', '=', accountId).executeTakeFirst();
        return r && toExpert(r);
      },
      async list(poolId, q) {
        let base = db.selectFrom('expert');
        if (poolId) base = base.where('pool_id', '=', poolId);
        if (q.active !== undefined) base = base.where('active', '=', q.active);
        if (q.q) base = base.where((eb) => eb.or([eb('name', 'ilike', likePattern(q.q!)), eb('organization_name', 'ilike', likePattern(q.q!))]));
        if (q.tag) base = base.where(sql<boolean>`${q.tag} = any(tags)`);
        const [rows, count] = await Promise.all([
          base.selectAll().orderBy('name', q.order).orderBy('id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
          base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return { rows: rows.map(toExpert), total: Number(count.n) };
      },
      async active(poolId) {
        const rows = await db.selectFrom('expert').selectAll().where('pool_id', '=', poolId).where('active', '=', true).orderBy('id').execute();
        return rows.map(toExpert);
      },
      async update(id, p, now) {
        const r = await db
          .updateTable('expert')
          .set({
            ...(p.accountId !== undefined ? { account_id: p.accountId } : {}),
            ...(p.name !== undefined ? { name: p.name } : {}),
            ...(p.title !== undefined ? { title: p.title } : {}),
            ...(p.organizationName !== undefined ? { organization_name: p.organizationName } : {}),
            ...(p.creditCode !== undefined ? { credit_code: p.creditCode } : {}),
            ...(p.cityName !== undefined ? { city_name: p.cityName } : {}),
            ...(p.tags !== undefined ? { tags: p.tags } : {}),
            ...(p.phone !== undefined ? { phone: p.phone } : {}),
            ...(p.email !== undefined ? { email: p.email } : {}),
            ...(p.active !== undefined ? { active: p.active } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toExpert(r);
      },
      async findByEmail(poolId, email) {
        const rows = await db.selectFrom('expert').selectAll().where('pool_id', '=', poolId).where(sql<boolean>`lower(email) = lower(${email})`).orderBy('id').execute();
        return rows.map(toExpert);
      },
      async tags(poolId) {
        let q = db.selectFrom('expert').select(sql<string>`unnest(tags)`.as('tag')).where('active', '=', true);
        if (poolId) q = q.where('pool_id', '=', poolId);
        const rows = await db.selectFrom(q.as('t')).select('t.tag').distinct().orderBy('t.tag').execute();
        return rows.map((r) => r.tag);
      },
    },

    assignments: {
      async replaceAutomatic(callId, pairs, now) {
        await db.deleteFrom('expert_assignment').where('call_id', '=', callId).where('manual', '=', false).where('status', '=', 'assigned').execute();
        for (let i = 0; i < pairs.length; i += 500) {
          const batch = pairs.slice(i, i + 500).map((p) => ({ call_id: callId, application_id: p.applicationId, expert_id: p.expertId, manual: false, status: 'assigned', created_at: now, updated_at: now }));
          if (batch.length) await db.insertInto('expert_assignment').values(batch).onConflict((oc) => oc.columns(['application_id', 'expert_id']).doNothing()).execute();
        }
      },
      async add(callId, applicationId, expertId, manual, now) {
        await db
          .insertInto('expert_assignment')
          .values({ call_id: callId, application_id: applicationId, expert_id: expertId, manual, status: 'assigned', created_at: now, updated_at: now })
          .onConflict((oc) => oc.columns(['application_id', 'expert_id']).doUpdateSet({ manual }))
          .execute();
      },
      async remove(id) {
        await db.deleteFrom('expert_assignment').where('id', '=', id).execute();
      },
      async forCall(callId) {
        return (await assignmentQuery(db).where('x.call_id', '=', callId).orderBy('x.application_id').orderBy('x.expert_id').execute()).map(toAssignment);
      },
      async forApplication(applicationId) {
        return (await assignmentQuery(db).where('x.application_id', '=', applicationId).orderBy('x.expert_id').execute()).map(toAssignment);
      },
      async forExpert(expertId) {
        const rows = await assignmentQuery(db)
          .innerJoin('application as a', 'a.id', 'x.application_id')
          .innerJoin('organization as o', 'o.id', 'a.organization_id')
          .innerJoin('program_call as c', 'c.id', 'x.call_id')
          .innerJoin('program as p', 'p.id', 'a.program_id')
          .select(['a.project_name', 'o.name as organization_name', 'c.title as call_title', 'p.code as program_code', 'a.program_version'])
          .where('x.expert_id', '=', expertId)
          .orderBy('x.id')
          .execute();
        return rows.map((r) => ({ ...toAssignment(r), projectName: r.project_name, organizationName: r.organization_name, callTitle: r.call_title, programCode: r.program_code, programVersion: r.program_version }));
      },
      async findById(id) {
        const r = await assignmentQuery(db).where('x.id', '=', id).executeTakeFirst();
        return r && toAssignment(r);
      },
      async findByIdForUpdate(id) {
        await db.selectFrom('expert_assignment').select('id').where('id', '=', id).forUpdate().execute();
        const r = await assignmentQuery(db).where('x.id', '=', id).executeTakeFirst();
        return r && toAssignment(r);
      },
      async update(id, p, now) {
        await db
          .updateTable('expert_assignment')
          .set({
            ...(p.status !== undefined ? { status: p.status } : {}),
            ...(p.conflictDeclaration !== undefined ? { conflict_declaration: json(p.conflictDeclaration) } : {}),
            ...(p.scores !== undefined ? { scores: json(p.scores) } : {}),
            ...(p.total !== undefined ? { total: p.total } : {}),
            ...(p.comment !== undefined ? { comment: p.comment } : {}),
            ...(p.submittedAt !== undefined ? { submitted_at: p.submittedAt } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
      },
      async insertRun(r) {
        const { id } = await db
          .insertInto('assignment_run')
          .values({ call_id: r.callId, status: 'running', per_application: r.perApplication, error: null, created_by: r.createdBy, created_at: r.now, finished_at: null })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      },
      async finishRun(id, p, now) {
        await db
          .updateTable('assignment_run')
          .set({
            ...(p.status !== undefined ? { status: p.status } : {}),
            ...(p.objective !== undefined ? { objective: p.objective } : {}),
            ...(p.greedyObjective !== undefined ? { greedy_objective: p.greedyObjective } : {}),
            ...(p.bound !== undefined ? { bound: p.bound } : {}),
            ...(p.report !== undefined ? { report: json(p.report) } : {}),
            ...(p.error !== undefined ? { error: p.error } : {}),
            finished_at: now,
          })
          .where('id', '=', id)
          .execute();
      },
      async latestRun(callId) {
        const r = await db.selectFrom('assignment_run').selectAll().where('call_id', '=', callId).orderBy('id', 'desc').executeTakeFirst();
        return r && toRun(r);
      },
      async findRun(id) {
        const r = await db.selectFrom('assignment_run').selectAll().where('id', '=', id).executeTakeFirst();
        return r && toRun(r);
      },
      async panel(applicationId) {
        const r = await db.selectFrom('panel_record').select(['consensus', 'defense']).where('application_id', '=', applicationId).executeTakeFirst();
        return r && { consensus: r.consensus, defense: r.defense };
      },
      async panelsOfCall(callId) {
        const rows = await db
          .selectFrom('panel_record as pr')
          .innerJoin('application as a', 'a.id', 'pr.application_id')
          .select(['pr.application_id', 'pr.consensus', 'pr.defense'])
          .where('a.call_id', '=', callId)
          .execute();
        return new Map(rows.map((r) => [r.application_id, { consensus: r.consensus, defense: r.defense }]));
      },
      async savePanel(applicationId, consensus, defense, by, now) {
        await db
          .insertInto('panel_record')
          .values({ application_id: applicationId, consensus, defense: json(defense), recorded_by: by, updated_at: now })
          .onConflict((oc) => oc.column('application_id').doUpdateSet({ consensus, defense: json(defense), recorded_by: by, updated_at: now }))
          .execute();
      },
    },

    notices: {
      async insert(n) {
        const { id } = await db
          .insertInto('public_notice')
          .values({ call_id: n.callId, title: n.title, body: n.body, decision_note: n.decisionNote, contact: n.contact, status: 'draft', published_at: null, ends_at: null, final_document_number: null, final_published_at: null, created_by: n.createdBy, created_at: n.now, updated_at: n.now })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      },
      async findByCall(callId) {
        const r = await db.selectFrom('public_notice').selectAll().where('call_id', '=', callId).executeTakeFirst();
        return r && toNotice(r);
      },
      async findById(id) {
        const r = await db.selectFrom('public_notice').selectAll().where('id', '=', id).executeTakeFirst();
        return r && toNotice(r);
      },
      async update(id, p, now) {
        await db
          .updateTable('public_notice')
          .set({
            ...(p.title !== undefined ? { title: p.title } : {}),
            ...(p.body !== undefined ? { body: p.body } : {}),
            ...(p.decisionNote !== undefined ? { decision_note: p.decisionNote } : {}),
            ...(p.contact !== undefined ? { contact: p.contact } : {}),
            ...(p.status !== undefined ? { status: p.status } : {}),
            ...(p.publishedAt !== undefined ? { published_at: p.publishedAt } : {}),
            ...(p.startDate !== undefined ? { start_date: p.startDate } : {}),
            ...(p.endDate !== undefined ? { end_date: p.endDate } : {}),
            ...(p.endsAt !== undefined ? { ends_at: p.endsAt } : {}),
            ...(p.provisional !== undefined ? { provisional: p.provisional } : {}),
            ...(p.finalDocumentNumber !== undefined ? { final_document_number: p.finalDocumentNumber } : {}),
            ...(p.finalPublishedAt !== undefined ? { final_published_at: p.finalPublishedAt } : {}),
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
      },
      async addItem(noticeId, applicationId, position, publicFields) {
        await db.insertInto('notice_item').values({ notice_id: noticeId, application_id: applicationId, position, public_fields: JSON.stringify(publicFields) }).execute();
      },
      async items(noticeId) {
        const rows = await db.selectFrom('notice_item').selectAll().where('notice_id', '=', noticeId).orderBy('position').execute();
        return rows.map((r) => ({ applicationId: r.application_id, position: r.position, publicFields: r.public_fields as Record<string, string>, removed: r.removed }));
      },
      async markRemoved(noticeId, applicationId) {
        await db.updateTable('notice_item').set({ removed: true }).where('notice_id', '=', noticeId).where('application_id', '=', applicationId).execute();
      },
      async listPublic(q) {
        const base = db
          .selectFrom('public_notice as n')
          .innerJoin('program_call as c', 'c.id', 'n.call_id')
          .innerJoin('program_version as v', (j) => j.onRef('v.program_id', '=', 'c.program_id').onRef('v.version', '=', 'c.program_version'))
          .where('n.status', 'in', q.status ? (q.status === 'final' ? ['final'] : ['published', 'ended']) : ['published', 'ended', 'final']);
        const [rows, count] = await Promise.all([
          base
            .selectAll('n')
            .select(sql<unknown>`v.definition->'name'`.as('program_name'))
            .orderBy('n.published_at', 'desc')
            .orderBy('n.id', 'desc')
            .limit(q.pageSize)
            .offset((q.page - 1) * q.pageSize)
            .execute(),
          base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
        ]);
        return { rows: rows.map((r) => ({ ...toNotice(r), programName: r.program_name })), total: Number(count.n) };
      },
    },

    objections: {
      async insert(o) {
        const { id } = await db
          .insertInto('objection')
          .values({
            notice_id: o.noticeId,
            application_id: o.applicationId,
            name: o.name,
            contact: o.contact,
            content: o.content,
            attachment_key: o.attachmentKey,
            attachment_name: o.attachmentName,
            ip: o.ip,
            status: 'received',
            outcome: null,
            handled_by: null,
            handled_at: null,
            created_at: o.createdAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return id;
      },
      async forNotice(noticeId) {
        return (await db.selectFrom('objection').selectAll().where('notice_id', '=', noticeId).orderBy('id').execute()).map(toObjection);
      },
      async findById(id) {
        const r = await db.selectFrom('objection').selectAll().where('id', '=', id).executeTakeFirst();
        return r && toObjection(r);
      },
      async update(id, p) {
        await db
          .updateTable('objection')
          .set({
            ...(p.status !== undefined ? { status: p.status } : {}),
            ...(p.outcome !== undefined ? { outcome: p.outcome } : {}),
            ...(p.handledBy !== undefined ? { handled_by: p.handledBy } : {}),
            ...(p.handledAt !== undefined ? { handled_at: p.handledAt } : {}),
          })
          .where('id', '=', id)
          .execute();
      },
      async countFromIp(ip, since) {
        const r = await db.selectFrom('objection').select((eb) => eb.fn.countAll<string>().as('n')).where('ip', '=', ip).where('created_at', '>=', since).executeTakeFirstOrThrow();
        return Number(r.n);
      },
    },
  };
}
