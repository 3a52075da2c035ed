/**
 * Program definitions: the list, one version, its samples and the difference between versions;
 * cloning, saving and publishing drafts; trying the rules on a sample; checking one expression.
 * Used by the list (this folder) and the designer (../program-version/).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { diffResult, Evaluation, programList, ProgramVersionDetail, sampleList, checkExpressionResult } from '../../../../contracts/programs.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export type ProgramList = z.infer<typeof programList>;
export type ProgramSummary = ProgramList['items'][number];
export type VersionSummary = ProgramSummary['versions'][number];
export type DiffResult = z.infer<typeof diffResult>;
export type Change = DiffResult['changes'][number];
export type Sample = z.infer<typeof sampleList>['items'][number];
export type ExpressionCheck = z.infer<typeof checkExpressionResult>;
export type { Evaluation, ProgramVersionDetail };
export type Outcome = Evaluation['outcomes'][number];

/** The designer's address for one version. */
export const versionHref = (code: string, version: number) => `/programs/${encodeURIComponent(code)}/versions/${version}`;

const programPath = (code: string) => `/api/programs/${encodeURIComponent(code)}`;
const versionPath = (code: string, version: number) => `${programPath(code)}/versions/${version}`;

export const programKeys = {
  list: ['programs'] as const,
  version: (code: string, version: number) => ['program-version', code, version] as const,
  samples: (code: string) => ['program-samples', code] as const,
  diff: (code: string, from: number, to: number) => ['program-diff', code, from, to] as const,
};

export function usePrograms(options: { secondary?: boolean } = {}) {
  return useQuery({
    queryKey: programKeys.list,
    queryFn: ({ signal }) => api.get<ProgramList>('/api/programs', undefined, signal),
    meta: options.secondary ? { secondary: true } : {},
  });
}

export function useProgramVersion(code: string, version: number) {
  return useQuery({
    queryKey: programKeys.version(code, version),
    queryFn: ({ signal }) => api.get<ProgramVersionDetail>(versionPath(code, version), undefined, signal),
    enabled: Boolean(code) && Number.isInteger(version) && version >= 1,
  });
}

export function useSamples(code: string) {
  return useQuery({
    queryKey: programKeys.samples(code),
    queryFn: ({ signal }) => api.get<{ items: Sample[] }>(`${programPath(code)}/samples`, undefined, signal),
    meta: { secondary: true },
    staleTime: 5 * 60_000,
  });
}

export function useDiff(code: string, from: number | undefined, to: number | undefined) {
  return useQuery({
    queryKey: programKeys.diff(code, from ?? 0, to ?? 0),
    queryFn: ({ signal }) => api.get<DiffResult>(`${programPath(code)}/diff`, { from, to }, signal),
    enabled: from !== undefined && to !== undefined && from !== to,
    meta: { secondary: true },
  });
}

/**
 * Type-checks an expression as the server will at publication (debounce the input first). Read
 * as a query: the same text is checked once, and a failure shows beside the box, not as a page.
 */
export function useExpressionCheck(expression: string) {
  return useQuery({
    queryKey: ['check-expression', expression],
    queryFn: ({ signal }) => api.post<ExpressionCheck>('/api/programs/check-expression', { expression }, { signal }),
    enabled: expression.trim().length > 0 && expression.length <= 2000,
    staleTime: Infinity,
    retry: false,
    meta: { secondary: true },
  });
}

/** After a version changed: the list (latest versions, drafts) and every difference may be stale. */
function useRefreshAfter() {
  const queryClient = useQueryClient();
  return (detail: ProgramVersionDetail) => {
    queryClient.setQueryData(programKeys.version(detail.code, detail.version), detail);
    void queryClient.invalidateQueries({ queryKey: programKeys.list });
    void queryClient.invalidateQueries({ queryKey: ['program-diff', detail.code] });
  };
}

export function useCloneVersion(code: string) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (version: number) => api.post<ProgramVersionDetail>(`${versionPath(code, version)}/clone`),
    onSuccess: refresh,
  });
}

export function useSaveDraft(code: string, version: number) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: (definition: Record<string, unknown>) => api.put<ProgramVersionDetail>(versionPath(code, version), { definition }),
    onSuccess: refresh,
  });
}

export function usePublish(code: string, version: number, meta: ActionMeta) {
  const refresh = useRefreshAfter();
  return useMutation({
    mutationFn: () => api.post<ProgramVersionDetail>(`${versionPath(code, version)}/publish`),
    meta,
    onSuccess: refresh,
  });
}

export function useEvaluate(code: string, version: number, meta: ActionMeta) {
  return useMutation({
    mutationFn: (sampleId: string) => api.post<Evaluation>(`${versionPath(code, version)}/evaluate`, { sampleId }),
    meta,
  });
}
