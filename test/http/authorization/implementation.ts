/** Recipes of the implementation routes: projects of the 石家庄 (own) and 唐山 (other) enterprises, a progress report each. */
import { applicationPath, type RecipeModule, type Target } from './world.ts';

export const implementationRecipes: RecipeModule = async (p, w) => {
  const call = (await p.deps.uow.read((r) => r.calls.findById(w.applicantSide.call)))!;
  const projects = {} as Record<Target, string>;
  const reports = {} as Record<Target, string>;
  for (const [t, org] of [
    ['own', w.sjzEnterprise],
    ['other', w.tsEnterprise],
  ] as const) {
    await p.deps.uow.transaction(async (r) => {
      const now = p.clock.now();
      const id = await r.applications.insert({ callId: call.id, programId: call.programId, programVersion: call.programVersion, organizationId: org.id, state: 'selected', createdBy: w.actors.applicant.account.id, now });
      await r.applications.update(id, { projectName: `授权测试项目${t}` }, now);
      await r.projects.ensure(id, now);
      await r.projects.ensureReport(id, '2026Q1', '2026-03-31', now);
      projects[t] = id;
      reports[t] = (await r.projects.reports(id))[0]!.id;
    });
  }
  const record = (_r: unknown, t: Target) => applicationPath(w, t);
  const at = (t: Target, tail = '') => `/api/projects/${projects[t]}${tail}`;
  const plan = {
    goals: '授权测试',
    startDate: '2026-03-01',
    endDate: '2026-12-31',
    milestones: [{ name: '节点', dueDate: '2026-06-30' }],
    budget: [{ category: 'automation-equipment', amountFen: 100 }],
    indicators: [{ name: '指标', target: '1', unit: '项' }],
  };
  const decision = { passed: false, opinion: '授权测试' };
  const visit = { visitDate: '2026-03-01', place: '授权测试', participants: '授权测试', notes: '授权测试' };
  return {
    'get /api/projects': { request: () => ({ path: '/api/projects' }) },
    'get /api/projects/:id': { request: (_r, t) => ({ path: at(t) }), record },
    'get /api/projects/:id/agreement': { request: (_r, t) => ({ path: at(t, '/agreement') }), record },
    'put /api/projects/:id/plan': { request: (_r, t) => ({ path: at(t, '/plan'), body: plan }), record },
    'post /api/projects/:id/plan/review': { request: (_r, t) => ({ path: at(t, '/plan/review'), body: { decision: 'return', comment: '授权测试' } }), record },
    'get /api/projects/:id/agreement.docx': { request: (_r, t) => ({ path: at(t, '/agreement.docx') }), record },
    'get /api/projects/:id/agreement.pdf': { request: (_r, t) => ({ path: at(t, '/agreement.pdf') }), record },
    'post /api/projects/:id/agreement/sign': { request: (_r, t) => ({ path: at(t, '/agreement/sign'), body: { signedOn: '2026-03-01', signatories: { province: '甲', enterprise: '乙' } } }), record },
    'get /api/projects/:id/reports': { request: (_r, t) => ({ path: at(t, '/reports') }), record },
    'put /api/projects/:id/reports/:reportId': {
      request: (_r, t) => ({ path: at(t, `/reports/${reports[t]}`), body: { milestones: [], spentFen: 0, problems: '' } }),
      record,
    },
    'post /api/projects/:id/reports/:reportId/city-comment': { request: (_r, t) => ({ path: at(t, `/reports/${reports[t]}/city-comment`), body: { comment: '授权测试' } }), record },
    'post /api/projects/:id/reports/:reportId/province-comment': { request: (_r, t) => ({ path: at(t, `/reports/${reports[t]}/province-comment`), body: { comment: '授权测试' } }), record },
    'get /api/projects/:id/visits': { request: (_r, t) => ({ path: at(t, '/visits') }), record },
    'post /api/projects/:id/visits/city': { request: (_r, t) => ({ path: at(t, '/visits/city'), body: visit }), record },
    'post /api/projects/:id/visits/province': { request: (_r, t) => ({ path: at(t, '/visits/province'), body: visit }), record },
    'get /api/projects/:id/acceptance': { request: (_r, t) => ({ path: at(t, '/acceptance') }), record },
    'post /api/projects/:id/acceptance/request': { request: (_r, t) => ({ path: at(t, '/acceptance/request'), body: { materials: [], note: '' } }), record },
    'post /api/projects/:id/acceptance/city': { request: (_r, t) => ({ path: at(t, '/acceptance/city'), body: decision }), record },
    'post /api/projects/:id/acceptance/province': { request: (_r, t) => ({ path: at(t, '/acceptance/province'), body: decision }), record },
  };
};
