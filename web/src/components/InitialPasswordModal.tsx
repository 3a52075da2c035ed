/**
 * An initial password, shown exactly once (the server keeps only its hash): copy it and hand it over
 * by a separate channel; its holder must choose a new one at first sign-in.
 */
import { useState } from 'react';
import { Alert, App, Button, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export function InitialPasswordModal({ password, account, onClose }: { password: string | null; account: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    if (!password) return;
    try {
      await navigator.clipboard.writeText(password);
      setCopied(true);
      void message.success(t('common.copied'));
    } catch {
      void message.warning(t('accounts.initialPassword.copyFailed'));
    }
  };

  return (
    <Modal
      open={password !== null}
      title={t('accounts.initialPassword.title')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      afterClose={() => setCopied(false)}
      footer={
        <Button type="primary" onClick={onClose} data-testid="initial-password-done">
          {copied ? t('accounts.initialPassword.done') : t('accounts.initialPassword.doneUncopied')}
        </Button>
      }
    >
      <Typography.Paragraph>{t('accounts.initialPassword.for', { account })}</Typography.Paragraph>
      <div className="secret-box">
        <Typography.Text className="secret-text" data-testid="initial-password">
          {password}
        </Typography.Text>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      </div>
      <Alert type="warning" showIcon title={t('accounts.initialPassword.once')} description={t('accounts.initialPassword.mustChange')} />
    </Modal>
  );
}
