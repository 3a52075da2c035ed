import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ACTIONS, can, mayAttempt, scopeFor, type Actor } from '../../src/core/access-policy.ts';
import { ROLES, type Role } from '../../src/core/roles.ts';

// A small tree: platform 1 → Hebei 2 → 石家庄 3 → enterprise 30; 唐山 4 → enterprise 40;
// Hebei departments 5 (工信厅), 6 (财政厅), 7 (审计厅), 8 (expert pool); Shandong 9 → task force 90.
const PATHS: Record<string, string[]> = {
  platform: ['1'],
  hebei: ['1', '2'],
  shijiazhuang: ['1', '2', '3'],
  sjzEnterprise: ['1', '2', '3', '30'],
  tangshan: ['1', '2', '4'],
  tsEnterprise: ['1', '2', '4', '40'],
  miit: ['1', '2', '5'],
  finance: ['1', '2', '6'],
  audit: ['1', '2', '7'],
  experts: ['1', '2', '8'],
  shandongTaskForce: ['1', '9', '90'],
  shandongEnterprise: ['1', '9', '91', '910'],
};

const HOME: Record<Role, string> = {
  applicant: 'sjzEnterprise',
  city_officer: 'shijiazhuang',
  province_officer: 'miit',
  task_force_reviewer: 'shandongTaskForce',
  expert: 'experts',
  finance_officer: 'finance',
  auditor: 'audit',
  administrator: 'platform',
};

const actor = (role: Role): Actor => {
  const path = PATHS[HOME[role]]!;
  return { accountId: '1', role, organizationId: path.at(-1)!, organizationPath: path };
};
const rec = (key: string) => ({ organizationPath: PATHS[key]! });

const HEBEI = ['hebei', 'shijiazhuang', 'sjzEnterprise', 'tangshan', 'tsEnterprise', 'miit', 'finance', 'audit', 'experts'];

