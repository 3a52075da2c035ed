/**
 * 组织机构: the organizations the user may see, filtered, sorted and paged on the server (state in
 * the URL). A row opens the organization in a drawer, with its contact form for those who may edit.
 */
import { useState } from 'react';
import { Button, Card, Drawer, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../contracts/organizations.ts';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../src/core/roles.ts';
import { useUser } from '../../api/session.ts';
import { KindTag, OrganizationProfile } from '../../components/OrganizationProfile.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { userMay } from '../../routes.ts';
import { useOrganization, useOrganizations, type OrganizationListParams } from './data.ts';

const FILTERS = ['kind', 'parentId', 'q'] as const;
const SORTS = ['name', 'code', 'kind', 'createdAt'] as const;
type Sort = (typeof SORTS)[number];

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useUser();
  const { params, update, onTableChange, sortOrderOf, pageSizeOptions } = useListParams(FILTERS);
  const [openId, setOpenId] = useState<string | null>(null);

  const query: OrganizationListParams = {
    page: params.page,
    pageSize: params.pageSize,
    sort: SORTS.includes(params.sort as Sort) ? (params.sort as Sort) : undefined,
    order: params.order,
    kind: params.filters.kind,
    parentId: params.filters.parentId,
    q: params.filters.q,
  };
  const list = useOrganizations(query);
  const parent = useOrganization(params.filters.parentId, { secondary: true });
  const open = list.data?.items.find((o) => o.id === openId);

  const columns: TableColumnsType<Organization> = [
    {
      key: 'name',
      title: t('organization.name'),
      sorter: true,
      sortOrder: sortOrderOf('name'),
      render: (_, o) => (
        <div className="cell-stack">
          <Typography.Text strong>{format.language === 'en' && o.nameEn ? o.nameEn : o.name}</Typography.Text>
          {o.ancestors.length ? <Typography.Text type="secondary" className="cell-sub">{o.ancestors.join(' / ')}</Typography.Text> : null}
        </div>
      ),
    },
    { key: 'code', dataIndex: 'code', title: t('organization.code'), sorter: true, sortOrder: sortOrderOf('code'), width: 150, render: (code: string) => <span className="mono">{code}</span> },
    { key: 'kind', dataIndex: 'kind', title: t('organization.kind'), sorter: true, sortOrder: sortOrderOf('kind'), width: 130, render: (kind: OrganizationKind) => <KindTag kind={kind} /> },
    { key: 'contact', title: t('organization.contact'), width: 200, render: (_, o) => (o.contactName || o.contactPhone ? <div className="cell-stack"><span>{o.contactName ?? '—'}</span><Typography.Text type="secondary" className="cell-sub">{o.contactPhone ?? ''}</Typography.Text></div> : <Typography.Text type="secondary">—</Typography.Text>) },
    { key: 'createdAt', dataIndex: 'createdAt', title: t('organization.createdAt'), sorter: true, sortOrder: sortOrderOf('createdAt'), width: 180, render: (value: string) => format.dateTime(value) },
  ];

  return (
    <>
      <PageHeader title={t('nav.organizations')} subtitle={t('navDesc.organizations')} />
      <Card variant="borderless" className="page-card">
        <div className="toolbar">
          <Space wrap>
            <Input.Search
              key={params.filters.q ?? ''}
              id="organization-search"
              allowClear
              defaultValue={params.filters.q}
              placeholder={t('organizations.searchPlaceholder')}
              onSearch={(value) => update({ q: value.trim() || undefined })}
              className="toolbar-search"
            />
            <Select
              id="organization-kind"
              allowClear
              placeholder={t('organization.kind')}
              value={params.filters.kind}
              onChange={(value: string | undefined) => update({ kind: value })}
              options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationKind.${kind}`) }))}
              className="toolbar-select"
            />
            {params.filters.parentId ? (
              <Tag closable onClose={() => update({ parentId: undefined })} className="filter-tag">
                {t('organizations.childrenOf', { name: parent.data?.name ?? params.filters.parentId })}
              </Tag>
            ) : null}
          </Space>
          <Space>
            {params.filters.q || params.filters.kind || params.filters.parentId ? (
              <Button onClick={() => update({ q: undefined, kind: undefined, parentId: undefined })}>{t('common.clearFilters')}</Button>
            ) : null}
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t('common.refresh')} />
          </Space>
        </div>

        {list.isError && !list.data ? (
          <ErrorResult error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Organization>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            onChange={onTableChange}
            onRow={(record) => ({ onClick: () => setOpenId(record.id), className: 'clickable-row' })}
            locale={{ emptyText: list.isPending ? ' ' : <EmptyState description={t('organizations.empty')} /> }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            scroll={{ x: 860 }}
          />
        )}
      </Card>

      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size={560}
        title={
          open ? (
            <Space wrap>
              {format.language === 'en' && open.nameEn ? open.nameEn : open.name}
              <KindTag kind={open.kind} />
            </Space>
          ) : (
            t('organizations.detail')
          )
        }
        destroyOnHidden
        extra={
          openId ? (
            <Button
              icon={<ApartmentOutlined />}
              onClick={() => {
                update({ parentId: openId, kind: undefined, q: undefined });
                setOpenId(null);
              }}
            >
              {t('organizations.showChildren')}
            </Button>
          ) : null
        }
      >
        {openId ? <OrganizationProfile id={openId} editable={userMay(user, 'organization.update')} compact /> : null}
      </Drawer>
    </>
  );
}
