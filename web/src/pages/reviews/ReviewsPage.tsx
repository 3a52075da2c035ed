/** 我的评审任务: the signed-in expert's assignments with their status; a row opens the review. */
import { Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MyAssignments } from '../../../../contracts/review.ts';
import { api } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EmptyState, QueryView } from '../../components/QueryState.tsx';

type Item = MyAssignments['items'][number];

export const STATUS_COLORS: Record<string, string> = { assigned: 'orange', accepted: 'blue', declined_conflict: 'default', submitted: 'green' };

export default function ReviewsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const query = useQuery({ queryKey: ['reviews'], queryFn: ({ signal }) => api.get<MyAssignments>('/api/reviews', undefined, signal) });
  const columns: TableColumnsType<Item> = [
    { key: 'project', title: t('reviews.project'), render: (_, i) => <div className="cell-stack"><Typography.Text strong>{i.projectName}</Typography.Text><Typography.Text type="secondary" className="cell-sub">{i.organizationName}</Typography.Text></div> },
    { key: 'call', dataIndex: 'callTitle', title: t('reviews.call') },
    { key: 'status', title: t('reviews.status'), width: 140, render: (_, i) => <Tag color={STATUS_COLORS[i.status]} data-testid={`review-status-${i.id}`}>{t(`reviews.statuses.${i.status}`)}</Tag> },
    { key: 'total', title: t('reviews.total'), width: 100, render: (_, i) => (i.status === 'submitted' && i.total !== null ? i.total : '—') },
  ];
  return (
    <>
      <PageHeader title={t('reviews.title')} subtitle={t('reviews.subtitle')} />
      <Card variant="borderless" className="page-card">
        <QueryView query={query} isEmpty={(d) => d.items.length === 0} empty={<EmptyState description={query.data?.expert === null ? t('reviews.notInPool') : t('reviews.empty')} />}>
          {(data) => (
            <Table<Item>
              rowKey="id"
              size="middle"
              data-testid="reviews-table"
              columns={columns}
              dataSource={data.items}
              pagination={data.items.length > 20 ? { pageSize: 20 } : false}
              scroll={{ x: 760 }}
              onRow={(r) => ({ onClick: () => void navigate(`/reviews/${r.id}`), className: 'clickable-row' })}
            />
          )}
        </QueryView>
      </Card>
    </>
  );
}
