/** Sign-in, registration and password screens: a centred card that also works at phone width. */
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PageSkeleton } from './QueryState.tsx';

export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="public-layout">
      <header className="public-header">
        <Brand />
        <LanguageSwitch size="small" />
      </header>
      <main className="public-main">
        <Suspense fallback={<div className="auth-card auth-card-loading"><PageSkeleton /></div>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="public-footer">
        <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
      </footer>
    </div>
  );
}
