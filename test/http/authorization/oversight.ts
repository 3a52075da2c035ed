/** Recipes of the oversight routes: spot checks and findings, sanctions, the ban list, the project's oversight view, certificates. */
import type { Role } from '../../../src/core/roles.ts';
import { applicationPath, type RecipeModule, type Target } from './world.ts';

export const oversightRecipes: RecipeModule = async (p, w) => {
  const apps = w.applicantSide.applications;
  // A call of the actors' province against a (draft) call of Shandong's copy of the program.
  const calls: Record<Target, string> = { own: w.applicantSide.call, other: w.applicantSide.draftCalls.other };
  const now = p.clock.now();
  const made = await p.deps.uow.transaction(async (r) => {
    const checks = {} as Record<Target, string>;
    for (const t of ['own', 'other'] as const) {
      checks[t] = await r.oversight.insertSpotCheck({ callId: calls[t], seed: 'authz', minShare: 2000, stratifiedBy: 'city', population: 0, allocation: {}, citation: null, createdBy: null, now });
    }
    for (const t of ['own', 'other'] as const) await r.oversight.addSpotCheckItem(checks.own, apps[t]);
    const items = Object.fromEntries((await r.oversight.spotCheckItems(checks.own)).map((i) => [i.applicationId === apps.own ? 'own' : 'other', i.id])) as Record<Target, string>;
    // Revoked titles: those allowed get 409 (no certificate of a revoked title) without running LibreOffice.
    const titles = {} as Record<Target, string>;
    for (const t of ['own', 'other'] as const) {
      titles[t] = await r.oversight.insertTitle({ applicationId: apps[t], titleId: 'demonstration-enterprise', name: { 'zh-CN': '授权测试称号', en: 'Test title' }, citation: '000 第十一条', awardedOn: '2026-03-02', now });
      await r.oversight.revokeTitle(titles[t], '授权测试', '2026-03-02', now);
    }
    return { checks, items, titles };
  });
  return {
    'post /api/spot-checks': { request: (_r, t) => ({ path: '/api/spot-checks', body: { callId: calls[t], minShare: 2000 } }), record: (_r, t) => w.provincePaths[t] },
    'get /api/spot-checks': { request: () => ({ path: '/api/spot-checks' }) },
    'get /api/spot-checks/:id': { request: (_r, t) => ({ path: `/api/spot-checks/${made.checks[t]}` }), record: (_r, t) => w.provincePaths[t] },
    'put /api/spot-check-items/:id/finding': {
      request: (_r, t) => ({ path: `/api/spot-check-items/${made.items[t]}/finding`, body: { finding: 'ok', notes: '授权测试' } }),
      record: (_r, t) => applicationPath(w, t),
    },
    'get /api/projects/:id/oversight': { request: (_r, t) => ({ path: `/api/projects/${apps[t]}/oversight` }), record: (_r, t) => applicationPath(w, t) },
    // An unknown sanction: 400 for those allowed, so the recipe changes nothing.
    'post /api/projects/:id/sanctions': {
      request: (_r, t) => ({ path: `/api/projects/${apps[t]}/sanctions`, body: { sanctionId: 'no-such-sanction', reason: '授权测试' } }),
      record: (_r, t) => applicationPath(w, t),
    },
    'get /api/bans': { request: () => ({ path: '/api/bans' }) },
    ...Object.fromEntries(
      (['pdf', 'docx'] as const).map((f) => [
        `get /api/titles/:id/certificate.${f}`,
        { request: (_r: Role, t: Target) => ({ path: `/api/titles/${made.titles[t]}/certificate.${f}` }), record: (_r: Role, t: Target) => applicationPath(w, t) },
      ]),
    ),
  };
};
