/**
 * Demo data for the applicant's side: an open call for every application program whose province is
 * on the platform (opening today, closing in 30 days at 17:00, Beijing time), and a complete profile
 * for the demo enterprise, so a newcomer can apply at once. Idempotent.
 */
import type { ProfileInput } from '../../../contracts/applicants.ts';
import { formatShanghai } from './applications.ts';
import { shanghaiInstant } from './calls.ts';
import type { Deps, RequestContext } from '../ports.ts';
import { shanghaiToday } from '../programs/programs.ts';
import { recordAudit } from '../support.ts';
import { publishedDefinition } from './common.ts';

const SYSTEM: RequestContext = { actor: null, sessionId: null, ip: null, userAgent: 'seed', requestId: null };

export const DEMO_PROFILE: ProfileInput = {
  name: '石家庄示范智能装备有限公司',
  divisionCode: '130102',
  address: '河北省石家庄市长安区示范路1号',
  legalForm: 'enterprise',
  independentLegalPerson: true,
  independentAccounting: true,
  localStatisticsAndTax: true,
  legalRepresentative: '张建国',
  contacts: [{ name: '张明', position: '信息化部部长', mobile: '13800000000', email: 'applicant@demo.example' }],
  industryCode: 'C3421',
  employees: 320,
  integrationLevel: 3,
  itTeamSize: 15,
  credentials: [{ code: 'integration_management_certified', obtainedOn: '2024-06-18', note: '两化融合管理体系评定证书', evidenceIds: [] }],
  financialYear: 2025,
  annualSalesFen: 48_600_000_000,
  annualProfitFen: 3_250_000_000,
  declarations: { badRecords: false, safetyAccident: false, lastMajorAccidentDate: '', underInvestigation: false, goodCredit: true, soundFinances: true },
};

export async function seedDemoCalls(deps: Deps): Promise<number> {
  return deps.uow.transaction(async (repos) => {
    const now = deps.clock.now();
    const today = shanghaiToday(now);
    const deadline = shanghaiToday(new Date(now.getTime() + 30 * 86_400_000));
    let created = 0;
    for (const v of await repos.programs.listVersions()) {
      if (v.status !== 'published') continue;
      const definition = publishedDefinition(v.code, v.version, v.definition);
      if (definition.kind !== 'application_program') continue;
      const province = await repos.organizations.findByCode(v.provinceCode);
      if (!province) continue;
      const existing = await repos.calls.list({ page: 1, pageSize: 1, order: 'asc', sort: 'deadlineAt', provinceId: province.id, publishedOnly: false, programCode: v.code, now });
      if (existing.total > 0) continue;
      const deadlineAt = shanghaiInstant(deadline, '17:00');
      const materials = [
        `请于 ${formatShanghai(deadlineAt)} 前在平台完成网上申报，并按要求上传以下材料：`,
        ...definition.forms.filter((f) => f.filledBy === 'applicant').flatMap((f) => f.attachments.map((a) => `· ${a.name['zh-CN']}${a.required ? '（必须）' : ''}`)),
        '逾期不予受理。',
      ].join('\n');
      const id = await repos.calls.insert({
        programId: v.programId,
        programVersion: v.version,
        provinceId: province.id,
        title: `关于组织申报${today.slice(0, 4)}年度${definition.name['zh-CN']}的通知`,
        documentNumber: null,
        materials,
        opensAt: shanghaiInstant(today, '00:00'),
        deadlineAt,
        status: 'draft',
        createdBy: null,
        now,
      });
      await repos.calls.publish(id, null, now);
      await recordAudit(repos, SYSTEM, deps.clock, { action: 'call.seeded', entityType: 'call', entityId: id, organizationId: province.id, after: { program: `${v.code}@${v.version}`, deadlineAt: deadlineAt.toISOString() } });
      created++;
    }
    const demo = await repos.organizations.findByCode('DEMO-ENTERPRISE');
    if (demo && !(await repos.profiles.latest(demo.id))) {
      await repos.profiles.insert({ organizationId: demo.id, version: 1, data: DEMO_PROFILE, createdBy: null, createdAt: now });
      await recordAudit(repos, SYSTEM, deps.clock, { action: 'profile.seeded', entityType: 'organization', entityId: demo.id, organizationId: demo.id, after: { version: 1 } });
    }
    return created;
  });
}
