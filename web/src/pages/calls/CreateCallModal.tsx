/**
 * 新建申报通知: a call under a published program version, with its title, document number, opening
 * date, deadline (date and time, Asia/Shanghai) and the materials to prepare. Created as a draft;
 * publishing is a separate step.
 */
import { useEffect, useMemo } from 'react';
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CallDetail, CreateCallInput } from '../../../../contracts/applicants.ts';
import { useUser } from '../../api/session.ts';
import { DateInput, TimeInput } from '../../components/FieldInputs.tsx';
import { useLanguage } from '../../i18n.ts';
import { provinceOfOrganization } from '../../lib/regions.ts';
import { usePrograms } from '../programs/data.ts';
import { useCreateCall } from './data.ts';

export function CreateCallModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (call: CallDetail) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { user } = useUser();
  const [form] = Form.useForm<CreateCallInput>();
  const programs = usePrograms({ secondary: true });
  const create = useCreateCall({ form });
  const programCode = Form.useWatch('programCode', form);
  const ownProvince = provinceOfOrganization(user.organization.code);

  // Programs of the user's province (all of them for the platform's administrator) that have a published version.
  const candidates = useMemo(
    () =>
      (programs.data?.items ?? []).filter(
        (p) => p.kind !== 'target_plan' && (ownProvince === null || p.provinceCode === ownProvince) && p.versions.some((v) => v.status === 'published'),
      ),
    [programs.data, ownProvince],
  );
  const versions = (candidates.find((p) => p.code === programCode)?.versions ?? []).filter((v) => v.status === 'published').sort((a, b) => b.version - a.version);

  useEffect(() => {
    // The latest published version, once a program is chosen.
    form.setFieldValue('programVersion', versions[0]?.version);
  }, [programCode]); // only when the program changes, not on every render

  const submit = (values: CreateCallInput) =>
    create.mutate(
      { ...values, title: values.title.trim(), documentNumber: values.documentNumber?.trim() || null, materials: values.materials?.trim() ?? '', deadlineTime: values.deadlineTime || '17:00' },
      {
        onSuccess: (call) => {
          form.resetFields();
          onCreated(call);
        },
      },
    );

  return (
    <Modal
      open={open}
      title={t('calls.create.title')}
      okText={t('calls.create.submit')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      onCancel={onClose}
      forceRender
      width={640}
    >
      <Form<CreateCallInput> form={form} layout="vertical" requiredMark="optional" onFinish={submit} className="modal-form" initialValues={{ deadlineTime: '17:00' }}>
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item name="programCode" label={t('calls.program')} rules={[{ required: true }]}>
              <Select
                loading={programs.isPending}
                options={candidates.map((p) => ({ value: p.code, label: p.name?.[language] ?? p.code }))}
                placeholder={t('calls.create.programPlaceholder')}
                showSearch={{ optionFilterProp: 'label' }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="programVersion" label={t('calls.programVersion')} rules={[{ required: true }]}>
              <Select options={versions.map((v) => ({ value: v.version, label: `v${v.version}` }))} disabled={!programCode} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="title" label={t('calls.title')} rules={[{ required: true }, { min: 4 }, { max: 200 }]}>
          <Input placeholder={t('calls.create.titlePlaceholder')} />
        </Form.Item>
        <Form.Item name="documentNumber" label={t('calls.documentNumber')} rules={[{ max: 100 }]}>
          <Input placeholder={t('calls.create.documentNumberPlaceholder')} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="opensOn" label={t('calls.opensOn')} rules={[{ required: true }]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="deadlineDate" label={t('calls.deadlineDate')} rules={[{ required: true }]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="deadlineTime" label={t('calls.deadlineTime')} rules={[{ required: true }]} extra={t('calls.create.timeZone')}>
              <TimeInput />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="materials" label={t('calls.materials')} rules={[{ max: 10_000 }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t('calls.create.materialsPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