/** The expected reach for every role and action: which records of the tree each may touch. */
const EXPECTED: Record<string, Partial<Record<Role, string[]>>> = {
  'organization.read': {
    administrator: Object.keys(PATHS),
    auditor: ['hebei', 'shijiazhuang', 'sjzEnterprise', 'tangshan', 'tsEnterprise', 'miit', 'finance', 'audit', 'experts'],
    province_officer: ['hebei', 'shijiazhuang', 'sjzEnterprise', 'tangshan', 'tsEnterprise', 'miit', 'finance', 'audit', 'experts'],
    finance_officer: ['hebei', 'shijiazhuang', 'sjzEnterprise', 'tangshan', 'tsEnterprise', 'miit', 'finance', 'audit', 'experts'],
    city_officer: ['shijiazhuang', 'sjzEnterprise'],
    task_force_reviewer: ['shandongTaskForce'],
    expert: ['experts'],
    applicant: ['sjzEnterprise'],
  },
  'organization.update': {
    administrator: Object.keys(PATHS),
    province_officer: ['hebei', 'shijiazhuang', 'sjzEnterprise', 'tangshan', 'tsEnterprise', 'miit', 'finance', 'audit', 'experts'],
    city_officer: ['shijiazhuang', 'sjzEnterprise'],
    applicant: ['sjzEnterprise'],
  },
  'account.read': {
    administrator: Object.keys(PATHS),
    auditor: ['hebei', 'shijiazhuang', 'sjzEnterprise', 'tangshan', 'tsEnterprise', 'miit', 'finance', 'audit', 'experts'],
  },
  'account.manage': { administrator: Object.keys(PATHS) },
  'audit.read': { administrator: Object.keys(PATHS), auditor: Object.keys(PATHS) },
  'audit.verify': { administrator: Object.keys(PATHS), auditor: Object.keys(PATHS) },
  'program.read': Object.fromEntries(ROLES.map((r) => [r, Object.keys(PATHS)])),
  'program.manage': {
    administrator: Object.keys(PATHS),
    province_officer: HEBEI,
  },
  'profile.read': {
    administrator: Object.keys(PATHS),
    auditor: Object.keys(PATHS),
    province_officer: HEBEI,
    finance_officer: HEBEI,
    city_officer: ['shijiazhuang', 'sjzEnterprise'],
    applicant: ['sjzEnterprise'],
  },
  'profile.update': { applicant: ['sjzEnterprise'] },
  'call.read': Object.fromEntries(ROLES.map((r) => [r, Object.keys(PATHS)])),
  'call.manage': { administrator: Object.keys(PATHS), province_officer: HEBEI },
  'application.read': {
    administrator: Object.keys(PATHS),
    auditor: Object.keys(PATHS),
    province_officer: HEBEI,
    finance_officer: HEBEI,
    city_officer: ['shijiazhuang', 'sjzEnterprise'],
    applicant: ['sjzEnterprise'],
  },
  'application.apply': { applicant: ['sjzEnterprise'] },
  'application.review': { city_officer: ['shijiazhuang', 'sjzEnterprise'] },
  'selection.manage': { administrator: Object.keys(PATHS), province_officer: HEBEI },
  'selection.read': { administrator: Object.keys(PATHS), auditor: Object.keys(PATHS), province_officer: HEBEI, finance_officer: HEBEI },
  'taskforce.opine': { task_force_reviewer: ['shandongTaskForce'] },
  'expert.review': { expert: ['experts'] },
  'project.read': {
    administrator: Object.keys(PATHS),
    auditor: Object.keys(PATHS),
    province_officer: HEBEI,
    finance_officer: HEBEI,
    city_officer: ['shijiazhuang', 'sjzEnterprise'],
    applicant: ['sjzEnterprise'],
  },
  'project.report': { applicant: ['sjzEnterprise'] },
  'project.supervise': { city_officer: ['shijiazhuang', 'sjzEnterprise'] },
  'project.manage': { administrator: Object.keys(PATHS), province_officer: HEBEI },
  'funds.disburse': { finance_officer: HEBEI },
  'oversight.manage': { administrator: Object.keys(PATHS), province_officer: HEBEI },
  'statistics.read': {
    administrator: Object.keys(PATHS),
    auditor: Object.keys(PATHS),
    province_officer: HEBEI,
    finance_officer: HEBEI,
    city_officer: ['shijiazhuang', 'sjzEnterprise'],
  },
  'targets.read': { administrator: Object.keys(PATHS), auditor: Object.keys(PATHS), province_officer: HEBEI, finance_officer: HEBEI },
  'targets.report': { administrator: Object.keys(PATHS), province_officer: HEBEI },
  'operations.report': { applicant: ['sjzEnterprise'] },
  'operations.read': {
    administrator: Object.keys(PATHS),
    auditor: Object.keys(PATHS),
    province_officer: HEBEI,
    finance_officer: HEBEI,
    city_officer: ['shijiazhuang', 'sjzEnterprise'],
    applicant: ['sjzEnterprise'],
  },
};

test('every action of the policy has an expectation here', () => {
  assert.deepEqual(Object.keys(EXPECTED).sort(), [...ACTIONS].sort());
});

for (const action of ACTIONS) {
  for (const role of ROLES) {
    test(`${action} × ${role}: own versus other organizations`, () => {
      const allowed = new Set(EXPECTED[action]![role] ?? []);
      assert.equal(mayAttempt(actor(role), action), allowed.size > 0);
      for (const key of Object.keys(PATHS)) {
        assert.equal(can(actor(role), action, rec(key)), allowed.has(key), `${role} ${action} ${key}`);
      }
    });
  }
}

test('a 石家庄 city officer reaches 石家庄 records and no 唐山 record', () => {
  const officer = actor('city_officer');
  assert.equal(can(officer, 'organization.read', rec('sjzEnterprise')), true);
  assert.equal(can(officer, 'organization.read', rec('tsEnterprise')), false);
  assert.equal(can(officer, 'organization.update', rec('tangshan')), false);
  assert.deepEqual(scopeFor(officer, 'organization.read'), { kind: 'subtree', rootId: '3' });
});
