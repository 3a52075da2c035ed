/**
 * 申报条件: the program's rules — id, kind, severity, CEL expression, message and citation. On a
 * draft a rule opens in a drawer whose expression is type-checked as it is typed; applying puts the
 * change into the draft (保存 in the header stores it).
 */
import { Alert, Button, Drawer, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Rule } from '../../../../src/core/programs/definition.ts';
import { EmptyState } from '../../components/QueryState.tsx';
import { ExpressionInput } from './ExpressionInput.tsx';
import { ruleReferences, setIn } from './model.ts';
import { Citation, ProblemMark, Text2, useEnumLabel, type TabProps } from './parts.tsx';

const RULE_KINDS = ['eligibility', 'exclusion', 'priority', 'limit'] as const;
const SEVERITIES = ['block', 'warn'] as const;
const KIND_COLORS: Record<string, string> = { eligibility: 'blue', exclusion: 'volcano', priority: 'gold', limit: 'purple' };
/** The format's patterns (src/core/programs/definition.ts), checked here so a typo shows at once. */
const RULE_ID = /^[a-z0-9][a-z0-9-]*$/;
const CITATION = /^\d{3} \S.*$/;

export type RuleTarget = number | 'new' | null;

export function RuleKindTag({ kind }: { kind: string }) {
  const label = useEnumLabel();
  return <Tag color={KIND_COLORS[kind] ?? 'default'}>{label('ruleKind', kind)}</Tag>;
}

export function SeverityTag({ severity }: { severity: string }) {
  const label = useEnumLabel();
  return <Tag color={severity === 'block' ? 'red' : 'default'}>{label('severity', severity)}</Tag>;
}

export function RulesTab({ definition, editable, update, problems, target, onTarget }: TabProps & { target: RuleTarget; onTarget: (target: RuleTarget) => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const rules = (definition.rules ?? []) as Rule[];

  const columns: TableColumnsType<Rule> = [
    {
      key: 'id',
      title: t('programs.rules.id'),
      width: 170,
      render: (_, rule, index) => (
        <Space size={4}>
          <Typography.Text className="mono rule-id">{rule.id}</Typography.Text>
          <ProblemMark problems={problems} prefix={`rules.${index}`} />
        </Space>
      ),
    },
    {
      key: 'kind',
      title: t('programs.rules.kind'),
      width: 82,
      filters: RULE_KINDS.map((kind) => ({ text: label('ruleKind', kind), value: kind })),
      onFilter: (value, rule) => rule.kind === value,
      render: (_, rule) => <RuleKindTag kind={rule.kind} />,
    },
    { key: 'severity', title: t('programs.rules.severity'), width: 76, render: (_, rule) => <SeverityTag severity={rule.severity} /> },
    { key: 'expression', title: t('programs.rules.expression'), render: (_, rule) => <code className="expression-cell">{rule.expression}</code> },
    { key: 'message', title: t('programs.rules.message'), width: 240, render: (_, rule) => <Text2 value={rule.message} /> },
    { key: 'citation', title: t('programs.citation'), width: 140, render: (_, rule) => <Citation value={rule.citation} /> },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 80,
            fixed: 'right' as const,
            render: (_: unknown, rule: Rule, index: number) => (
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onTarget(index)} aria-label={t('programs.rules.editNamed', { id: rule.id })}>
                {t('programs.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {editable ? (
        <div className="tab-toolbar">
          <Typography.Text type="secondary">{t('programs.rules.draftHint')}</Typography.Text>
          <Button icon={<PlusOutlined />} onClick={() => onTarget('new')}>
            {t('programs.rules.add')}
          </Button>
        </div>
      ) : null}
      <Table<Rule>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rules}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <EmptyState description={t('programs.rules.empty')} /> }}
      />
      {editable ? (
        <RuleDrawer
          target={target}
          rules={rules}
          referencesOf={(id) => ruleReferences(definition, id)}
          problems={problems}
          onClose={() => onTarget(null)}
          onApply={(index, rule) => update((d) => setIn(d, ['rules', index], rule))}
          onRemove={(index) => update((d) => setIn(d, ['rules', index], undefined))}
        />
      ) : null}
    </>
  );
}

