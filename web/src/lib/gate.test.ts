import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SessionInfo, SessionUser } from '../../../contracts/auth.ts';
import { ROLES, type Role } from '../../../src/core/roles.ts';
import { menuFor, ROUTES, titleOf, type AppRoute } from '../routes.ts';
import { decide } from './gate.ts';

const route = (path: string): AppRoute => {
  const found = ROUTES.find((r) => r.path === path);
  if (!found) throw new Error(`no route ${path}`);
  return found;
};
const at = (pathname: string, search = '') => ({ pathname, search });

function user(role: Role): SessionUser {
  return {
    id: '7',
    email: 'someone@example.cn',
    displayName: '某人',
    role,
    organization: { id: '3', name: '某单位', kind: role === 'applicant' ? 'enterprise' : 'department', code: 'X' },
    twoFactorEnabled: true,
    twoFactorRequired: role !== 'applicant',
    passwordExpiresAt: null,
  };
}
function session(role: Role | null, stage: SessionInfo['stage'] = 'full'): SessionInfo {
  return {
    authenticated: role !== null && stage === 'full', // as the server sends it
    stage: role === null ? null : stage,
    user: role === null ? null : user(role),
    csrfToken: 't',
    idleExpiresAt: null,
    absoluteExpiresAt: null,
  };
}

test('an anonymous visitor of the app is sent to sign in, keeping the page asked for', () => {
  assert.deepEqual(decide(route('/accounts'), session(null), at('/accounts', '?page=2')), { kind: 'redirect', to: '/login?next=%2Faccounts%3Fpage%3D2' });
  assert.deepEqual(decide(route('/'), session(null), at('/')), { kind: 'redirect', to: '/login' });
});

test('a session part-way through signing in goes to its step and nowhere else', () => {
  const pending = session('administrator', 'totp');
  assert.deepEqual(decide(route('/audit'), pending, at('/audit')), { kind: 'redirect', to: '/two-factor?next=%2Faudit' });
  assert.deepEqual(decide(route('/login'), pending, at('/login', '?next=%2Faudit')), { kind: 'redirect', to: '/two-factor?next=%2Faudit' });
  assert.deepEqual(decide(route('/two-factor'), pending, at('/two-factor')), { kind: 'render' });
  assert.deepEqual(decide(route('/change-password'), pending, at('/change-password')), { kind: 'redirect', to: '/two-factor' });
  assert.deepEqual(decide(route('/'), session('expert', 'totp_enrol'), at('/')), { kind: 'redirect', to: '/two-factor/setup' });
  assert.deepEqual(decide(route('/organizations'), session('city_officer', 'password_change'), at('/organizations')), {
    kind: 'redirect',
    to: '/change-password?next=%2Forganizations',
  });
});

test('a finished step, and the sign-in page, send a signed-in user on', () => {
  assert.deepEqual(decide(route('/two-factor'), session('auditor'), at('/two-factor', '?next=%2Faudit')), { kind: 'redirect', to: '/audit' });
  assert.deepEqual(decide(route('/login'), session('auditor'), at('/login')), { kind: 'redirect', to: '/' });
  assert.deepEqual(decide(route('/two-factor'), session(null), at('/two-factor')), { kind: 'redirect', to: '/login' });
  assert.deepEqual(decide(route('/reset-password'), session('auditor'), at('/reset-password', '?token=x')), { kind: 'render' });
});

test('the next page is never another site', () => {
  assert.deepEqual(decide(route('/login'), session('auditor'), at('/login', '?next=%2F%2Fevil.example')), { kind: 'redirect', to: '/' });
  assert.deepEqual(decide(route('/login'), session('auditor'), at('/login', '?next=https%3A%2F%2Fevil.example')), { kind: 'redirect', to: '/' });
});

