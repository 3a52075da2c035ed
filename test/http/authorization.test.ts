/**
 * The authorization matrix, generated from the route table: every signed-in route × every role ×
 * a record of the actor's own organization versus one of another organization (a 石家庄 actor
 * against 唐山 records). The expected answer comes from the one policy; a route without a request
 * recipe here fails the first test, so none is left out.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES } from '../../src/adapters/http/app.ts';
import { can, mayAttempt } from '../../src/core/access-policy.ts';
import { ROLES, type Role } from '../../src/core/roles.ts';
import type { AccountRow, OrganizationRow } from '../../src/use-cases/ports.ts';
import { programFilesToLoad } from '../../src/adapters/programs/files.ts';
import { syncProgramFiles } from '../../src/use-cases/programs/programs.ts';
import { BASE_APPLICANT, BASE_APPLICATION } from '../programs/cases/types.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { PROFILE, pdfBytes } from '../support/applicants.ts';
import { applicationPath as applicationPathOf, type ApplicantSide, type Recipe, type RecipeModule, type Target, type World } from './authorization/world.ts';
import { selectionRecipes } from './authorization/selection.ts';
import { reviewRecipes } from './authorization/review.ts';
import { noticeRecipes } from './authorization/notices.ts';
import { implementationRecipes } from './authorization/implementation.ts';
import { fundingRecipes } from './authorization/funding.ts';
import { oversightRecipes } from './authorization/oversight.ts';
import { targetRecipes } from './authorization/targets.ts';
import { statisticsRecipes } from './authorization/statistics.ts';
import { operationRecipes } from './authorization/operations.ts';

/** Recipe modules of later areas: each sets up its records once and names a request per route. */
const MODULES: RecipeModule[] = [selectionRecipes, reviewRecipes, noticeRecipes, implementationRecipes, fundingRecipes, oversightRecipes, statisticsRecipes, operationRecipes, targetRecipes];

let p: TestPlatform;
/** Where each role's test account lives: all in Hebei, the city ones in 石家庄. */
const HOME: Record<Role, string> = {
  applicant: 'SJZ-ENT',
  city_officer: '130100',
  province_officer: '130000-miit',
  task_force_reviewer: '370000-tf-ngit',
  expert: '130000-experts',
  finance_officer: '130000-finance',
  auditor: '130000-audit',
  administrator: 'PLATFORM',
};

async function applicantSide(sjz: OrganizationRow, ts: OrganizationRow, tsApplicant: AccountRow): Promise<ApplicantSide> {
  const officer = w.actors.province_officer.client;
  const callBody = (code: string) => ({ programCode: code, programVersion: 1, title: `${code} 授权测试通知`, opensOn: '2026-03-01', deadlineDate: '2026-12-31' });
  const call = (await officer.post('/api/calls', callBody('hebei-2016-internet-plus'))).body.id;
  assert.equal((await officer.post(`/api/calls/${call}/publish`)).status, 200);
  const admin = w.actors.administrator.client;
  // Once published, a later attempt answers 409 (still not a refusal of access).
  const draftCalls: Record<Target, string> = {
    own: (await admin.post('/api/calls', callBody('hebei-2016-internet-plus'))).body.id,
    other: (await admin.post('/api/calls', callBody('shandong-copy-for-tests'))).body.id,
  };
  const tsClient = p.client({ ip: '10.2.1.1' });
  await tsClient.signIn(tsApplicant);
  const applications = {} as Record<Target, string>;
  const attachments = {} as Record<Target, string>;
  const uploads = {} as Record<Target, string>;
  for (const [target, client, org] of [['own', w.actors.applicant.client, sjz], ['other', tsClient, ts]] as const) {
    const profile = await client.put('/api/profile', { profile: { ...PROFILE, name: org.name, divisionCode: target === 'own' ? '130102' : '130202' }, baseVersion: 0 });
    assert.equal(profile.status, 200, JSON.stringify(profile.body));
    const app = await client.post('/api/applications', { callId: call });
    assert.equal(app.status, 201, JSON.stringify(app.body));
    applications[target] = app.body.id;
    const pdf = pdfBytes(target);
    const up = await client.post('/api/uploads', { purpose: 'application', applicationId: app.body.id, requirementId: 'business-licence', fileName: 'licence.pdf', sizeBytes: pdf.byteLength });
    assert.equal((await client.binary('PUT', `/api/uploads/${up.body.id}?offset=0`, pdf)).status, 200);
    attachments[target] = (await client.post(`/api/uploads/${up.body.id}/complete`)).body.id;
    uploads[target] = (await client.post('/api/uploads', { purpose: 'application', applicationId: app.body.id, requirementId: 'credentials', fileName: 'c.pdf', sizeBytes: 10 })).body.id;
  }
  return { call, draftCalls, applications, attachments, uploads };
}
let w: World;

