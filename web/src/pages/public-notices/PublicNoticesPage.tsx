/** The public list of published notices and final lists (no sign-in), paged on the server; fits a phone. */
import { Card, List, Segmented, Space, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { Page } from '../../../../contracts/common.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { isoDateText } from '../public-notice/period.ts';
import { PortalPage } from '../portal/parts.tsx';

interface Summary {
  id: string;
  title: string;
  programName: { 'zh-CN': string; en: string };
  status: 'published' | 'ended' | 'final';
  publishedAt: string;
  startDate: string | null;
  endDate: string | null;
  provisional: boolean;
  finalList: { title: string; documentNumber: string; publishedAt: string } | null;
}

/** Badge classes (web/src/components/portal.css) whose colours keep 4.5:1 contrast. */
const BADGE = { published: 'portal-badge-notice', ended: 'portal-badge-ended', final: 'portal-badge-final' } as const;

export default function PublicNoticesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const { params, update } = useListParams(['kind'] as const, { pageSize: 10 });
  const kind = params.filters.kind === 'notice' || params.filters.kind === 'final' ? params.filters.kind : undefined;
  const query = useQuery({
    queryKey: ['public-notices', params.page, params.pageSize, kind],
    queryFn: ({ signal }) => api.get<Page<Summary>>('/api/public/notices', { page: params.page, pageSize: params.pageSize, kind }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <PortalPage title={t('publicNotice.public.listTitle')} subtitle={t('publicNotice.public.listSubtitle')} testId="public-notices">
      <Segmented
        data-testid="public-notices-filter"
        aria-label={t('portal.filters.label')}
        value={kind ?? 'all'}
        onChange={(v) => update({ kind: v === 'all' ? undefined : String(v) })}
        options={[
          { value: 'all', label: t('publicNotice.public.filter.all') },
          { value: 'notice', label: t('publicNotice.public.filter.notice') },
          { value: 'final', label: t('publicNotice.public.filter.final') },
        ]}
        style={{ marginBottom: 16 }}
      />
      {query.isError && !query.data ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Card styles={{ body: { padding: '0 16px' } }}>
          <List<Summary>
            data-testid="public-notices-list"
            loading={query.isFetching}
            dataSource={query.data?.items ?? []}
            locale={{ emptyText: query.isPending ? ' ' : <EmptyState description={t('publicNotice.public.empty')} /> }}
            pagination={
              query.data && query.data.total > params.pageSize
                ? { current: params.page, pageSize: params.pageSize, total: query.data.total, size: 'small', onChange: (page) => update({ page }), showSizeChanger: false }
                : false
            }
            renderItem={(n) => (
              // The whole card opens the notice: a large target on a phone (the title stays the link for keyboards and readers).
              <List.Item key={n.id} data-testid={`public-notice-${n.id}`} className="tappable" onClick={(e) => (e.target as HTMLElement).closest('a') || void navigate(`/public/notices/${n.id}`)}>
                <Space orientation="vertical" size={4} style={{ width: '100%' }}>
                  <Link to={`/public/notices/${n.id}`}>
                    <Typography.Title level={2} className="portal-h3" style={{ display: 'inline' }}>
                      {n.finalList && kind === 'final' ? n.finalList.title : n.title}
                    </Typography.Title>
                  </Link>
                  <Space wrap size={[8, 4]}>
                    <span className={`portal-badge ${BADGE[n.status]}`}>{t(`publicNotice.status.${n.status}`)}</span>
                    <Typography.Text type="secondary">{n.programName[format.language]}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary">
                    {t('publicNotice.public.publishedAt')}：{format.date(n.publishedAt)}
                    {n.startDate && n.endDate ? ` · ${t('publicNotice.period')}：${t('publicNotice.periodRange', { start: isoDateText(n.startDate, format.language), end: isoDateText(n.endDate, format.language) })}` : ''}
                  </Typography.Text>
                  {n.finalList ? (
                    <Typography.Text>
                      {t('publicNotice.public.finalList')}：{n.finalList.documentNumber}（{format.date(n.finalList.publishedAt)}）
                    </Typography.Text>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </PortalPage>
  );
}
