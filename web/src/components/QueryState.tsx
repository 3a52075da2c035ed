/** The loading, empty and failed states every screen shows the same way. */
import type { ReactNode } from 'react';
import { Button, Empty, Result, Skeleton, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, NetworkError, errorText } from '../api/client.ts';

export function PageSkeleton() {
  return (
    <div className="page-skeleton" aria-busy="true">
      <Skeleton active title paragraph={{ rows: 1 }} />
      <Skeleton active paragraph={{ rows: 6 }} />
    </div>
  );
}

export function FullPageSpin() {
  const { t } = useTranslation();
  return (
    <div className="full-page-spin">
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/** A failed load, with its reason and a retry. */
export function ErrorResult({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : 0;
  const resultStatus = status === 403 ? '403' : status === 404 ? '404' : status >= 500 ? '500' : 'error';
  const requestId = error instanceof ApiError ? error.problem.requestId : '';
  return (
    <Result
      status={resultStatus}
      title={error instanceof NetworkError ? t('states.offlineTitle') : t('states.errorTitle')}
      subTitle={
        <>
          {errorText(error)}
          {requestId ? (
            <Typography.Text type="secondary" className="request-id">
              {t('errors.requestId', { requestId })}
            </Typography.Text>
          ) : null}
        </>
      }
      extra={
        onRetry ? (
          <Button type="primary" icon={<ReloadOutlined />} onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ description, children }: { description?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('states.empty')}>
      {children}
    </Empty>
  );
}

/** Renders a query's data, or its loading skeleton, failure (with retry) or emptiness. */
export function QueryView<T>({
  query,
  isEmpty,
  empty,
  loading,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loading?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <>{loading ?? <PageSkeleton />}</>;
  if (query.isError) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <EmptyState />}</>;
  return <>{children(query.data)}</>;
}
