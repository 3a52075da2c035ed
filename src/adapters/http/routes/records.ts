/** Organizations, accounts, the audit trail and the outbox. */
import { z } from 'zod';
import { accountActionInput, accountActionResult, accountListQuery, accountPage, createAccountInput, createAccountResult } from '../../../../contracts/accounts.ts';
import { auditListQuery, auditPage, auditVerifyResult } from '../../../../contracts/audit.ts';
import { id, listQuery, pageOf } from '../../../../contracts/common.ts';
import { organization, organizationListQuery, organizationPage, organizationUpdateInput, recommendingUnitList } from '../../../../contracts/organizations.ts';
import { actOnAccount, createAccount, listAccounts } from '../../../use-cases/accounts/accounts.ts';
import { listAuditEvents, listOutbox, verifyAuditTrail } from '../../../use-cases/audit/audit.ts';
import { getOrganization, listOrganizations, listRecommendingUnits, updateOrganization } from '../../../use-cases/organizations/organizations.ts';
import { presentAccount, presentAuditEvent, presentOrganization, presentPage } from '../presenters.ts';
import { route } from '../route.ts';

const idParams = z.object({ id });
const outboxItem = z.object({ id, to: z.string(), subject: z.string(), body: z.string(), status: z.string(), createdAt: z.string(), sentAt: z.string().nullable() });

/** Shanghai midnight of a YYYY-MM-DD date (the platform's dates are Asia/Shanghai, UTC+8 all year). */
const shanghaiDay = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T00:00:00+08:00`) + plusDays * 86_400_000);

export const recordRoutes = [
  route({
    method: 'get',
    path: '/api/public/recommending-units',
    summary: '地市（推荐单位）列表 / Cities and units on a par with them, for registration',
    tag: 'organizations',
    access: 'public',
    response: recommendingUnitList,
    handler: async ({ deps }) => ({
      items: (await listRecommendingUnits(deps)).map((u) => ({ id: u.id, code: u.code, name: u.name, nameEn: u.nameEn, province: u.province, provinceCode: u.provinceCode })),
    }),
  }),
  route({
    method: 'get',
    path: '/api/organizations',
    summary: '单位列表（本人可见范围）/ Organizations within the actor’s reach',
    tag: 'organizations',
    access: 'signedIn',
    action: 'organization.read',
    query: organizationListQuery,
    response: organizationPage,
    handler: async ({ deps, ctx, query }) => presentPage(await listOrganizations(deps, ctx, query), query, presentOrganization),
  }),
  route({
    method: 'get',
    path: '/api/organizations/:id',
    summary: '单位详情 / One organization',
    tag: 'organizations',
    access: 'signedIn',
    action: 'organization.read',
    params: idParams,
    response: organization,
    handler: async ({ deps, ctx, params }) => presentOrganization(await getOrganization(deps, ctx, params.id)),
  }),
  route({
    method: 'patch',
    path: '/api/organizations/:id',
    summary: '修改单位联系信息 / Update an organization’s contact details',
    tag: 'organizations',
    access: 'signedIn',
    action: 'organization.update',
    params: idParams,
    body: organizationUpdateInput,
    response: organization,
    handler: async ({ deps, ctx, params, body }) => presentOrganization(await updateOrganization(deps, ctx, params.id, body)),
  }),
  route({
    method: 'get',
    path: '/api/accounts',
    summary: '账号列表 / Accounts',
    tag: 'accounts',
    access: 'signedIn',
    action: 'account.read',
    query: accountListQuery,
    response: accountPage,
    handler: async ({ deps, ctx, query }) => presentPage(await listAccounts(deps, ctx, query), query, (a) => presentAccount(a)),
  }),
  route({
    method: 'post',
    path: '/api/accounts',
    summary: '开设工作人员账号 / Provision a staff account',
    tag: 'accounts',
    access: 'signedIn',
    action: 'account.manage',
    body: createAccountInput,
    response: createAccountResult,
    status: 201,
    handler: async ({ deps, ctx, body }) => {
      const r = await createAccount(deps, ctx, body);
      const org = await deps.uow.read((repos) => repos.organizations.findById(r.account.organizationId));
      return { account: presentAccount(r.account, org?.name), initialPassword: r.initialPassword };
    },
  }),
  route({
    method: 'post',
    path: '/api/accounts/:id/actions',
    summary: '停用、启用、解锁、重置双因素或密码 / Disable, enable, unlock, reset two-factor or password',
    tag: 'accounts',
    access: 'signedIn',
    action: 'account.manage',
    params: idParams,
    body: accountActionInput,
    response: accountActionResult,
    handler: async ({ deps, ctx, params, body }) => {
      const r = await actOnAccount(deps, ctx, params.id, body);
      const org = await deps.uow.read((repos) => repos.organizations.findById(r.account.organizationId));
      return { account: presentAccount(r.account, org?.name), ...(r.initialPassword ? { initialPassword: r.initialPassword } : {}) };
    },
  }),
  route({
    method: 'get',
    path: '/api/audit-events',
    summary: '审计记录 / Audit records',
    tag: 'audit',
    access: 'signedIn',
    action: 'audit.read',
    query: auditListQuery,
    response: auditPage,
    handler: async ({ deps, ctx, query }) =>
      presentPage(
        await listAuditEvents(deps, ctx, {
          ...query,
          from: query.from ? shanghaiDay(query.from) : undefined,
          to: query.to ? shanghaiDay(query.to, 1) : undefined,
        }),
        query,
        presentAuditEvent,
      ),
  }),
  route({
    method: 'post',
    path: '/api/audit-events/verify',
    summary: '校验审计链 / Verify the audit chain',
    tag: 'audit',
    access: 'signedIn',
    action: 'audit.verify',
    response: auditVerifyResult,
    handler: async ({ deps, ctx }) => verifyAuditTrail(deps, ctx),
  }),
  route({
    method: 'get',
    path: '/api/admin/outbox',
    summary: '待发邮件 / The outgoing mail',
    tag: 'admin',
    access: 'signedIn',
    action: 'account.manage',
    query: listQuery.extend({ order: z.enum(['asc', 'desc']).default('desc') }),
    response: pageOf(outboxItem),
    handler: async ({ deps, ctx, query }) =>
      presentPage(await listOutbox(deps, ctx, query), query, (r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt ? r.sentAt.toISOString() : null })),
  }),
];
