/**
 * Repositories of platform operation data: monthly reports (revisions, the latest flagged), their
 * capacity lines, the reporting organizations with their latest month, and API tokens. SQL only;
 * shapes from src/use-cases/operations/ports.ts. bigint columns come back as strings and are read as
 * numbers (they are bounded well inside JavaScript's exact range by the core's checks).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Scope } from '../../core/access-policy.ts';
import type { CapacityLine, ReportFacts } from '../../core/operations/aggregate.ts';
import type { EffectKey, ProductLine } from '../../core/operations/report.ts';
import type { ApiTokenRow, OperationReportRow, OperationRepositories, ReporterRow } from '../../use-cases/operations/ports.ts';
import type { Repositories } from '../../use-cases/ports.ts';
import { scopeCondition } from './scope.ts';
import type { Database } from './schema.ts';

type Raw = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const prefixPattern = (q: string) => `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function all(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<Raw[]> {
  return (await query.execute(db)).rows as Raw[];
}

/** Effect key → column. */
const EFFECT_COLUMNS: Record<EffectKey, string> = {
  operatingCost: 'operating_cost_bp',
  upgradeCycle: 'upgrade_cycle_bp',
  productivity: 'productivity_bp',
  defectRate: 'defect_rate_bp',
  energyEfficiency: 'energy_efficiency_bp',
};

const effectsOf = (r: Raw) => Object.fromEntries(Object.entries(EFFECT_COLUMNS).map(([k, c]) => [k, num(r[c])])) as Record<EffectKey, number | null>;

const REPORT_SELECT = sql`
  select r.id::text as id, r.organization_id::text as organization_id, r.month, r.revision, r.latest, r.industry_code,
         r.connected_devices, r.platform_users, r.industrial_apps, r.cloud_enterprises,
         r.operating_cost_bp, r.upgrade_cycle_bp, r.productivity_bp, r.defect_rate_bp, r.energy_efficiency_bp,
         r.note, r.source, r.token_id::text as token_id, r.submitted_by::text as submitted_by, acc.display_name as submitted_by_name, r.created_at
    from operation_report r left join account acc on acc.id = r.submitted_by`;

const toReport = (r: Raw, lines: ProductLine[]): OperationReportRow => ({
  id: String(r.id),
  organizationId: String(r.organization_id),
  month: String(r.month),
  revision: Number(r.revision),
  latest: Boolean(r.latest),
  industryCode: str(r.industry_code),
  connectedDevices: Number(r.connected_devices),
  platformUsers: Number(r.platform_users),
  industrialApps: Number(r.industrial_apps),
  cloudEnterprises: Number(r.cloud_enterprises),
  effects: effectsOf(r),
  note: str(r.note),
  productLines: lines,
  source: r.source as OperationReportRow['source'],
  tokenId: str(r.token_id),
  submittedBy: str(r.submitted_by),
  submittedByName: str(r.submitted_by_name),
  createdAt: r.created_at as Date,
});

const toToken = (r: Raw): ApiTokenRow => ({
  id: String(r.id),
  organizationId: String(r.organization_id),
  name: String(r.name),
  prefix: String(r.token_prefix),
  createdBy: str(r.created_by),
  createdAt: r.created_at as Date,
  lastUsedAt: (r.last_used_at ?? null) as Date | null,
  revokedAt: (r.revoked_at ?? null) as Date | null,
});

const TOKEN_SELECT = sql`select id::text as id, organization_id::text as organization_id, name, token_prefix, created_by::text as created_by, created_at, last_used_at, revoked_at from operation_api_token`;

const scopeWhere = (scope: Scope) => scopeCondition(scope, sql.ref('o.path'), sql.ref('o.id'));
const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;

