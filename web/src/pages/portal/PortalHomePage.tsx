/**
 * The portal's home (no sign-in): how many calls are open, notices, final lists and titled
 * enterprises there are, then the open calls (closing soonest first, with the days left), the
 * latest notices and the latest final lists, each linking on to its full list.
 */
import type { ReactNode } from 'react';
import { Card, Skeleton, Typography } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../../contracts/common.ts';
import { EmptyState, ErrorResult } from '../../components/QueryState.tsx';
import { CallCard, FinalListCard, NoticeCard } from './cards.tsx';
import { useLatestNotices, usePublicCalls, usePublicFinalLists, useTitleCount } from './data.ts';
import { PortalPage } from './parts.tsx';

const LATEST = 5;

export default function PortalHomePage() {
  const { t } = useTranslation();
  const open = usePublicCalls({ page: 1, pageSize: LATEST, status: 'open', sort: 'status' });
  const notices = useLatestNotices(LATEST);
  const lists = usePublicFinalLists({ page: 1, pageSize: LATEST });
  const titles = useTitleCount();
  const stats = [
    { key: 'openCalls', to: '/portal/calls?status=open', total: open.data?.total },
    { key: 'notices', to: '/public/notices', total: notices.data?.total },
    { key: 'finalLists', to: '/portal/final-lists', total: lists.data?.total },
    { key: 'titles', to: '/public/titles', total: titles.data?.total },
  ] as const;
  return (
    <PortalPage title={t('portal.homeTitle')} subtitle={t('portal.homeIntro')} testId="portal-home">
      <section aria-label={t('portal.stats.label')}>
        <ul className="portal-stats">
          {stats.map((s) => (
            <li key={s.key}>
              <Link to={s.to} className="portal-stat" data-testid={`portal-stat-${s.key}`}>
                <span className="portal-stat-value" data-value={s.total ?? ''}>
                  {s.total ?? '—'}
                </span>
                <span className="portal-stat-label">{t(`portal.stats.${s.key}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <div className="portal-home-grid">
        <Section id="open-calls" title={t('portal.sections.openCalls')} more="/portal/calls" wide query={open} empty={t('portal.callsEmpty')}>
          {(page) => page.items.map((c) => <CallCard key={c.id} call={c} level={3} />)}
        </Section>
        <Section id="latest-notices" title={t('portal.sections.latestNotices')} more="/public/notices" query={notices} empty={t('publicNotice.public.empty')}>
          {(page) => page.items.map((n) => <NoticeCard key={n.id} notice={n} level={3} />)}
        </Section>
        <Section id="latest-final-lists" title={t('portal.sections.latestFinalLists')} more="/portal/final-lists" query={lists} empty={t('portal.finalListsEmpty')}>
          {(page) => page.items.map((l) => <FinalListCard key={l.id} list={l} level={3} />)}
        </Section>
        <section className="portal-section portal-section-wide" aria-labelledby="titles-heading">
          <Card
            title={
              <Typography.Title level={2} className="portal-h2" id="titles-heading">
                {t('portal.sections.titles')}
              </Typography.Title>
            }
          >
            {titles.isError ? (
              <ErrorResult error={titles.error} onRetry={() => void titles.refetch()} />
            ) : titles.isPending ? (
              <Skeleton active paragraph={{ rows: 1 }} />
            ) : (
              <Typography.Paragraph className="portal-section-body" data-testid="portal-titles-intro">
                {t('portal.titlesIntro', { count: titles.data.total })} <Link to="/public/titles">{t('portal.titlesLink')}</Link>
              </Typography.Paragraph>
            )}
          </Card>
        </section>
      </div>
    </PortalPage>
  );
}

/** A home-page section: its h2, a link to the full list, and the first items or the loading, empty or failed state. */
function Section<T>({ id, title, more, wide, query, empty, children }: { id: string; title: string; more: string; wide?: boolean; query: UseQueryResult<Page<T>>; empty: string; children: (page: Page<T>) => ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className={`portal-section${wide ? ' portal-section-wide' : ''}`} aria-labelledby={`${id}-heading`} data-testid={`portal-section-${id}`}>
      <Card
        title={
          <Typography.Title level={2} className="portal-h2" id={`${id}-heading`}>
            {title}
          </Typography.Title>
        }
        extra={
          <Link to={more} aria-label={`${t('portal.viewAll')}：${title}`}>
            {t('portal.viewAll')}
          </Link>
        }
      >
        {query.isError ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} />
        ) : query.data.items.length === 0 ? (
          <EmptyState description={empty} />
        ) : (
          <ul className="portal-list">{children(query.data)}</ul>
        )}
      </Card>
    </section>
  );
}
