/** The audit trail: the list, and the verification of its hash chain. */
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEvent, AuditVerifyResult } from '../../../../contracts/audit.ts';
import type { Page } from '../../../../contracts/common.ts';
import { api } from '../../api/client.ts';

export interface AuditListParams {
  page: number;
  pageSize: number;
  order?: 'asc' | 'desc';
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
}

export function useAuditEvents(params: AuditListParams) {
  return useQuery({
    queryKey: ['audit-events', params],
    queryFn: ({ signal }) => api.get<Page<AuditEvent>>('/api/audit-events', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useVerifyChain() {
  return useMutation({ mutationFn: () => api.post<AuditVerifyResult>('/api/audit-events/verify') });
}
