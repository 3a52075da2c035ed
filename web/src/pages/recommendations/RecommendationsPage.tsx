/**
 * 推荐名单 (city officer): the published calls of its province, each with the city's own list
 * (not started, in progress, submitted or sent back), its size against the quota and the projects
 * that passed the city's review; each links to the list's workspace. Paged and sorted on the server.
 */
import { Card, Space, Typography, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ListToolbar, SearchFilter } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable } from '../../components/ServerTable.tsx';
import { callColumns } from '../../components/StatusTags.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { useCityCalls, type CityCall } from '../recommendation/data.ts';
import { ListStatusTag } from '../recommendation/parts.tsx';

const FILTERS = ['q'] as const;
const SORTS = ['deadlineAt', 'opensAt', 'title'] as const;

export default function RecommendationsPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const navigate = useNavigate();
  const { params, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps } = useListParams(FILTERS);
  const list = useCityCalls({ page: params.page, pageSize: params.pageSize, sort: sortIn(SORTS), order: params.order ?? 'desc', ...params.filters });

  const columns: TableColumnsType<CityCall> = [
    ...callColumns<CityCall>({
      linkTo: (id) => `/recommendations/${id}`,
      testId: 'recommendation-call-link',
      labels: { title: t('recommendation.call'), status: t('recommendation.callStatus'), deadline: t('calls.deadline') },
      language,
      dateTime: format.dateTime,
      sortOrderOf,
    }),
    { key: 'candidates', title: t('recommendation.passedCount'), width: 110, align: 'right', render: (_, c) => c.candidates },
    {
      key: 'list',
      title: t('recommendation.listStatus'),
      width: 200,
      render: (_, c) => (
        <Space size={4} wrap>
          <ListStatusTag status={c.listStatus} />
          <Typography.Text type="secondary">{t('recommendation.usedOfQuota', { used: c.items, quota: c.quota ?? '—' })}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'documentNumber',
      title: t('recommendation.documentNumber'),
      width: 180,
      render: (_, c) => (c.listStatus === 'returned' ? <Typography.Text type="warning">{t('recommendation.returnedShort')}</Typography.Text> : (c.documentNumber ?? '—')),
    },
  ];

  return (
    <>
      <PageHeader title={t('nav.recommendations')} subtitle={t('navDesc.recommendations')} />
      <Card variant="borderless" className="page-card">
        <ListToolbar filtered={filtered} onClear={clearFilters} onRefresh={() => void list.refetch()}>
          <SearchFilter id="recommendation-call-search" placeholder={t('recommendation.searchCalls')} {...filterProps('q')} />
        </ListToolbar>
        <ServerTable<CityCall>
          query={list}
          columns={columns}
          params={params}
          onChange={onTableChange}
          emptyText={filtered ? t('states.noMatch') : t('recommendation.noCalls')}
          scroll={{ x: 960 }}
          onRow={(record) => ({ onClick: () => void navigate(`/recommendations/${record.id}`), className: 'clickable-row', 'data-testid': `recommendation-call-${record.id}` }) as never}
        />
      </Card>
    </>
  );
}