export function makeOperationRepositories(db: Kysely<Database>): Pick<Repositories, 'operations'> {
  async function withLines(rows: Raw[]): Promise<OperationReportRow[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => String(r.id));
    const lines = await all(
      db,
      sql`select report_id::text as report_id, product_name, industry_code, unit, monthly_capacity
            from operation_capacity where report_id = any(${ids}::bigint[]) order by report_id, position`,
    );
    const byReport = new Map<string, ProductLine[]>();
    for (const l of lines) {
      const list = byReport.get(String(l.report_id)) ?? [];
      list.push({ productName: String(l.product_name), industryCode: String(l.industry_code), unit: String(l.unit), monthlyCapacity: Number(l.monthly_capacity) });
      byReport.set(String(l.report_id), list);
    }
    return rows.map((r) => toReport(r, byReport.get(String(r.id)) ?? []));
  }

  const operations: OperationRepositories = {
    async firstSelectedOn(organizationId) {
      const [r] = await all(
        db,
        sql`select to_char(min(selected_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d from project where organization_id = ${organizationId} and status <> 'revoked'`,
      );
      return str(r?.d);
    },

    async insertReport(row) {
      const f = row.figures;
      const [prev] = await all(db, sql`select coalesce(max(revision), 0) as n from operation_report where organization_id = ${row.organizationId} and month = ${row.month}`);
      await sql`update operation_report set latest = false where organization_id = ${row.organizationId} and month = ${row.month} and latest`.execute(db);
      const [r] = await all(
        db,
        sql`insert into operation_report (organization_id, month, revision, latest, industry_code, connected_devices, platform_users, industrial_apps, cloud_enterprises,
              operating_cost_bp, upgrade_cycle_bp, productivity_bp, defect_rate_bp, energy_efficiency_bp, note, source, token_id, submitted_by, created_at)
            values (${row.organizationId}, ${row.month}, ${Number(prev!.n) + 1}, true,
              (select data->>'industryCode' from organization_profile where organization_id = ${row.organizationId} order by version desc limit 1),
              ${f.connectedDevices}, ${f.platformUsers}, ${f.industrialApps}, ${f.cloudEnterprises},
              ${f.effects.operatingCost}, ${f.effects.upgradeCycle}, ${f.effects.productivity}, ${f.effects.defectRate}, ${f.effects.energyEfficiency},
              ${f.note}, ${row.source}, ${row.tokenId}, ${row.submittedBy}, ${row.now})
            returning id::text as id`,
      );
      const id = String(r!.id);
      for (const [i, l] of f.productLines.entries()) {
        await sql`insert into operation_capacity (report_id, position, product_name, industry_code, unit, monthly_capacity)
                  values (${id}, ${i + 1}, ${l.productName}, ${l.industryCode}, ${l.unit}, ${l.monthlyCapacity})`.execute(db);
      }
      return id;
    },

    async findReport(id) {
      const [r] = await withLines(await all(db, sql`${REPORT_SELECT} where r.id = ${id}`));
      return r;
    },

    async monthsOf(organizationId, q) {
      const order = q.order === 'asc' ? sql`asc` : sql`desc`;
      const [rows, [count]] = await Promise.all([
        all(
          db,
          sql`select x.*, (select count(*) from operation_report y where y.organization_id = x.organization_id::bigint and y.month = x.month)::int as revisions
                from (${REPORT_SELECT} where r.organization_id = ${organizationId} and r.latest) x
               order by x.month ${order} limit ${q.pageSize} offset ${offset(q)}`,
        ),
        all(db, sql`select count(*)::int as n from operation_report where organization_id = ${organizationId} and latest`),
      ]);
      const reports = await withLines(rows);
      return { rows: reports.map((r, i) => ({ ...r, revisions: Number(rows[i]!.revisions) })), total: Number(count!.n) };
    },

    async revisionsOf(organizationId, month) {
      return withLines(await all(db, sql`${REPORT_SELECT} where r.organization_id = ${organizationId} and r.month = ${month} order by r.revision desc`));
    },

    async latestBefore(organizationId, month) {
      const [r] = await withLines(await all(db, sql`${REPORT_SELECT} where r.organization_id = ${organizationId} and r.latest and r.month < ${month} order by r.month desc limit 1`));
      return r;
    },

    async reportFacts(scope, q) {
      const rows = await all(
        db,
        sql`select r.organization_id::text as organization_id, city.id::text as city_id, city.name as city_name, r.industry_code, r.month,
                   r.connected_devices, r.platform_users, r.industrial_apps, r.cloud_enterprises,
                   r.operating_cost_bp, r.upgrade_cycle_bp, r.productivity_bp, r.defect_rate_bp, r.energy_efficiency_bp
              from operation_report r
              join organization o on o.id = r.organization_id
              left join organization city on city.id = o.parent_id
             where r.latest and r.month <= ${q.upTo} and ${scopeWhere(scope)}
               ${q.provinceId ? sql`and o.path @> array[${q.provinceId}]::bigint[]` : sql``}
               ${q.cityId ? sql`and o.path @> array[${q.cityId}]::bigint[]` : sql``}
               ${q.industry ? sql`and r.industry_code like ${prefixPattern(q.industry)}` : sql``}
             order by r.organization_id, r.month`,
      );
      return rows.map(
        (r): ReportFacts => ({
          organizationId: String(r.organization_id),
          cityId: str(r.city_id),
          cityName: str(r.city_name),
          industryCode: str(r.industry_code),
          month: String(r.month),
          connectedDevices: Number(r.connected_devices),
          platformUsers: Number(r.platform_users),
          industrialApps: Number(r.industrial_apps),
          cloudEnterprises: Number(r.cloud_enterprises),
          effects: effectsOf(r),
        }),
      );
    },

    async capacityLines(scope, q) {
      const rows = await all(
        db,
        sql`with lr as (
              select distinct on (r.organization_id) r.id, r.organization_id, r.month
                from operation_report r join organization o on o.id = r.organization_id
               where r.latest and r.month <= ${q.upTo} and ${scopeWhere(scope)}
                 ${q.provinceId ? sql`and o.path @> array[${q.provinceId}]::bigint[]` : sql``}
               order by r.organization_id, r.month desc)
            select o.id::text as organization_id, o.name as organization_name, city.id::text as city_id, city.name as city_name,
                   city.division_code as city_division_code, lr.month, c.product_name, c.industry_code, c.unit, c.monthly_capacity
              from lr
              join operation_capacity c on c.report_id = lr.id
              join organization o on o.id = lr.organization_id
              left join organization city on city.id = o.parent_id
             order by o.id, c.position`,
      );
      return rows.map(
        (r): CapacityLine => ({
          organizationId: String(r.organization_id),
          organizationName: String(r.organization_name),
          cityId: str(r.city_id),
          cityName: str(r.city_name),
          cityDivisionCode: str(r.city_division_code),
          month: String(r.month),
          productName: String(r.product_name),
          industryCode: String(r.industry_code),
          unit: String(r.unit),
          monthlyCapacity: Number(r.monthly_capacity),
        }),
      );
    },

    async reporters(scope, q) {
      const base = sql`
        with eligible as (
          select organization_id, min(selected_at) as first_selected from project where status <> 'revoked' group by organization_id),
        lr as (
          select distinct on (organization_id) * from operation_report where latest order by organization_id, month desc)
        select o.id::text as organization_id, o.name as organization_name, city.id::text as city_id, city.name as city_name,
               coalesce(lr.industry_code, prof.industry) as industry_code,
               to_char(e.first_selected at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as first_selected_on,
               lr.month as latest_month, lr.connected_devices, lr.platform_users, lr.industrial_apps, lr.cloud_enterprises,
               (to_char(e.first_selected at time zone 'Asia/Shanghai', 'YYYY-MM') <= ${q.lastMonth} and (lr.month is null or lr.month < ${q.lastMonth})) as overdue
          from eligible e
          join organization o on o.id = e.organization_id
          left join organization city on city.id = o.parent_id
          left join lr on lr.organization_id = o.id
          left join lateral (select data->>'industryCode' as industry from organization_profile p where p.organization_id = o.id order by version desc limit 1) prof on true
         where ${scopeWhere(scope)}
           ${q.provinceId ? sql`and o.path @> array[${q.provinceId}]::bigint[]` : sql``}
           ${q.cityId ? sql`and o.path @> array[${q.cityId}]::bigint[]` : sql``}
           ${q.q ? sql`and o.name ilike ${likePattern(q.q)}` : sql``}`;
      const filtered = sql`select * from (${base}) x where true
           ${q.industry ? sql`and x.industry_code like ${prefixPattern(q.industry)}` : sql``}
           ${q.overdueOnly ? sql`and x.overdue` : sql``}`;
      const dir = q.order === 'desc' ? sql`desc` : sql`asc`;
      const sortColumn = {
        organizationName: sql`x.organization_name`,
        cityName: sql`x.city_name`,
        latestMonth: sql`x.latest_month`,
        connectedDevices: sql`x.connected_devices`,
      }[q.sort ?? 'organizationName'];
      const [rows, [count]] = await Promise.all([
        all(db, sql`${filtered} order by ${sortColumn} ${dir} nulls first, x.organization_name, x.organization_id limit ${q.pageSize} offset ${offset(q)}`),
        all(db, sql`select count(*)::int as n from (${filtered}) y`),
      ]);
      return {
        rows: rows.map(
          (r): ReporterRow => ({
            organizationId: String(r.organization_id),
            organizationName: String(r.organization_name),
            cityId: str(r.city_id),
            cityName: str(r.city_name),
            industryCode: str(r.industry_code),
            firstSelectedOn: String(r.first_selected_on),
            latestMonth: str(r.latest_month),
            connectedDevices: num(r.connected_devices),
            platformUsers: num(r.platform_users),
            industrialApps: num(r.industrial_apps),
            cloudEnterprises: num(r.cloud_enterprises),
            overdue: Boolean(r.overdue),
          }),
        ),
        total: Number(count!.n),
      };
    },

    async insertToken(t) {
      const [r] = await all(
        db,
        sql`insert into operation_api_token (organization_id, name, token_hash, token_prefix, created_by, created_at)
            values (${t.organizationId}, ${t.name}, ${t.hash}, ${t.prefix}, ${t.createdBy}, ${t.now}) returning id::text as id`,
      );
      return String(r!.id);
    },
    async tokens(organizationId) {
      return (await all(db, sql`${TOKEN_SELECT} where organization_id = ${organizationId} order by revoked_at is not null, created_at desc, id desc`)).map(toToken);
    },
    async findToken(id) {
      const [r] = await all(db, sql`${TOKEN_SELECT} where id = ${id}`);
      return r && toToken(r);
    },
    async findTokenByHash(hash) {
      const [r] = await all(db, sql`${TOKEN_SELECT} where token_hash = ${hash}`);
      return r && toToken(r);
    },
    async touchToken(id, now) {
      await sql`update operation_api_token set last_used_at = ${now} where id = ${id}`.execute(db);
    },
    async revokeToken(id, by, now) {
      await sql`update operation_api_token set revoked_at = ${now}, revoked_by = ${by} where id = ${id} and revoked_at is null`.execute(db);
    },
  };
  return { operations };
}
