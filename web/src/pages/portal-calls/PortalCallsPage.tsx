/**
 * Published calls for the public: open ones first (closing soonest on top, with the days left), then
 * upcoming, then closed; filtered by status, province, program and text, sorted and paged on the
 * server, with the state in the URL. A table at desktop width, cards on a phone.
 */
import type { HTMLAttributes } from 'react';
import { Button, Grid, Pagination, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { isoDateText } from '../public-notice/period.ts';
import { CallCard } from '../portal/cards.tsx';
import { usePublicCalls, usePublicOptions, type PublicCallStatus, type PublicCallSummary } from '../portal/data.ts';
import { CallStatusBadge, deadlineText, FilterSearch, FilterSelect, PortalPage, STATUS_ORDER } from '../portal/parts.tsx';

/** The sort choices, each a server sort and order ("status" has its own order). */
const SORTS = [
  { value: 'status', sort: 'status', order: undefined, label: 'status' },
  { value: 'deadlineAt:asc', sort: 'deadlineAt', order: 'asc', label: 'deadlineAsc' },
  { value: 'deadlineAt:desc', sort: 'deadlineAt', order: 'desc', label: 'deadlineDesc' },
  { value: 'publishedAt:desc', sort: 'publishedAt', order: 'desc', label: 'publishedDesc' },
  { value: 'title:asc', sort: 'title', order: 'asc', label: 'titleAsc' },
] as const;

export default function PortalCallsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const { params, update, filtered, clearFilters } = useListParams(['q', 'status', 'provinceCode', 'programCode'] as const, { pageSize: 10 });
  const status = STATUS_ORDER.find((s) => s === params.filters.status);
  const sortChoice = SORTS.find((s) => s.sort === (params.sort ?? 'status') && (s.order === undefined || s.order === params.order)) ?? SORTS[0];
  const query = usePublicCalls({
    page: params.page,
    pageSize: params.pageSize,
    status,
    provinceCode: params.filters.provinceCode,
    programCode: params.filters.programCode,
    q: params.filters.q,
    sort: sortChoice.sort,
    order: sortChoice.order,
  });
  const options = usePublicOptions();

  const columns = [
    {
      key: 'title',
      title: t('portal.callsTitle'),
      render: (_: unknown, c: PublicCallSummary) => (
        <div>
          <Link to={`/portal/calls/${c.id}`} data-testid="portal-call-link" className="portal-card-title">
            {c.title}
          </Link>
          <div className="portal-citation">
            {c.programName[format.language]}
            {c.documentNumber ? ` · ${c.documentNumber}` : ''}
          </div>
        </div>
      ),
    },
    { key: 'province', title: t('portal.province'), width: 100, render: (_: unknown, c: PublicCallSummary) => c.provinceName[format.language] },
    { key: 'status', title: t('portal.filters.status'), width: 190, render: (_: unknown, c: PublicCallSummary) => <CallStatusBadge call={c} /> },
    { key: 'opens', title: t('portal.opensOn'), width: 140, render: (_: unknown, c: PublicCallSummary) => isoDateText(c.opensOn, format.language) },
    { key: 'deadline', title: t('portal.deadline'), width: 180, render: (_: unknown, c: PublicCallSummary) => <span data-testid="call-deadline">{deadlineText(c, format.language, t)}</span> },
  ];

  const page = query.data;
  return (
    <PortalPage title={t('portal.callsTitle')} subtitle={t('portal.callsSubtitle')} testId="portal-calls">
      <div role="search" className="portal-filters" aria-label={t('portal.filters.label')}>
        <FilterSearch id="calls-search" label={t('portal.filters.search')} placeholder={t('portal.filters.searchCalls')} value={params.filters.q} onSearch={(q) => update({ q })} />
        <FilterSelect
          id="calls-status"
          label={t('portal.filters.status')}
          allLabel={t('portal.filters.allStatuses')}
          value={status}
          onChange={(v) => update({ status: v })}
          options={STATUS_ORDER.map((s: PublicCallStatus) => ({ value: s, label: t(`portal.status.${s}`) }))}
        />
        <FilterSelect
          id="calls-province"
          label={t('portal.filters.province')}
          allLabel={t('portal.filters.allProvinces')}
          value={params.filters.provinceCode}
          onChange={(v) => update({ provinceCode: v })}
          options={(options.data?.provinces ?? []).map((p) => ({ value: p.code, label: p.name[format.language] }))}
        />
        <FilterSelect
          id="calls-program"
          label={t('portal.filters.program')}
          allLabel={t('portal.filters.allPrograms')}
          value={params.filters.programCode}
          onChange={(v) => update({ programCode: v })}
          options={(options.data?.programs ?? []).map((p) => ({ value: p.code, label: p.name[format.language] }))}
        />
        <FilterSelect
          id="calls-sort"
          label={t('portal.filters.sort')}
          value={sortChoice.value}
          onChange={(v) => {
            const s = SORTS.find((x) => x.value === v) ?? SORTS[0];
            update({ sort: s.sort === 'status' ? undefined : s.sort, order: s.order });
          }}
          options={SORTS.map((s) => ({ value: s.value, label: t(`portal.sort.${s.label}`) }))}
        />
        {filtered ? (
          <Button onClick={clearFilters} data-testid="calls-clear">
            {t('portal.filters.clear')}
          </Button>
        ) : null}
      </div>
      {query.isError && !page ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : !page ? (
        <PageSkeleton />
      ) : page.items.length === 0 ? (
        <EmptyState description={t('portal.callsEmpty')} />
      ) : (
        <>
          <Typography.Paragraph className="portal-result-count" data-testid="portal-calls-total" data-total={page.total} aria-live="polite">
            {t('portal.total', { count: page.total })}
          </Typography.Paragraph>
          {phone ? (
            <ul className="portal-list" data-testid="portal-calls-list">
              {page.items.map((c) => (
                <CallCard key={c.id} call={c} level={2} />
              ))}
            </ul>
          ) : (
            <Table<PublicCallSummary>
              className="portal-table"
              data-testid="portal-calls-list"
              rowKey="id"
              loading={query.isFetching}
              columns={columns}
              dataSource={page.items}
              pagination={false}
              onRow={(c) => ({ 'data-testid': `portal-call-${c.id}`, 'data-status': c.status }) as HTMLAttributes<HTMLElement>}
            />
          )}
          {page.total > params.pageSize ? (
            <Pagination
              className="portal-pagination"
              current={params.page}
              pageSize={params.pageSize}
              total={page.total}
              size="small"
              showSizeChanger={false}
              onChange={(p) => update({ page: p })}
            />
          ) : null}
        </>
      )}
    </PortalPage>
  );
}
