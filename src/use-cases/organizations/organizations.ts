/** Reading and updating organizations within the actor's reach. */
import { notFound } from '../../core/errors.ts';
import type { OrganizationKind } from '../../core/roles.ts';
import type { Deps, ListQuery, OrganizationWithAncestors, RequestContext } from '../ports.ts';
import { authorize, authorizeList, recordAudit } from '../support.ts';

const ORGANIZATION = { 'zh-CN': '单位', en: 'Organization' };

export async function listOrganizations(
  deps: Deps,
  ctx: RequestContext,
  query: ListQuery & { kind?: OrganizationKind; parentId?: string; q?: string; sort: 'name' | 'code' | 'kind' | 'createdAt' },
) {
  const { scope } = authorizeList(ctx, 'organization.read');
  return deps.uow.read((repos) => repos.organizations.list(scope, query));
}

/** One organization. A read of another organization's record is itself audited (DESIGN.md, Qualities). */
export async function getOrganization(deps: Deps, ctx: RequestContext, id: string): Promise<OrganizationWithAncestors> {
  const org = await deps.uow.read((repos) => repos.organizations.findById(id));
  if (!org) throw notFound(ORGANIZATION);
  const acting = authorize(ctx, 'organization.read', { organizationPath: org.path });
  if (org.id !== acting.actor.organizationId) {
    await deps.uow.transaction((repos) =>
      recordAudit(repos, acting, deps.clock, { action: 'organization.read', entityType: 'organization', entityId: org.id, organizationId: org.id }),
    );
  }
  return org;
}

export async function updateOrganization(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  patch: { contactName?: string | null | undefined; contactPhone?: string | null | undefined; address?: string | null | undefined },
): Promise<OrganizationWithAncestors> {
  return deps.uow.transaction(async (repos) => {
    const before = await repos.organizations.findById(id);
    if (!before) throw notFound(ORGANIZATION);
    const acting = authorize(ctx, 'organization.update', { organizationPath: before.path });
    const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as typeof patch;
    await repos.organizations.update(id, clean as never, deps.clock.now());
    const after = (await repos.organizations.findById(id))!;
    const pick = (o: OrganizationWithAncestors) => ({ contactName: o.contactName, contactPhone: o.contactPhone, address: o.address });
    await recordAudit(repos, acting, deps.clock, { action: 'organization.updated', entityType: 'organization', entityId: id, organizationId: id, before: pick(before), after: pick(after) });
    return after;
  });
}

/** The cities and units on a par with them, for the public registration form. */
export async function listRecommendingUnits(deps: Deps) {
  return deps.uow.read((repos) => repos.organizations.recommendingUnits());
}
