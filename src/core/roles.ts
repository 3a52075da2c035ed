/** The platform's roles (DESIGN.md "People and places") and the organization kinds they belong to. */
export const ROLES = [
  'applicant',
  'city_officer',
  'province_officer',
  'task_force_reviewer',
  'expert',
  'finance_officer',
  'auditor',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

/** Staff roles must use two-factor authentication (等保 三级 8.1.4.1 d: two or more authentication factors). */
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'applicant');
export const isStaff = (role: Role): boolean => role !== 'applicant';

export const ORGANIZATION_KINDS = ['platform', 'province', 'department', 'city', 'task_force', 'expert_pool', 'enterprise'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Which kinds of organization an account of each role may belong to. */
export const ROLE_ORGANIZATION_KINDS: Record<Role, readonly OrganizationKind[]> = {
  applicant: ['enterprise'],
  city_officer: ['city'],
  province_officer: ['department'],
  task_force_reviewer: ['task_force', 'department'],
  expert: ['expert_pool'],
  finance_officer: ['department'],
  auditor: ['department', 'platform'],
  administrator: ['platform'],
};

export const ROLE_LABELS: Record<Role, { 'zh-CN': string; en: string }> = {
  applicant: { 'zh-CN': '申报单位', en: 'Applicant' },
  city_officer: { 'zh-CN': '市级主管部门', en: 'City officer' },
  province_officer: { 'zh-CN': '省级主管部门', en: 'Province officer' },
  task_force_reviewer: { 'zh-CN': '产业专班', en: 'Task-force reviewer' },
  expert: { 'zh-CN': '评审专家', en: 'Expert' },
  finance_officer: { 'zh-CN': '财政部门', en: 'Finance officer' },
  auditor: { 'zh-CN': '纪检审计', en: 'Auditor' },
  administrator: { 'zh-CN': '系统管理员', en: 'Administrator' },
};
