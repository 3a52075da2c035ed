/** The application's action dialogs: submit with the commitment, withdraw with a reason, and the city's return for revision. */
import { useEffect } from 'react';
import { Button, Checkbox, Col, Form, Input, Modal, Row, Select, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface SubmitValues {
  signatoryName: string;
  accepted: boolean;
}

/**
 * 提交申报: the commitment (承诺书) to read, the signatory's name, and 我已阅读并承诺. The button
 * stays disabled while the request is on its way, so a double click submits once.
 */
export function SubmitModal({
  open,
  commitmentText,
  defaultSignatory,
  pending,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  commitmentText: string;
  defaultSignatory: string;
  pending: boolean;
  onSubmit: (values: { signatoryName: string }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<SubmitValues>();
  const accepted = Form.useWatch('accepted', form);
  const signatory = Form.useWatch('signatoryName', form);

  useEffect(() => {
    if (open) form.setFieldsValue({ signatoryName: form.getFieldValue('signatoryName') || defaultSignatory });
  }, [open, form, defaultSignatory]);

  return (
    <Modal
      open={open}
      title={t('application.submit.title')}
      onCancel={pending ? undefined : onCancel}
      maskClosable={false}
      width={640}
      forceRender
      footer={[
        <Button key="cancel" onClick={onCancel} disabled={pending}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          data-testid="confirm-submit"
          loading={pending}
          disabled={pending || !accepted || !signatory || signatory.trim().length < 2}
          onClick={() => {
            if (!pending) form.submit();
          }}
        >
          {t('application.submit.confirm')}
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">{t('application.submit.intro')}</Typography.Paragraph>
      <div className="commitment-text" data-testid="commitment-text">
        {commitmentText}
      </div>
      <Form<SubmitValues> form={form} layout="vertical" requiredMark="optional" onFinish={(values) => onSubmit({ signatoryName: values.signatoryName.trim() })} className="modal-form">
        <Form.Item name="signatoryName" label={t('application.submit.signatory')} rules={[{ required: true }, { min: 2 }, { max: 50 }]} extra={t('application.submit.signatoryHint')}>
          <Input autoComplete="name" maxLength={50} />
        </Form.Item>
        <Form.Item name="accepted" valuePropName="checked" rules={[{ validator: (_r, v) => (v ? Promise.resolve() : Promise.reject(new Error(t('application.submit.mustAccept')))) }]}>
          <Checkbox data-testid="commitment-accept">{t('application.submit.accept')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 撤回申报, with the reason (kept on the timeline). */
export function WithdrawModal({ open, pending, onSubmit, onCancel }: { open: boolean; pending: boolean; onSubmit: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={t('application.withdraw.title')}
      okText={t('application.withdraw.confirm')}
      okButtonProps={{ danger: true, disabled: pending }}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('application.withdraw.intro')}</Typography.Paragraph>
      <Form<{ reason: string }> form={form} layout="vertical" onFinish={(values) => onSubmit(values.reason.trim())}>
        <Form.Item name="reason" label={t('application.withdraw.reason')} rules={[{ required: true }, { min: 2 }, { max: 500 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} showCount maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export interface ReturnValues {
  comment: string;
  fieldComments: { path?: string; text?: string }[];
}

/** 退回修改: an overall comment and comments on chosen fields or attachments. */
export function ReturnModal({
  open,
  pending,
  targets,
  form,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  pending: boolean;
  targets: { value: string; label: string }[];
  form: ReturnType<typeof Form.useForm<ReturnValues>>[0];
  onSubmit: (input: { comment: string; fieldComments: Record<string, string> }) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const submit = (values: ReturnValues) => {
    const fieldComments: Record<string, string> = {};
    for (const row of values.fieldComments ?? []) if (row.path && row.text?.trim()) fieldComments[row.path] = row.text.trim();
    onSubmit({ comment: values.comment.trim(), fieldComments });
  };
  return (
    <Modal
      open={open}
      title={t('application.return.title')}
      okText={t('application.return.confirm')}
      okButtonProps={{ disabled: pending }}
      confirmLoading={pending}
      onOk={() => form.submit()}
      onCancel={onCancel}
      width={720}
      forceRender
    >
      <Form<ReturnValues> form={form} layout="vertical" requiredMark="optional" onFinish={submit} initialValues={{ fieldComments: [] }} className="modal-form">
        <Form.Item name="comment" label={t('application.return.comment')} rules={[{ required: true }, { min: 2 }, { max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} showCount maxLength={2000} placeholder={t('application.return.commentPlaceholder')} />
        </Form.Item>
        <Typography.Text strong>{t('application.return.fieldComments')}</Typography.Text>
        <Typography.Paragraph type="secondary" className="cell-sub">
          {t('application.return.fieldCommentsHint')}
        </Typography.Paragraph>
        <Form.List name="fieldComments">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row) => (
                <Row gutter={8} key={row.key} align="top">
                  <Col span={9}>
                    <Form.Item name={[row.name, 'path']} rules={[{ required: true, message: t('application.return.pickField') }]}>
                      <Select showSearch={{ optionFilterProp: 'label' }} options={targets} placeholder={t('application.return.pickField')} />
                    </Form.Item>
                  </Col>
                  <Col span={13}>
                    <Form.Item name={[row.name, 'text']} rules={[{ required: true, message: t('application.return.writeComment') }, { max: 1000 }]}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder={t('application.return.writeComment')} />
                    </Form.Item>
                  </Col>
                  <Col span={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('application.removeRow')} />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})}>
                {t('application.return.addFieldComment')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
