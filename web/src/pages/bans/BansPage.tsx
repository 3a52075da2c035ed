/** The province's list of application bans, with their expiry; filtered (in force / expired) and paged on the server. */
import { Input, Segmented, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../contracts/common.ts';
import { api } from '../../api/client.ts';
import { Citation } from '../../components/Citation.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useListParams } from '../../lib/list-params.ts';

export interface Ban {
  id: string;
  organizationId: string;
  organizationName: string;
  creditCode: string | null;
  applicationId: string | null;
  scope: 'all_programs' | 'this_program';
  programCode: string | null;
  fromDate: string;
  untilDate: string;
  lastDay: string;
  citation: string;
  active: boolean;
}

export default function BansPage() {
  const { t } = useTranslation();
  const { params, update, onTableChange } = useListParams(['status', 'q'] as const);
  const status = params.filters.status === 'active' || params.filters.status === 'expired' ? params.filters.status : undefined;
  const query = useQuery({
    queryKey: ['bans', params.page, params.pageSize, status, params.filters.q],
    queryFn: ({ signal }) => api.get<Page<Ban> & { today: string }>('/api/bans', { page: params.page, pageSize: params.pageSize, status, q: params.filters.q }, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<Ban> = [
    { title: t('bans.organization'), dataIndex: 'organizationName' },
    { title: t('bans.creditCode'), dataIndex: 'creditCode', render: (v: string | null) => v ?? '—' },
    { title: t('bans.from'), dataIndex: 'fromDate' },
    { title: t('bans.lastDay'), dataIndex: 'lastDay' },
    { title: t('bans.until'), dataIndex: 'untilDate' },
    { title: t('bans.scope'), dataIndex: 'scope', render: (v: Ban['scope'], b) => (v === 'all_programs' ? t('sanctions.scope.all_programs') : `${t('sanctions.scope.this_program')} ${b.programCode ?? ''}`) },
    { title: t('bans.citation'), dataIndex: 'citation', render: (v: string) => <Citation value={v} /> },
    { title: t('bans.status'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="red">{t('bans.active')}</Tag> : <Tag>{t('bans.expired')}</Tag>) },
  ];
  return (
    <div>
      <PageHeader title={t('bans.title')} subtitle={t('bans.subtitle')} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          data-testid="bans-status"
          value={status ?? 'all'}
          onChange={(v) => update({ status: v === 'all' ? undefined : String(v) })}
          options={[
            { value: 'all', label: t('bans.all') },
            { value: 'active', label: t('bans.active') },
            { value: 'expired', label: t('bans.expired') },
          ]}
        />
        <Input.Search data-testid="bans-search" allowClear defaultValue={params.filters.q} placeholder={t('bans.search')} onSearch={(q) => update({ q: q.trim() || undefined })} style={{ width: 280 }} />
      </Space>
      <div data-testid="bans-table">
        <ServerTable<Ban> query={query} columns={columns} params={params} onChange={onTableChange} emptyText={t('bans.empty')} scroll={{ x: 1100 }} />
      </div>
    </div>
  );
}
