/** The card every public screen sits in. */
import type { ReactNode } from 'react';
import { Card, Typography } from 'antd';

export function AuthCard({ title, subtitle, wide = false, children, footer }: { title: ReactNode; subtitle?: ReactNode; wide?: boolean; children: ReactNode; footer?: ReactNode }) {
  return (
    <Card className={`auth-card${wide ? ' auth-card-wide' : ''}`} variant="borderless">
      <Typography.Title level={3} className="auth-title">
        {title}
      </Typography.Title>
      {subtitle ? <Typography.Paragraph type="secondary" className="auth-subtitle">{subtitle}</Typography.Paragraph> : null}
      {children}
      {footer ? <div className="auth-footer">{footer}</div> : null}
    </Card>
  );
}
