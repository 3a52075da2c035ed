/**
 * Applications: the list, one application, its pre-check, and what can be done with it (save the
 * draft, submit, withdraw; the city's start of review and return for revision), plus attachments.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../contracts/common.ts';
import type { ApplicationDetail, ApplicationSummary, Attachment, PrecheckResult, saveDraftResult } from '../../../../contracts/applicants.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export type SaveDraftResult = z.infer<typeof saveDraftResult>;
export type FormData = ApplicationDetail['formData'];

export interface ApplicationListParams {
  page: number;
  pageSize: number;
  sort?: 'updatedAt' | 'submittedAt' | 'projectName' | 'organizationName' | 'state';
  order?: 'asc' | 'desc';
  state?: string;
  callId?: string;
  programCode?: string;
  cityId?: string;
  q?: string;
}

export const applicationKeys = {
  list: ['applications'] as const,
  detail: (id: string) => ['application', id] as const,
  precheck: (id: string) => ['application-precheck', id] as const,
};

const path = (id: string) => `/api/applications/${encodeURIComponent(id)}`;

export function useApplications(params: ApplicationListParams) {
  return useQuery({
    queryKey: [...applicationKeys.list, params],
    queryFn: ({ signal }) => api.get<Page<ApplicationSummary>>('/api/applications', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: applicationKeys.detail(id),
    queryFn: ({ signal }) => api.get<ApplicationDetail>(path(id), undefined, signal),
    // The page keeps its own copy of what is being typed; a background refetch must not replace it.
    refetchOnWindowFocus: false,
    staleTime: Infinity,
  });
}

export function useApplicationPrecheck(id: string, enabled: boolean) {
  return useQuery({
    queryKey: applicationKeys.precheck(id),
    queryFn: ({ signal }) => api.get<PrecheckResult>(`${path(id)}/precheck`, undefined, signal),
    enabled,
    staleTime: 0,
    placeholderData: keepPreviousData,
    meta: { secondary: true },
  });
}

/** One draft save (the page's autosave drives it; failures are shown by the save status, not a message). */
export function saveDraft(id: string, revision: number, formData: FormData, signal?: AbortSignal): Promise<SaveDraftResult> {
  return api.put<SaveDraftResult>(`${path(id)}/draft`, { revision, formData }, signal);
}

/** After an action: the detail is what the server returned; lists and the pre-check may have changed. */
function useAfterAction() {
  const queryClient = useQueryClient();
  return (application: ApplicationDetail) => {
    queryClient.setQueryData(applicationKeys.detail(application.id), application);
    void queryClient.invalidateQueries({ queryKey: applicationKeys.list });
    void queryClient.invalidateQueries({ queryKey: applicationKeys.precheck(application.id) });
    void queryClient.invalidateQueries({ queryKey: ['calls'] });
    void queryClient.invalidateQueries({ queryKey: ['notifications'] });
  };
}

export function useSubmitApplication(id: string, meta: ActionMeta) {
  const after = useAfterAction();
  return useMutation({
    mutationFn: (input: { revision: number; commitment: { signatoryName: string; accepted: true } }) => api.post<ApplicationDetail>(`${path(id)}/submit`, input),
    meta,
    onSuccess: after,
  });
}

export function useWithdrawApplication(id: string, meta: ActionMeta) {
  const after = useAfterAction();
  return useMutation({
    mutationFn: (reason: string) => api.post<ApplicationDetail>(`${path(id)}/withdraw`, { reason }),
    meta,
    onSuccess: after,
  });
}

export function useStartReview(id: string) {
  const after = useAfterAction();
  return useMutation({ mutationFn: () => api.post<ApplicationDetail>(`${path(id)}/start-review`), onSuccess: after });
}

export function useReturnApplication(id: string, meta: ActionMeta) {
  const after = useAfterAction();
  return useMutation({
    mutationFn: (input: { comment: string; fieldComments: Record<string, string> }) => api.post<ApplicationDetail>(`${path(id)}/return`, input),
    meta,
    onSuccess: after,
  });
}

export function useDeleteAttachment() {
  return useMutation({ mutationFn: (attachment: Attachment) => api.delete<void>(`/api/attachments/${encodeURIComponent(attachment.id)}`) });
}

export const documentPath = (id: string, kind: 'docx' | 'pdf') => `${path(id)}/document.${kind}`;
export const attachmentPath = (attachment: Pick<Attachment, 'id'>) => `/api/attachments/${encodeURIComponent(attachment.id)}/download`;