before(async () => {
  p = await startPlatform();
  const sjzEnterprise = await p.enterprise('130100', '石家庄某装备公司');
  const tsEnterprise = await p.enterprise('130200', '唐山某钢铁公司');
  await p.deps.uow.transaction((r) => r.organizations.update(sjzEnterprise.id, {}, p.clock.now()));
  const tsApplicant = await p.account('applicant', '130100');
  await p.deps.uow.transaction((r) => r.accounts.update(tsApplicant.id, { organizationId: tsEnterprise.id }, p.clock.now()));
  const actors = {} as World['actors'];
  for (const role of ROLES) {
    const orgCode = HOME[role] === 'SJZ-ENT' ? sjzEnterprise.code : HOME[role];
    const account = await p.account(role, orgCode);
    const org = await p.org(orgCode);
    const client = p.client({ ip: `10.2.0.${ROLES.indexOf(role) + 1}` });
    const r = await client.signIn(account);
    assert.equal(r.body.stage, 'full', role);
    actors[role] = { client, account, org, actor: { accountId: account.id, role, organizationId: org.id, organizationPath: org.path } };
  }
  const { definitions, samples } = programFilesToLoad();
  const hebei = definitions.find((d) => d.code === 'hebei-2016-internet-plus')!;
  await syncProgramFiles(p.deps, [hebei, { ...hebei, code: 'shandong-copy-for-tests', provinceCode: '370000' }], samples);
  const provincePaths = { own: (await p.org('130000')).path, other: (await p.org('370000')).path };
  // The applicant side's records are made through the API by the actors above, so `w` comes first.
  w = { provincePaths, sjzEnterprise, tsEnterprise, tsAccount: { ...tsApplicant, organizationId: tsEnterprise.id }, actors, applicantSide: undefined as never };
  w.applicantSide = await applicantSide(sjzEnterprise, tsEnterprise, tsApplicant);
  for (const m of MODULES) Object.assign(RECIPES, await m(p, w));
});
after(() => p.close());

const ownOrg = (role: Role) => (role === 'city_officer' ? w.sjzEnterprise : w.actors[role].org);
const orgFor = (role: Role, t: Target) => (t === 'own' ? ownOrg(role) : w.tsEnterprise);
let emailCounter = 0;

