/**
 * A public screen's outcome (link sent, password changed, link unusable) in its card, with the one
 * way on from it. Apart from AuthCard so that the sign-in page does not load antd's Result.
 */
import type { ReactNode } from 'react';
import { Button, Result, type ResultProps } from 'antd';
import { Link } from 'react-router';
import { AuthCard } from './AuthCard.tsx';

export function AuthResult({
  cardTitle,
  status,
  title,
  detail,
  next,
}: {
  cardTitle: ReactNode;
  status: ResultProps['status'];
  title: ReactNode;
  detail: ReactNode;
  next: { to: string; label: ReactNode };
}) {
  return (
    <AuthCard title={cardTitle}>
      <Result
        status={status}
        title={title}
        subTitle={detail}
        extra={
          <Link to={next.to}>
            <Button type="primary">{next.label}</Button>
          </Link>
        }
      />
    </AuthCard>
  );
}
