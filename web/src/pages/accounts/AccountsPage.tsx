/**
 * 账号管理: accounts in the user's reach (auditors read, administrators also act), filtered, sorted
 * and paged on the server with the state in the URL.
 */
import { useState } from 'react';
import { App, Button, Card, Dropdown, Space, Tag, Tooltip, Typography, type MenuProps, type TableColumnsType } from 'antd';
import { DownOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../../contracts/accounts.ts';
import { ROLES } from '../../../../src/core/roles.ts';
import { useUser } from '../../api/session.ts';
import { InitialPasswordModal } from '../../components/InitialPasswordModal.tsx';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { OrganizationSelect } from '../../components/OrganizationSelect.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useFormat } from '../../lib/format.ts';
import { roleLabel, roleOptions } from '../../lib/labels.ts';
import { useListParams } from '../../lib/list-params.ts';
import { userMay } from '../../routes.ts';
import { AccountActionModal, type AccountAction } from './AccountActionModal.tsx';
import { CreateAccountModal } from './CreateAccountModal.tsx';
import { useAccounts } from './data.ts';

const FILTERS = ['role', 'status', 'organizationId', 'q'] as const;
const SORTS = ['email', 'displayName', 'role', 'createdAt', 'lastLoginAt'] as const;

const isLocked = (account: Account) => account.lockedUntil !== null && new Date(account.lockedUntil).getTime() > Date.now();

/** The actions that make sense for this account now. */
function actionsFor(account: Account): AccountAction[] {
  const actions: AccountAction[] = [];
  if (account.status === 'active') actions.push('disable');
  else actions.push('enable');
  if (isLocked(account) || account.failedLogins > 0) actions.push('unlock');
  if (account.twoFactorEnabled) actions.push('reset_two_factor');
  actions.push('reset_password');
  return actions;
}

export default function AccountsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const { user } = useUser();
  const manage = userMay(user, 'account.manage');
  const { params, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<{ account: Account; action: AccountAction } | null>(null);
  const [secret, setSecret] = useState<{ password: string; account: string } | null>(null);

  const list = useAccounts({ page: params.page, pageSize: params.pageSize, sort: sortIn(SORTS), order: params.order, ...params.filters });

  const columns: TableColumnsType<Account> = [
    {
      key: 'displayName',
      title: t('account.displayName'),
      sorter: true,
      sortOrder: sortOrderOf('displayName'),
      fixed: 'left',
      width: 210,
      render: (_, a) => (
        <div className="cell-stack">
          <Typography.Text strong>{a.displayName}</Typography.Text>
          <Typography.Text type="secondary" className="cell-sub" ellipsis={{ tooltip: a.email }}>
            {a.email}
          </Typography.Text>
        </div>
      ),
    },
    { key: 'role', dataIndex: 'role', title: t('account.role'), sorter: true, sortOrder: sortOrderOf('role'), width: 120, render: (role: string) => <Tag>{roleLabel(role, format.language)}</Tag> },
    { key: 'organizationName', dataIndex: 'organizationName', title: t('account.organization'), ellipsis: { showTitle: true } },
    {
      key: 'status',
      title: t('account.status'),
      width: 140,
      render: (_, a) => (
        <Space size={4} wrap>
          {a.status === 'active' ? <Tag color="success">{t('account.statusActive')}</Tag> : <Tag color="default">{t('account.statusDisabled')}</Tag>}
          {isLocked(a) ? (
            <Tooltip title={t('account.lockedUntil', { until: format.dateTime(a.lockedUntil) })}>
              <Tag color="error" icon={<LockOutlined />}>
                {t('account.locked')}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { key: 'twoFactor', title: t('account.twoFactor'), width: 96, render: (_, a) => (a.twoFactorEnabled ? <Tag color="success">{t('common.on')}</Tag> : <Tag>{t('common.off')}</Tag>) },
    { key: 'lastLoginAt', dataIndex: 'lastLoginAt', title: t('account.lastLoginAt'), sorter: true, sortOrder: sortOrderOf('lastLoginAt'), width: 160, render: (value: string | null) => (value ? format.dateTime(value) : <Typography.Text type="secondary">{t('account.never')}</Typography.Text>) },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('account.createdAt'), sorter: true, sortOrder: sortOrderOf('createdAt'), width: 130, render: (value: string) => format.date(value) },
    ...(manage
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            fixed: 'right' as const,
            width: 96,
            render: (_: unknown, a: Account) => {
              const items: MenuProps['items'] = actionsFor(a).map((action) => ({
                key: action,
                label: t(`accounts.actions.${action}`),
                danger: action === 'disable',
              }));
              return (
                <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => setActing({ account: a, action: key as AccountAction }) }}>
                  <Button size="small" data-testid={`account-actions-${a.id}`}>
                    {t('common.actions')} <DownOutlined />
                  </Button>
                </Dropdown>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.accounts')}
        subtitle={t('navDesc.accounts')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-account">
              {t('accounts.create.button')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="account-search" placeholder={t('accounts.searchPlaceholder')} {...filterProps('q')} />
          <SelectFilter id="account-role" placeholder={t('account.role')} options={roleOptions(format.language, ROLES)} {...filterProps('role')} />
          <SelectFilter
            id="account-status"
            narrow
            placeholder={t('account.status')}
            options={[
              { value: 'active', label: t('account.statusActive') },
              { value: 'disabled', label: t('account.statusDisabled') },
            ]}
            {...filterProps('status')}
          />
          <OrganizationSelect id="account-organization" allowClear placeholder={t('account.organization')} style={{ width: 220 }} {...filterProps('organizationId')} />
        </ListToolbar>

        <ServerTable<Account>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={filtered ? t('states.noMatch') : t('accounts.empty')}
          scroll={{ x: 1040 }}
        />
      </Card>

      <CreateAccountModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(account, initialPassword) => {
          setCreating(false);
          void message.success(t('accounts.create.done', { email: account.email }));
          setSecret({ password: initialPassword, account: `${account.displayName} <${account.email}>` });
        }}
      />
      <AccountActionModal
        target={acting}
        onClose={() => setActing(null)}
        onDone={(account, initialPassword) => {
          const action = acting?.action;
          setActing(null);
          if (action) void message.success(t('accounts.actionDone', { action: t(`accounts.actions.${action}`), email: account.email }));
          if (initialPassword) setSecret({ password: initialPassword, account: `${account.displayName} <${account.email}>` });
        }}
      />
      <InitialPasswordModal password={secret?.password ?? null} account={secret?.account ?? ''} onClose={() => setSecret(null)} />
    </>
  );
}