type RuleValues = Pick<Rule, 'id' | 'kind' | 'severity' | 'expression' | 'message' | 'citation'>;

function RuleDrawer({
  target,
  rules,
  referencesOf,
  problems,
  onClose,
  onApply,
  onRemove,
}: {
  target: RuleTarget;
  rules: Rule[];
  referencesOf: (ruleId: string) => string[];
  problems: TabProps['problems'];
  onClose: () => void;
  onApply: (index: number, rule: Rule) => void;
  onRemove: (index: number) => void;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const [form] = Form.useForm<RuleValues>();
  const index = target === 'new' ? rules.length : target;
  const existing = typeof target === 'number' ? rules[target] : undefined;
  const mine = typeof target === 'number' ? problems.filter((p) => p.path === `rules.${target}` || p.path.startsWith(`rules.${target}.`)) : [];
  const initial: RuleValues = existing ?? { id: '', kind: 'eligibility', severity: 'block', expression: '', message: { 'zh-CN': '', en: '' }, citation: '' };

  const submit = (values: RuleValues) => {
    if (index === null) return;
    // Keys this screen does not edit stay as they were.
    onApply(index, { ...(existing ?? {}), ...values, id: existing?.id ?? values.id.trim(), expression: values.expression.trim(), citation: values.citation.trim() });
    onClose();
  };

  return (
    <Drawer
      open={target !== null}
      onClose={onClose}
      size={620}
      destroyOnHidden
      title={existing ? t('programs.rules.editTitle', { id: existing.id }) : t('programs.rules.addTitle')}
      footer={
        <div className="drawer-footer">
          {existing && typeof target === 'number' ? (
            <Popconfirm
              title={t('programs.rules.removeConfirm', { id: existing.id })}
              description={
                referencesOf(existing.id).length ? t('programs.rules.removeReferenced', { refs: referencesOf(existing.id).join('、') }) : undefined
              }
              okText={t('programs.remove')}
              okButtonProps={{ danger: true }}
              onConfirm={() => {
                onRemove(target);
                onClose();
              }}
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('programs.remove')}
              </Button>
            </Popconfirm>
          ) : (
            <span />
          )}
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" onClick={() => form.submit()}>
              {t('programs.apply')}
            </Button>
          </Space>
        </div>
      }
    >
      {mine.length ? (
        <Alert className="form-alert" type="error" showIcon title={t('programs.rules.savedProblems')} description={mine.map((p) => p.message).join('；')} />
      ) : null}
      <Form<RuleValues> form={form} name="rule" layout="vertical" initialValues={initial} onFinish={submit} requiredMark>
        <Form.Item
          name="id"
          label={t('programs.rules.id')}
          extra={existing ? t('programs.rules.idFixed') : t('programs.rules.idHint')}
          rules={[
            { required: true, whitespace: true },
            { pattern: RULE_ID, message: t('programs.rules.idPattern', { field: t('programs.rules.id') }) },
            {
              validator: (_rule, value: string | undefined) =>
                !value || existing || !rules.some((r) => r.id === value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('programs.rules.idTaken', { field: t('programs.rules.id'), id: value }))),
            },
          ]}
        >
          <Input className="mono-input" disabled={Boolean(existing)} autoComplete="off" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="kind" label={t('programs.rules.kind')} rules={[{ required: true }]}>
            <Select className="select-md" options={RULE_KINDS.map((kind) => ({ value: kind, label: label('ruleKind', kind) }))} />
          </Form.Item>
          <Form.Item name="severity" label={t('programs.rules.severity')} rules={[{ required: true }]} tooltip={t('programs.rules.severityHint')}>
            <Select className="select-md" options={SEVERITIES.map((severity) => ({ value: severity, label: label('severity', severity) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="expression" label={t('programs.rules.expression')} rules={[{ required: true, whitespace: true }, { max: 2000 }]}>
          <ExpressionInput />
        </Form.Item>
        <Form.Item name={['message', 'zh-CN']} label={t('programs.rules.messageZh')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name={['message', 'en']} label={t('programs.rules.messageEn')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item
          name="citation"
          label={t('programs.citation')}
          extra={t('programs.citationHint')}
          rules={[{ required: true, whitespace: true }, { pattern: CITATION, message: t('programs.citationPattern', { field: t('programs.citation') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
