/** Organizations: the list (server-side paging, sorting, filtering), one organization, and its contact edit. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '../../../../contracts/common.ts';
import type { Organization, OrganizationUpdateInput } from '../../../../contracts/organizations.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export interface OrganizationListParams {
  page: number;
  pageSize: number;
  sort?: 'name' | 'code' | 'kind' | 'createdAt';
  order?: 'asc' | 'desc';
  kind?: string;
  parentId?: string;
  q?: string;
}

export function useOrganizations(params: OrganizationListParams) {
  return useQuery({
    queryKey: ['organizations', params],
    queryFn: ({ signal }) => api.get<Page<Organization>>('/api/organizations', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrganization(id: string | null | undefined, options: { secondary?: boolean } = {}) {
  return useQuery({
    queryKey: ['organization', id],
    queryFn: ({ signal }) => api.get<Organization>(`/api/organizations/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
    meta: options.secondary ? { secondary: true } : {},
  });
}

export function useUpdateOrganization(id: string, meta: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: OrganizationUpdateInput) => api.patch<Organization>(`/api/organizations/${encodeURIComponent(id)}`, input),
    meta,
    onSuccess: (organization) => {
      queryClient.setQueryData(['organization', id], organization);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
  });
}
