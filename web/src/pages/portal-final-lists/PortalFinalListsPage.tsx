/**
 * The formally published final lists for the public, newest first: filtered by province, program and
 * text (document number, call, enterprise or project), paged on the server with the state in the URL.
 * Cards at every width (a list of documents reads best as one).
 */
import { Button, Pagination, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorResult, PageSkeleton } from '../../components/QueryState.tsx';
import { useFormat } from '../../lib/format.ts';
import { useListParams } from '../../lib/list-params.ts';
import { FinalListCard } from '../portal/cards.tsx';
import { usePublicFinalLists, usePublicOptions } from '../portal/data.ts';
import { FilterSearch, FilterSelect, PortalPage } from '../portal/parts.tsx';

export default function PortalFinalListsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { params, update, filtered, clearFilters } = useListParams(['q', 'provinceCode', 'programCode'] as const, { pageSize: 10 });
  const order = params.order === 'asc' ? 'asc' : 'desc';
  const query = usePublicFinalLists({ page: params.page, pageSize: params.pageSize, provinceCode: params.filters.provinceCode, programCode: params.filters.programCode, q: params.filters.q, order });
  const options = usePublicOptions();
  const page = query.data;
  return (
    <PortalPage title={t('portal.finalListsTitle')} subtitle={t('portal.finalListsSubtitle')} testId="portal-final-lists">
      <div role="search" className="portal-filters" aria-label={t('portal.filters.label')}>
        <FilterSearch id="lists-search" label={t('portal.filters.search')} placeholder={t('portal.filters.searchLists')} value={params.filters.q} onSearch={(q) => update({ q })} />
        <FilterSelect
          id="lists-province"
          label={t('portal.filters.province')}
          allLabel={t('portal.filters.allProvinces')}
          value={params.filters.provinceCode}
          onChange={(v) => update({ provinceCode: v })}
          options={(options.data?.provinces ?? []).map((p) => ({ value: p.code, label: p.name[format.language] }))}
        />
        <FilterSelect
          id="lists-program"
          label={t('portal.filters.program')}
          allLabel={t('portal.filters.allPrograms')}
          value={params.filters.programCode}
          onChange={(v) => update({ programCode: v })}
          options={(options.data?.programs ?? []).map((p) => ({ value: p.code, label: p.name[format.language] }))}
        />
        <FilterSelect
          id="lists-order"
          label={t('portal.filters.sort')}
          value={order}
          onChange={(v) => update({ order: v === 'asc' ? 'asc' : undefined })}
          options={[
            { value: 'desc', label: t('portal.sort.newest') },
            { value: 'asc', label: t('portal.sort.oldest') },
          ]}
        />
        {filtered ? (
          <Button onClick={clearFilters} data-testid="lists-clear">
            {t('portal.filters.clear')}
          </Button>
        ) : null}
      </div>
      {query.isError && !page ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : !page ? (
        <PageSkeleton />
      ) : page.items.length === 0 ? (
        <EmptyState description={t('portal.finalListsEmpty')} />
      ) : (
        <>
          <Typography.Paragraph className="portal-result-count" data-testid="portal-final-lists-total" data-total={page.total} aria-live="polite">
            {t('portal.total', { count: page.total })}
          </Typography.Paragraph>
          <ul className="portal-list" data-testid="portal-final-lists-list" aria-busy={query.isFetching}>
            {page.items.map((l) => (
              <FinalListCard key={l.id} list={l} level={2} />
            ))}
          </ul>
          {page.total > params.pageSize ? (
            <Pagination className="portal-pagination" current={params.page} pageSize={params.pageSize} total={page.total} size="small" showSizeChanger={false} onChange={(p) => update({ page: p })} />
          ) : null}
        </>
      )}
    </PortalPage>
  );
}
