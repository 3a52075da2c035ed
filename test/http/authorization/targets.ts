/** Recipes of the target dashboard's routes: Hebei's plan (own for every test actor) against a copy of it for Shandong (other). */
import { programFilesToLoad } from '../../../src/adapters/programs/files.ts';
import { syncProgramFiles } from '../../../src/use-cases/programs/programs.ts';
import type { RecipeModule, Target } from './world.ts';

const COPY = 'shandong-plan-copy-for-tests';

export const targetRecipes: RecipeModule = async (p, w) => {
  const { definitions, samples } = programFilesToLoad();
  const plan = definitions.find((d) => d.code === 'hebei-2018-ii-plan')!;
  await syncProgramFiles(p.deps, [plan, { ...plan, code: COPY, provinceCode: '370000' }], samples);
  const planOf = (t: Target) => (t === 'own' ? plan.code : COPY);
  const record = (_r: unknown, t: Target) => w.provincePaths[t];
  return {
    'get /api/targets': { request: (_r, t) => ({ path: `/api/targets?plan=${planOf(t)}` }), record },
    'get /api/targets/export.xlsx': { request: (_r, t) => ({ path: `/api/targets/export.xlsx?plan=${planOf(t)}` }), record },
    'get /api/targets/:id/history': { request: (_r, t) => ({ path: `/api/targets/industrial-apps-2020/history?plan=${planOf(t)}` }), record },
    // A count that is not whole: 400 for those allowed (the target is led by the province officer's department), nothing recorded.
    'post /api/targets/:id/reports': {
      request: (_r, t) => ({ path: `/api/targets/industrial-apps-2020/reports?plan=${planOf(t)}`, body: { period: '2025Q4', value: 1.5, evidence: '授权测试' } }),
      record,
    },
  };
};
