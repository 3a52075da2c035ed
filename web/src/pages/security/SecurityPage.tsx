/**
 * 账号安全: change the password; two-factor authentication (applicants may turn it on and off, staff
 * must keep it); and the session, with "sign out on every device".
 */
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { LogoutOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.ts';
import { useUser } from '../../api/session.ts';
import { ChangePasswordForm } from '../../components/ChangePasswordForm.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TotpEnrolment } from '../../components/TotpEnrolment.tsx';
import { useFormat } from '../../lib/format.ts';
import { TOTP } from '../../lib/form-rules.ts';
import { useSignOut } from '../../lib/sign-out.ts';

function TwoFactorCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { user } = useUser();
  const [enrolling, setEnrolling] = useState(false);
  const [form] = Form.useForm<{ code: string }>();
  const disable = useMutation({
    mutationFn: (code: string) => authApi.disableTotp(code),
    meta: { form },
    onSuccess: () => {
      form.resetFields();
      void message.success(t('security.twoFactor.disabled'));
    },
  });

  return (
    <Card title={t('security.twoFactor.title')} className="page-card" data-testid="two-factor-card">
      <Space orientation="vertical" size="middle" className="full-width">
        <div>
          {t('security.twoFactor.status')}{' '}
          {user.twoFactorEnabled ? <Tag color="success">{t('common.on')}</Tag> : <Tag color="warning">{t('common.off')}</Tag>}
        </div>
        {user.twoFactorRequired ? (
          <Alert type="info" showIcon title={t('security.twoFactor.required')} />
        ) : user.twoFactorEnabled ? (
          <>
            <Typography.Paragraph type="secondary">{t('security.twoFactor.disableHint')}</Typography.Paragraph>
            <Form form={form} layout="inline" onFinish={(values) => disable.mutate(values.code.trim())} requiredMark={false}>
              <Form.Item name="code" label={t('totp.code')} rules={[{ required: true }, { pattern: TOTP, message: t('validation.totp', { field: t('totp.code') }) }]}>
                <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="123456" className="code-input-inline" />
              </Form.Item>
              <Form.Item>
                <Button danger htmlType="submit" loading={disable.isPending}>
                  {t('security.twoFactor.disable')}
                </Button>
              </Form.Item>
            </Form>
          </>
        ) : enrolling ? (
          <TotpEnrolment
            onCancel={() => setEnrolling(false)}
            onDone={() => {
              setEnrolling(false);
              void message.success(t('security.twoFactor.enabled'));
            }}
          />
        ) : (
          <>
            <Typography.Paragraph type="secondary">{t('security.twoFactor.enableHint')}</Typography.Paragraph>
            <Button type="primary" onClick={() => setEnrolling(true)} data-testid="enable-two-factor">
              {t('security.twoFactor.enable')}
            </Button>
          </>
        )}
      </Space>
    </Card>
  );
}

function SessionsCard() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const format = useFormat();
  const { session } = useUser();
  const signOutEverywhere = useSignOut(true);
  return (
    <Card title={t('security.sessions.title')} className="page-card">
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'idle', label: t('home.security.idleExpires'), children: format.dateTime(session.idleExpiresAt) },
          { key: 'absolute', label: t('home.security.absoluteExpires'), children: format.dateTime(session.absoluteExpiresAt) },
        ]}
      />
      <Typography.Paragraph type="secondary">{t('security.sessions.everywhereHint')}</Typography.Paragraph>
      <Button
        danger
        icon={<LogoutOutlined />}
        loading={signOutEverywhere.isPending}
        data-testid="logout-everywhere"
        onClick={() =>
          modal.confirm({
            title: t('security.sessions.confirmTitle'),
            content: t('security.sessions.confirm'),
            okText: t('security.sessions.everywhere'),
            okButtonProps: { danger: true },
            onOk: () => signOutEverywhere.mutateAsync(),
          })
        }
      >
        {t('security.sessions.everywhere')}
      </Button>
    </Card>
  );
}

export default function SecurityPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { message } = App.useApp();
  const { user } = useUser();
  return (
    <>
      <PageHeader title={t('nav.security')} subtitle={t('navDesc.security')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('security.password.title')} className="page-card">
            <Typography.Paragraph type="secondary">
              {user.passwordExpiresAt ? t('security.password.expires', { date: format.date(user.passwordExpiresAt) }) : t('security.password.noExpiry')}
            </Typography.Paragraph>
            <ChangePasswordForm accountName={user.email} onChanged={() => void message.success(t('security.password.changed'))} />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Space orientation="vertical" size={16} className="full-width">
            <TwoFactorCard />
            <SessionsCard />
          </Space>
        </Col>
      </Row>
    </>
  );
}
