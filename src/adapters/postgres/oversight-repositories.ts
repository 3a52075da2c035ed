/**
 * Repositories of oversight: titles, spot checks with findings, sanctions and application bans.
 * SQL only; shapes from src/use-cases/oversight/ports.ts. Dates (date columns) travel as YYYY-MM-DD text.
 */
import { scopeCondition } from './scope.ts';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { BanRow, Bilingual, Finding, OversightRepositories, SanctionRow, SpotCheckItemRow, SpotCheckRow, TitleRow } from '../../use-cases/oversight/ports.ts';
import type { Scope } from '../../core/access-policy.ts';
import type { Repositories } from '../../use-cases/ports.ts';
import type { Database } from './schema.ts';

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

type Raw = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function all(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<Raw[]> {
  const r = await query.execute(db);
  return r.rows as Raw[];
}

const TITLE_SELECT = sql`
  select t.id::text as id, t.application_id::text as application_id, a.organization_id::text as organization_id,
         o.name as organization_name, city.name as city_name, p.code as program_code, v.definition->'name' as program_name,
         a.project_name, t.title_id, t.name, t.citation, to_char(t.awarded_on, 'YYYY-MM-DD') as awarded_on, t.status,
         to_char(t.revoked_on, 'YYYY-MM-DD') as revoked_on, t.revoked_reason, t.created_at
    from title_award t
    join application a on a.id = t.application_id
    join program p on p.id = a.program_id
    join program_version v on v.program_id = a.program_id and v.version = a.program_version
    join organization o on o.id = a.organization_id
    left join organization city on city.id = o.parent_id`;

const toTitle = (r: Raw): TitleRow => ({
  id: String(r.id),
  applicationId: String(r.application_id),
  organizationId: String(r.organization_id),
  organizationName: String(r.organization_name),
  cityName: str(r.city_name),
  programCode: String(r.program_code),
  programName: r.program_name as Bilingual,
  projectName: String(r.project_name ?? ''),
  titleId: String(r.title_id),
  name: r.name as Bilingual,
  citation: String(r.citation),
  awardedOn: String(r.awarded_on),
  status: r.status as TitleRow['status'],
  revokedOn: str(r.revoked_on),
  revokedReason: str(r.revoked_reason),
  createdAt: r.created_at as Date,
});

const CHECK_SELECT = sql`
  select s.id::text as id, s.call_id::text as call_id, c.title as call_title, p.code as program_code, s.seed, s.min_share,
         s.stratified_by, s.population, s.allocation, s.citation, s.created_by::text as created_by, s.created_at
    from spot_check s
    join program_call c on c.id = s.call_id
    join program p on p.id = c.program_id`;

const toCheck = (r: Raw): SpotCheckRow => ({
  id: String(r.id),
  callId: String(r.call_id),
  callTitle: String(r.call_title),
  programCode: String(r.program_code),
  seed: String(r.seed),
  minShare: Number(r.min_share),
  stratifiedBy: r.stratified_by as SpotCheckRow['stratifiedBy'],
  population: Number(r.population),
  allocation: r.allocation as SpotCheckRow['allocation'],
  citation: str(r.citation),
  createdBy: str(r.created_by),
  createdAt: r.created_at as Date,
});

const ITEM_SELECT = sql`
  select i.id::text as id, i.spot_check_id::text as spot_check_id, i.application_id::text as application_id,
         o.parent_id::text as city_id, city.name as city_name, a.organization_id::text as organization_id,
         o.name as organization_name, a.project_name, i.finding, i.notes, i.recovery_id, i.recorded_by::text as recorded_by,
         i.recorded_at, s.seed, s.created_at as check_created_at
    from spot_check_item i
    join spot_check s on s.id = i.spot_check_id
    join application a on a.id = i.application_id
    join organization o on o.id = a.organization_id
    left join organization city on city.id = o.parent_id`;

const toItem = (r: Raw): SpotCheckItemRow & { seed: string; checkCreatedAt: Date } => ({
  id: String(r.id),
  spotCheckId: String(r.spot_check_id),
  applicationId: String(r.application_id),
  cityId: str(r.city_id),
  cityName: str(r.city_name),
  organizationId: String(r.organization_id),
  organizationName: String(r.organization_name),
  projectName: String(r.project_name ?? ''),
  finding: (r.finding ?? null) as Finding | null,
  notes: str(r.notes),
  recoveryId: str(r.recovery_id),
  recordedBy: str(r.recorded_by),
  recordedAt: (r.recorded_at ?? null) as Date | null,
  seed: String(r.seed),
  checkCreatedAt: r.check_created_at as Date,
});

const toSanction = (r: Raw): SanctionRow => ({
  id: String(r.id),
  applicationId: String(r.application_id),
  organizationId: String(r.organization_id),
  sanctionId: String(r.sanction_id),
  trigger: String(r.trigger),
  effects: r.effects as string[],
  message: r.message as Bilingual,
  citation: String(r.citation),
  reason: String(r.reason),
  decidedOn: String(r.decided_on),
  spotCheckItemId: str(r.spot_check_item_id),
  recoveryId: str(r.recovery_id),
  banId: str(r.ban_id),
  revokedTitleIds: ((r.revoked_title_ids as unknown[]) ?? []).map(String),
  createdBy: str(r.created_by),
  createdByName: str(r.created_by_name),
  createdAt: r.created_at as Date,
});

const BAN_SELECT = sql`
  select b.id::text as id, b.organization_id::text as organization_id, o.name as organization_name, b.credit_code,
         b.sanction_record_id::text as sanction_record_id, b.application_id::text as application_id, b.scope, b.program_code,
         to_char(b.from_date, 'YYYY-MM-DD') as from_date, to_char(b.until_date, 'YYYY-MM-DD') as until_date, b.citation, b.created_at
    from application_ban b
    join organization o on o.id = b.organization_id`;

const toBan = (r: Raw): BanRow => ({
  id: String(r.id),
  organizationId: String(r.organization_id),
  organizationName: String(r.organization_name),
  creditCode: str(r.credit_code),
  sanctionRecordId: str(r.sanction_record_id),
  applicationId: str(r.application_id),
  scope: r.scope as BanRow['scope'],
  programCode: str(r.program_code),
  fromDate: String(r.from_date),
  untilDate: String(r.until_date),
  citation: String(r.citation),
  createdAt: r.created_at as Date,
});

const scopeWhere = (scope: Scope) => scopeCondition(scope, sql.ref('o.path'), sql.ref('o.id'));

export function makeOversightRepositories(db: Kysely<Database>): Pick<Repositories, 'oversight'> {
  const oversight: OversightRepositories = {
    async insertTitle(t) {
      const [r] = await all(
        db,
        sql`insert into title_award (application_id, title_id, name, citation, awarded_on, created_at)
            values (${t.applicationId}, ${t.titleId}, ${JSON.stringify(t.name)}::jsonb, ${t.citation}, ${t.awardedOn}::date, ${t.now})
            returning id::text as id`,
      );
      return String(r!.id);
    },
    async titlesOfApplication(applicationId) {
      return (await all(db, sql`${TITLE_SELECT} where t.application_id = ${applicationId} order by t.id`)).map(toTitle);
    },
    async findTitle(id) {
      const [r] = await all(db, sql`${TITLE_SELECT} where t.id = ${id}`);
      return r && toTitle(r);
    },
    async revokeTitle(id, reason, on) {
      await sql`update title_award set status = 'revoked', revoked_on = ${on}::date, revoked_reason = ${reason} where id = ${id}`.execute(db);
    },
    async listPublicTitles(q) {
      const where = sql`where t.status = 'active'
        ${q.programCode ? sql`and p.code = ${q.programCode}` : sql``}
        ${q.q ? sql`and (o.name ilike ${likePattern(q.q)} or t.name->>'zh-CN' ilike ${likePattern(q.q)})` : sql``}`;
      const order = q.order === 'asc' ? sql`asc` : sql`desc`;
      const [rows, [count]] = await Promise.all([
        all(db, sql`${TITLE_SELECT} ${where} order by t.awarded_on ${order}, t.id ${order} limit ${q.pageSize} offset ${offset(q)}`),
        all(db, sql`select count(*)::int as n from (${TITLE_SELECT} ${where}) x`),
      ]);
      return { rows: rows.map(toTitle), total: Number(count!.n) };
    },

    async insertSpotCheck(s) {
      const [r] = await all(
        db,
        sql`insert into spot_check (call_id, seed, min_share, stratified_by, population, allocation, citation, created_by, created_at)
            values (${s.callId}, ${s.seed}, ${s.minShare}, ${s.stratifiedBy}, ${s.population}, ${JSON.stringify(s.allocation)}::jsonb, ${s.citation}, ${s.createdBy}, ${s.now})
            returning id::text as id`,
      );
      return String(r!.id);
    },
    async findSpotCheck(id) {
      const [r] = await all(db, sql`${CHECK_SELECT} where s.id = ${id}`);
      return r && toCheck(r);
    },
    async listSpotChecks(q) {
      const where = sql`where true
        ${q.callId ? sql`and s.call_id = ${q.callId}` : sql``}
        ${q.provinceId ? sql`and c.province_id = ${q.provinceId}` : sql``}`;
      const order = q.order === 'asc' ? sql`asc` : sql`desc`;
      const [rows, [count]] = await Promise.all([
        all(db, sql`${CHECK_SELECT} ${where} order by s.created_at ${order}, s.id ${order} limit ${q.pageSize} offset ${offset(q)}`),
        all(db, sql`select count(*)::int as n from spot_check s join program_call c on c.id = s.call_id ${where}`),
      ]);
      return { rows: rows.map(toCheck), total: Number(count!.n) };
    },
    async addSpotCheckItem(spotCheckId, applicationId) {
      await sql`insert into spot_check_item (spot_check_id, application_id) values (${spotCheckId}, ${applicationId})`.execute(db);
    },
    async spotCheckItems(spotCheckId) {
      return (await all(db, sql`${ITEM_SELECT} where i.spot_check_id = ${spotCheckId} order by city.name nulls last, o.name, i.id`)).map(toItem);
    },
    async findSpotCheckItem(id) {
      const [r] = await all(db, sql`${ITEM_SELECT} where i.id = ${id}`);
      return r && toItem(r);
    },
    async spotCheckItemsOfApplication(applicationId) {
      return (await all(db, sql`${ITEM_SELECT} where i.application_id = ${applicationId} order by i.id desc`)).map(toItem);
    },
    async updateSpotCheckItem(id, p) {
      const sets: RawBuilder<unknown>[] = [];
      if (p.finding !== undefined) sets.push(sql`finding = ${p.finding}`);
      if (p.notes !== undefined) sets.push(sql`notes = ${p.notes}`);
      if (p.recoveryId !== undefined) sets.push(sql`recovery_id = ${p.recoveryId}`);
      if (p.recordedBy !== undefined) sets.push(sql`recorded_by = ${p.recordedBy}`);
      if (p.recordedAt !== undefined) sets.push(sql`recorded_at = ${p.recordedAt}`);
      if (sets.length === 0) return;
      await sql`update spot_check_item set ${sql.join(sets)} where id = ${id}`.execute(db);
    },

    async insertSanction(s) {
      const [r] = await all(
        db,
        sql`insert into sanction_record (application_id, organization_id, sanction_id, trigger, effects, message, citation, reason, decided_on,
              spot_check_item_id, recovery_id, ban_id, revoked_title_ids, created_by, created_at)
            values (${s.applicationId}, ${s.organizationId}, ${s.sanctionId}, ${s.trigger}, ${s.effects}::text[], ${JSON.stringify(s.message)}::jsonb,
              ${s.citation}, ${s.reason}, ${s.decidedOn}::date, ${s.spotCheckItemId}, ${s.recoveryId}, ${s.banId}, ${s.revokedTitleIds}::bigint[],
              ${s.createdBy}, ${s.now})
            returning id::text as id`,
      );
      return String(r!.id);
    },
    async sanctionsOfApplication(applicationId) {
      const rows = await all(
        db,
        sql`select s.id::text as id, s.application_id::text as application_id, s.organization_id::text as organization_id, s.sanction_id, s.trigger,
                   s.effects, s.message, s.citation, s.reason, to_char(s.decided_on, 'YYYY-MM-DD') as decided_on,
                   s.spot_check_item_id::text as spot_check_item_id, s.recovery_id, s.ban_id::text as ban_id,
                   s.revoked_title_ids::text[] as revoked_title_ids, s.created_by::text as created_by, acc.display_name as created_by_name, s.created_at
              from sanction_record s left join account acc on acc.id = s.created_by
             where s.application_id = ${applicationId} order by s.id desc`,
      );
      return rows.map(toSanction);
    },

    async setSanctionBan(sanctionRecordId, banId) {
      await sql`update sanction_record set ban_id = ${banId} where id = ${sanctionRecordId}`.execute(db);
    },

    async insertBan(b) {
      const [r] = await all(
        db,
        sql`insert into application_ban (organization_id, credit_code, sanction_record_id, application_id, scope, program_code, from_date, until_date, citation, created_at)
            values (${b.organizationId}, (select credit_code from organization where id = ${b.organizationId}), ${b.sanctionRecordId}, ${b.applicationId},
              ${b.scope}, ${b.programCode}, ${b.fromDate}::date, ${b.untilDate}::date, ${b.citation}, ${b.now})
            returning id::text as id`,
      );
      return String(r!.id);
    },
    async listBans(scope, q) {
      const where = sql`where ${scopeWhere(scope)}
        ${q.status === 'active' ? sql`and b.from_date <= ${q.today}::date and b.until_date > ${q.today}::date` : sql``}
        ${q.status === 'expired' ? sql`and b.until_date <= ${q.today}::date` : sql``}
        ${q.q ? sql`and (o.name ilike ${likePattern(q.q)} or b.credit_code ilike ${likePattern(q.q)})` : sql``}`;
      const order = q.order === 'asc' ? sql`asc` : sql`desc`;
      const [rows, [count]] = await Promise.all([
        all(db, sql`${BAN_SELECT} ${where} order by b.until_date ${order}, b.id ${order} limit ${q.pageSize} offset ${offset(q)}`),
        all(db, sql`select count(*)::int as n from application_ban b join organization o on o.id = b.organization_id ${where}`),
      ]);
      return { rows: rows.map(toBan), total: Number(count!.n) };
    },
    async activeBan(organizationId, programCode, today) {
      const [r] = await all(
        db,
        sql`${BAN_SELECT}
            where b.organization_id = ${organizationId} and b.from_date <= ${today}::date and b.until_date > ${today}::date
              and (b.scope = 'all_programs' or b.program_code = ${programCode})
            order by b.until_date desc limit 1`,
      );
      return r && toBan(r);
    },
  };
  return { oversight };
}
