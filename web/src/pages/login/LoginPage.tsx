/** Sign in with e-mail and password; the session's stage then says what comes next. */
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LoginInput } from '../../../../contracts/auth.ts';
import { authApi } from '../../api/auth.ts';
import { ApiError } from '../../api/client.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { useFormat } from '../../lib/format.ts';
import { pathAfter, withNext } from '../../lib/navigation.ts';

/** Failures this page explains in place rather than in a passing message. */
const SHOWN_HERE = ['invalid_credentials', 'account_locked', 'rate_limited'] as const;

export default function LoginPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const next = search.get('next');
  const [form] = Form.useForm<LoginInput>();
  const login = useMutation({
    mutationFn: authApi.login,
    meta: { form, handled: SHOWN_HERE },
    onSuccess: (session) => void navigate(pathAfter(session, next), { replace: true }),
  });

  const problem = login.error instanceof ApiError && (SHOWN_HERE as readonly string[]).includes(login.error.code) ? login.error : null;
  const lockedUntil = typeof problem?.problem.lockedUntil === 'string' ? problem.problem.lockedUntil : null;

  return (
    <AuthCard
      title={t('login.title')}
      subtitle={t('login.subtitle')}
      footer={
        <>
          {t('login.noAccount')} <Link to={withNext('/register', next)}>{t('login.register')}</Link>
        </>
      }
    >
      {problem ? (
        <Alert
          className="form-alert"
          role="alert"
          data-testid="login-error"
          type={problem.code === 'invalid_credentials' ? 'error' : 'warning'}
          showIcon
          title={
            problem.code === 'account_locked'
              ? lockedUntil
                ? t('login.lockedUntil', { until: format.dateTime(lockedUntil) })
                : t('login.locked')
              : problem.localMessage
          }
          description={problem.code === 'account_locked' ? problem.localMessage : undefined}
        />
      ) : null}
      <Form<LoginInput> form={form} layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)} size="large">
        <Form.Item name="email" label={t('login.email')} rules={[{ required: true }, { type: 'email' }]}>
          <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]} className="password-item">
          <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
        </Form.Item>
        <div className="forgot-row">
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </div>
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('login.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
