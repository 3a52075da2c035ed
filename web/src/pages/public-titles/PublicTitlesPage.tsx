/** The public list of titled enterprises (no sign-in; revoked titles never listed), paged on the server; fits a phone. */
import { Card, Input, List, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../contracts/common.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { FilterField, PortalPage } from '../portal/parts.tsx';

interface PublicTitle {
  id: string;
  organizationName: string;
  cityName: string | null;
  title: { 'zh-CN': string; en: string };
  programName: { 'zh-CN': string; en: string };
  awardedOn: string;
}

export default function PublicTitlesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { params, update } = useListParams(['q'] as const, { pageSize: 10 });
  const query = useQuery({
    queryKey: ['public-titles', params.page, params.pageSize, params.filters.q],
    queryFn: ({ signal }) => api.get<Page<PublicTitle>>('/api/public/titles', { page: params.page, pageSize: params.pageSize, q: params.filters.q }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalPage title={t('oversightPublic.title')} subtitle={t('oversightPublic.subtitle')} testId="public-titles">
      <div role="search" className="portal-filters" aria-label={t('portal.filters.label')}>
        <FilterField id="public-titles-search" label={t('portal.filters.search')}>
          <Input.Search
            id="public-titles-search"
            data-testid="public-titles-search"
            allowClear
            defaultValue={params.filters.q}
            placeholder={t('oversightPublic.search')}
            enterButton={t('portal.filters.search')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            className="portal-filter-control portal-filter-search"
          />
        </FilterField>
      </div>
      {query.isError && !query.data ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Card styles={{ body: { padding: '0 16px' } }}>
          <List<PublicTitle>
            data-testid="public-titles-list"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            locale={{ emptyText: query.isPending ? ' ' : <EmptyState description={t('oversightPublic.empty')} /> }}
            pagination={
              query.data && query.data.total > params.pageSize
                ? { current: params.page, pageSize: params.pageSize, total: query.data.total, size: 'small', onChange: (page) => update({ page }), showSizeChanger: false }
                : false
            }
            renderItem={(item) => (
              <List.Item key={item.id} data-testid={`public-title-${item.id}`}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Typography.Title level={2} className="portal-h3">
                    {item.organizationName}
                  </Typography.Title>
                  <Space wrap size={[8, 4]}>
                    <span className="portal-badge portal-badge-ended">{item.title[format.language]}</span>
                    {item.cityName ? <Typography.Text type="secondary">{item.cityName}</Typography.Text> : null}
                  </Space>
                  <Typography.Text type="secondary">{item.programName[format.language]}</Typography.Text>
                  <Typography.Text type="secondary">
                    {t('oversightPublic.awardedOn')}：{format.date(`${item.awardedOn}T12:00:00+08:00`)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </PortalPage>
  );
}
