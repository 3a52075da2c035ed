/** The second factor: a 6-digit code from the authenticator app. */
import { Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { SignOutLink } from '../../components/SignOutLink.tsx';
import { TOTP } from '../../lib/form-rules.ts';
import { pathAfter } from '../../lib/navigation.ts';

export default function TwoFactorPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<{ code: string }>();
  const verify = useMutation({
    mutationFn: (code: string) => authApi.verifyTotp(code),
    meta: { form },
    onSuccess: (session) => void navigate(pathAfter(session, search.get('next')), { replace: true }),
  });

  return (
    <AuthCard title={t('totp.verify.title')} subtitle={t('totp.verify.subtitle')} footer={<SignOutLink />}>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(values) => verify.mutate(values.code.trim())} size="large">
        <Form.Item name="code" label={t('totp.code')} rules={[{ required: true }, { pattern: TOTP, message: t('validation.totp', { field: t('totp.code') }) }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="123456" className="code-input" autoFocus />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={verify.isPending}>
          {t('totp.verify.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
