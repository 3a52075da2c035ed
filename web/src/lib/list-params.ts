/**
 * A server-paginated list's state lives in the URL (?page=2&sort=name&order=desc&kind=city), so a
 * filtered view survives a reload and can be shared. Filtering resets to the first page.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { SorterResult, TablePaginationConfig } from 'antd/es/table/interface';

export interface ListParams<F extends string> {
  page: number;
  pageSize: number;
  sort: string | undefined;
  order: 'asc' | 'desc' | undefined;
  filters: Partial<Record<F, string>>;
}

/** The page sizes a list offers (the server clamps pageSize to 100). */
export const PAGE_SIZES = [10, 20, 50, 100];

type Changes<F extends string> = Partial<Record<'page' | 'pageSize' | 'sort' | 'order' | F, string | number | undefined>>;

export function useListParams<F extends string>(filterNames: readonly F[], defaults: { pageSize?: number } = {}) {
  const [search, setSearch] = useSearchParams();
  const key = search.toString();

  const params = useMemo<ListParams<F>>(() => {
    const page = Math.max(1, Number(search.get('page')) || 1);
    const size = Number(search.get('pageSize'));
    const order = search.get('order');
    const filters: Partial<Record<F, string>> = {};
    for (const name of filterNames) {
      const value = search.get(name);
      if (value) filters[name] = value;
    }
    return {
      page,
      pageSize: PAGE_SIZES.includes(size) ? size : (defaults.pageSize ?? 20),
      sort: search.get('sort') ?? undefined,
      order: order === 'asc' || order === 'desc' ? order : undefined,
      filters,
    };
  }, [key]); // keyed on the search string: a new URLSearchParams object each render is the same list

  const update = useCallback(
    (changes: Changes<F>) => {
      // From the address bar itself, not the last render's copy: a click right after another
      // change (sort, then page) must not undo it.
      const next = new URLSearchParams(window.location.search);
      const filtering = Object.keys(changes).some((name) => name !== 'page' && name !== 'pageSize');
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined || value === '') next.delete(name);
        else next.set(name, String(value));
      }
      if (filtering && !('page' in changes)) next.delete('page');
      setSearch(next);
    },
    [setSearch],
  );

  /** For antd Table onChange: paging and sorting (filters come from the toolbar). */
  const onTableChange = useCallback(
    <T,>(
      pagination: TablePaginationConfig,
      _filters: unknown,
      sorter: SorterResult<T> | SorterResult<T>[],
      extra: { action: 'paginate' | 'sort' | 'filter' },
    ) => {
      if (extra.action === 'paginate') {
        update({ page: pagination.current, pageSize: pagination.pageSize } as Changes<F>);
        return;
      }
      if (extra.action !== 'sort') return;
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      const field = single?.order ? String(single.columnKey ?? single.field ?? '') || undefined : undefined;
      const order = single?.order === 'ascend' ? 'asc' : single?.order === 'descend' ? 'desc' : undefined;
      update({ sort: field, order, page: undefined } as Changes<F>); // a new order starts at the first page
    },
    [update],
  );

  /** The antd sortOrder for a column, from the URL. */
  const sortOrderOf = (column: string) =>
    params.sort === column ? (params.order === 'desc' ? ('descend' as const) : ('ascend' as const)) : null;

  /** The URL's sort column if it is one of `columns` (a stale or hand-typed one is ignored). */
  const sortIn = <S extends string>(columns: readonly S[]): S | undefined => columns.find((column) => column === params.sort);

  /** Whether any of the list's filters is set. */
  const filtered = filterNames.some((name) => params.filters[name]);

  /** Unsets every filter (and so goes back to the first page). */
  const clearFilters = () => update(Object.fromEntries(filterNames.map((name) => [name, undefined])) as Changes<F>);

  /** A filter's value and setter, for a toolbar control (SearchFilter, SelectFilter, OrganizationSelect). */
  const filterProps = (name: F) => ({ value: params.filters[name], onChange: (value: string | undefined) => update({ [name]: value } as Changes<F>) });

  return { params, update, onTableChange, sortOrderOf, sortIn, filtered, clearFilters, filterProps };
}
