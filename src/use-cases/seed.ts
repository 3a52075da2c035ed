/**
 * Start-up data: the reference organization tree (idempotent, by code) and one demo account per
 * role. Runs as the system, with audit records like any other change.
 */
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../core/credit-code.ts';
import { PLATFORM, type ReferenceOrganization } from '../core/reference/organizations.ts';
import type { Role } from '../core/roles.ts';
import { initialPassword } from './accounts/accounts.ts';
import type { Deps, Repositories, RequestContext } from './ports.ts';
import { auditableAccount, recordAudit } from './support.ts';

const SYSTEM: RequestContext = { actor: null, sessionId: null, ip: null, userAgent: 'system', requestId: null };

/** Creates every reference organization that is missing; returns how many were created. */
export async function seedReferenceOrganizations(deps: Deps): Promise<number> {
  return deps.uow.transaction(async (repos) => {
    let created = 0;
    async function visit(node: ReferenceOrganization, parentId: string | null) {
      let row = await repos.organizations.findByCode(node.code);
      if (!row) {
        row = await repos.organizations.insert({
          parentId,
          code: node.code,
          kind: node.kind,
          name: node.name,
          nameEn: node.nameEn,
          divisionCode: node.divisionCode ?? null,
          coveredDivisionCodes: node.coveredDivisionCodes ?? [],
          creditCode: null,
          contactName: null,
          contactPhone: null,
          address: null,
          note: node.note ?? null,
        });
        await recordAudit(repos, SYSTEM, deps.clock, { action: 'organization.seeded', entityType: 'organization', entityId: row.id, organizationId: row.id, after: { code: node.code, name: node.name } });
        created += 1;
      }
      for (const child of node.children ?? []) await visit(child, row.id);
    }
    await visit(PLATFORM, null);
    return created;
  });
}

/** A valid credit code for the demo enterprise (body and both check characters computed). */
export function demoCreditCode(serial: number): string {
  const body = `MA0DM${String(serial).padStart(3, '0')}`;
  const first17 = `91130100${body}${organizationCodeCheckCharacter(body)}`;
  return first17 + usccCheckCharacter(first17);
}

export interface DemoCredential {
  role: Role;
  email: string;
  password: string;
  organization: string;
}

const DEMO: { role: Role; email: string; name: string; organizationCode: string }[] = [
  { role: 'applicant', email: 'applicant@demo.example', name: '张明（申报单位）', organizationCode: 'DEMO-ENTERPRISE' },
  { role: 'city_officer', email: 'city@demo.example', name: '李华（石家庄市工信局）', organizationCode: '130100' },
  { role: 'province_officer', email: 'province@demo.example', name: '王强（省工信厅）', organizationCode: '130000-miit' },
  { role: 'task_force_reviewer', email: 'taskforce@demo.example', name: '赵磊（新一代信息技术产业专班）', organizationCode: '370000-tf-ngit' },
  { role: 'expert', email: 'expert@demo.example', name: '陈静（评审专家）', organizationCode: '130000-experts' },
  { role: 'finance_officer', email: 'finance@demo.example', name: '刘洋（省财政厅）', organizationCode: '130000-finance' },
  { role: 'auditor', email: 'auditor@demo.example', name: '孙悦（省审计厅）', organizationCode: '130000-audit' },
  { role: 'administrator', email: 'admin@demo.example', name: '周平（系统管理员）', organizationCode: 'PLATFORM' },
];

async function demoEnterprise(repos: Repositories, deps: Deps) {
  const existing = await repos.organizations.findByCode('DEMO-ENTERPRISE');
  if (existing) return existing;
  const city = (await repos.organizations.findByCode('130100'))!;
  const org = await repos.organizations.insert({
    parentId: city.id,
    code: 'DEMO-ENTERPRISE',
    kind: 'enterprise',
    name: '石家庄示范智能装备有限公司',
    nameEn: 'Shijiazhuang Demo Intelligent Equipment Co., Ltd.',
    divisionCode: '130102',
    coveredDivisionCodes: [],
    creditCode: demoCreditCode(1),
    contactName: '张明',
    contactPhone: '13800000000',
    address: '河北省石家庄市长安区示范路1号',
    note: '演示数据',
  });
  await recordAudit(repos, SYSTEM, deps.clock, { action: 'organization.seeded', entityType: 'organization', entityId: org.id, organizationId: org.id, after: { code: org.code, name: org.name } });
  return org;
}

/**
 * One demo account per role, each with a fresh random password returned here (the caller prints
 * them once). An existing demo account gets a new password and is unlocked.
 */
export async function seedDemoAccounts(deps: Deps): Promise<DemoCredential[]> {
  await seedReferenceOrganizations(deps);
  const prepared = await Promise.all(
    DEMO.map(async (d) => {
      const password = initialPassword(deps.tokens.random);
      return { ...d, password, hash: await deps.passwords.hash(password) };
    }),
  );
  return deps.uow.transaction(async (repos) => {
    await demoEnterprise(repos, deps);
    const now = deps.clock.now();
    const out: DemoCredential[] = [];
    for (const d of prepared) {
      const organization = (await repos.organizations.findByCode(d.organizationCode))!;
      const existing = await repos.accounts.findByEmail(d.email);
      if (existing) {
        const after = await repos.accounts.update(existing.id, { passwordHash: d.hash, passwordChangedAt: now, mustChangePassword: false, lockedUntil: null, failedLogins: 0, status: 'active' }, now);
        await repos.sessions.deleteForAccount(existing.id);
        await recordAudit(repos, SYSTEM, deps.clock, { action: 'account.demo_reset', entityType: 'account', entityId: existing.id, organizationId: organization.id, after: auditableAccount(after) });
      } else {
        const account = await repos.accounts.insert({
          email: d.email,
          displayName: d.name,
          phone: null,
          role: d.role,
          organizationId: organization.id,
          passwordHash: d.hash,
          passwordChangedAt: now,
          mustChangePassword: false,
        });
        await recordAudit(repos, SYSTEM, deps.clock, { action: 'account.created', entityType: 'account', entityId: account.id, organizationId: organization.id, after: auditableAccount(account) });
      }
      out.push({ role: d.role, email: d.email, password: d.password, organization: organization.name });
    }
    return out;
  });
}

/** True when the database has no accounts yet (a fresh data folder). */
export async function isEmpty(deps: Deps): Promise<boolean> {
  const page = await deps.uow.read((repos) => repos.accounts.list({ kind: 'all' }, { page: 1, pageSize: 1, order: 'asc', sort: 'createdAt' }));
  return page.total === 0;
}
