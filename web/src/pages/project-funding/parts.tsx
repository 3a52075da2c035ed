/** Pieces the funding screens share: money, tranche status, the trigger's name, the disbursement form. */
import { Form, Input, Modal, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n.ts';
import { formatFen } from '../../lib/money.ts';
import { shanghaiToday, useDisburse } from './data.ts';

/** An amount in fen as 万元 / 元 (¥ in English). */
export function Money({ fen, testId }: { fen: number | null | undefined; testId?: string }) {
  const language = useLanguage();
  return <span data-testid={testId}>{fen === null || fen === undefined ? '—' : formatFen(fen, language)}</span>;
}

export function TrancheStatusTag({ status, releasable, blockedReason }: { status: string; releasable: boolean; blockedReason: { 'zh-CN': string; en: string } | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (status === 'disbursed') return <Tag color="green">{t('disbursement.status.disbursed')}</Tag>;
  if (releasable) return <Tag color="blue">{t('disbursement.status.releasable')}</Tag>;
  return (
    <Tooltip title={blockedReason?.[language]}>
      <Tag>{t('disbursement.status.waiting')}</Tag>
    </Tooltip>
  );
}

export function useTriggerName() {
  const { t } = useTranslation();
  return (trigger: string) => t(`disbursement.trigger.${trigger}`, { defaultValue: trigger });
}

/** 审核并登记拨付: the payment date and the voucher number. */
export function DisburseModal({ tranche, projectId, onClose }: { tranche: { id: string; amountFen: number; trancheCode: string } | null; projectId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ paidOn: string; voucherNumber: string }>();
  const disburse = useDisburse(projectId, { form });
  return (
    <Modal
      open={tranche !== null}
      title={t('disbursement.recordTitle')}
      okText={t('disbursement.approveAndRecord')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'disbursement-submit', loading: disburse.isPending } as never}
      onCancel={onClose}
      destroyOnHidden
      onOk={() =>
        void form.validateFields().then((v) =>
          disburse.mutate(
            { trancheId: tranche!.id, paidOn: v.paidOn, voucherNumber: v.voucherNumber.trim() },
            {
              onSuccess: () => {
                form.resetFields();
                onClose();
              },
            },
          ),
        )
      }
    >
      {tranche ? (
        <p>
          {t('disbursement.recordIntro', { code: tranche.trancheCode })} <Money fen={tranche.amountFen} />
        </p>
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ paidOn: shanghaiToday() }} preserve={false}>
        <Form.Item name="paidOn" label={t('disbursement.paidOn')} rules={[{ required: true, message: t('disbursement.paidOnRequired') }]}>
          <Input type="date" data-testid="disbursement-paid-on" />
        </Form.Item>
        <Form.Item name="voucherNumber" label={t('disbursement.voucherNumber')} rules={[{ required: true, whitespace: true, message: t('disbursement.voucherRequired') }]}>
          <Input maxLength={60} data-testid="disbursement-voucher" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
