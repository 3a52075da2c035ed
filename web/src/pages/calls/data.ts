/** Calls (申报通知): the list, one call with its frozen definition, the applicant's pre-check, creating and publishing. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../contracts/common.ts';
import type { ApplicationDetail, CallDetail, CallSummary, CreateCallInput, PrecheckResult } from '../../../../contracts/applicants.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export type CallStatus = CallSummary['status'];
export const CALL_STATUSES: readonly CallStatus[] = ['draft', 'scheduled', 'open', 'closed'];

export interface CallListParams {
  page: number;
  pageSize: number;
  sort?: 'deadlineAt' | 'opensAt' | 'title';
  order?: 'asc' | 'desc';
  status?: string;
  programCode?: string;
  q?: string;
}

export const callKeys = {
  list: ['calls'] as const,
  detail: (id: string) => ['call', id] as const,
  precheck: (id: string) => ['call-precheck', id] as const,
};

export function useCalls(params: CallListParams) {
  return useQuery({
    queryKey: [...callKeys.list, params],
    queryFn: ({ signal }) => api.get<Page<CallSummary>>('/api/calls', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCall(id: string) {
  return useQuery({
    queryKey: callKeys.detail(id),
    queryFn: ({ signal }) => api.get<CallDetail>(`/api/calls/${encodeURIComponent(id)}`, undefined, signal),
    enabled: Boolean(id),
  });
}

/** The applicant's profile against every rule of the call (before an application exists). */
export function useCallPrecheck(id: string, enabled: boolean) {
  return useQuery({
    queryKey: callKeys.precheck(id),
    queryFn: ({ signal }) => api.get<PrecheckResult>(`/api/calls/${encodeURIComponent(id)}/precheck`, undefined, signal),
    enabled,
    staleTime: 0,
    meta: { secondary: true },
  });
}

export function useCreateCall(meta: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCallInput) => api.post<CallDetail>('/api/calls', input),
    meta,
    onSuccess: (call) => {
      queryClient.setQueryData(callKeys.detail(call.id), call);
      void queryClient.invalidateQueries({ queryKey: callKeys.list });
    },
  });
}

export function usePublishCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<CallDetail>(`/api/calls/${encodeURIComponent(id)}/publish`),
    onSuccess: (call) => {
      queryClient.setQueryData(callKeys.detail(call.id), call);
      void queryClient.invalidateQueries({ queryKey: callKeys.list });
    },
  });
}

/** 开始申报: creates the applicant's application under the call (refusals are shown by the caller). */
export function useStartApplication(meta: ActionMeta = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => api.post<ApplicationDetail>('/api/applications', { callId }),
    meta,
    onSuccess: (application) => {
      queryClient.setQueryData(['application', application.id], application);
      void queryClient.invalidateQueries({ queryKey: callKeys.list });
      void queryClient.invalidateQueries({ queryKey: ['call', application.callId] });
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
    },
  });
}
