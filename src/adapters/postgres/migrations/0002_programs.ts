import { sql, type Kysely } from 'kysely';

/** Program definitions and their versions; a published version is frozen by the database. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table program (
      id bigserial primary key,
      code text not null unique,
      province_code text not null,
      created_at timestamptz not null default now()
    )`.execute(db);
  await sql`
    create table program_version (
      id bigserial primary key,
      program_id bigint not null references program(id),
      version int not null,
      status text not null check (status in ('draft', 'published')),
      definition jsonb not null,
      based_on_version int,
      created_by bigint references account(id),
      published_by bigint references account(id),
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (program_id, version)
    )`.execute(db);
  // A published version never changes and is never deleted (applications stay pinned to it).
  await sql`
    create function program_version_frozen() returns trigger language plpgsql as $$
    begin
      if old.status = 'published' then
        raise exception '已发布的计划版本不能修改 / a published program version cannot change (% v%)', old.program_id, old.version
          using errcode = 'insufficient_privilege';
      end if;
      if tg_op = 'DELETE' then return old; end if;
      return new;
    end $$`.execute(db);
  await sql`create trigger program_version_frozen before update or delete on program_version for each row execute function program_version_frozen()`.execute(db);
  await sql`
    create table program_sample (
      id bigserial primary key,
      program_id bigint not null references program(id),
      name text not null,
      input jsonb not null,
      created_at timestamptz not null default now(),
      unique (program_id, name)
    )`.execute(db);
}
