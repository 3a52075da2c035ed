/** Disable, enable, unlock, reset two-factor or reset the password of an account, with the reason on record. */
import { Alert, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account, AccountActionInput } from '../../../../contracts/accounts.ts';
import { useAccountAction } from './data.ts';

export type AccountAction = AccountActionInput['action'];

export function AccountActionModal({
  target,
  onClose,
  onDone,
}: {
  target: { account: Account; action: AccountAction } | null;
  onClose: () => void;
  onDone: (account: Account, initialPassword: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const act = useAccountAction({ form });
  const action = target?.action;

  return (
    <Modal
      open={target !== null}
      title={action ? t(`accounts.actions.${action}`) : ''}
      okText={t('common.confirm')}
      okButtonProps={{ danger: action === 'disable' || action === 'reset_password' || action === 'reset_two_factor' }}
      confirmLoading={act.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      afterClose={() => form.resetFields()}
      forceRender
    >
      {target && action ? (
        <Alert
          className="form-alert"
          type={action === 'enable' || action === 'unlock' ? 'info' : 'warning'}
          showIcon
          title={t(`accounts.actionEffects.${action}`, { name: target.account.displayName, email: target.account.email })}
        />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => {
          if (!target) return;
          act.mutate(
            { id: target.account.id, input: { action: target.action, reason: values.reason.trim() } },
            { onSuccess: (result) => onDone(result.account, result.initialPassword) },
          );
        }}
      >
        <Form.Item name="reason" label={t('accounts.reason')} rules={[{ required: true, whitespace: true }, { min: 2 }, { max: 200 }]} extra={t('accounts.reasonHint')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} showCount maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
