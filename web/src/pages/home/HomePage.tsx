/** Home: who you are here, what your role does on the platform, how safe your account is, and where to go. */
import { createElement } from 'react';
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useUser } from '../../api/session.ts';
import { KindTag } from '../../components/OrganizationProfile.tsx';
import { useFormat, shanghaiParts } from '../../lib/format.ts';
import { roleLabel } from '../../lib/labels.ts';
import { menuFor, titleOf } from '../../routes.ts';

const DAY = 24 * 60 * 60 * 1000;

function greetingKey(now: Date): 'morning' | 'noon' | 'afternoon' | 'evening' {
  const hour = shanghaiParts(now).hour;
  if (hour >= 5 && hour < 11) return 'morning';
  if (hour >= 11 && hour < 13) return 'noon';
  if (hour >= 13 && hour < 18) return 'afternoon';
  return 'evening';
}

export default function HomePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { user, session } = useUser();
  const shortcuts = menuFor(user).filter((route) => route.path !== '/');
  const now = new Date();
  const passwordExpiry = user.passwordExpiresAt ? new Date(user.passwordExpiresAt) : null;
  const daysLeft = passwordExpiry ? Math.ceil((passwordExpiry.getTime() - now.getTime()) / DAY) : null;

  return (
    <div className="home">
      <Card className="home-welcome" variant="borderless">
        <Typography.Title level={3} className="home-greeting">
          {t(`home.greeting.${greetingKey(now)}`, { name: user.displayName })}
        </Typography.Title>
        <Space wrap size={[8, 8]} className="home-identity">
          <Tag color="blue" className="role-tag">
            {roleLabel(user.role, format.language)}
          </Tag>
          <Typography.Text>{user.organization.name}</Typography.Text>
          <KindTag kind={user.organization.kind} />
        </Space>
        <Typography.Paragraph className="home-duty">{t(`home.duty.${user.role}`)}</Typography.Paragraph>
      </Card>

      {daysLeft !== null && daysLeft <= 14 ? (
        <Alert
          className="home-alert"
          type="warning"
          showIcon
          title={t('home.passwordExpiresSoon', { count: Math.max(daysLeft, 0), date: format.date(user.passwordExpiresAt) })}
          action={<Link to="/account/security">{t('home.changeNow')}</Link>}
        />
      ) : null}
      {!user.twoFactorEnabled && !user.twoFactorRequired ? (
        <Alert
          className="home-alert"
          type="info"
          showIcon
          title={t('home.suggestTwoFactor')}
          action={<Link to="/account/security">{t('home.turnOn')}</Link>}
        />
      ) : null}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={t('home.security.title')} extra={<Link to="/account/security">{t('home.security.manage')}</Link>} className="home-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: '2fa',
                  label: t('home.security.twoFactor'),
                  children: user.twoFactorEnabled ? (
                    <Tag color="success">{t('common.on')}</Tag>
                  ) : (
                    <Tag color="warning">{t('common.off')}</Tag>
                  ),
                },
                {
                  key: 'password',
                  label: t('home.security.passwordExpires'),
                  children: user.passwordExpiresAt ? format.date(user.passwordExpiresAt) : t('home.security.noExpiry'),
                },
                { key: 'idle', label: t('home.security.idleExpires'), children: format.dateTime(session.idleExpiresAt) },
                { key: 'absolute', label: t('home.security.absoluteExpires'), children: format.dateTime(session.absoluteExpiresAt) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card title={t('home.shortcuts')} className="home-card">
            <Row gutter={[12, 12]}>
              {shortcuts.map((route) => (
                <Col xs={24} sm={12} key={route.path}>
                  <Link to={route.path} className="shortcut" data-testid={`shortcut-${route.id}`}>
                    <span className="shortcut-icon">{route.menu ? createElement(route.menu.icon) : null}</span>
                    <span className="shortcut-text">
                      <span className="shortcut-title">{t(`nav.${titleOf(route, user)}`)}</span>
                      <span className="shortcut-desc">{t(`navDesc.${titleOf(route, user)}`)}</span>
                    </span>
                    <RightOutlined className="shortcut-arrow" />
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
