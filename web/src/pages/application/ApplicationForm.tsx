/**
 * The application form, rendered from the program definition: one card per section of each form
 * that applies, each field with its help, citation and unit, checked as it is typed by the same
 * validator the server runs (src/core/applications/form-data.ts validateField: 'draft' while
 * typing, 'submit' once the user has tried to submit). Fields the platform fills from the profile
 * show read-only; an officer's comment on a field shows beneath it as a warning.
 */
import type { MutableRefObject, ReactNode } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, InfoCircleOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../../contracts/applicants.ts';
import { validateField, type Mode } from '../../../../src/core/applications/form-data.ts';
import type { FormField, ProgramDefinition } from '../../../../src/core/programs/definition.ts';
import { Citation } from '../../components/Citation.tsx';
import { DateInput, MoneyInput, YesNoInput } from '../../components/FieldInputs.tsx';
import { useLanguage, type Language } from '../../i18n.ts';
import { directionTree, type DirectionNode } from '../../lib/definition.ts';
import { useFormat } from '../../lib/format.ts';

type Form = ProgramDefinition['forms'][number];

export interface FormContext {
  definition: ProgramDefinition;
  allowedDirections: ReadonlySet<string>;
  mode: MutableRefObject<Mode>;
  readOnly: boolean;
  fieldComments: ApplicationDetail['fieldComments'];
}

/** The field's rule: the shared validator, in the mode of the moment, its first problem in the user's language. */
function validatorRule(field: FormField, path: string, ctx: FormContext, language: Language): { validator: (rule: unknown, value: unknown) => Promise<void> } {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      if (field.fromProfile || ctx.readOnly) return;
      // A table's cells are checked by their own items; the table itself only for its rows.
      const issues = validateField(field, value, path, ctx.mode.current, ctx.allowedDirections).filter((i) => i.path === path);
      if (issues.length) throw new Error(issues[0]!.messages[language]);
    },
  };
}

export function ApplicationForms({ forms, ctx }: { forms: readonly Form[]; ctx: FormContext }) {
  const language = useLanguage();
  return (
    <>
      {forms.map((form) => (
        <section key={form.id} className="application-form" data-form-id={form.id}>
          {forms.length > 1 ? (
            <Typography.Title level={5} className="form-title">
              <Space size={8}>
                {form.title[language]}
                <Citation value={form.citation} hideEmpty />
              </Space>
            </Typography.Title>
          ) : null}
          {form.sections.map((section, index) => (
            <Card key={index} title={section.title[language]} className="form-card" size="small">
              <div className="field-grid">
                {section.fields.map((field) => (
                  <FieldItem key={field.id} form={form} field={field} ctx={ctx} />
                ))}
              </div>
            </Card>
          ))}
        </section>
      ))}
    </>
  );
}

/** Wide fields take the whole row of the grid. */
const WIDE: ReadonlySet<FormField['type']> = new Set(['textarea', 'table', 'directions', 'multiselect']);

function FieldLabel({ field }: { field: FormField }) {
  const language = useLanguage();
  return (
    <Space size={6} wrap className="field-label">
      <span>{field.label[language]}</span>
      {field.unit && field.type !== 'money' ? <Typography.Text type="secondary">（{field.unit}）</Typography.Text> : null}
      {field.citation ? <Citation value={field.citation} /> : null}
    </Space>
  );
}

/** Whether a field has anything to say beneath it (an empty `extra` would still take room). */
function hasExtra(field: FormField, path: string, ctx: FormContext): boolean {
  return Boolean(field.help || field.fromProfile || ctx.fieldComments[path] || (field.minLength && (field.type === 'text' || field.type === 'textarea')));
}

function FieldExtra({ field, path, ctx }: { field: FormField; path: string; ctx: FormContext }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const format = useFormat();
  const comment = ctx.fieldComments[path];
  const parts: ReactNode[] = [];
  if (field.help) parts.push(<span key="help">{field.help[language]}</span>);
  if (field.fromProfile) parts.push(<span key="profile">{t('application.fromProfile')}</span>);
  if (field.minLength && (field.type === 'text' || field.type === 'textarea')) parts.push(<span key="min">{t('application.minLength', { count: field.minLength })}</span>);
  if (comment) {
    parts.push(
      <Typography.Text key="comment" type="warning" className="officer-comment" data-testid={`comment-${path}`}>
        <WarningOutlined /> {t('application.officerComment', { comment: comment.comment })}
        <Typography.Text type="secondary" className="cell-sub">
          {' '}
          {[comment.by, format.dateTime(comment.at)].filter(Boolean).join(' · ')}
        </Typography.Text>
      </Typography.Text>,
    );
  }
  if (parts.length === 0) return null;
  return <div className="field-extra">{parts}</div>;
}

