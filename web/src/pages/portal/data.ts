/** The portal's reads (no session): calls, final lists, notices, titles and the filter options. */
import type { z } from 'zod';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Page } from '../../../../contracts/common.ts';
import type { publicNoticeSummary } from '../../../../contracts/notices.ts';
import type { PublicCallDetail, PublicCallStatus, PublicCallSummary, PublicFinalList, PublicFinalListSummary, PublicOptions } from '../../../../contracts/public.ts';
import { api } from '../../api/client.ts';

type PublicNoticeSummary = z.infer<typeof publicNoticeSummary>;

export type { PublicCallDetail, PublicCallStatus, PublicCallSummary, PublicFinalList, PublicFinalListSummary, PublicNoticeSummary };

export interface CallFilters {
  page: number;
  pageSize: number;
  provinceCode?: string | undefined;
  programCode?: string | undefined;
  status?: PublicCallStatus | undefined;
  q?: string | undefined;
  sort?: 'status' | 'deadlineAt' | 'opensAt' | 'publishedAt' | 'title' | undefined;
  order?: 'asc' | 'desc' | undefined;
}

export function usePublicCalls(f: CallFilters) {
  return useQuery({
    queryKey: ['public-calls', f],
    queryFn: ({ signal }) => api.get<Page<PublicCallSummary>>('/api/public/calls', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicCall(id: string) {
  return useQuery({ queryKey: ['public-call', id], queryFn: ({ signal }) => api.get<PublicCallDetail>(`/api/public/calls/${id}`, undefined, signal) });
}

export interface ListFilters {
  page: number;
  pageSize: number;
  provinceCode?: string | undefined;
  programCode?: string | undefined;
  q?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}

export function usePublicFinalLists(f: ListFilters) {
  return useQuery({
    queryKey: ['public-final-lists', f],
    queryFn: ({ signal }) => api.get<Page<PublicFinalListSummary>>('/api/public/final-lists', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePublicFinalList(id: string) {
  return useQuery({ queryKey: ['public-final-list', id], queryFn: ({ signal }) => api.get<PublicFinalList>(`/api/public/final-lists/${id}`, undefined, signal) });
}

export function usePublicOptions() {
  return useQuery({ queryKey: ['public-options'], queryFn: ({ signal }) => api.get<PublicOptions>('/api/public/options', undefined, signal), staleTime: 5 * 60_000 });
}

/** The latest notices (for the home page). */
export function useLatestNotices(pageSize: number) {
  return useQuery({
    queryKey: ['public-notices', 1, pageSize, undefined],
    queryFn: ({ signal }) => api.get<Page<PublicNoticeSummary>>('/api/public/notices', { page: 1, pageSize }, signal),
  });
}

/** How many titled enterprises there are (the first page's total). */
export function useTitleCount() {
  return useQuery({
    queryKey: ['public-titles-count'],
    queryFn: ({ signal }) => api.get<Page<unknown>>('/api/public/titles', { page: 1, pageSize: 1 }, signal),
  });
}
