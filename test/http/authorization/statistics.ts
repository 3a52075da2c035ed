/** Recipes of the statistics routes: figures, the map, table exports and the background export job (a job is only its requester's: others get 404). */
import type { RecipeModule } from './world.ts';

export const statisticsRecipes: RecipeModule = async (p, w) => {
  // A job of the province officer's: those allowed but not its requester get 404, never 403.
  const job = await p.deps.uow.transaction((r) =>
    r.statistics.insertJob({ kind: 'applications', filters: {}, requestedBy: w.actors.province_officer.account.id, actor: { ...w.actors.province_officer.actor, name: 'authz' }, now: p.clock.now() }),
  );
  return {
    'get /api/statistics': { request: () => ({ path: '/api/statistics' }) },
    'get /api/statistics/map': { request: () => ({ path: '/api/statistics/map?measure=selected' }) },
    'get /api/statistics/table.xlsx': { request: () => ({ path: '/api/statistics/table.xlsx?table=funnel' }) },
    'post /api/statistics/exports': { request: () => ({ path: '/api/statistics/exports', body: { filters: {} } }) },
    'get /api/statistics/exports/:id': { request: () => ({ path: `/api/statistics/exports/${job}` }) },
    'get /api/statistics/exports/:id/download': { request: () => ({ path: `/api/statistics/exports/${job}/download` }) },
  };
};
