/** Recipes of the city's review and recommendation, quotas, the province's overview, task forces and policy review. */
import type { Role } from '../../../src/core/roles.ts';
import { applicationPath, type RecipeModule, type Target } from './world.ts';

export const selectionRecipes: RecipeModule = async (p, w) => {
  const call = w.applicantSide.call;
  const apps = w.applicantSide.applications;
  // A city of the actors' province (石家庄) against one of another province (济南).
  const cities: Record<Target, { id: string; path: readonly string[] }> = { own: await p.org('130100'), other: await p.org('370100') };
  // A call of the actors' province against a (draft) call of Shandong's copy of the program.
  const calls: Record<Target, string> = { own: call, other: w.applicantSide.draftCalls.other };
  const app = (t: Target) => apps[t];
  return {
    'post /api/applications/:id/city-decision': {
      request: (_r, t) => ({ path: `/api/applications/${app(t)}/city-decision`, body: { decision: 'reject', reason: '授权测试', checklist: [] } }),
      record: (_r, t) => applicationPath(w, t),
    },
    'get /api/calls/:id/recommendation': { request: () => ({ path: `/api/calls/${call}/recommendation` }) },
    'put /api/calls/:id/recommendation/items/:applicationId': {
      request: (_r, t) => ({ path: `/api/calls/${call}/recommendation/items/${app(t)}` }),
      record: (_r, t) => applicationPath(w, t),
    },
    'delete /api/calls/:id/recommendation/items/:applicationId': {
      request: (_r, t) => ({ path: `/api/calls/${call}/recommendation/items/${app(t)}` }),
    },
    'post /api/calls/:id/recommendation/rank': { request: () => ({ path: `/api/calls/${call}/recommendation/rank`, body: { order: [] } }) },
    'post /api/calls/:id/recommendation/submit': { request: () => ({ path: `/api/calls/${call}/recommendation/submit`, body: { documentNumber: '授权测试〔2026〕1号' } }) },
    'get /api/calls/:id/recommendations/:cityId': {
      request: (_r, t) => ({ path: `/api/calls/${call}/recommendations/${cities[t].id}` }),
      record: (_r, t) => cities[t].path,
    },
    'post /api/calls/:id/recommendations/:cityId/return': {
      request: (_r, t) => ({ path: `/api/calls/${call}/recommendations/${cities[t].id}/return`, body: { comment: '授权测试' } }),
      record: (_r, t) => cities[t].path,
    },
    'put /api/calls/:id/quotas': {
      request: (_r, t) => ({ path: `/api/calls/${calls[t]}/quotas`, body: { quotaTable: {}, threshold: null } }),
      record: (_r, t) => w.provincePaths[t],
    },
    'get /api/calls/:id/selection': { request: (_r, t) => ({ path: `/api/calls/${calls[t]}/selection` }), record: (_r, t) => w.provincePaths[t] },
    'get /api/calls/:id/task-force': { request: () => ({ path: `/api/calls/${call}/task-force` }) },
    // Not routed to any task force: refused to everyone, the reviewer's own department included.
    'post /api/applications/:id/task-force-opinion': {
      request: (_r, t) => ({ path: `/api/applications/${app(t)}/task-force-opinion`, body: { supports: true, opinion: '授权测试' } }),
      record: () => [],
    },
    'get /api/selection/calls': { request: () => ({ path: '/api/selection/calls' }) },
    'get /api/recommendation/calls': { request: () => ({ path: '/api/recommendation/calls' }) },
    // The city's own table (its list is empty here: 409 for those allowed); any city's for the province.
    ...Object.fromEntries(
      (['xlsx', 'docx', 'pdf'] as const).flatMap((f) => [
        [`get /api/calls/:id/recommendation/table.${f}`, { request: () => ({ path: `/api/calls/${call}/recommendation/table.${f}` }) }],
        [
          `get /api/calls/:id/recommendations/:cityId/table.${f}`,
          { request: (_r: Role, t: Target) => ({ path: `/api/calls/${call}/recommendations/${cities[t].id}/table.${f}` }), record: (_r: Role, t: Target) => cities[t].path },
        ],
      ]),
    ),
    'post /api/applications/:id/policy-decision': {
      request: (_r, t) => ({ path: `/api/applications/${app(t)}/policy-decision`, body: { decision: 'reject', reason: '授权测试' } }),
      record: (_r, t) => applicationPath(w, t),
    },
  };
};
