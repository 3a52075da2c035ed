/** Change one's password: the forced screen after sign-in and the account-security page share this form. */
import { Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../contracts/auth.ts';
import { authApi } from '../api/auth.ts';
import { confirmRules, newPasswordRules } from '../lib/form-rules.ts';
import { PasswordRules } from './PasswordRules.tsx';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordForm({ accountName, onChanged, submitText }: { accountName: string; onChanged: (session: SessionInfo) => void; submitText?: string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const newPassword = Form.useWatch('newPassword', form);
  const change = useMutation({
    mutationFn: (values: Values) => authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    meta: { form },
    onSuccess: (session) => {
      form.resetFields();
      onChanged(session);
    },
  });

  return (
    <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(values) => change.mutate(values)} className="password-form">
      {/* a hidden username lets password managers file the new password under the right account */}
      <input type="text" name="username" autoComplete="username" value={accountName} readOnly hidden />
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} rules={newPasswordRules(t, t('password.new'), () => accountName)} extra={<PasswordRules password={newPassword} accountName={accountName} />}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item name="confirmPassword" label={t('password.confirm')} dependencies={['newPassword']} rules={confirmRules(t, t('password.confirm'), 'newPassword')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {submitText ?? t('password.submit')}
      </Button>
    </Form>
  );
}
