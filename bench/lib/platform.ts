/**
 * The platform in-process on the bench's database, for preparing what the benchmarks need before the
 * server runs: migrations, the reference organizations, the program files (as src/main/load-programs.ts
 * loads them), one open call per program (as the server's demo seeding makes them), and accounts
 * created the way test/support/platform.ts creates them.
 */
import { sql } from 'kysely';
import type { DatabaseHandle } from '../../src/adapters/postgres/database.ts';
import { migrateToLatest } from '../../src/adapters/postgres/migrate.ts';
import { programFilesToLoad } from '../../src/adapters/programs/files.ts';
import type { Role } from '../../src/core/roles.ts';
import { makeDeps, systemClock } from '../../src/main/compose.ts';
import { seedDemoCalls } from '../../src/use-cases/applicants/demo.ts';
import type { Deps, RequestContext } from '../../src/use-cases/ports.ts';
import { syncProgramFiles } from '../../src/use-cases/programs/programs.ts';
import { seedReferenceOrganizations } from '../../src/use-cases/seed.ts';

export const PASSWORD = 'Bench-Correct-Horse-9';

/** A county-level division of each Hebei city, so a profile's address keeps the enterprise in its city. */
export const HEBEI_DIVISIONS: { city: string; division: string; cityName: string }[] = [
  { city: '130100', division: '130102', cityName: '石家庄' },
  { city: '130200', division: '130202', cityName: '唐山' },
  { city: '130300', division: '130302', cityName: '秦皇岛' },
  { city: '130400', division: '130402', cityName: '邯郸' },
  { city: '130500', division: '130502', cityName: '邢台' },
  { city: '130600', division: '130602', cityName: '保定' },
  { city: '130700', division: '130702', cityName: '张家口' },
  { city: '130800', division: '130802', cityName: '承德' },
  { city: '130900', division: '130902', cityName: '沧州' },
  { city: '131000', division: '131002', cityName: '廊坊' },
  { city: '131100', division: '131102', cityName: '衡水' },
];

export interface Prepared {
  deps: Deps;
  passwordHash: string;
  /** The open call of a program (seeded at preparation). */
  openCall(programCode: string): Promise<{ id: string; programId: string; programVersion: number }>;
}

/** Migrates, seeds the organizations, loads the programs and publishes one open call per program. */
export async function prepare(handle: DatabaseHandle, dataDir: string): Promise<Prepared> {
  await migrateToLatest(handle.db);
  const deps = makeDeps(handle, { STAFF_PASSWORD_MAX_AGE_DAYS: 90, APPLICANT_PASSWORD_MAX_AGE_DAYS: 0, PUBLIC_URL: 'http://localhost:3000', dataDir }, systemClock);
  await seedReferenceOrganizations(deps);
  const { definitions, samples } = programFilesToLoad();
  await syncProgramFiles(deps, definitions, samples);
  await seedDemoCalls(deps);
  const passwordHash = await deps.passwords.hash(PASSWORD);
  return {
    deps,
    passwordHash,
    async openCall(programCode) {
      const r = await sql<{ id: string; program_id: string; program_version: number }>`
        select c.id, c.program_id, c.program_version from program_call c join program p on p.id = c.program_id
        where p.code = ${programCode} and c.status = 'published' and c.deadline_at > now() order by c.id limit 1`.execute(handle.db);
      const row = r.rows[0];
      if (!row) throw new Error(`no open call of ${programCode}`);
      return { id: String(row.id), programId: String(row.program_id), programVersion: row.program_version };
    },
  };
}

export interface Enterprise {
  organizationId: string;
  name: string;
  division: string;
  /** The applicant's sign-in, when an account was made. */
  email: string | null;
}

const TRADE_NAMES = ['恒瑞', '华信', '金泰', '宏达', '中科', '天成', '鼎盛', '瑞丰', '博远', '汇通', '精诚', '海川', '北辰', '联创', '智达', '卓越', '凯盛', '隆基', '安泰', '晨光'];
const TRADES = ['智能装备', '精密机械', '新材料', '电子科技', '汽车零部件', '电气', '钢铁', '化工'];

/**
 * `count` enterprises under the Hebei cities (round robin), each named after its city, with an applicant
 * account (password PASSWORD) when `accounts` is set. `tag` keeps names and e-mails of separate batches apart.
 */
export async function createEnterprises(p: Prepared, count: number, opts: { accounts: boolean; tag: string }): Promise<Enterprise[]> {
  const { deps } = p;
  const cities = new Map<string, string>();
  for (const d of HEBEI_DIVISIONS) {
    const o = await deps.uow.read((r) => r.organizations.findByCode(d.city));
    if (!o) throw new Error(`no city ${d.city}`);
    cities.set(d.city, o.id);
  }
  const out: Enterprise[] = [];
  for (let start = 0; start < count; start += 100) {
    const batch = await deps.uow.transaction(async (r) => {
      const made: Enterprise[] = [];
      for (let i = start; i < Math.min(count, start + 100); i++) {
        const d = HEBEI_DIVISIONS[i % HEBEI_DIVISIONS.length]!;
        const name = `${d.cityName}${TRADE_NAMES[i % TRADE_NAMES.length]}${TRADES[Math.floor(i / TRADE_NAMES.length) % TRADES.length]}${opts.tag}${i + 1}号有限公司`;
        const org = await r.organizations.insert({
          parentId: cities.get(d.city)!,
          code: `BENCH-${opts.tag}-${i + 1}`,
          kind: 'enterprise',
          name,
          nameEn: null,
          divisionCode: null,
          coveredDivisionCodes: [],
          creditCode: null,
          contactName: null,
          contactPhone: null,
          address: null,
          note: null,
        });
        let email: string | null = null;
        if (opts.accounts) {
          email = `applicant.${opts.tag.toLowerCase()}.${i + 1}@bench.example`;
          await r.accounts.insert({
            email,
            displayName: `申报人${i + 1}`,
            phone: null,
            role: 'applicant',
            organizationId: org.id,
            passwordHash: p.passwordHash,
            passwordChangedAt: deps.clock.now(),
            mustChangePassword: false,
          });
        }
        made.push({ organizationId: org.id, name, division: d.division, email });
      }
      return made;
    });
    out.push(...batch);
  }
  return out;
}

export interface StaffAccount {
  email: string;
  totpSecret: string;
  ctx: RequestContext;
}

/** A staff account of the organization with an enrolled authenticator, and its request context for in-process calls. */
export async function createStaff(p: Prepared, role: Role, organizationCode: string): Promise<StaffAccount> {
  const { deps } = p;
  const org = await deps.uow.read((r) => r.organizations.findByCode(organizationCode));
  if (!org) throw new Error(`no organization ${organizationCode}`);
  const totpSecret = deps.totp.generateSecret();
  const email = `${role}.${organizationCode}@bench.example`;
  const account = await deps.uow.transaction(async (r) => {
    const a = await r.accounts.insert({
      email,
      displayName: `${role} ${organizationCode}`,
      phone: null,
      role,
      organizationId: org.id,
      passwordHash: p.passwordHash,
      passwordChangedAt: deps.clock.now(),
      mustChangePassword: false,
    });
    return r.accounts.update(a.id, { totpSecret }, deps.clock.now());
  });
  return {
    email,
    totpSecret,
    ctx: {
      actor: { accountId: account.id, name: account.displayName, role, organizationId: org.id, organizationPath: org.path },
      sessionId: null,
      ip: '127.0.0.1',
      userAgent: 'platform-bench (in-process)',
      requestId: null,
    },
  };
}
