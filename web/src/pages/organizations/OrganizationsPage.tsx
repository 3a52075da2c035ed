/**
 * 组织机构: the organizations the user may see, filtered, sorted and paged on the server (state in
 * the URL). A row opens the organization in a drawer, with its contact form for those who may edit.
 */
import { useState } from 'react';
import { Button, Card, Drawer, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Organization } from '../../../../contracts/organizations.ts';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../../src/core/roles.ts';
import { useUser } from '../../api/session.ts';
import { ListToolbar, SearchFilter, SelectFilter } from '../../components/ListToolbar.tsx';
import { KindTag, OrganizationProfile } from '../../components/OrganizationProfile.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { userMay } from '../../routes.ts';
import { useOrganization, useOrganizations } from './data.ts';

const FILTERS = ['kind', 'parentId', 'q'] as const;
const SORTS = ['name', 'code', 'kind', 'createdAt'] as const;

export default function OrganizationsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user } = useUser();
  const { params, update, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const [openId, setOpenId] = useState<string | null>(null);

  const list = useOrganizations({ page: params.page, pageSize: params.pageSize, sort: sortIn(SORTS), order: params.order, ...params.filters });
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
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="organization-search" placeholder={t('organizations.searchPlaceholder')} {...filterProps('q')} />
          <SelectFilter
            id="organization-kind"
            placeholder={t('organization.kind')}
            options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`organizationKind.${kind}`) }))}
            {...filterProps('kind')}
          />
          {params.filters.parentId ? (
            <Tag closable onClose={() => update({ parentId: undefined })} className="filter-tag">
              {t('organizations.childrenOf', { name: parent.data?.name ?? params.filters.parentId })}
            </Tag>
          ) : null}
        </ListToolbar>

        <ServerTable<Organization>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={t('organizations.empty')}
          scroll={{ x: 860 }}
          onRow={(record) => ({ onClick: () => setOpenId(record.id), className: 'clickable-row' })}
        />
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
