/** Accounts: the list, creating a staff account, and the administrator's actions on one. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account, AccountActionInput, CreateAccountInput } from '../../../../contracts/accounts.ts';
import type { Page } from '../../../../contracts/common.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export interface AccountListParams {
  page: number;
  pageSize: number;
  sort?: 'email' | 'displayName' | 'role' | 'createdAt' | 'lastLoginAt';
  order?: 'asc' | 'desc';
  role?: string;
  status?: string;
  organizationId?: string;
  q?: string;
}

export function useAccounts(params: AccountListParams) {
  return useQuery({
    queryKey: ['accounts', params],
    queryFn: ({ signal }) => api.get<Page<Account>>('/api/accounts', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAccount(meta: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateAccountInput) => api.post<{ account: Account; initialPassword: string }>('/api/accounts', input),
    meta,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}

export function useAccountAction(meta: ActionMeta) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: AccountActionInput }) =>
      api.post<{ account: Account; initialPassword?: string }>(`/api/accounts/${encodeURIComponent(id)}/actions`, input),
    meta,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['accounts'] }),
  });
}
