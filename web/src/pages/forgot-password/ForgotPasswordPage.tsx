/** Ask for a reset link. The answer is the same whether or not the account exists (no account probing). */
import { Button, Form, Input } from 'antd';
import { MailOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { AuthResult } from '../../components/AuthResult.tsx';

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ email: string }>();
  const request = useMutation({ mutationFn: (email: string) => authApi.requestReset(email), meta: { form } });

  if (request.isSuccess) {
    return (
      <AuthResult
        cardTitle={t('forgot.title')}
        status="success"
        title={t('forgot.sentTitle')}
        detail={t('forgot.sent', { email: request.variables })}
        next={{ to: '/login', label: t('common.backToLogin') }}
      />
    );
  }

  return (
    <AuthCard title={t('forgot.title')} subtitle={t('forgot.subtitle')} footer={<Link to="/login">{t('common.backToLogin')}</Link>}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => request.mutate(values.email)} size="large">
        <Form.Item name="email" label={t('login.email')} rules={[{ required: true }, { type: 'email' }]}>
          <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={request.isPending}>
          {t('forgot.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