const RECIPES: Record<string, Recipe> = {
  'get /api/organizations': { request: () => ({ path: '/api/organizations' }) },
  'get /api/organizations/:id': {
    request: (role, t) => ({ path: `/api/organizations/${orgFor(role, t).id}` }),
    record: (role, t) => orgFor(role, t).path,
  },
  'patch /api/organizations/:id': {
    request: (role, t) => ({ path: `/api/organizations/${orgFor(role, t).id}`, body: { contactName: `联系人${role}` } }),
    record: (role, t) => orgFor(role, t).path,
  },
  'get /api/accounts': { request: () => ({ path: '/api/accounts' }) },
  'post /api/accounts': {
    request: (_role, t) => ({
      path: '/api/accounts',
      body: { email: `new${++emailCounter}@test.example`, displayName: '新账号', role: 'city_officer', organizationId: t === 'own' ? w.actors.city_officer.org.id : w.tsEnterprise.parentId },
    }),
  },
  'post /api/accounts/:id/actions': {
    request: (role, t) => ({
      path: `/api/accounts/${t === 'own' ? w.actors[role === 'applicant' ? 'applicant' : 'expert'].account.id : w.tsAccount.id}/actions`,
      body: { action: 'unlock', reason: '授权测试' },
    }),
    record: (_role, t) => (t === 'own' ? w.actors.expert.org.path : w.tsEnterprise.path),
  },
  'get /api/audit-events': { request: () => ({ path: '/api/audit-events' }) },
  'post /api/audit-events/verify': { request: () => ({ path: '/api/audit-events/verify' }) },
  'get /api/admin/outbox': { request: () => ({ path: '/api/admin/outbox' }) },
  'post /api/auth/totp/disable': { request: () => ({ path: '/api/auth/totp/disable', body: { code: '123456' } }) },
  'get /api/programs': { request: () => ({ path: '/api/programs' }) },
  'get /api/programs/:code/versions/:version': { request: (_r, t) => ({ path: `/api/programs/${programOf(t)}/versions/1` }) },
  'post /api/programs/:code/versions/:version/clone': {
    request: (_r, t) => ({ path: `/api/programs/${programOf(t)}/versions/1/clone` }),
    record: (_r, t) => w.provincePaths[t],
  },
  'put /api/programs/:code/versions/:version': {
    request: (_r, t) => ({ path: `/api/programs/${programOf(t)}/versions/1`, body: { definition: {} } }),
    record: (_r, t) => w.provincePaths[t],
  },
  'post /api/programs/:code/versions/:version/publish': {
    request: (_r, t) => ({ path: `/api/programs/${programOf(t)}/versions/1/publish` }),
    record: (_r, t) => w.provincePaths[t],
  },
  'get /api/programs/:code/diff': { request: (_r, t) => ({ path: `/api/programs/${programOf(t)}/diff?from=1&to=1` }) },
  'get /api/programs/:code/samples': { request: (_r, t) => ({ path: `/api/programs/${programOf(t)}/samples` }) },
  'post /api/programs/:code/versions/:version/evaluate': {
    request: (_r, t) => ({ path: `/api/programs/${programOf(t)}/versions/1/evaluate`, body: { sample: { applicant: BASE_APPLICANT, application: BASE_APPLICATION, today: '2027-01-01' } } }),
  },
  'post /api/programs/check-expression': { request: () => ({ path: '/api/programs/check-expression', body: { expression: 'applicant.itTeamSize > 1' } }) },

  'get /api/profile': { request: () => ({ path: '/api/profile' }) },
  'put /api/profile': { request: () => ({ path: '/api/profile', body: { profile: PROFILE, baseVersion: 99 } }) },
  'get /api/profile/versions': { request: () => ({ path: '/api/profile/versions' }) },
  'get /api/profile/versions/:version': { request: () => ({ path: '/api/profile/versions/1' }) },
  'get /api/profile/attachments': { request: () => ({ path: '/api/profile/attachments' }) },
  'get /api/organizations/:id/profile': { request: (role, t) => ({ path: `/api/organizations/${orgFor(role, t).id}/profile` }), record: (role, t) => orgFor(role, t).path },
  'get /api/calls': { request: () => ({ path: '/api/calls' }) },
  'post /api/calls': {
    request: (_r, t) => ({ path: '/api/calls', body: { programCode: programOf(t), programVersion: 1, title: '授权测试通知', opensOn: '2026-03-01', deadlineDate: '2026-12-31' } }),
    record: (_r, t) => w.provincePaths[t],
  },
  'get /api/calls/:id': { request: () => ({ path: `/api/calls/${w.applicantSide.call}` }) },
  'post /api/calls/:id/publish': {
    request: (_r, t) => ({ path: `/api/calls/${w.applicantSide.draftCalls[t]}/publish` }),
    record: (_r, t) => w.provincePaths[t],
  },
  'get /api/calls/:id/precheck': { request: () => ({ path: `/api/calls/${w.applicantSide.call}/precheck` }) },
  'get /api/applications': { request: () => ({ path: '/api/applications' }) },
  'post /api/applications': { request: () => ({ path: '/api/applications', body: { callId: w.applicantSide.call } }) },
  ...Object.fromEntries(
    (
      [
        ['get', ''],
        ['put', '/draft', { revision: 0, formData: {} }],
        ['get', '/precheck'],
        ['post', '/submit', { revision: 0, commitment: { signatoryName: '授权测试', accepted: true } }],
        ['post', '/withdraw', { reason: '授权测试' }],
        ['post', '/start-review'],
        ['post', '/return', { comment: '授权测试', fieldComments: {} }],
        ['get', '/document.docx'],
        ['get', '/document.pdf'],
      ] as const
    ).map(([method, suffix, body]) => [
      `${method} /api/applications/:id${suffix}`,
      { request: (_r: Role, t: Target) => ({ path: `/api/applications/${w.applicantSide.applications[t]}${suffix}`, body }), record: (_r: Role, t: Target) => applicationPath(t) },
    ]),
  ),
  'post /api/uploads': {
    request: (_r, t) => ({ path: '/api/uploads', body: { purpose: 'application', applicationId: w.applicantSide.applications[t], requirementId: 'credentials', fileName: 'x.pdf', sizeBytes: 10 } }),
    record: (_r, t) => applicationPath(t),
  },
  // Uploads belong to the account that began them: another's is "not found", never shown.
  'get /api/uploads/:id': { request: (_r, t) => ({ path: `/api/uploads/${w.applicantSide.uploads[t]}` }) },
  'put /api/uploads/:id': { request: (_r, t) => ({ path: `/api/uploads/${w.applicantSide.uploads[t]}?offset=0`, body: 'x' }) },
  'post /api/uploads/:id/complete': { request: (_r, t) => ({ path: `/api/uploads/${w.applicantSide.uploads[t]}/complete` }) },
  'get /api/attachments/:id/download': { request: (_r, t) => ({ path: `/api/attachments/${w.applicantSide.attachments[t]}/download` }), record: (_r, t) => applicationPath(t) },
  'delete /api/attachments/:id': { request: (_r, t) => ({ path: `/api/attachments/${w.applicantSide.attachments[t]}` }), record: (_r, t) => applicationPath(t) },
  'get /api/notifications': { request: () => ({ path: '/api/notifications' }) },
  'post /api/notifications/read-all': { request: () => ({ path: '/api/notifications/read-all' }) },
  'post /api/notifications/:id/read': { request: () => ({ path: '/api/notifications/1/read' }) },
};

