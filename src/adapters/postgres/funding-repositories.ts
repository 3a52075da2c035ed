/**
 * Repositories of funding: invoices (the investment ledger), the fixed subsidy, tranches and their
 * disbursements, recoveries and repayments. SQL only; shapes from src/use-cases/funding/rows.ts.
 * The tables (migration 0006) are queried through `sql` so the shared schema file stays untouched.
 */
import { scopeCondition } from './scope.ts';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Scope } from '../../core/access-policy.ts';
import type { Messages } from '../../core/errors.ts';
import type { FundingRepository, InvoiceRow, OtherInvoiceRow, ProgramLedgerRow, RecoveryRow, SubsidyRow, TrancheListRow, TrancheRow } from '../../use-cases/funding/rows.ts';
import type { Repositories } from '../../use-cases/ports.ts';
import type { Database } from './schema.ts';

type Row = Record<string, unknown>;

const n = (v: unknown): number => Number(v);
const nOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const s = (v: unknown): string => String(v);
const sOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
/** A `date` column as YYYY-MM-DD: the driver may hand it over as a Date at local midnight. */
const isoDate = (v: unknown): string | null => {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
};
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toInvoice = (r: Row): InvoiceRow => ({
  id: s(r.id),
  applicationId: s(r.application_id),
  number: s(r.number),
  issuedOn: isoDate(r.issued_on)!,
  sellerName: s(r.seller_name),
  sellerCreditCode: sOrNull(r.seller_credit_code),
  amountFen: n(r.amount_fen),
  taxFen: n(r.tax_fen),
  category: s(r.category),
  note: sOrNull(r.note),
  createdBy: sOrNull(r.created_by),
  createdAt: r.created_at as Date,
  updatedAt: r.updated_at as Date,
});

const toSubsidy = (r: Row): SubsidyRow => ({
  applicationId: s(r.application_id),
  kind: r.kind as SubsidyRow['kind'],
  eligibleInvestmentFen: nOrNull(r.eligible_investment_fen),
  awardFen: n(r.award_fen),
  capFen: n(r.cap_fen),
  rateBp: nOrNull(r.rate_bp),
  awardForm: (r.award_form ?? null) as SubsidyRow['awardForm'],
  completionDate: isoDate(r.completion_date),
  cityMatchingRatioBp: nOrNull(r.city_matching_ratio_bp),
  cityMatchingFen: nOrNull(r.city_matching_fen),
  explanation: r.explanation,
  fixedBy: sOrNull(r.fixed_by),
  fixedByName: sOrNull(r.fixed_by_name),
  fixedAt: r.fixed_at as Date,
});

const toTranche = (r: Row): TrancheRow => ({
  id: s(r.id),
  applicationId: s(r.application_id),
  trancheCode: s(r.tranche_code),
  position: n(r.position),
  shareBp: n(r.share_bp),
  amountFen: n(r.amount_fen),
  trigger: r.trigger as TrancheRow['trigger'],
  budgetYear: n(r.budget_year),
  citation: s(r.citation),
  status: r.status as TrancheRow['status'],
  paidOn: isoDate(r.paid_on),
  voucherNumber: sOrNull(r.voucher_number),
  approvedBy: sOrNull(r.approved_by),
  approvedByName: sOrNull(r.approved_by_name),
  approvedAt: (r.approved_at ?? null) as Date | null,
});

const trancheSelect = sql`t.*, acc.display_name as approved_by_name`;
const trancheFrom = sql`tranche t left join account acc on acc.id = t.approved_by`;

const scopeWhere = (scope: Scope) => scopeCondition(scope, sql.ref('o.path'), sql.ref('a.organization_id'));

