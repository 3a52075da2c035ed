/**
 * A list paged, sorted and filtered on the server, shown the same way on every list screen: its
 * failure (with retry) in place of the table when nothing has loaded, a blank table body while the
 * first page loads, an empty state once it has, and the pager's sizes and total. Paging and sorting
 * go to `onChange` (useListParams' onTableChange), which keeps them in the URL.
 */
import type { ReactNode } from 'react';
import { Table, type TableColumnsType, type TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../contracts/common.ts';
import { PAGE_SIZES, type ListParams } from '../lib/list-params.ts';
import { EmptyState, ErrorResult } from './QueryState.tsx';

export interface ServerTableProps<T> extends Pick<TableProps<T>, 'scroll' | 'onRow' | 'expandable'> {
  /** The list's query; its previous page stays on screen while the next one loads. */
  query: UseQueryResult<Page<T>>;
  columns: TableColumnsType<T>;
  /** The page being shown, from the URL. */
  params: Pick<ListParams<string>, 'page' | 'pageSize'>;
  onChange: TableProps<T>['onChange'];
  /** What the empty state says once the list has loaded with no rows. */
  emptyText: ReactNode;
}

export function ServerTable<T extends { id: string }>({ query, columns, params, onChange, emptyText, scroll, onRow, expandable }: ServerTableProps<T>) {
  const { t } = useTranslation();
  if (query.isError && !query.data) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      onChange={onChange}
      onRow={onRow}
      expandable={expandable}
      // A space, not the empty state, until the first page has come: "no records" would be a lie.
      locale={{ emptyText: query.isPending ? ' ' : <EmptyState description={emptyText} /> }}
      pagination={{
        current: params.page,
        pageSize: params.pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES,
        showTotal: (total) => t('common.total', { count: total }),
      }}
      scroll={scroll}
    />
  );
}
