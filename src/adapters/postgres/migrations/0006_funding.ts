import { sql, type Kysely } from 'kysely';

/**
 * Funding: the investment ledger (invoices), the fixed subsidy with its computation, its tranches
 * and their disbursements, and recoveries (receivables) with their repayments. Money is bigint fen.
 * Rows reference application(id), the project's key, so this migration does not depend on 0005.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table invoice (
      id bigserial primary key,
      application_id bigint not null references application(id),
      number text not null,
      issued_on date not null,
      seller_name text not null,
      seller_credit_code text,
      amount_fen bigint not null check (amount_fen >= 0),
      tax_fen bigint not null default 0 check (tax_fen >= 0),
      category text not null,
      note text,
      created_by bigint references account(id),
      created_at timestamptz not null,
      updated_at timestamptz not null,
      deleted_at timestamptz
    )`.execute(db);
  await sql`create index invoice_application on invoice(application_id) where deleted_at is null`.execute(db);
  // The duplicate check looks invoices up by number across projects and programs.
  await sql`create index invoice_number on invoice(number) where deleted_at is null`.execute(db);

  // The award as fixed by the province, with the computation shown (formula, inputs, citation).
  await sql`
    create table subsidy (
      application_id bigint primary key references application(id),
      kind text not null check (kind in ('formula', 'officer_entered')),
      eligible_investment_fen bigint,
      award_fen bigint not null check (award_fen >= 0),
      cap_fen bigint not null,
      rate_bp int,
      award_form text check (award_form in ('interest_subsidy', 'reward', 'equity')),
      completion_date date,
      city_matching_ratio_bp int,
      city_matching_fen bigint,
      explanation jsonb not null,
      fixed_by bigint references account(id),
      fixed_at timestamptz not null
    )`.execute(db);

  await sql`
    create table tranche (
      id bigserial primary key,
      application_id bigint not null references application(id),
      tranche_code text not null,
      position int not null,
      share_bp int not null,
      amount_fen bigint not null check (amount_fen >= 0),
      trigger text not null check (trigger in ('selection', 'agreement', 'acceptance', 'officer_decision')),
      budget_year int not null,
      citation text not null,
      status text not null check (status in ('planned', 'disbursed')),
      paid_on date,
      voucher_number text,
      approved_by bigint references account(id),
      approved_at timestamptz,
      created_at timestamptz not null,
      unique (application_id, tranche_code)
    )`.execute(db);
  await sql`create index tranche_status on tranche(status, budget_year)`.execute(db);
  await sql`create unique index tranche_voucher on tranche(voucher_number) where voucher_number is not null`.execute(db);

  await sql`
    create table recovery (
      id bigserial primary key,
      application_id bigint not null references application(id),
      amount_fen bigint not null check (amount_fen > 0),
      reason jsonb not null,
      citation text,
      created_by bigint references account(id),
      created_at timestamptz not null
    )`.execute(db);
  await sql`create index recovery_application on recovery(application_id)`.execute(db);
  await sql`
    create table recovery_repayment (
      id bigserial primary key,
      recovery_id bigint not null references recovery(id),
      amount_fen bigint not null check (amount_fen > 0),
      paid_on date not null,
      voucher_number text not null unique,
      recorded_by bigint references account(id),
      recorded_at timestamptz not null
    )`.execute(db);
}