export function makeFundingRepositories(db: Kysely<Database>): Pick<Repositories, 'funding'> {
  const rows = async (q: RawBuilder<unknown>): Promise<Row[]> => (await q.execute(db)).rows as Row[];

  const recoveriesWhere = async (where: RawBuilder<unknown>): Promise<RecoveryRow[]> => {
    const list = await rows(sql`
      select r.*, acc.display_name as created_by_name from recovery r left join account acc on acc.id = r.created_by
      where ${where} order by r.created_at, r.id`);
    if (list.length === 0) return [];
    const ids = list.map((r) => s(r.id));
    const pays = await rows(sql`
      select p.*, acc.display_name as recorded_by_name from recovery_repayment p left join account acc on acc.id = p.recorded_by
      where p.recovery_id = any(${ids}::bigint[]) order by p.recorded_at, p.id`);
    return list.map((r) => {
      const repayments = pays
        .filter((p) => s(p.recovery_id) === s(r.id))
        .map((p) => ({ id: s(p.id), amountFen: n(p.amount_fen), paidOn: isoDate(p.paid_on)!, voucherNumber: s(p.voucher_number), recordedByName: sOrNull(p.recorded_by_name), recordedAt: p.recorded_at as Date }));
      const repaidFen = repayments.reduce((a, p) => a + p.amountFen, 0);
      const amountFen = n(r.amount_fen);
      return {
        id: s(r.id),
        applicationId: s(r.application_id),
        amountFen,
        repaidFen,
        reason: r.reason as Messages,
        citation: sOrNull(r.citation),
        status: repaidFen >= amountFen ? 'repaid' : 'outstanding',
        createdBy: sOrNull(r.created_by),
        createdByName: sOrNull(r.created_by_name),
        createdAt: r.created_at as Date,
        repayments,
      };
    });
  };

  const funding: FundingRepository = {
    async invoices(applicationId) {
      return (await rows(sql`select * from invoice where application_id = ${applicationId} and deleted_at is null order by issued_on, id`)).map(toInvoice);
    },
    async findInvoice(id) {
      const [r] = await rows(sql`select * from invoice where id = ${id} and deleted_at is null`);
      return r ? toInvoice(r) : undefined;
    },
    async insertInvoice(row, now) {
      const [r] = await rows(sql`
        insert into invoice (application_id, number, issued_on, seller_name, seller_credit_code, amount_fen, tax_fen, category, note, created_by, created_at, updated_at)
        values (${row.applicationId}, ${row.number}, ${row.issuedOn}, ${row.sellerName}, ${row.sellerCreditCode}, ${row.amountFen}, ${row.taxFen}, ${row.category}, ${row.note}, ${row.createdBy}, ${now}, ${now})
        returning *`);
      return toInvoice(r!);
    },
    async updateInvoice(id, patch, now) {
      const cols: Record<string, unknown> = {
        number: patch.number,
        issued_on: patch.issuedOn,
        seller_name: patch.sellerName,
        seller_credit_code: patch.sellerCreditCode,
        amount_fen: patch.amountFen,
        tax_fen: patch.taxFen,
        category: patch.category,
        note: patch.note,
      };
      const sets = Object.entries(cols)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => sql`${sql.ref(k)} = ${v}`);
      await sql`update invoice set ${sql.join([...sets, sql`updated_at = ${now}`])} where id = ${id}`.execute(db);
    },
    async deleteInvoice(id, now) {
      await sql`update invoice set deleted_at = ${now}, updated_at = ${now} where id = ${id}`.execute(db);
    },
    async invoicesWithNumbers(numbers, exceptApplicationId) {
      if (numbers.length === 0) return [];
      const list = await rows(sql`
        select i.id, i.application_id, i.number, i.seller_name, i.seller_credit_code, a.project_name, o.name as organization_name, p.code as program_code
        from invoice i join application a on a.id = i.application_id join organization o on o.id = a.organization_id join program p on p.id = a.program_id
        where i.deleted_at is null and i.number = any(${[...numbers]}::text[]) and i.application_id <> ${exceptApplicationId}
        order by i.id`);
      return list.map(
        (r): OtherInvoiceRow => ({
          id: s(r.id),
          applicationId: s(r.application_id),
          projectName: s(r.project_name),
          organizationName: s(r.organization_name),
          programCode: s(r.program_code),
          number: s(r.number),
          sellerName: s(r.seller_name),
          sellerCreditCode: sOrNull(r.seller_credit_code),
        }),
      );
    },
    async lock(applicationId) {
      await sql`select id from application where id = ${applicationId} for update`.execute(db);
    },
    async subsidy(applicationId) {
      const [r] = await rows(sql`select sb.*, acc.display_name as fixed_by_name from subsidy sb left join account acc on acc.id = sb.fixed_by where sb.application_id = ${applicationId}`);
      return r ? toSubsidy(r) : undefined;
    },
    async saveSubsidy(row) {
      const explanation = JSON.stringify(row.explanation);
      await sql`
        insert into subsidy (application_id, kind, eligible_investment_fen, award_fen, cap_fen, rate_bp, award_form, completion_date, city_matching_ratio_bp, city_matching_fen, explanation, fixed_by, fixed_at)
        values (${row.applicationId}, ${row.kind}, ${row.eligibleInvestmentFen}, ${row.awardFen}, ${row.capFen}, ${row.rateBp}, ${row.awardForm}, ${row.completionDate}, ${row.cityMatchingRatioBp}, ${row.cityMatchingFen}, ${explanation}::jsonb, ${row.fixedBy}, ${row.fixedAt})
        on conflict (application_id) do update set kind = excluded.kind, eligible_investment_fen = excluded.eligible_investment_fen, award_fen = excluded.award_fen,
          cap_fen = excluded.cap_fen, rate_bp = excluded.rate_bp, award_form = excluded.award_form, completion_date = excluded.completion_date,
          city_matching_ratio_bp = excluded.city_matching_ratio_bp, city_matching_fen = excluded.city_matching_fen, explanation = excluded.explanation,
          fixed_by = excluded.fixed_by, fixed_at = excluded.fixed_at`.execute(db);
    },
    async tranches(applicationId) {
      return (await rows(sql`select ${trancheSelect} from ${trancheFrom} where t.application_id = ${applicationId} order by t.position`)).map(toTranche);
    },
    async replaceTranches(applicationId, list, now) {
      await sql`delete from tranche where application_id = ${applicationId} and status = 'planned'`.execute(db);
      for (const t of list) {
        await sql`
          insert into tranche (application_id, tranche_code, position, share_bp, amount_fen, trigger, budget_year, citation, status, created_at)
          values (${applicationId}, ${t.trancheCode}, ${t.position}, ${t.shareBp}, ${t.amountFen}, ${t.trigger}, ${t.budgetYear}, ${t.citation}, 'planned', ${now})`.execute(db);
      }
    },
    async findTranche(id) {
      const [r] = await rows(sql`select ${trancheSelect} from ${trancheFrom} where t.id = ${id}`);
      return r ? toTranche(r) : undefined;
    },
    async recordDisbursement(id, patch, now) {
      await sql`update tranche set status = 'disbursed', paid_on = ${patch.paidOn}, voucher_number = ${patch.voucherNumber}, approved_by = ${patch.approvedBy}, approved_at = ${now} where id = ${id}`.execute(db);
    },
    async listTranches(scope, q) {
      const where = sql.join(
        [
          scopeWhere(scope),
          q.status ? sql`t.status = ${q.status}` : sql`true`,
          q.q ? sql`(a.project_name ilike ${likePattern(q.q)} or o.name ilike ${likePattern(q.q)} or t.voucher_number ilike ${likePattern(q.q)})` : sql`true`,
        ],
        sql` and `,
      );
      const from = sql`tranche t left join account acc on acc.id = t.approved_by join application a on a.id = t.application_id
        join organization o on o.id = a.organization_id left join organization city on city.id = o.parent_id join program p on p.id = a.program_id`;
      const sortCol = { budgetYear: sql`t.budget_year`, amountFen: sql`t.amount_fen`, projectName: sql`a.project_name`, paidOn: sql`t.paid_on` }[q.sort];
      const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
      const [count] = await rows(sql`select count(*) as n from ${from} where ${where}`);
      const list = await rows(sql`
        select t.*, acc.display_name as approved_by_name, a.project_name, o.name as organization_name, o.path as organization_path, city.name as city_name, p.code as program_code, a.state as application_state
        from ${from} where ${where} order by ${sortCol} ${dir} nulls last, t.id
        limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`);
      return {
        total: n(count!.n),
        rows: list.map(
          (r): TrancheListRow => ({
            ...toTranche(r),
            projectName: s(r.project_name),
            organizationName: s(r.organization_name),
            organizationPath: (r.organization_path as unknown[]).map(String),
            cityName: sOrNull(r.city_name),
            programCode: s(r.program_code),
            applicationState: s(r.application_state),
          }),
        ),
      };
    },
    async voucherUsed(voucherNumber) {
      const [r] = await rows(sql`
        select (exists (select 1 from tranche where voucher_number = ${voucherNumber}) or exists (select 1 from recovery_repayment where voucher_number = ${voucherNumber})) as used`);
      return Boolean(r?.used);
    },
    async insertRecovery(row, now) {
      const [r] = await rows(sql`
        insert into recovery (application_id, amount_fen, reason, citation, created_by, created_at)
        values (${row.applicationId}, ${row.amountFen}, ${JSON.stringify(row.reason)}::jsonb, ${row.citation}, ${row.createdBy}, ${now}) returning id`);
      return s(r!.id);
    },
    recoveries(applicationId) {
      return recoveriesWhere(sql`r.application_id = ${applicationId}`);
    },
    async findRecovery(id) {
      const [r] = await recoveriesWhere(sql`r.id = ${id}`);
      return r;
    },
    async addRepayment(recoveryId, row, now) {
      await sql`
        insert into recovery_repayment (recovery_id, amount_fen, paid_on, voucher_number, recorded_by, recorded_at)
        values (${recoveryId}, ${row.amountFen}, ${row.paidOn}, ${row.voucherNumber}, ${row.recordedBy}, ${now})`.execute(db);
    },
    async programLedger(scope, programCode) {
      const list = await rows(sql`
        with apps as (
          select a.id, p.code as program_code from application a join organization o on o.id = a.organization_id join program p on p.id = a.program_id
          where ${scopeWhere(scope)} ${programCode ? sql`and p.code = ${programCode}` : sql``}
            and (exists (select 1 from subsidy sb where sb.application_id = a.id) or exists (select 1 from recovery r where r.application_id = a.id))
        )
        select apps.program_code,
          count(*) as projects,
          coalesce(sum((select award_fen from subsidy sb where sb.application_id = apps.id)), 0) as committed_fen,
          coalesce(sum((select sum(amount_fen) from tranche t where t.application_id = apps.id and t.status = 'disbursed')), 0) as disbursed_fen,
          coalesce(sum((select sum(amount_fen) from recovery r where r.application_id = apps.id)), 0) as recoverable_fen,
          coalesce(sum((select sum(p.amount_fen) from recovery_repayment p join recovery r on r.id = p.recovery_id where r.application_id = apps.id)), 0) as recovered_fen
        from apps group by apps.program_code order by apps.program_code`);
      return list.map(
        (r): ProgramLedgerRow => ({
          programCode: s(r.program_code),
          projects: n(r.projects),
          committedFen: n(r.committed_fen),
          disbursedFen: n(r.disbursed_fen),
          recoverableFen: n(r.recoverable_fen),
          recoveredFen: n(r.recovered_fen),
        }),
      );
    },
  };
  return { funding };
}
