/**
 * Repositories of the public portal: published calls and published final lists. SQL only; shapes
 * from src/use-cases/public/ports.ts. Each query carries its own publication condition (a call's
 * status 'published'; a notice's status 'final' with its publication instant), so nothing
 * unpublished can be read through this module even by a caller that forgets to check.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Bilingual, PortalRepositories, PublicCallQuery, PublicCallRow, PublicFinalListRow } from '../../use-cases/public/ports.ts';
import type { Database } from './schema.ts';

type Raw = Record<string, unknown>;

async function all(db: Kysely<Database>, query: RawBuilder<unknown>): Promise<Raw[]> {
  return (await query.execute(db)).rows as Raw[];
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const offset = (q: { page: number; pageSize: number }) => (q.page - 1) * q.pageSize;
const bilingual = (v: unknown, fallback = ''): Bilingual => {
  const m = (v ?? {}) as Partial<Bilingual>;
  return { 'zh-CN': m['zh-CN'] ?? fallback, en: m.en ?? m['zh-CN'] ?? fallback };
};

const CALL_FROM = sql`
    from program_call c
    join program p on p.id = c.program_id
    join program_version v on v.program_id = c.program_id and v.version = c.program_version
    join organization prov on prov.id = c.province_id
   where c.status = 'published'`;

const CALL_COLUMNS = sql`c.id::text as id, c.title, c.document_number, c.materials, c.opens_at, c.deadline_at, c.published_at,
         p.code as program_code, c.program_version, v.definition->'name' as program_name, v.definition->>'issuer' as issuer,
         coalesce(prov.division_code, prov.code) as province_code, prov.name as province_name, prov.name_en as province_name_en`;

const toCall = (r: Raw, definition: unknown = null): PublicCallRow => ({
  id: String(r.id),
  title: String(r.title),
  documentNumber: r.document_number === null ? null : String(r.document_number),
  materials: String(r.materials ?? ''),
  opensAt: r.opens_at as Date,
  deadlineAt: r.deadline_at as Date,
  publishedAt: (r.published_at as Date | null) ?? null,
  programCode: String(r.program_code),
  programVersion: Number(r.program_version),
  definition,
  programName: bilingual(r.program_name),
  issuer: String(r.issuer ?? ''),
  provinceCode: String(r.province_code),
  provinceName: { 'zh-CN': String(r.province_name), en: String(r.province_name_en ?? r.province_name) },
});

const STATUS: Record<NonNullable<PublicCallQuery['status']>, (now: Date) => RawBuilder<unknown>> = {
  open: (now) => sql`and c.opens_at <= ${now} and c.deadline_at > ${now}`,
  upcoming: (now) => sql`and c.opens_at > ${now}`,
  closed: (now) => sql`and c.deadline_at <= ${now}`,
};

function callOrder(q: PublicCallQuery): RawBuilder<unknown> {
  const dir = q.order === 'desc' ? sql`desc` : sql`asc`;
  const now = q.now;
  switch (q.sort) {
    case 'status':
      // Open calls first, the one closing soonest on top; then those opening soonest; then the closed, latest first.
      return sql`order by case when c.opens_at > ${now} then 1 when c.deadline_at > ${now} then 0 else 2 end,
        case when c.opens_at <= ${now} and c.deadline_at > ${now} then c.deadline_at end asc nulls last,
        case when c.opens_at > ${now} then c.opens_at end asc nulls last,
        c.deadline_at desc, c.id desc`;
    case 'deadlineAt':
      return sql`order by c.deadline_at ${dir}, c.id ${dir}`;
    case 'opensAt':
      return sql`order by c.opens_at ${dir}, c.id ${dir}`;
    case 'publishedAt':
      return sql`order by c.published_at ${dir} nulls last, c.id ${dir}`;
    case 'title':
      return sql`order by c.title ${dir}, c.id ${dir}`;
  }
}

const LIST_FROM = sql`
    from public_notice n
    join program_call c on c.id = n.call_id
    join program p on p.id = c.program_id
    join program_version v on v.program_id = c.program_id and v.version = c.program_version
    join organization prov on prov.id = c.province_id
   where n.status = 'final' and n.final_published_at is not null and n.final_document_number is not null and c.status = 'published'`;

const LIST_COLUMNS = sql`n.id::text as id, c.id::text as call_id, c.title as call_title, n.title as notice_title, p.code as program_code,
         v.definition->'name' as program_name, v.definition->>'issuer' as issuer,
         coalesce(prov.division_code, prov.code) as province_code, prov.name as province_name, prov.name_en as province_name_en,
         n.final_document_number, n.final_published_at,
         (select count(*)::int from notice_item i where i.notice_id = n.id and not i.removed) as item_count`;

const toList = (r: Raw): PublicFinalListRow => ({
  id: String(r.id),
  callId: String(r.call_id),
  callTitle: String(r.call_title),
  noticeTitle: String(r.notice_title),
  programCode: String(r.program_code),
  programName: bilingual(r.program_name),
  issuer: String(r.issuer ?? ''),
  provinceCode: String(r.province_code),
  provinceName: { 'zh-CN': String(r.province_name), en: String(r.province_name_en ?? r.province_name) },
  documentNumber: String(r.final_document_number),
  publishedAt: r.final_published_at as Date,
  itemCount: Number(r.item_count),
});

export function makePortalRepositories(db: Kysely<Database>): PortalRepositories {
  return {
    async calls(q) {
      const where = sql`
        ${q.provinceCode ? sql`and coalesce(prov.division_code, prov.code) = ${q.provinceCode}` : sql``}
        ${q.programCode ? sql`and p.code = ${q.programCode}` : sql``}
        ${q.status ? STATUS[q.status](q.now) : sql``}
        ${q.q ? sql`and (c.title ilike ${likePattern(q.q)} or c.document_number ilike ${likePattern(q.q)} or v.definition->'name'->>'zh-CN' ilike ${likePattern(q.q)})` : sql``}`;
      const [rows, [count]] = await Promise.all([
        all(db, sql`select ${CALL_COLUMNS} ${CALL_FROM} ${where} ${callOrder(q)} limit ${q.pageSize} offset ${offset(q)}`),
        all(db, sql`select count(*)::int as n ${CALL_FROM} ${where}`),
      ]);
      return { rows: rows.map((r) => toCall(r)), total: Number(count!.n) };
    },

    async findCall(id) {
      const [r] = await all(db, sql`select ${CALL_COLUMNS}, v.definition ${CALL_FROM} and c.id = ${id}`);
      return r && toCall(r, r.definition);
    },

    async finalLists(q) {
      const where = sql`
        ${q.provinceCode ? sql`and coalesce(prov.division_code, prov.code) = ${q.provinceCode}` : sql``}
        ${q.programCode ? sql`and p.code = ${q.programCode}` : sql``}
        ${
          q.q
            ? sql`and (n.final_document_number ilike ${likePattern(q.q)} or c.title ilike ${likePattern(q.q)}
                   or exists (select 1 from notice_item i where i.notice_id = n.id and not i.removed
                              and (i.public_fields->>'organizationName' ilike ${likePattern(q.q)} or i.public_fields->>'projectName' ilike ${likePattern(q.q)})))`
            : sql``
        }`;
      const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
      const [rows, [count]] = await Promise.all([
        all(db, sql`select ${LIST_COLUMNS} ${LIST_FROM} ${where} order by n.final_published_at ${dir}, n.id ${dir} limit ${q.pageSize} offset ${offset(q)}`),
        all(db, sql`select count(*)::int as n ${LIST_FROM} ${where}`),
      ]);
      return { rows: rows.map(toList), total: Number(count!.n) };
    },

    async findFinalList(id) {
      const [r] = await all(db, sql`select ${LIST_COLUMNS} ${LIST_FROM} and n.id = ${id}`);
      return r && toList(r);
    },

    async finalListItems(noticeId) {
      const rows = await all(db, sql`select position, public_fields from notice_item where notice_id = ${noticeId} and not removed order by position, application_id`);
      return rows.map((r) => ({ position: Number(r.position), publicFields: (r.public_fields ?? {}) as Record<string, string> }));
    },

    async options() {
      const [provinces, programs] = await Promise.all([
        all(db, sql`select distinct coalesce(prov.division_code, prov.code) as code, prov.name, prov.name_en ${CALL_FROM} order by 1`),
        all(db, sql`select p.code, (array_agg(v.definition->'name' order by c.program_version desc))[1] as name ${CALL_FROM} group by p.code order by p.code`),
      ]);
      return {
        provinces: provinces.map((r) => ({ code: String(r.code), name: { 'zh-CN': String(r.name), en: String(r.name_en ?? r.name) } })),
        programs: programs.map((r) => ({ code: String(r.code), name: bilingual(r.name, String(r.code)) })),
      };
    },
  };
}