function FieldItem({ form, field, ctx }: { form: Form; field: FormField; ctx: FormContext }) {
  const language = useLanguage();
  const path = `${form.id}.${field.id}`;
  const name = [form.id, field.id];
  const disabled = ctx.readOnly || Boolean(field.fromProfile);
  const className = `field-cell${WIDE.has(field.type) ? ' field-wide' : ''}${ctx.fieldComments[path] ? ' field-commented' : ''}`;

  if (field.type === 'table') {
    return (
      <div className={className}>
        <TableField form={form} field={field} ctx={ctx} />
      </div>
    );
  }
  return (
    <div className={className}>
      <Form.Item
        name={name}
        label={<FieldLabel field={field} />}
        required={field.required && !disabled}
        rules={[validatorRule(field, path, ctx, language)]}
        extra={hasExtra(field, path, ctx) ? <FieldExtra field={field} path={path} ctx={ctx} /> : undefined}
        data-path={path}
      >
        <FieldControl field={field} ctx={ctx} disabled={disabled} />
      </Form.Item>
    </div>
  );
}

/** The control for one field type; the value is the API's (fen, ISO date, code list, …). */
function FieldControl({ field, ctx, disabled, value, onChange, id }: { field: FormField; ctx: FormContext; disabled: boolean; value?: unknown; onChange?: (value: unknown) => void; id?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const common = { id, disabled };
  switch (field.type) {
    case 'textarea':
      return (
        <Input.TextArea
          {...common}
          value={typeof value === 'string' ? value : undefined}
          onChange={(event) => onChange?.(event.target.value)}
          autoSize={{ minRows: 3, maxRows: 12 }}
          showCount={{ formatter: ({ count }) => (field.maxLength ? `${count} / ${field.maxLength}` : String(count)) }}
        />
      );
    case 'text':
    case 'phone':
    case 'mobile':
    case 'email':
    case 'creditCode':
    case 'divisionCode':
    case 'industryCode': {
      const inputMode = field.type === 'phone' || field.type === 'mobile' ? 'tel' : field.type === 'email' ? 'email' : field.type === 'divisionCode' ? 'numeric' : undefined;
      return (
        <Input
          {...common}
          value={typeof value === 'string' ? value : undefined}
          onChange={(event) => {
            const text = event.target.value;
            onChange?.(field.type === 'creditCode' || field.type === 'industryCode' ? text.toUpperCase() : text);
          }}
          inputMode={inputMode}
          className={field.type === 'creditCode' || field.type === 'divisionCode' || field.type === 'industryCode' ? 'mono-input' : undefined}
        />
      );
    }
    case 'integer':
    case 'year':
      return (
        <InputNumber<number>
          {...common}
          value={typeof value === 'number' ? value : null}
          onChange={(n) => onChange?.(typeof n === 'number' ? n : undefined)}
          precision={0}
          min={field.type === 'year' ? 1900 : undefined}
          max={field.type === 'year' ? 2100 : undefined}
          suffix={field.type === 'integer' && field.unit ? field.unit : undefined}
          className="number-field"
        />
      );
    case 'decimal':
    case 'percent':
      return (
        <InputNumber<number>
          {...common}
          value={typeof value === 'number' ? value : null}
          onChange={(n) => onChange?.(typeof n === 'number' ? n : undefined)}
          suffix={field.type === 'percent' ? '%' : field.unit}
          className="number-field"
        />
      );
    case 'money':
      return <MoneyInput {...common} value={typeof value === 'number' ? value : undefined} onChange={(fen) => onChange?.(fen)} unit={field.unit} allowNegative={field.min === undefined || field.min < 0} />;
    case 'date':
      return <DateInput {...common} value={typeof value === 'string' ? value : undefined} onChange={(date) => onChange?.(date || undefined)} />;
    case 'boolean':
      return <YesNoInput {...common} value={typeof value === 'boolean' ? value : undefined} onChange={(v) => onChange?.(v)} />;
    case 'select':
      return (
        <Select
          {...common}
          allowClear
          value={typeof value === 'string' ? value : undefined}
          onChange={(v: string | undefined) => onChange?.(v)}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label[language] }))}
          placeholder={t('application.choose')}
          className="select-field"
        />
      );
    case 'multiselect':
      return (
        <Select
          {...common}
          mode="multiple"
          allowClear
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(v: string[]) => onChange?.(v)}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label[language] }))}
          placeholder={t('application.choose')}
        />
      );
    case 'directions':
      return <DirectionsControl {...common} field={field} ctx={ctx} value={value} onChange={onChange} />;
    case 'table':
      return null; // TableField
  }
}

