/** Data of the funding screens: a project's ledger and funds, the finance officer's tranche list, and the changes to them. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '../../../../contracts/common.ts';
import type { fixSubsidyInput, fundsView, invoice, invoiceInput, ledgerView, trancheListItem } from '../../../../contracts/funding.ts';
import { api } from '../../api/client.ts';
import type { ActionMeta } from '../../api/query-client.ts';

export type LedgerView = z.infer<typeof ledgerView>;
export type Invoice = z.infer<typeof invoice>;
export type InvoiceInput = z.input<typeof invoiceInput>;
export type FundsView = z.infer<typeof fundsView>;
export type Tranche = FundsView['tranches'][number];
export type Recovery = FundsView['recoveries'][number];
export type TrancheListItem = z.infer<typeof trancheListItem>;
export type FixSubsidyInput = z.input<typeof fixSubsidyInput>;

const enc = encodeURIComponent;

export const fundingKeys = {
  ledger: (id: string) => ['funding-ledger', id] as const,
  funds: (id: string) => ['funding-funds', id] as const,
  tranches: ['funding-tranches'] as const,
};

export function useLedger(projectId: string) {
  return useQuery({ queryKey: fundingKeys.ledger(projectId), queryFn: ({ signal }) => api.get<LedgerView>(`/api/projects/${enc(projectId)}/ledger`, undefined, signal) });
}

export function useFunds(projectId: string) {
  return useQuery({ queryKey: fundingKeys.funds(projectId), queryFn: ({ signal }) => api.get<FundsView>(`/api/projects/${enc(projectId)}/funds`, undefined, signal) });
}

export interface TrancheListParams {
  page: number;
  pageSize: number;
  sort?: 'budgetYear' | 'amountFen' | 'projectName' | 'paidOn' | undefined;
  order?: 'asc' | 'desc';
  status?: string | undefined;
  q?: string | undefined;
}

export function useTranches(params: TrancheListParams) {
  return useQuery({
    queryKey: [...fundingKeys.tranches, params],
    queryFn: ({ signal }) => api.get<Page<TrancheListItem>>('/api/disbursements', { ...params }, signal),
    placeholderData: keepPreviousData,
  });
}

/** After any change to a project's money: its ledger, funds and the finance list reload. */
function useInvalidate(projectId: string | null) {
  const queryClient = useQueryClient();
  return () => {
    if (projectId) {
      void queryClient.invalidateQueries({ queryKey: fundingKeys.ledger(projectId) });
      void queryClient.invalidateQueries({ queryKey: fundingKeys.funds(projectId) });
    } else {
      void queryClient.invalidateQueries({ queryKey: ['funding-funds'] });
    }
    void queryClient.invalidateQueries({ queryKey: fundingKeys.tranches });
  };
}

export function useSaveInvoice(projectId: string, meta: ActionMeta) {
  const done = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: InvoiceInput }) =>
      id ? api.put<Invoice>(`/api/projects/${enc(projectId)}/invoices/${enc(id)}`, input) : api.post<Invoice>(`/api/projects/${enc(projectId)}/invoices`, input),
    meta,
    onSuccess: done,
  });
}

export function useDeleteInvoice(projectId: string) {
  const done = useInvalidate(projectId);
  return useMutation({ mutationFn: (id: string) => api.delete<{ ok: true }>(`/api/projects/${enc(projectId)}/invoices/${enc(id)}`), onSuccess: done });
}

export function useFixSubsidy(projectId: string, meta: ActionMeta) {
  const queryClient = useQueryClient();
  const done = useInvalidate(projectId);
  return useMutation({
    mutationFn: (input: FixSubsidyInput) => api.post<FundsView>(`/api/projects/${enc(projectId)}/subsidy`, input),
    meta,
    onSuccess: (view) => {
      queryClient.setQueryData(fundingKeys.funds(projectId), view);
      done();
    },
  });
}

export function useDisburse(projectId: string | null, meta: ActionMeta) {
  const done = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ trancheId, paidOn, voucherNumber }: { trancheId: string; paidOn: string; voucherNumber: string }) =>
      api.post<{ id: string; status: string }>(`/api/tranches/${enc(trancheId)}/disbursement`, { paidOn, voucherNumber }),
    meta,
    onSuccess: done,
  });
}

export function useRecordRecovery(projectId: string, meta: ActionMeta) {
  const done = useInvalidate(projectId);
  return useMutation({
    mutationFn: (input: { amountFen: number; reason: { 'zh-CN': string; en: string }; citation: string | null }) => api.post<{ id: string }>(`/api/projects/${enc(projectId)}/recoveries`, input),
    meta,
    onSuccess: done,
  });
}

export function useRecordRepayment(projectId: string, meta: ActionMeta) {
  const done = useInvalidate(projectId);
  return useMutation({
    mutationFn: ({ recoveryId, ...input }: { recoveryId: string; amountFen: number; paidOn: string; voucherNumber: string }) =>
      api.post<{ ok: true }>(`/api/recoveries/${enc(recoveryId)}/repayments`, input),
    meta,
    onSuccess: done,
  });
}

/** Today's date in Asia/Shanghai (YYYY-MM-DD), the default payment date. */
export function shanghaiToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
