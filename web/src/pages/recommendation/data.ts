/**
 * Data of the selection screens: the city's calls, list and review decision; the province's calls,
 * overview, a city's list, quotas and policy review; the task forces' queue and opinion.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { ApplicationSummary } from '../../../../contracts/applicants.ts';
import type { Page } from '../../../../contracts/common.ts';
import type {
  checklistAnswer,
  cityCall,
  cityListStatus,
  quotas,
  recommendationView,
  selectionCall,
  selectionOverview,
  taskForceOpinion,
  taskForceQueue,
} from '../../../../contracts/selection.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';
import { applicationKeys } from '../applications/data.ts';

export type CityCall = z.infer<typeof cityCall>;
export type SelectionCall = z.infer<typeof selectionCall>;
export type CityListStatus = z.infer<typeof cityListStatus>;
export type RecommendationView = z.infer<typeof recommendationView>;
export type SelectionOverview = z.infer<typeof selectionOverview>;
export type OverviewApplication = SelectionOverview['applications'][number];
export type Quotas = z.infer<typeof quotas>;
export type TaskForceQueue = z.infer<typeof taskForceQueue>;
export type TaskForceItem = TaskForceQueue['items'][number];
export type ChecklistAnswer = z.input<typeof checklistAnswer>;
export type ListStatus = 'draft' | 'submitted' | 'returned';

/** A recommendation refused by a quota or a category limit names the rule and its article. */
export interface Violation {
  code: string;
  messages: { 'zh-CN': string; en: string };
  citation: string | null;
}

export interface CallListParams {
  page: number;
  pageSize: number;
  sort?: 'deadlineAt' | 'opensAt' | 'title';
  order?: 'asc' | 'desc';
  q?: string;
  programCode?: string;
}

const enc = encodeURIComponent;

export const selectionKeys = {
  cityCalls: ['recommendation-calls'] as const,
  recommendation: (callId: string) => ['recommendation', callId] as const,
  selectionCalls: ['selection-calls'] as const,
  overview: (callId: string) => ['selection-overview', callId] as const,
  cityList: (callId: string, cityId: string) => ['selection-city', callId, cityId] as const,
  taskForce: (callId: string) => ['task-force', callId] as const,
};

