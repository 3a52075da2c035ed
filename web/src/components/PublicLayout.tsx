/**
 * The frame of every page seen without signing in: the portal's pages (calls, notices, final lists,
 * titled enterprises) and the sign-in, registration and password screens. One header with the
 * portal's navigation (a menu button on a phone), the language switch and the way to sign in; the
 * landmarks header / nav / main / footer, and a skip link to the content for keyboard users.
 * Portal pages get the full width; the sign-in screens keep their centred card.
 */
import { Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { Button, Typography } from 'antd';
import { CloseOutlined, LoginOutlined, MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Brand } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { PageSkeleton } from './QueryState.tsx';
import { PortalTheme } from '../pages/portal/parts.tsx';
import './portal.css';

/** The portal's sections, in the order of its navigation. */
export const PORTAL_NAV = [
  { to: '/portal', key: 'home', end: true },
  { to: '/portal/calls', key: 'calls', end: false },
  { to: '/public/notices', key: 'notices', end: false },
  { to: '/portal/final-lists', key: 'finalLists', end: false },
  { to: '/public/titles', key: 'titles', end: false },
] as const;

/** Whether a path is one of the portal's pages (full width) rather than a sign-in screen (a centred card). */
export const isPortalPath = (path: string) => path === '/portal' || path.startsWith('/portal/') || path.startsWith('/public/');

export function PublicLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const portal = isPortalPath(location.pathname);
  // A chosen page closes the phone menu.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  return (
    <PortalTheme>
      <div className={`public-layout${portal ? ' portal-layout' : ''}`}>
        <a href="#main-content" className="skip-link">
          {t('portal.skipToContent')}
        </a>
        <header className="public-header portal-header">
          <Link to="/portal" className="portal-brand-link" aria-label={`${t('app.name')} · ${t('portal.siteName')}`}>
            <Brand />
          </Link>
          <Button
            className="portal-menu-button"
            type="text"
            icon={menuOpen ? <CloseOutlined /> : <MenuOutlined />}
            aria-expanded={menuOpen}
            aria-controls="portal-nav"
            onClick={() => setMenuOpen((open) => !open)}
            data-testid="portal-menu-button"
          >
            {menuOpen ? t('portal.closeMenu') : t('portal.menu')}
          </Button>
          <nav id="portal-nav" aria-label={t('portal.navLabel')} className={`portal-nav${menuOpen ? ' portal-nav-open' : ''}`} data-testid="portal-nav">
            <ul>
              {PORTAL_NAV.map((item) => (
                <li key={item.key}>
                  <NavLink to={item.to} end={item.end} className={({ isActive }) => `portal-nav-link${isActive ? ' active' : ''}`}>
                    {t(`portal.${item.key}`)}
                  </NavLink>
                </li>
              ))}
            </ul>
            <div className="portal-nav-tools">
              <LanguageSwitch size="small" />
              {location.pathname === '/login' ? null : (
                <Link to="/login" className="portal-sign-in" data-testid="portal-sign-in">
                  <LoginOutlined aria-hidden="true" /> {t('portal.signIn')}
                </Link>
              )}
            </div>
          </nav>
        </header>
        <main id="main-content" tabIndex={-1} className={portal ? 'portal-main' : 'public-main'}>
          <Suspense fallback={portal ? <PageSkeleton /> : <div className="auth-card auth-card-loading"><PageSkeleton /></div>}>
            <Outlet />
          </Suspense>
        </main>
        <footer className="public-footer">
          {portal ? <Typography.Paragraph className="portal-footer-note">{t('portal.footerNote')}</Typography.Paragraph> : null}
          <Typography.Text type="secondary">{t('app.footer')}</Typography.Text>
        </footer>
      </div>
    </PortalTheme>
  );
}
