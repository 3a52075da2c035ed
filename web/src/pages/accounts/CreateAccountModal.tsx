/** An administrator opens an account for a staff member (applicants register themselves). */
import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Account, CreateAccountInput } from '../../../../contracts/accounts.ts';
import { ROLE_ORGANIZATION_KINDS, STAFF_ROLES, type Role } from '../../../../src/core/roles.ts';
import { OrganizationSelect } from '../../components/OrganizationSelect.tsx';
import { useLanguage } from '../../i18n.ts';
import { MOBILE, withoutEmpty } from '../../lib/form-rules.ts';
import { roleOptions } from '../../lib/labels.ts';
import { useCreateAccount } from './data.ts';

export function CreateAccountModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (account: Account, initialPassword: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [form] = Form.useForm<CreateAccountInput>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const create = useCreateAccount({ form });

  const submit = (values: CreateAccountInput) =>
    create.mutate(withoutEmpty(values), {
      onSuccess: ({ account, initialPassword }) => {
        form.resetFields();
        onCreated(account, initialPassword);
      },
    });

  return (
    <Modal
      open={open}
      title={t('accounts.create.title')}
      okText={t('accounts.create.submit')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      forceRender
      width={560}
    >
      <Form<CreateAccountInput> form={form} layout="vertical" requiredMark="optional" onFinish={submit} className="modal-form">
        <Form.Item name="email" label={t('account.email')} rules={[{ required: true }, { type: 'email' }]}>
          <Input autoComplete="off" inputMode="email" />
        </Form.Item>
        <Form.Item name="displayName" label={t('account.displayName')} rules={[{ required: true }, { max: 50 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('account.phone')} rules={[{ pattern: MOBILE, message: t('validation.mobile', { field: t('account.phone') }) }]}>
          <Input autoComplete="off" inputMode="tel" maxLength={11} />
        </Form.Item>
        <Form.Item name="role" label={t('account.role')} rules={[{ required: true }]}>
          <Select
            options={roleOptions(language, STAFF_ROLES)}
            onChange={() => form.setFieldValue('organizationId', undefined)}
            placeholder={t('accounts.create.rolePlaceholder')}
          />
        </Form.Item>
        <Form.Item
          name="organizationId"
          label={t('account.organization')}
          rules={[{ required: true }]}
          extra={role ? t('accounts.create.organizationKinds', { kinds: ROLE_ORGANIZATION_KINDS[role].map((kind) => t(`organizationKind.${kind}`)).join('、') }) : t('accounts.create.pickRoleFirst')}
        >
          <OrganizationSelect kinds={role ? ROLE_ORGANIZATION_KINDS[role] : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