interface TreeSelectNode {
  value: string;
  title: string;
  selectable: boolean;
  children?: TreeSelectNode[];
}

function toTreeSelect(nodes: DirectionNode[]): TreeSelectNode[] {
  return nodes.map((n) => ({ value: n.value, title: n.title, selectable: n.selectable, ...(n.children ? { children: toTreeSelect(n.children) } : {}) }));
}

/** A choice among the program's directions at its level: one (max 1) or several (up to max). */
function DirectionsControl({ field, ctx, value, onChange, id, disabled }: { field: FormField; ctx: FormContext; value?: unknown; onChange?: (value: unknown) => void; id?: string; disabled: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const treeData = toTreeSelect(directionTree(ctx.definition.directions ?? [], ctx.definition.directionLevel ?? 1, language));
  const codes = Array.isArray(value) ? (value as string[]) : [];
  const single = field.max === 1;
  return (
    <TreeSelect
      id={id}
      disabled={disabled}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear
      multiple={!single}
      value={single ? codes[0] : codes}
      onChange={(v: string | string[] | undefined) => onChange?.(v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])}
      placeholder={single ? t('application.chooseDirection') : t('application.chooseDirections', { max: field.max ?? '—' })}
      className="full-width"
      popupMatchSelectWidth={false}
    />
  );
}

/** A table field: rows of the columns' fields, added and removed by the applicant. */
function TableField({ form, field, ctx }: { form: Form; field: FormField; ctx: FormContext }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const path = `${form.id}.${field.id}`;
  const columns = field.columns ?? [];
  return (
    <div className="table-field" data-path={path}>
      <div className="table-field-head">
        <FieldLabel field={field} />
        {field.required ? <Tag color="red">{t('attachments.mandatory')}</Tag> : null}
        {field.minRows || field.maxRows ? (
          <Typography.Text type="secondary">{t('application.rows', { min: field.minRows ?? 0, max: field.maxRows ?? '∞' })}</Typography.Text>
        ) : null}
      </div>
      <FieldExtra field={field} path={path} ctx={ctx} />
      <Form.List name={[form.id, field.id]} rules={[validatorRule(field, path, ctx, language)]}>
        {(rows, { add, remove }, { errors }) => (
          <>
            <div className="table-field-grid" style={{ gridTemplateColumns: `repeat(${columns.length}, minmax(120px, 1fr)) 40px` }}>
              {columns.map((c) => (
                <Typography.Text key={c.id} strong className="table-field-th">
                  {c.label[language]}
                  {c.required ? <span className="required-star">*</span> : null}
                </Typography.Text>
              ))}
              <span />
              {rows.map((row) => (
                <TableRow key={row.key} row={row.name} columns={columns} path={path} ctx={ctx} onRemove={() => remove(row.name)} />
              ))}
            </div>
            {rows.length === 0 ? <Typography.Text type="secondary">{t('application.noRows')}</Typography.Text> : null}
            <Form.ErrorList errors={errors} />
            {ctx.readOnly ? null : (
              <Button type="dashed" size="small" icon={<PlusOutlined />} disabled={field.maxRows !== undefined && rows.length >= field.maxRows} onClick={() => add({})}>
                {t('application.addRow')}
              </Button>
            )}
          </>
        )}
      </Form.List>
    </div>
  );
}

function TableRow({ row, columns, path, ctx, onRemove }: { row: number; columns: FormField[]; path: string; ctx: FormContext; onRemove: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      {columns.map((c) => (
        <Form.Item key={c.id} name={[row, c.id]} rules={[validatorRule(c, `${path}.${row}.${c.id}`, ctx, language)]} className="table-field-cell">
          <FieldControl field={c} ctx={ctx} disabled={ctx.readOnly} />
        </Form.Item>
      ))}
      {ctx.readOnly ? (
        <span />
      ) : (
        <Tooltip title={t('application.removeRow')}>
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={t('application.removeRow')} />
        </Tooltip>
      )}
    </>
  );
}

/** The banner of a returned application: the officer's overall comment. */
export function ReturnBanner({ comment }: { comment: string }) {
  const { t } = useTranslation();
  return <Alert type="warning" showIcon icon={<InfoCircleOutlined />} className="page-alert" title={t('application.returnedTitle')} description={<span className="pre-wrap">{comment}</span>} data-testid="return-comment" />;
}
