/**
 * 流程: the stages an application goes through, in order, with who acts in each and its deadline.
 * The order is the lifecycle's (the format refuses another); on a draft a stage's deadline can be
 * changed: a fixed date, a number of calendar or working days from the stage's start, left to the
 * call, or none.
 */
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/QueryState.tsx';
import { useLanguage } from '../../i18n.ts';
import { useFormat } from '../../lib/format.ts';
import { roleLabel } from '../../lib/labels.ts';
import { setIn } from './model.ts';
import { Citation, ProblemMark, Text2, useEnumLabel, type TabProps } from './parts.tsx';

type Deadline =
  | { kind: 'fixed'; date: string; time?: string | undefined }
  | { kind: 'after_stage_start'; length: number; unit: 'calendar' | 'working' }
  | { kind: 'set_by_call' }
  | { kind: 'none' };
type Stage = {
  type: string;
  name?: { 'zh-CN': string; en: string } | undefined;
  actingRoles: string[];
  deadline?: Deadline | undefined;
  recurrence?: string | undefined;
  citation?: string | undefined;
};

const DEADLINE_KINDS = ['fixed', 'after_stage_start', 'set_by_call', 'none'] as const;

/** A deadline as a sentence: "2021年12月20日 24:00 前", "环节开始后 10 个工作日内", … */
export function useDeadlineText() {
  const { t } = useTranslation();
  const format = useFormat();
  const label = useEnumLabel();
  return (deadline: Deadline | undefined): string => {
    switch (deadline?.kind) {
      case 'fixed':
        return t('programs.stages.fixedText', { date: format.date(`${deadline.date}T00:00:00+08:00`), time: deadline.time ?? '24:00' });
      case 'after_stage_start':
        return t('programs.stages.afterText', { count: deadline.length, unit: label('dayUnit', deadline.unit) });
      case 'set_by_call':
        return label('deadlineKind', 'set_by_call');
      default:
        return label('deadlineKind', 'none');
    }
  };
}

export function StagesTab({ definition, editable, update, problems }: TabProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const deadlineText = useDeadlineText();
  const stages = (definition.stages ?? []) as Stage[];
  const [editing, setEditing] = useState<number | null>(null);

  const columns: TableColumnsType<Stage> = [
    { key: 'order', title: t('programs.stages.order'), width: 56, render: (_, _stage, index) => index + 1 },
    {
      key: 'stage',
      title: t('programs.stages.stage'),
      width: 200,
      render: (_, stage, index) => (
        <div className="cell-stack">
          <Space size={4}>
            <Typography.Text strong>{stage.name ? <Text2 value={stage.name} /> : label('stageType', stage.type)}</Typography.Text>
            <ProblemMark problems={problems} prefix={`stages.${index}`} />
          </Space>
          <Typography.Text type="secondary" className="cell-sub mono">
            {stage.type}
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'roles',
      title: t('programs.stages.roles'),
      render: (_, stage) => (
        <Space size={[4, 4]} wrap>
          {stage.actingRoles.map((role) => (
            <Tag key={role}>{roleLabel(role, language)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'deadline',
      title: t('programs.stages.deadline'),
      width: 250,
      render: (_, stage, index) => (
        <Space size={4}>
          <span>{deadlineText(stage.deadline)}</span>
          {stage.recurrence ? <Tag color="cyan">{label('recurrence', stage.recurrence)}</Tag> : null}
          {editable ? (
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={() => setEditing(index)}
              aria-label={t('programs.stages.editDeadlineOf', { stage: stage.name?.[language] ?? label('stageType', stage.type) })}
            />
          ) : null}
        </Space>
      ),
    },
    { key: 'citation', title: t('programs.citation'), width: 140, render: (_, stage) => <Citation value={stage.citation} /> },
  ];

  if (stages.length === 0) return <EmptyState description={t('programs.stages.empty')} />;
  const current = editing === null ? undefined : stages[editing];
  return (
    <>
      <Table<Stage> rowKey={(stage) => stage.type} size="small" columns={columns} dataSource={stages} pagination={false} scroll={{ x: 860 }} />
      {editable && current && editing !== null ? (
        <DeadlineModal
          title={t('programs.stages.editDeadlineOf', { stage: current.name?.[language] ?? label('stageType', current.type) })}
          deadline={current.deadline ?? { kind: 'none' }}
          onClose={() => setEditing(null)}
          onDone={(deadline) => {
            update((d) => setIn(d, ['stages', editing, 'deadline'], deadline));
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}

interface DeadlineValues {
  kind: Deadline['kind'];
  date?: string;
  time?: string;
  length?: number;
  unit?: 'calendar' | 'working';
}

function DeadlineModal({ title, deadline, onClose, onDone }: { title: string; deadline: Deadline; onClose: () => void; onDone: (deadline: Deadline) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [form] = Form.useForm<DeadlineValues>();
  const kind = Form.useWatch('kind', form) ?? deadline.kind;
  const initial: DeadlineValues = {
    kind: deadline.kind,
    date: deadline.kind === 'fixed' ? deadline.date : undefined,
    time: deadline.kind === 'fixed' ? (deadline.time ?? '24:00') : '24:00',
    length: deadline.kind === 'after_stage_start' ? deadline.length : undefined,
    unit: deadline.kind === 'after_stage_start' ? deadline.unit : 'working',
  };
  const submit = (v: DeadlineValues) => {
    if (v.kind === 'fixed') onDone({ kind: 'fixed', date: v.date ?? '', time: v.time ?? '24:00' });
    else if (v.kind === 'after_stage_start') onDone({ kind: 'after_stage_start', length: v.length ?? 1, unit: v.unit ?? 'working' });
    else onDone({ kind: v.kind });
  };
  return (
    <Modal open title={title} okText={t('programs.apply')} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      <Form<DeadlineValues> form={form} name="deadline" layout="vertical" initialValues={initial} onFinish={submit} className="modal-form">
        <Form.Item name="kind" label={t('programs.stages.deadlineKind')} rules={[{ required: true }]}>
          <Select options={DEADLINE_KINDS.map((k) => ({ value: k, label: label('deadlineKind', k) }))} />
        </Form.Item>
        {kind === 'fixed' ? (
          <Space size={16} wrap>
            <Form.Item name="date" label={t('programs.stages.date')} rules={[{ required: true }, { pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('programs.basics.datePattern') }]}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="time" label={t('programs.stages.time')} rules={[{ required: true }, { pattern: /^([01]\d|2[0-4]):[0-5]\d$/, message: t('programs.stages.timePattern') }]}>
              <Select className="select-sm" options={['24:00', '17:00', '12:00'].map((time) => ({ value: time, label: time }))} />
            </Form.Item>
          </Space>
        ) : null}
        {kind === 'after_stage_start' ? (
          <Space size={16} wrap>
            <Form.Item name="length" label={t('programs.stages.length')} rules={[{ required: true }]}>
              <InputNumber<number> min={1} max={365} precision={0} className="count-input" />
            </Form.Item>
            <Form.Item name="unit" label={t('programs.stages.unit')} rules={[{ required: true }]}>
              <Select className="select-sm" options={(['calendar', 'working'] as const).map((u) => ({ value: u, label: label('dayUnit', u) }))} />
            </Form.Item>
          </Space>
        ) : null}
      </Form>
    </Modal>
  );
}
