/**
 * 申报表单: each form an application fills in — its sections' fields and the attachments it needs.
 * On a draft a field's label, whether it is required and its bounds (value, length or rows, by type)
 * are edited in place; the rest of a form's structure is shown as it is.
 */
import { Card, Input, InputNumber, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../../src/core/programs/definition.ts';
import { EmptyState } from '../../components/QueryState.tsx';
import { fenToWan, formatFen, wanToFen } from '../../lib/money.ts';
import { useLanguage } from '../../i18n.ts';
import { boundKeys, optionalNumber, setIn, type Path } from './model.ts';
import { Citation, ProblemMark, Text2, useEnumLabel, type TabProps } from './parts.tsx';

type Attachment = { id: string; name: { 'zh-CN': string; en: string }; required: boolean; types: string[]; maxSizeMb: number; citation?: string | undefined };

export function FormsTab({ definition, editable, update, problems }: TabProps) {
  const { t } = useTranslation();
  const forms = definition.forms ?? [];
  if (forms.length === 0) return <EmptyState description={t('programs.forms.empty')} />;
  return (
    <Space orientation="vertical" size={16} className="full-width">
      {forms.map((form, formIndex) => (
        <Card
          key={form.id}
          size="small"
          title={
            <Space wrap>
              <Text2 value={form.title} />
              <Typography.Text type="secondary" className="mono">
                {form.id}
              </Typography.Text>
              <ProblemMark problems={problems} prefix={`forms.${formIndex}`} />
            </Space>
          }
          extra={form.citation ? <Citation value={form.citation} /> : null}
        >
          <AppliesTo appliesTo={form.appliesTo} />
          {form.sections.map((section, sectionIndex) => (
            <div key={sectionIndex} className="form-section-block">
              <Typography.Text strong>
                <Text2 value={section.title} />
              </Typography.Text>
              <FieldsTable
                fields={section.fields as FormField[]}
                base={['forms', formIndex, 'sections', sectionIndex, 'fields']}
                editable={editable}
                update={update}
                problems={problems}
              />
            </div>
          ))}
          <Typography.Text strong>{t('programs.forms.attachments')}</Typography.Text>
          <AttachmentsTable attachments={(form.attachments ?? []) as Attachment[]} />
        </Card>
      ))}
    </Space>
  );
}

function AppliesTo({ appliesTo }: { appliesTo: { directions?: string[] | undefined; categories?: string[] | undefined } | undefined }) {
  const { t } = useTranslation();
  const directions = appliesTo?.directions ?? [];
  const categories = appliesTo?.categories ?? [];
  return (
    <p className="applies-to">
      <Typography.Text type="secondary">{t('programs.forms.appliesTo')}</Typography.Text>
      {directions.length === 0 && categories.length === 0 ? t('programs.forms.appliesToAll') : null}
      {directions.map((code) => (
        <Tag key={`d-${code}`}>{t('programs.forms.direction', { code })}</Tag>
      ))}
      {categories.map((code) => (
        <Tag key={`c-${code}`} className="mono">
          {code}
        </Tag>
      ))}
    </p>
  );
}

function FieldsTable({ fields, base, editable, update, problems }: { fields: FormField[]; base: Path; editable: boolean } & Pick<TabProps, 'update' | 'problems'>) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const language = useLanguage();
  const set = (index: number, key: string, value: unknown) => update((d) => setIn(d, [...base, index, key], value));

  const boundText = (field: FormField, [lo, hi]: NonNullable<ReturnType<typeof boundKeys>>) => {
    const show = (v: number | undefined) => (v === undefined ? '' : field.type === 'money' ? formatFen(v, language) : String(v));
    const low = field[lo];
    const high = field[hi];
    if (low === undefined && high === undefined) return '—';
    return `${show(low)} – ${show(high)}`;
  };

  const columns: TableColumnsType<FormField> = [
    {
      key: 'id',
      title: t('programs.forms.fieldId'),
      width: 150,
      render: (_, field, index) => (
        <Space size={4}>
          <span className="mono">{field.id}</span>
          <ProblemMark problems={problems} prefix={[...base, index].join('.')} />
        </Space>
      ),
    },
    {
      key: 'label',
      title: t('programs.forms.label'),
      width: editable ? 260 : undefined,
      render: (_, field, index) =>
        editable ? (
          <Space orientation="vertical" size={4} className="full-width">
            <Input size="small" aria-label={`${field.id} ${t('programs.basics.nameZh')}`} value={field.label['zh-CN']} onChange={(e) => set(index, 'label', { ...field.label, 'zh-CN': e.target.value })} />
            <Input size="small" aria-label={`${field.id} ${t('programs.basics.nameEn')}`} value={field.label.en} onChange={(e) => set(index, 'label', { ...field.label, en: e.target.value })} />
          </Space>
        ) : (
          <Text2 value={field.label} />
        ),
    },
    {
      key: 'type',
      title: t('programs.forms.type'),
      width: 110,
      render: (_, field) => (
        <div className="cell-stack">
          <span>{label('fieldType', field.type)}</span>
          {field.fromProfile ? (
            <Typography.Text type="secondary" className="cell-sub">
              {t('programs.forms.fromProfile')}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      key: 'required',
      title: t('programs.forms.required'),
      width: 70,
      render: (_, field, index) =>
        editable ? (
          <Switch size="small" checked={field.required} aria-label={`${field.id} ${t('programs.forms.required')}`} onChange={(checked) => set(index, 'required', checked)} />
        ) : field.required ? (
          <CheckOutlined className="yes-mark" aria-label={t('programs.yes')} />
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'bounds',
      title: t('programs.forms.bounds'),
      width: editable ? 230 : 150,
      render: (_, field, index) => {
        const keys = boundKeys(field.type);
        if (!keys) return <Typography.Text type="secondary">—</Typography.Text>;
        const [lo, hi] = keys;
        const hint = t(`programs.forms.boundKind.${lo}`);
        if (!editable) {
          return (
            <div className="cell-stack">
              <span>{boundText(field, keys)}</span>
              {field[lo] !== undefined || field[hi] !== undefined ? (
                <Typography.Text type="secondary" className="cell-sub">
                  {hint}
                </Typography.Text>
              ) : null}
            </div>
          );
        }
        const money = field.type === 'money';
        // Lengths, rows, counts and whole-number fields take whole numbers only.
        const integral = lo !== 'min' || field.type === 'integer' || field.type === 'year' || field.type === 'directions';
        const box = (key: typeof lo | typeof hi, aria: string) => (
          <InputNumber<number>
            size="small"
            className="bound-input"
            aria-label={`${field.id} ${aria}`}
            value={field[key] === undefined ? null : money ? fenToWan(field[key]) : field[key]}
            min={lo === 'min' ? undefined : key === 'maxLength' || key === 'maxRows' ? 1 : 0}
            precision={integral ? 0 : undefined}
            onChange={(value) => {
              const n = optionalNumber(value);
              set(index, key, n === undefined ? undefined : money ? wanToFen(n) : n);
            }}
          />
        );
        return (
          <div className="cell-stack">
            <Space size={4}>
              {box(lo, t('programs.forms.lower'))}
              <span>–</span>
              {box(hi, t('programs.forms.upper'))}
            </Space>
            <Typography.Text type="secondary" className="cell-sub">
              {hint}
              {money ? ` · ${t('programs.units.wan')}` : field.unit ? ` · ${field.unit}` : ''}
            </Typography.Text>
          </div>
        );
      },
    },
    { key: 'unit', title: t('programs.forms.unit'), width: 64, render: (_, field) => field.unit ?? '—' },
    { key: 'citation', title: t('programs.citation'), width: 130, render: (_, field) => <Citation value={field.citation} /> },
  ];

  return (
    <Table<FormField>
      rowKey="id"
      size="small"
      className="fields-table"
      columns={columns}
      dataSource={fields}
      pagination={false}
      scroll={{ x: 900 }}
      expandable={{
        rowExpandable: (field) => (field.columns ?? []).length > 0 || (field.options ?? []).length > 0,
        expandedRowRender: (field) => <FieldDetail field={field} />,
      }}
    />
  );
}

/** A table field's columns, or a choice field's options. */
function FieldDetail({ field }: { field: FormField }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <div className="field-detail">
      {(field.options ?? []).length ? (
        <p>
          <Typography.Text type="secondary">{t('programs.forms.options')}</Typography.Text>
          {(field.options ?? []).map((o) => (
            <Tag key={o.value}>
              <span className="mono">{o.value}</span> <Text2 value={o.label} />
            </Tag>
          ))}
        </p>
      ) : null}
      {(field.columns ?? []).length ? (
        <>
          <Typography.Text type="secondary">{t('programs.forms.columns', { min: field.minRows ?? 0, max: field.maxRows ?? '∞' })}</Typography.Text>
          <ul className="plain-list">
            {(field.columns ?? []).map((c) => (
              <li key={c.id}>
                <span className="mono">{c.id}</span> <Text2 value={c.label} /> · {label('fieldType', c.type)}
                {c.required ? ` · ${t('programs.forms.required')}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

function AttachmentsTable({ attachments }: { attachments: Attachment[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Attachment> = [
    { key: 'name', title: t('programs.forms.attachment'), render: (_, a) => <Text2 value={a.name} /> },
    {
      key: 'required',
      title: t('programs.forms.required'),
      width: 90,
      render: (_, a) => (a.required ? <Tag color="red">{t('programs.forms.mandatory')}</Tag> : <Tag>{t('programs.forms.optional')}</Tag>),
    },
    { key: 'types', title: t('programs.forms.fileTypes'), width: 160, render: (_, a) => a.types.map((type) => type.toUpperCase()).join(' / ') },
    { key: 'size', title: t('programs.forms.maxSize'), width: 100, render: (_, a) => `${a.maxSizeMb} MB` },
    { key: 'citation', title: t('programs.citation'), width: 130, render: (_, a) => <Citation value={a.citation} /> },
  ];
  return (
    <Table<Attachment>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={attachments}
      pagination={false}
      locale={{ emptyText: <EmptyState description={t('programs.forms.noAttachments')} /> }}
    />
  );
}