const applicationPath = (t: Target) => applicationPathOf(w, t);

/** Own: a Hebei program (the test actors are all Hebei's); other: the same program copied to Shandong. */
const programOf = (t: Target) => (t === 'own' ? 'hebei-2016-internet-plus' : 'shandong-copy-for-tests');

const signedInRoutes = () => ROUTES.filter((r) => r.access === 'signedIn');
/** The signed-in routes this matrix has no recipe (no authorization decision per role) for. */
const withoutRecipe = (routes: readonly { method: string; path: string; access: string }[]) =>
  routes
    .filter((r) => r.access === 'signedIn')
    .map((r) => `${r.method} ${r.path}`)
    .filter((k) => !RECIPES[k]);

test('every signed-in route has a recipe in this matrix', () => {
  assert.deepEqual(withoutRecipe(ROUTES), []);
});

test('a route added without an authorization decision is caught by the matrix', () => {
  const added = [...ROUTES, { method: 'post', path: '/api/projects/:id/new-step', access: 'signedIn' }];
  assert.deepEqual(withoutRecipe(added), ['post /api/projects/:id/new-step'], 'the new route is reported as missing');
});

test('every signed-in route refuses an anonymous request', async () => {
  for (const r of signedInRoutes()) {
    const recipe = RECIPES[`${r.method} ${r.path}`]!;
    const { path, body } = recipe.request('administrator', 'own');
    const res = await p.client().request(r.method.toUpperCase(), path, body);
    assert.equal(res.status, 401, `${r.method} ${path}`);
  }
});

for (const role of ROLES) {
  test(`${role}: every route, own versus other organization, answers as the policy says`, async () => {
    const { client, actor } = w.actors[role];
    for (const r of signedInRoutes()) {
      const recipe = RECIPES[`${r.method} ${r.path}`]!;
      for (const target of ['own', 'other'] as const) {
        const { path, body } = recipe.request(role, target);
        let allowed = r.action ? mayAttempt(actor, r.action) : (r.roles ?? []).includes(role);
        if (allowed && r.action && recipe.record) allowed = can(actor, r.action, { organizationPath: recipe.record(role, target) });
        if (allowed && r.path === '/api/accounts' && r.method === 'post') {
          // the policy checks the organization the new account goes to
          const org = target === 'own' ? w.actors.city_officer.org : (await p.deps.uow.read((x) => x.organizations.findById(w.tsEnterprise.parentId!)))!;
          allowed = can(actor, 'account.manage', { organizationPath: org.path });
        }
        const res = await client.request(r.method.toUpperCase(), path, body);
        const label = `${role} ${r.method} ${path} (${target})`;
        if (allowed) {
          assert.ok(res.status !== 403 && res.status !== 401, `${label} should be allowed, got ${res.status} ${JSON.stringify(res.body)}`);
        } else {
          assert.equal(res.status, 403, `${label} should be refused, got ${res.status}`);
        }
      }
    }
  });
}

test('a 石家庄 city officer cannot read or change a 唐山 record, and its lists hold no 唐山 rows', async () => {
  const { client } = w.actors.city_officer;
  assert.equal((await client.get(`/api/organizations/${w.tsEnterprise.id}`)).status, 403);
  assert.equal((await client.patch(`/api/organizations/${w.tsEnterprise.id}`, { contactName: '越权' })).status, 403);
  const tangshan = await p.org('130200');
  assert.equal((await client.patch(`/api/organizations/${tangshan.id}`, { contactName: '越权' })).status, 403);
  const list = await client.get('/api/organizations?pageSize=100');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.length >= 2);
  for (const o of list.body.items) assert.ok(o.ancestors.includes('石家庄市') || o.name === '石家庄市', o.name);
  const unchanged = await p.deps.uow.read((r) => r.organizations.findById(w.tsEnterprise.id));
  assert.notEqual(unchanged?.contactName, '越权');
  assert.notEqual(unchanged?.contactName, '联系人city_officer');
});

test('a province officer’s read of another organization leaves an audit record', async () => {
  const { client, account } = w.actors.province_officer;
  assert.equal((await client.get(`/api/organizations/${w.tsEnterprise.id}`)).status, 200);
  const events = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 10, order: 'desc', action: 'organization.read', actorId: account.id }));
  assert.equal(events.rows[0]?.entityId, w.tsEnterprise.id);
});
