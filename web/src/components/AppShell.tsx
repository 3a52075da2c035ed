/**
 * The signed-in layout: a collapsible side menu derived from the route table for the user's role,
 * and a header with the platform's name, the language switch and the user's menu.
 */
import { createElement, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Button, Dropdown, Layout, Menu, Typography, type MenuProps } from 'antd';
import { LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../../contracts/auth.ts';
import { useSession } from '../api/session.ts';
import { menuFor, titleOf } from '../routes.ts';
import { roleLabel } from '../lib/labels.ts';
import { useLanguage } from '../i18n.ts';
import { useSignOut } from '../lib/sign-out.ts';
import { Brand } from './Brand.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { PageSkeleton } from './QueryState.tsx';

const COLLAPSED_KEY = 'ii.siderCollapsed';

export function AppShell() {
  const { data: session } = useSession();
  // Not (yet) signed in completely: render nothing around the page; its route guard redirects.
  if (!session?.authenticated || !session.user || session.stage !== 'full') return <Outlet />;
  return <Shell user={session.user} />;
}

function Shell({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(COLLAPSED_KEY) === '1');

  const menu = menuFor(user);
  // The deepest menu path containing the current one (so /accounts?page=2 keeps 账号管理 selected).
  const selected = menu
    .filter((route) => location.pathname === route.path || (route.path !== '/' && location.pathname.startsWith(`${route.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;

  const toggle = (value: boolean) => {
    setCollapsed(value);
    localStorage.setItem(COLLAPSED_KEY, value ? '1' : '0');
  };

  const userItems: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div className="user-menu-card">
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Typography.Text type="secondary">{user.email}</Typography.Text>
          <Typography.Text type="secondary">{user.organization.name}</Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: '/account/security', icon: <SafetyCertificateOutlined />, label: t('header.security') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];

  return (
    <Layout className="app-layout">
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={toggle}
        trigger={null}
        breakpoint="lg"
        width={216}
        collapsedWidth={64}
        className="app-sider"
      >
        <div className="sider-brand" title={t('app.name')}>
          <Brand collapsed dark />
          {collapsed ? null : <span className="sider-brand-text">{t('app.shortName')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          data-testid="side-menu"
          selectedKeys={selected ? [selected] : []}
          items={menu.map((route) => ({
            key: route.path,
            icon: route.menu ? createElement(route.menu.icon) : null,
            label: t(`nav.${titleOf(route, user)}`),
          }))}
          onClick={({ key }) => void navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <div className="app-header-left">
            <Button
              type="text"
              aria-label={t(collapsed ? 'header.expand' : 'header.collapse')}
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              onClick={() => toggle(!collapsed)}
            />
            <span className="app-title">{t('app.name')}</span>
          </div>
          <div className="app-header-right">
            <NotificationBell />
            <LanguageSwitch size="small" />
            <Dropdown
              trigger={['click']}
              placement="bottomRight"
              menu={{
                items: userItems,
                onClick: ({ key }) => {
                  if (key === 'logout') signOut.mutate();
                  else if (key.startsWith('/')) void navigate(key);
                },
              }}
            >
              <button type="button" className="user-trigger" data-testid="user-menu" aria-label={t('header.userMenu')}>
                <Avatar size={32} className="user-avatar">
                  {user.displayName.slice(0, 1)}
                </Avatar>
                <span className="user-trigger-text">
                  <span className="user-name">{user.displayName}</span>
                  <span className="user-meta" title={user.organization.name}>
                    {roleLabel(user.role, language)} · {user.organization.name}
                  </span>
                </span>
              </button>
            </Dropdown>
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
        <Layout.Footer className="app-footer">{t('app.footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