test('a screen the role may not open is refused', () => {
  assert.deepEqual(decide(route('/accounts'), session('city_officer'), at('/accounts')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/organizations'), session('applicant'), at('/organizations')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/admin/outbox'), session('auditor'), at('/admin/outbox')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/admin/outbox'), session('administrator'), at('/admin/outbox')), { kind: 'render' });
});

test('programs are managed by province officers and administrators, and read by everyone', () => {
  const designer = route('/programs/:code/versions/:version');
  assert.deepEqual(decide(route('/programs'), session('city_officer'), at('/programs')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/programs'), session('province_officer'), at('/programs')), { kind: 'render' });
  assert.deepEqual(decide(designer, session('applicant'), at('/programs/hebei-2016-internet-plus/versions/1')), { kind: 'render' });
  assert.deepEqual(decide(designer, session(null), at('/programs/hebei-2016-internet-plus/versions/1', '?tab=rules')), {
    kind: 'redirect',
    to: '/login?next=%2Fprograms%2Fhebei-2016-internet-plus%2Fversions%2F1%3Ftab%3Drules',
  });
});

test('each role sees the menu its work needs', () => {
  const menus = Object.fromEntries(ROLES.map((role) => [role, menuFor(user(role)).map((r) => r.path)]));
  assert.deepEqual(menus, {
    applicant: ['/', '/my-organization', '/profile', '/calls', '/applications', '/projects', '/operations/report', '/account/security'],
    expert: ['/', '/my-organization', '/reviews', '/account/security'],
    task_force_reviewer: ['/', '/my-organization', '/task-force', '/account/security'],
    city_officer: ['/', '/my-organization', '/organizations', '/applications', '/recommendations', '/projects', '/statistics', '/statistics/map', '/operations', '/operations/capacity', '/account/security'],
    province_officer: ['/', '/my-organization', '/organizations', '/calls', '/applications', '/selection', '/experts', '/projects', '/spot-checks', '/bans', '/targets', '/statistics', '/statistics/map', '/operations', '/operations/capacity', '/programs', '/account/security'],
    finance_officer: ['/', '/my-organization', '/organizations', '/applications', '/selection', '/projects', '/disbursements', '/targets', '/statistics', '/statistics/map', '/operations', '/operations/capacity', '/account/security'],
    auditor: ['/', '/my-organization', '/organizations', '/applications', '/selection', '/projects', '/targets', '/statistics', '/statistics/map', '/operations', '/operations/capacity', '/accounts', '/audit', '/account/security'],
    administrator: ['/', '/my-organization', '/organizations', '/calls', '/applications', '/selection', '/experts', '/projects', '/spot-checks', '/bans', '/targets', '/statistics', '/statistics/map', '/operations', '/operations/capacity', '/programs', '/accounts', '/audit', '/admin/outbox', '/account/security'],
  });
});

test('the applications screen is 我的申报 for an applicant and 申报项目 for officers; calls are read by all, listed for those who apply or manage', () => {
  const applications = route('/applications');
  assert.equal(titleOf(applications, user('applicant')), 'myApplications');
  assert.equal(titleOf(applications, user('city_officer')), 'applications');
  assert.equal(titleOf(applications, user('auditor')), 'applications');
  assert.equal(titleOf(route('/calls'), user('applicant')), 'calls');
  assert.deepEqual(decide(route('/calls/:id'), session('expert'), at('/calls/1')), { kind: 'render' });
  assert.deepEqual(decide(route('/calls'), session('city_officer'), at('/calls')), { kind: 'render' });
  assert.deepEqual(decide(route('/profile'), session('city_officer'), at('/profile')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/profile'), session('applicant'), at('/profile')), { kind: 'render' });
  assert.deepEqual(decide(route('/applications/:id'), session('expert'), at('/applications/1')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/notifications'), session('expert'), at('/notifications')), { kind: 'render' });
  // Selection: the city's recommendations, the province's workspace, an expert's reviews; the public notices for anyone.
  assert.deepEqual(decide(route('/recommendations/:callId'), session('province_officer'), at('/recommendations/1')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/selection/:callId'), session('city_officer'), at('/selection/1')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/reviews/:id'), session('city_officer'), at('/reviews/1')), { kind: 'forbidden' });
  assert.deepEqual(decide(route('/reviews/:id'), session('expert'), at('/reviews/1')), { kind: 'render' });
  assert.deepEqual(decide(route('/public/notices/:id'), session(null), at('/public/notices/1')), { kind: 'render' });
});
