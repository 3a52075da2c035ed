/** Choose a new password with the token from the reset e-mail (?token=…). */
import { Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { authApi } from '../../api/auth.ts';
import { AuthCard } from '../../components/AuthCard.tsx';
import { AuthResult } from '../../components/AuthResult.tsx';
import { PasswordRules } from '../../components/PasswordRules.tsx';
import { confirmRules, newPasswordRules } from '../../lib/form-rules.ts';

type Values = { newPassword: string; confirmPassword: string };

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form);
  const reset = useMutation({
    mutationFn: (values: Values) => authApi.resetPassword({ token, newPassword: values.newPassword }),
    meta: { form },
  });

  if (token.length < 20) {
    return <AuthResult cardTitle={t('reset.title')} status="warning" title={t('reset.noToken')} detail={t('reset.noTokenDetail')} next={{ to: '/forgot-password', label: t('reset.requestAgain') }} />;
  }

  if (reset.isSuccess) {
    return <AuthResult cardTitle={t('reset.title')} status="success" title={t('reset.doneTitle')} detail={t('reset.done')} next={{ to: '/login', label: t('common.toLogin') }} />;
  }

  return (
    <AuthCard
      title={t('reset.title')}
      subtitle={t('reset.subtitle')}
      footer={
        <>
          <Link to="/forgot-password">{t('reset.requestAgain')}</Link> · <Link to="/login">{t('common.backToLogin')}</Link>
        </>
      }
    >
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(values) => reset.mutate(values)}>
        <Form.Item name="newPassword" label={t('password.new')} rules={newPasswordRules(t, t('password.new'), () => undefined)} extra={<PasswordRules password={newPassword} accountName={undefined} />}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('password.confirm')} dependencies={['newPassword']} rules={confirmRules(t, t('password.confirm'), 'newPassword')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={reset.isPending}>
          {t('reset.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
