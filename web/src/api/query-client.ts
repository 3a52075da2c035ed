/**
 * The react-query client. Failures of a screen's data and of the user's actions both pass through
 * presentError (client.ts); an action can name its form (field errors land on the fields) and the
 * problem codes its screen shows itself.
 */
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { ApiError, presentError } from './client.ts';

export type ActionMeta = {
  form?: FormInstance;
  handled?: readonly string[];
  /** Failures the screen shows itself, decided by the error (e.g. any problem with field errors). */
  handles?: (error: unknown) => boolean;
};

/** A query that is not the screen's own data (a picker's options): a refusal must not leave the screen. */
export type DataMeta = {
  secondary?: boolean;
};

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: ActionMeta;
    queryMeta: DataMeta;
  }
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => presentError(error, { surface: 'query', secondary: query.meta?.secondary === true }),
  }),
  mutationCache: new MutationCache({
    onError: (error, _variables, _context, mutation) => {
      const meta = mutation.meta;
      if (meta?.handles?.(error)) return;
      presentError(error, { surface: 'action', ...(meta?.form ? { form: meta.form } : {}), ...(meta?.handled ? { handled: meta.handled } : {}) });
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal or a missing record will not change by asking again.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});