export function useCityCalls(params: CallListParams) {
  return useQuery({
    queryKey: [...selectionKeys.cityCalls, params],
    queryFn: ({ signal }) => api.get<Page<CityCall>>('/api/recommendation/calls', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSelectionCalls(params: CallListParams) {
  return useQuery({
    queryKey: [...selectionKeys.selectionCalls, params],
    queryFn: ({ signal }) => api.get<Page<SelectionCall>>('/api/selection/calls', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

/** The signed-in city's list for a call, with its candidates, quota and checklist. */
export function useRecommendation(callId: string, options: { secondary?: boolean } = {}) {
  return useQuery({
    queryKey: selectionKeys.recommendation(callId),
    queryFn: ({ signal }) => api.get<RecommendationView>(`/api/calls/${enc(callId)}/recommendation`, undefined, signal),
    enabled: Boolean(callId),
    ...(options.secondary ? { meta: { secondary: true } } : {}),
  });
}

/** Changes to the city's list answer with the whole list. */
function useListChange<V>(callId: string, request: (v: V) => Promise<RecommendationView>, meta: ActionMeta = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    meta,
    onSuccess: (view) => {
      queryClient.setQueryData(selectionKeys.recommendation(callId), view);
      void queryClient.invalidateQueries({ queryKey: selectionKeys.cityCalls });
      void queryClient.invalidateQueries({ queryKey: applicationKeys.list });
    },
  });
}

export const useRecommend = (callId: string, meta: ActionMeta) =>
  useListChange(callId, (applicationId: string) => api.put<RecommendationView>(`/api/calls/${enc(callId)}/recommendation/items/${enc(applicationId)}`, undefined), meta);
export const useUnrecommend = (callId: string) => useListChange(callId, (applicationId: string) => api.delete<RecommendationView>(`/api/calls/${enc(callId)}/recommendation/items/${enc(applicationId)}`));
export const useRank = (callId: string) => useListChange(callId, (order: string[]) => api.post<RecommendationView>(`/api/calls/${enc(callId)}/recommendation/rank`, { order }));
export const useSubmitRecommendation = (callId: string, meta: ActionMeta) =>
  useListChange(callId, (documentNumber: string) => api.post<RecommendationView>(`/api/calls/${enc(callId)}/recommendation/submit`, { documentNumber }), meta);

/** The city's pass or reject of an application under its review. */
export function useCityDecision(applicationId: string, meta: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { decision: 'pass' | 'reject'; reason: string; checklist: ChecklistAnswer[] }) => api.post<ApplicationSummary>(`/api/applications/${enc(applicationId)}/city-decision`, input),
    meta,
    onSuccess: (summary) => {
      void queryClient.invalidateQueries({ queryKey: applicationKeys.detail(applicationId) });
      void queryClient.invalidateQueries({ queryKey: applicationKeys.list });
      void queryClient.invalidateQueries({ queryKey: selectionKeys.recommendation(summary.callId) });
      void queryClient.invalidateQueries({ queryKey: selectionKeys.cityCalls });
    },
  });
}

export function useSelectionOverview(callId: string) {
  return useQuery({
    queryKey: selectionKeys.overview(callId),
    queryFn: ({ signal }) => api.get<SelectionOverview>(`/api/calls/${enc(callId)}/selection`, undefined, signal),
    enabled: Boolean(callId),
  });
}

/** One city's list, for the province. */
export function useCityList(callId: string, cityId: string | null) {
  return useQuery({
    queryKey: selectionKeys.cityList(callId, cityId ?? ''),
    queryFn: ({ signal }) => api.get<RecommendationView>(`/api/calls/${enc(callId)}/recommendations/${enc(cityId ?? '')}`, undefined, signal),
    enabled: Boolean(callId && cityId),
    meta: { secondary: true },
  });
}

function useAfterProvinceAction(callId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: selectionKeys.overview(callId) });
    void queryClient.invalidateQueries({ queryKey: selectionKeys.selectionCalls });
    void queryClient.invalidateQueries({ queryKey: ['selection-city', callId] });
    void queryClient.invalidateQueries({ queryKey: applicationKeys.list });
  };
}

export function useReturnList(callId: string, meta: ActionMeta) {
  const after = useAfterProvinceAction(callId);
  return useMutation({
    mutationFn: (input: { cityId: string; comment: string }) => api.post<RecommendationView>(`/api/calls/${enc(callId)}/recommendations/${enc(input.cityId)}/return`, { comment: input.comment }),
    meta,
    onSuccess: after,
  });
}

export function useSetQuotas(callId: string, meta: ActionMeta) {
  const after = useAfterProvinceAction(callId);
  return useMutation({
    mutationFn: (input: Quotas) => api.put<Quotas>(`/api/calls/${enc(callId)}/quotas`, input),
    meta,
    onSuccess: after,
  });
}

export function usePolicyDecision(callId: string, meta: ActionMeta) {
  const after = useAfterProvinceAction(callId);
  return useMutation({
    mutationFn: (input: { applicationId: string; decision: 'pass' | 'reject'; reason: string }) =>
      api.post<ApplicationSummary>(`/api/applications/${enc(input.applicationId)}/policy-decision`, { decision: input.decision, reason: input.reason }),
    meta,
    onSuccess: after,
  });
}

export function useTaskForceQueue(callId: string) {
  return useQuery({
    queryKey: selectionKeys.taskForce(callId),
    queryFn: ({ signal }) => api.get<TaskForceQueue>(`/api/calls/${enc(callId)}/task-force`, undefined, signal),
    enabled: Boolean(callId),
  });
}

export function useTaskForceOpinion(callId: string, meta: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { applicationId: string; supports: boolean; opinion: string }) =>
      api.post<z.infer<typeof taskForceOpinion>>(`/api/applications/${enc(input.applicationId)}/task-force-opinion`, { supports: input.supports, opinion: input.opinion }),
    meta,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: selectionKeys.taskForce(callId) }),
  });
}

/** The recommendation table's download: the city's own (no cityId) or a city's for the province. */
/** The table's download path without its extension (.xlsx, .docx, .pdf). */
export const tableBase = (callId: string, cityId?: string) =>
  cityId ? `/api/calls/${enc(callId)}/recommendations/${enc(cityId)}/table` : `/api/calls/${enc(callId)}/recommendation/table`;
