/** Projects: the list, one project with its timeline, its agreement, progress reports, visits and acceptance. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../contracts/common.ts';
import type {
  acceptanceView,
  agreementView,
  guidanceVisit,
  ImplementationPlan,
  progressReport,
  projectDetail,
  projectSummary,
  ProjectStatusValue,
} from '../../../../contracts/implementation.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export type ProjectSummary = z.infer<typeof projectSummary>;
export type ProjectDetail = z.infer<typeof projectDetail>;
export type AgreementView = z.infer<typeof agreementView>;
export type ProgressReport = z.infer<typeof progressReport>;
export type GuidanceVisit = z.infer<typeof guidanceVisit>;
export type AcceptanceView = z.infer<typeof acceptanceView>;
export type { ImplementationPlan, ProjectStatusValue };

export interface ProjectListParams {
  page: number;
  pageSize: number;
  sort?: 'updatedAt' | 'projectName' | 'organizationName' | 'status' | 'selectedAt';
  order?: 'asc' | 'desc';
  status?: string;
  callId?: string;
  overdue?: string;
  q?: string;
}

const path = (id: string) => `/api/projects/${encodeURIComponent(id)}`;
export const projectKeys = {
  list: ['projects'] as const,
  detail: (id: string) => ['project', id] as const,
  part: (id: string, part: string) => ['project', id, part] as const,
};

export function useProjects(params: ProjectListParams) {
  return useQuery({
    queryKey: [...projectKeys.list, params],
    queryFn: ({ signal }) => api.get<Page<ProjectSummary>>('/api/projects', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({ queryKey: projectKeys.detail(id), queryFn: ({ signal }) => api.get<ProjectDetail>(path(id), undefined, signal) });
}

export function useAgreement(id: string) {
  return useQuery({ queryKey: projectKeys.part(id, 'agreement'), queryFn: ({ signal }) => api.get<AgreementView>(`${path(id)}/agreement`, undefined, signal) });
}
export function useReports(id: string) {
  return useQuery({ queryKey: projectKeys.part(id, 'reports'), queryFn: ({ signal }) => api.get<{ items: ProgressReport[] }>(`${path(id)}/reports`, undefined, signal) });
}
export function useVisits(id: string) {
  return useQuery({ queryKey: projectKeys.part(id, 'visits'), queryFn: ({ signal }) => api.get<{ items: GuidanceVisit[] }>(`${path(id)}/visits`, undefined, signal) });
}
export function useAcceptance(id: string) {
  return useQuery({ queryKey: projectKeys.part(id, 'acceptance'), queryFn: ({ signal }) => api.get<AcceptanceView>(`${path(id)}/acceptance`, undefined, signal) });
}

/** A change to a project: everything of it (and the lists) is read again. */
function useProjectAction<I, O>(id: string, send: (input: I) => Promise<O>, meta?: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    meta,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: projectKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: projectKeys.list });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const useSavePlan = (id: string, meta?: ActionMeta) => useProjectAction(id, (input: ImplementationPlan & { submit: boolean }) => api.put<AgreementView>(`${path(id)}/plan`, input), meta);
export const useReviewPlan = (id: string, meta?: ActionMeta) => useProjectAction(id, (input: { decision: 'approve' | 'return'; comment: string }) => api.post<AgreementView>(`${path(id)}/plan/review`, input), meta);
export const useSignAgreement = (id: string, meta?: ActionMeta) =>
  useProjectAction(id, (input: { signedOn: string; signatories: { province: string; enterprise: string } }) => api.post<AgreementView>(`${path(id)}/agreement/sign`, input), meta);
export const useSubmitReport = (id: string, meta?: ActionMeta) =>
  useProjectAction(id, ({ reportId, ...input }: { reportId: string; milestones: { name: string; status: string; note: string }[]; spentFen: number; problems: string }) =>
    api.put<ProgressReport>(`${path(id)}/reports/${encodeURIComponent(reportId)}`, input), meta);
export const useCommentReport = (id: string, by: 'city' | 'province', meta?: ActionMeta) =>
  useProjectAction(id, ({ reportId, comment }: { reportId: string; comment: string }) => api.post<ProgressReport>(`${path(id)}/reports/${encodeURIComponent(reportId)}/${by}-comment`, { comment }), meta);
export const useAddVisit = (id: string, by: 'city' | 'province', meta?: ActionMeta) =>
  useProjectAction(id, (input: { visitDate: string; place: string; participants: string; notes: string }) => api.post<GuidanceVisit>(`${path(id)}/visits/${by}`, input), meta);
export const useRequestAcceptance = (id: string, meta?: ActionMeta) =>
  useProjectAction(id, (input: { materials: { id: string; attachmentId: string }[]; note: string }) => api.post<AcceptanceView>(`${path(id)}/acceptance/request`, input), meta);
export const useDecideAcceptance = (id: string, by: 'city' | 'province', meta?: ActionMeta) =>
  useProjectAction(id, (input: { passed: boolean; opinion: string; experts: { name: string; opinion: string }[]; rectificationDeadline?: string }) => api.post<AcceptanceView>(`${path(id)}/acceptance/${by}`, input), meta);

/** The agreement's download path without its extension (.docx, .pdf). */
export const agreementPath = (id: string) => `${path(id)}/agreement`;
