/** Recipes of the operation-data routes: the applicant's reports and tokens, the operation view, its export, the capacity map. */
import type { RecipeModule, Target } from './world.ts';

export const operationRecipes: RecipeModule = async (p, w) => {
  const now = p.clock.now();
  // A token of each enterprise: revoking one's own answers 200, another's 404 (never shown to be there).
  const tokens = {} as Record<Target, string>;
  await p.deps.uow.transaction(async (r) => {
    for (const [t, org] of [['own', w.sjzEnterprise], ['other', w.tsEnterprise]] as const) {
      tokens[t] = await r.operations.insertToken({ organizationId: org.id, name: `授权测试${t}`, hash: `authz-${t}-${org.id}`, prefix: 'iiop_authz', createdBy: w.actors.applicant.account.id, now });
    }
  });
  const city = w.sjzEnterprise.parentId ?? '-';
  return {
    // The matrix's enterprise has no selected project: allowed, it gets 409 (and nothing is stored).
    'post /api/operations/my/reports': { request: () => ({ path: '/api/operations/my/reports', body: { month: '2026-03', connectedDevices: 0, platformUsers: 0, industrialApps: 0, cloudEnterprises: 0 } }) },
    'get /api/operations/my/reports': { request: () => ({ path: '/api/operations/my/reports' }) },
    'get /api/operations/my/reports/:month': { request: () => ({ path: '/api/operations/my/reports/2026-03' }) },
    'get /api/operations/tokens': { request: () => ({ path: '/api/operations/tokens' }) },
    'post /api/operations/tokens': { request: () => ({ path: '/api/operations/tokens', body: { name: '授权测试' } }) },
    'post /api/operations/tokens/:id/revoke': { request: (_r, t) => ({ path: `/api/operations/tokens/${tokens[t]}/revoke` }) },
    'get /api/operations/view': { request: () => ({ path: '/api/operations/view' }) },
    'get /api/operations/reporters': { request: () => ({ path: '/api/operations/reporters' }) },
    'get /api/operations/export.xlsx': { request: () => ({ path: '/api/operations/export.xlsx' }) },
    'get /api/operations/capacity': { request: () => ({ path: '/api/operations/capacity' }) },
    'get /api/operations/capacity/cities/:cityId': { request: () => ({ path: `/api/operations/capacity/cities/${city}` }) },
  };
};
