/**
 * The enterprise profile: versioned, so every submitted application keeps the profile as it was
 * when it was submitted. The registered address's division code decides the recommending unit.
 */
import type { ProfileInput } from '../../../contracts/applicants.ts';
import { DomainError, fieldError, type FieldError } from '../../core/errors.ts';
import { recommendingUnitFor } from '../../core/reference/organizations.ts';
import type { Deps, OrganizationWithAncestors, ProfileRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';
import { loadOrThrow } from './common.ts';

const ORGANIZATION = { 'zh-CN': '单位', en: 'Organization' };
const PROFILE_VERSION = { 'zh-CN': '档案版本', en: 'Profile version' };

export interface ProfileView {
  organization: OrganizationWithAncestors;
  row: ProfileRow | null;
  city: { id: string; name: string } | null;
  provinceCode: string | null;
}

async function view(repos: Repositories, organization: OrganizationWithAncestors, row: ProfileRow | null): Promise<ProfileView> {
  const city = organization.parentId ? await repos.organizations.findById(organization.parentId) : undefined;
  const province = organization.path[1] ? await repos.organizations.findById(organization.path[1]) : undefined;
  return { organization, row, city: city ? { id: city.id, name: city.name } : null, provinceCode: province?.divisionCode ?? null };
}

/** The profile of an organization (the applicant's own, or one in an officer's area: that read is audited). */
export async function getProfile(deps: Deps, ctx: RequestContext, organizationId: string, version?: number): Promise<ProfileView> {
  return deps.uow.transaction(async (repos) => {
    const organization = loadOrThrow(await repos.organizations.findById(organizationId), ORGANIZATION);
    const acting = authorize(ctx, 'profile.read', { organizationPath: organization.path });
    const row = version === undefined ? await repos.profiles.latest(organizationId) : loadOrThrow(await repos.profiles.findVersion(organizationId, version), PROFILE_VERSION);
    if (acting.actor.organizationId !== organizationId) {
      await recordAudit(repos, ctx, deps.clock, { action: 'profile.read', entityType: 'organization', entityId: organizationId, organizationId, after: { version: row?.version ?? 0 } });
    }
    return view(repos, organization, row ?? null);
  });
}

export async function listProfileVersions(deps: Deps, ctx: RequestContext, organizationId: string): Promise<ProfileRow[]> {
  return deps.uow.read(async (repos) => {
    const organization = loadOrThrow(await repos.organizations.findById(organizationId), ORGANIZATION);
    authorize(ctx, 'profile.read', { organizationPath: organization.path });
    return repos.profiles.versions(organizationId);
  });
}

const staleVersion = (current: number) =>
  new DomainError(
    'conflict',
    'stale_version',
    { 'zh-CN': `档案已被他人更新（现为第 ${current} 版），请刷新后再修改`, en: `The profile was changed meanwhile (now version ${current}); reload and edit again` },
    [],
    { version: current },
  );

/**
 * Saves a new version of the applicant's own profile. A stale base version is refused (nobody
 * overwrites another's edit); a new address in another city moves the enterprise to that city, unless
 * it has an application already in review there.
 */
export async function saveProfile(deps: Deps, ctx: RequestContext, input: { profile: ProfileInput; baseVersion: number }): Promise<ProfileView> {
  const acting = authorize(ctx, 'profile.update');
  const organizationId = acting.actor.organizationId;
  return deps.uow.transaction(async (repos) => {
    await repos.organizations.lock(organizationId);
    const organization = loadOrThrow(await repos.organizations.findById(organizationId), ORGANIZATION);
    authorize(ctx, 'profile.update', { organizationPath: organization.path });
    const latest = await repos.profiles.latest(organizationId);
    if ((latest?.version ?? 0) !== input.baseVersion) throw staleVersion(latest?.version ?? 0);

    const errors: FieldError[] = [];
    const p = input.profile;
    const units = await repos.organizations.recommendingUnits();
    const provinceId = organization.path[1];
    const unit = recommendingUnitFor(p.divisionCode, units.filter((u) => u.path[1] === provinceId));
    if (!unit) {
      errors.push(
        fieldError('profile.divisionCode', 'division_outside', { 'zh-CN': '行政区划代码', en: 'Division code' }, {
          'zh-CN': `${p.divisionCode} 不在本省的地市范围内，请核对注册地址的区县代码`,
          en: `${p.divisionCode} is not in a city of this province; check the county code of the registered address`,
        }).fields[0]!,
      );
    }
    const evidence = new Set((await repos.attachments.forOrganization(organizationId, 'credential')).map((a) => a.id));
    p.credentials.forEach((c, i) =>
      c.evidenceIds.forEach((id, j) => {
        if (!evidence.has(id)) {
          errors.push(fieldError(`profile.credentials.${i}.evidenceIds.${j}`, 'evidence_unknown', { 'zh-CN': '证明材料', en: 'Evidence' }, { 'zh-CN': '文件不存在或不属于本单位', en: 'no such file of this organization' }).fields[0]!);
        }
      }),
    );
    if (p.legalForm === 'branch' && p.independentLegalPerson) {
      errors.push(fieldError('profile.independentLegalPerson', 'branch_not_legal_person', { 'zh-CN': '独立法人', en: 'Independent legal person' }, { 'zh-CN': '分支机构不是独立法人', en: 'a branch is not an independent legal person' }).fields[0]!);
    }
    if (p.declarations.lastMajorAccidentDate && p.declarations.lastMajorAccidentDate > new Date(deps.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10)) {
      errors.push(fieldError('profile.declarations.lastMajorAccidentDate', 'future_date', { 'zh-CN': '最近一次重大事故日期', en: 'Last major accident' }, { 'zh-CN': '不能晚于今天', en: 'cannot be in the future' }).fields[0]!);
    }
    if (errors.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '企业档案有误，请按提示修改', en: 'Some fields of the profile need correcting' }, errors);

    const now = deps.clock.now();
    if (unit && unit.id !== organization.parentId) {
      const inReview = (await repos.applications.list({ kind: 'own', organizationId }, { page: 1, pageSize: 100, order: 'asc', sort: 'updatedAt' })).rows.filter(
        (a) => !['draft', 'withdrawn', 'rejected'].includes(a.state),
      );
      if (inReview.length) {
        throw new DomainError('validation', 'validation_failed', { 'zh-CN': '企业档案有误，请按提示修改', en: 'Some fields of the profile need correcting' }, [
          fieldError('profile.divisionCode', 'city_locked', { 'zh-CN': '行政区划代码', en: 'Division code' }, {
            'zh-CN': `已有 ${inReview.length} 个申报在审，暂不能变更所属地市（${unit.name}）`,
            en: `${inReview.length} application(s) are in review; the city (${unit.name}) cannot change now`,
          }).fields[0]!,
        ]);
      }
      await repos.organizations.moveTo(organizationId, unit.id, now);
    }
    await repos.organizations.updateIdentity(organizationId, { name: p.name, divisionCode: p.divisionCode, address: p.address }, now);
    const row = await repos.profiles.insert({ organizationId, version: (latest?.version ?? 0) + 1, data: p, createdBy: acting.actor.accountId, createdAt: now });
    const before = (latest?.data ?? null) as Record<string, unknown> | null;
    const changed = Object.keys(p).filter((k) => JSON.stringify((p as Record<string, unknown>)[k]) !== JSON.stringify(before?.[k]));
    await recordAudit(repos, ctx, deps.clock, {
      action: 'profile.saved',
      entityType: 'organization',
      entityId: organizationId,
      organizationId,
      before: latest ? { version: latest.version } : null,
      after: { version: row.version, changed, cityId: unit?.id ?? organization.parentId },
    });
    return view(repos, loadOrThrow(await repos.organizations.findById(organizationId), ORGANIZATION), row);
  });
}
