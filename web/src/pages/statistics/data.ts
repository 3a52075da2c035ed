/** Program statistics: the figures under the URL's filters, the map, the table exports and the background export job. */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { ExportJobOut, StatisticsMapOut, StatisticsViewOut } from '../../../../contracts/statistics.ts';
import { api } from '../../api/client.ts';

/** The filters, as the URL and the API carry them. */
export const STATISTICS_FILTERS = ['programCode', 'callId', 'year', 'cityId', 'direction', 'industry', 'from', 'to'] as const;
export type StatisticsFilterName = (typeof STATISTICS_FILTERS)[number];
export type StatisticsFilterValues = Partial<Record<StatisticsFilterName, string>>;

export function useStatistics(filters: StatisticsFilterValues) {
  return useQuery({
    queryKey: ['statistics', filters],
    queryFn: ({ signal }) => api.get<StatisticsViewOut>('/api/statistics', { ...filters }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatisticsMap(filters: StatisticsFilterValues, measure: string) {
  return useQuery({
    queryKey: ['statistics-map', filters, measure],
    queryFn: ({ signal }) => api.get<StatisticsMapOut>('/api/statistics/map', { ...filters, measure }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The path of one table's .xlsx under the filters. */
export function tableExportPath(table: string, filters: StatisticsFilterValues, lang: string): string {
  const q = new URLSearchParams({ table, lang });
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  return `/api/statistics/table.xlsx?${q.toString()}`;
}

export function useStartExport() {
  return useMutation({ mutationFn: (filters: StatisticsFilterValues) => api.post<ExportJobOut>('/api/statistics/exports', { filters }) });
}

/** The job, polled every second until it is done or failed. */
export function useExportJob(id: string | null) {
  return useQuery({
    queryKey: ['statistics-export', id],
    queryFn: ({ signal }) => api.get<ExportJobOut>(`/api/statistics/exports/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
  });
}

export const exportDownloadPath = (id: string) => `/api/statistics/exports/${encodeURIComponent(id)}/download`;
