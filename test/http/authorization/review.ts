/** Recipes of the expert-review routes (expert pool, assignment, conflict declarations, scores, panel). */
import { applicationPath, type RecipeModule, type Target } from './world.ts';

export const reviewRecipes: RecipeModule = async (p, w) => {
  // A call of the actors' province (Hebei) against a (draft) call of Shandong's copy of the program.
  const calls: Record<Target, string> = { own: w.applicantSide.call, other: w.applicantSide.draftCalls.other };
  const provinces: Record<Target, string> = { own: '130000', other: '370000' };
  const pools = { own: await p.org('130000-experts'), other: await p.org('370000-experts') };
  const officer = w.actors.province_officer.account.id;
  const now = p.clock.now();
  const experts = {} as Record<Target, string>;
  const runs = {} as Record<Target, string>;
  const assignments = {} as Record<Target, string>;
  let reviewId = '';
  await p.deps.uow.transaction(async (r) => {
    for (const t of ['own', 'other'] as const) {
      const base = { title: '教授', organizationName: `授权测试研究院${t}`, creditCode: null, cityName: null, tags: [], phone: null, email: null, accountId: null };
      experts[t] = (await r.experts.insert({ ...base, name: `授权测试专家${t}`, poolId: pools[t].id }, now)).id;
      runs[t] = await r.assignments.insertRun({ callId: calls[t], perApplication: 2, createdBy: officer, now });
      const spare = (await r.experts.insert({ ...base, name: `授权测试备用专家${t}`, poolId: pools[t].id }, now)).id;
      await r.assignments.add(calls[t], w.applicantSide.applications[t], spare, true, now);
      assignments[t] = (await r.assignments.forApplication(w.applicantSide.applications[t])).find((a) => a.expertId === spare)!.id;
    }
    // The expert actor's own row and one assignment (declared as a conflict below, so it never opens the application).
    const mine = await r.experts.insert({ title: '', organizationName: '授权测试大学', creditCode: null, cityName: null, tags: [], phone: null, email: null, name: '授权测试本人', poolId: pools.own.id, accountId: w.actors.expert.account.id }, now);
    await r.assignments.add(w.applicantSide.call, w.applicantSide.applications.other, mine.id, true, now);
    reviewId = (await r.assignments.forApplication(w.applicantSide.applications.other)).find((a) => a.expertId === mine.id)!.id;
  });
  const province = (_r: unknown, t: Target) => w.provincePaths[t];
  const onCall = (suffix: string, body?: unknown) => ({ request: (_r: unknown, t: Target) => ({ path: `/api/calls/${calls[t]}${suffix}`, body }), record: province });
  // An expert reaches only their own assignment: another's is "not found", so no record is named.
  const review = (suffix: string, body?: unknown) => ({ request: () => ({ path: `/api/reviews/${reviewId}${suffix}`, body }) });
  return {
    'get /api/experts': { request: () => ({ path: '/api/experts' }) },
    'post /api/experts': {
      request: (_r, t) => ({ path: '/api/experts', body: { name: '授权测试新专家', organizationName: '授权测试单位', provinceCode: provinces[t] } }),
      record: province,
    },
    'patch /api/experts/:id': { request: (_r, t) => ({ path: `/api/experts/${experts[t]}`, body: { title: '研究员' } }), record: (_r, t) => pools[t].path },
    'post /api/experts/import': { request: (_r, t) => ({ path: `/api/experts/import?provinceCode=${provinces[t]}`, body: 'not a workbook' }), record: province },
    'get /api/experts/template.xlsx': { request: () => ({ path: '/api/experts/template.xlsx' }) },
    'get /api/calls/:id/assignments': onCall('/assignments'),
    'post /api/calls/:id/assignment-runs': onCall('/assignment-runs', { perApplication: 2 }),
    'get /api/assignment-runs/:id': { request: (_r, t) => ({ path: `/api/assignment-runs/${runs[t]}` }), record: province },
    'post /api/assignment-runs/:id/apply': { request: (_r, t) => ({ path: `/api/assignment-runs/${runs[t]}/apply` }), record: province },
    'post /api/calls/:id/assignments': {
      request: (_r, t) => ({ path: `/api/calls/${calls[t]}/assignments`, body: { applicationId: w.applicantSide.applications[t], expertId: experts[t] } }),
      record: province,
    },
    'delete /api/assignments/:id': { request: (_r, t) => ({ path: `/api/assignments/${assignments[t]}` }), record: province },
    'get /api/reviews': { request: () => ({ path: '/api/reviews' }) },
    'get /api/reviews/:id': review(''),
    'post /api/reviews/:id/declaration': review('/declaration', { conflict: true, relation: '授权测试关联关系' }),
    'put /api/reviews/:id/scores': review('/scores', { scores: {}, comment: '' }),
    'post /api/reviews/:id/submit': review('/submit', { scores: {}, comment: '' }),
    'get /api/calls/:id/scores': onCall('/scores'),
    'put /api/applications/:id/panel': {
      request: (_r, t) => ({ path: `/api/applications/${w.applicantSide.applications[t]}/panel`, body: { consensus: '授权测试', defense: null } }),
      record: (_r, t) => applicationPath(w, t),
    },
    'get /api/calls/:id/ranking': onCall('/ranking'),
    'post /api/calls/:id/close-scoring': onCall('/close-scoring'),
  };
};
