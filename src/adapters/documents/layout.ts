/**
 * What goes where on an application form, before any docx is made: the rows of the bordered form
 * table with their labels and formatted values. A program with an official layout (the paper form
 * of its source, ./official-layouts.ts) gets that; every other form gets the generic layout driven by
 * its sections: short fields two to a row, long ones across the row, tables nested.
 */
import type { Bilingual, FormField, ProgramDefinition } from '../../core/programs/definition.ts';
import type { ProfileInput } from '../../../contracts/applicants.ts';
import { formatFieldValue, formatTableRows, isEmptyValue, type DocumentLocale } from './format.ts';
import { OFFICIAL_LAYOUTS, type OfficialLayout, type OfficialRow } from './official-layouts.ts';

type Form = ProgramDefinition['forms'][number];

/** A label and its formatted value. */
export interface Entry {
  label: string;
  text: string;
}

/** One row (or group of rows) of the form table. */
export type LayoutRow =
  /** A shaded heading across the table. */
  | { kind: 'section'; title: string }
  /** One or two label/value pairs; a single pair's value spans the rest of the row. */
  | { kind: 'entries'; entries: [Entry] | [Entry, Entry] }
  /** Long text across the row: the label in a shaded row above it, or (`inline`) heading the text's own cell as on paper. */
  | { kind: 'block'; label: string; text: string; inline: boolean }
  /** A `table` field: its label above a nested table. */
  | { kind: 'table'; label: string; columns: string[]; types: FormField['type'][]; rows: string[][] }
  /** A grid of values under column headings, each row headed by its label (e.g. 经营情况 by year). */
  | { kind: 'grid'; corner: string; columns: string[]; types: FormField['type'][]; rows: { label: string; cells: string[] }[] }
  /** An opinion with room for the seal, the signatory and the date. */
  | { kind: 'signature'; label: string; text: string; signatory: Entry | null; seal: string; date: string };

export interface FormLayout {
  /** The attachment number of the source the form comes from, e.g. "附件2", shown at the top left. */
  attachmentLabel: string | null;
  title: string;
  /** Lines of a cover page (official layouts whose paper form has one); null: the table starts under the title. */
  cover: Entry[] | null;
  rows: LayoutRow[];
  note: string | null;
}

/** What a form's values come from besides its own data. */
export interface LayoutContext {
  definition: ProgramDefinition;
  formData: Record<string, Record<string, unknown>>;
  organization: { name: string; creditCode: string | null };
  profile: ProfileInput | null;
  locale: DocumentLocale;
  /** Whether to open the table with the applicant's details from the profile (the first generic form only). */
  applicantBlock: boolean;
}

/** The layout of one form: its official one when the program has it and it still fits the form, else the generic one. */
export function layoutForm(form: Form, ctx: LayoutContext): FormLayout {
  const official = OFFICIAL_LAYOUTS.find((l) => l.programCode === ctx.definition.code && l.formId === form.id);
  return (official && officialLayout(official, form, ctx)) ?? genericLayout(form, ctx);
}

/**
 * The form's values by field id: its own data, and for a field the platform fills from the profile
 * (`fromProfile`) and that holds nothing, the profile's value.
 */
export function formValues(form: Form, ctx: LayoutContext): Record<string, unknown> {
  const values: Record<string, unknown> = { ...(ctx.formData[form.id] ?? {}) };
  for (const field of allFields(form)) {
    if (field.fromProfile && isEmptyValue(values[field.id])) values[field.id] = profileValue(field.fromProfile, ctx);
  }
  return values;
}

function allFields(form: Form): FormField[] {
  return form.sections.flatMap((s) => s.fields);
}

function profileValue(path: string, ctx: LayoutContext): unknown {
  if (path === 'creditCode') return ctx.organization.creditCode;
  if (path === 'name') return ctx.profile?.name ?? ctx.organization.name;
  let value: unknown = ctx.profile;
  for (const key of path.split('.')) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** "附件2" when the form's citation is an attachment of its source ("004 附件2"). */
function attachmentLabel(form: Form, locale: DocumentLocale): string | null {
  const m = /^\d{3} 附件\s*(\d+)$/.exec(form.citation ?? '');
  if (!m) return null;
  return locale === 'en' ? `Attachment ${m[1]}` : `附件${m[1]}`;
}

type Shape = 'short' | 'wide' | 'block' | 'table';

/** How much room a field needs: two short ones share a row, a wide one takes a row, a block takes a row of its own below its label. */
function shapeOf(field: FormField): Shape {
  switch (field.type) {
    case 'table':
      return 'table';
    case 'textarea':
      return (field.maxLength ?? Infinity) > 200 ? 'block' : 'wide';
    case 'multiselect':
    case 'directions':
      return 'wide';
    case 'text':
      return (field.maxLength ?? Infinity) > 50 ? 'wide' : 'short';
    default:
      return 'short';
  }
}

function entry(field: FormField, values: Record<string, unknown>, ctx: LayoutContext): Entry {
  return { label: field.label[ctx.locale], text: formatFieldValue(field, values[field.id], ctx.definition, ctx.locale) };
}

/** Rows for fields in order: short fields paired, the others each on their own row. */
function fieldRows(fields: readonly FormField[], values: Record<string, unknown>, ctx: LayoutContext): LayoutRow[] {
  const rows: LayoutRow[] = [];
  let pending: Entry | null = null;
  const flush = () => {
    if (pending) rows.push({ kind: 'entries', entries: [pending] });
    pending = null;
  };
  for (const field of fields) {
    const shape = shapeOf(field);
    if (shape === 'short') {
      const e = entry(field, values, ctx);
      if (pending) {
        rows.push({ kind: 'entries', entries: [pending, e] });
        pending = null;
      } else pending = e;
      continue;
    }
    flush();
    if (shape === 'wide') rows.push({ kind: 'entries', entries: [entry(field, values, ctx)] });
    else if (shape === 'block') rows.push({ kind: 'block', label: field.label[ctx.locale], text: entry(field, values, ctx).text, inline: false });
    else rows.push(tableRow(field, values, ctx));
  }
  flush();
  return rows;
}

function tableRow(field: FormField, values: Record<string, unknown>, ctx: LayoutContext): LayoutRow {
  return {
    kind: 'table',
    label: field.label[ctx.locale],
    columns: (field.columns ?? []).map((c) => c.label[ctx.locale]),
    types: (field.columns ?? []).map((c) => c.type),
    rows: formatTableRows(field, values[field.id], ctx.definition, ctx.locale),
  };
}

export function genericLayout(form: Form, ctx: LayoutContext): FormLayout {
  const values = formValues(form, ctx);
  const rows: LayoutRow[] = ctx.applicantBlock ? applicantRows(form, ctx) : [];
  for (const section of form.sections) {
    rows.push({ kind: 'section', title: section.title[ctx.locale] }, ...fieldRows(section.fields, values, ctx));
  }
  return { attachmentLabel: attachmentLabel(form, ctx.locale), title: form.title[ctx.locale], cover: null, rows, note: null };
}

const INTEGRATION_LEVELS = [
  { value: '0', label: { 'zh-CN': '未评估', en: 'Not assessed' } },
  { value: '1', label: { 'zh-CN': '起步建设', en: 'Starting' } },
  { value: '2', label: { 'zh-CN': '单项覆盖', en: 'Single-area coverage' } },
  { value: '3', label: { 'zh-CN': '集成提升', en: 'Integration' } },
  { value: '4', label: { 'zh-CN': '创新突破', en: 'Innovation breakthrough' } },
];

/** A profile item shown like a form field (so it is formatted by the same rules). */
function item(id: string, type: FormField['type'], label: Bilingual, extra: Partial<FormField> = {}): FormField {
  return { id, type, label, required: false, ...extra };
}

/**
 * The applicant's details from its profile, for forms that do not ask for them. An item the form
 * already shows (a field filled from that profile item, or with its name) is left out; so are the
 * contact details when the form asks for its own contact (it has a mobile-number field).
 */
function applicantRows(form: Form, ctx: LayoutContext): LayoutRow[] {
  const fields = allFields(form);
  const covered = new Set(fields.flatMap((f) => [f.id, ...(f.fromProfile ? [f.fromProfile] : [])]));
  const asksForContact = fields.some((f) => f.type === 'mobile');
  const p = ctx.profile;
  const contact = p?.contacts[0];
  const year = p?.financialYear;
  const items: [FormField, unknown][] = [
    [item('name', 'text', { 'zh-CN': '单位名称', en: 'Applicant' }), ctx.organization.name],
    [item('creditCode', 'creditCode', { 'zh-CN': '统一社会信用代码', en: 'Unified social credit code' }), ctx.organization.creditCode],
  ];
  if (p && contact) {
    items.push(
      [item('address', 'text', { 'zh-CN': '注册地址', en: 'Registered address' }, { maxLength: 200 }), p.address],
      [item('divisionCode', 'divisionCode', { 'zh-CN': '注册地行政区划', en: 'Division of registration' }), p.divisionCode],
      [item('legalRepresentative', 'text', { 'zh-CN': '法定代表人', en: 'Legal representative' }, { maxLength: 50 }), p.legalRepresentative],
      [item('industryCode', 'industryCode', { 'zh-CN': '所属行业', en: 'Industry (GB/T 4754)' }), p.industryCode],
      [item('employees', 'integer', { 'zh-CN': '从业人员', en: 'Employees' }, { unit: '人' }), p.employees],
      [item('itTeamSize', 'integer', { 'zh-CN': '信息化支撑队伍', en: 'IT team' }, { unit: '人' }), p.itTeamSize],
      [item('integrationLevel', 'select', { 'zh-CN': '两化融合发展水平', en: 'IT-industrialization integration level' }, { options: INTEGRATION_LEVELS }), String(p.integrationLevel)],
      [item('annualSalesFen', 'money', { 'zh-CN': `${year}年营业收入`, en: `Revenue ${year}` }, { unit: '万元' }), p.annualSalesFen],
      [item('annualProfitFen', 'money', { 'zh-CN': `${year}年利润总额`, en: `Profit ${year}` }, { unit: '万元' }), p.annualProfitFen],
    );
    if (!asksForContact) {
      const title = contact.position ? (ctx.locale === 'en' ? ` (${contact.position})` : `（${contact.position}）`) : '';
      items.push(
        [item('contact', 'text', { 'zh-CN': '联系人及职务', en: 'Contact and position' }, { maxLength: 50 }), `${contact.name}${title}`],
        [item('mobile', 'mobile', { 'zh-CN': '移动电话', en: 'Mobile' }), contact.mobile],
        [item('email', 'email', { 'zh-CN': '电子邮箱', en: 'Email' }), contact.email],
      );
    }
  }
  const shown = items.filter(([f, v]) => !covered.has(f.id) && (f.id === 'name' || !isEmptyValue(v)));
  if (shown.length === 0) return [];
  const values = Object.fromEntries(shown.map(([f, v]) => [f.id, v]));
  const title = { 'zh-CN': '申报单位基本情况', en: 'Applicant' }[ctx.locale];
  return [{ kind: 'section', title }, ...fieldRows(shown.map(([f]) => f), values, ctx)];
}

function referencedIds(row: OfficialRow): string[] {
  switch (row.kind) {
    case 'entries':
      return [...row.fields];
    case 'block':
      return [row.field];
    case 'grid':
      return row.rows.flatMap((r) => r.fields);
    case 'signature':
      return [row.field, ...(row.signatory ? [row.signatory] : []), ...(row.date ? [row.date] : [])];
  }
}

/**
 * The paper form of the source, filled in. Null when a field it places is no longer in the form (a
 * later version changed it): the generic layout then shows the form as it is. Fields the paper form
 * has no place for are added in the generic way before the opinions, so nothing entered is left out.
 */
function officialLayout(layout: OfficialLayout, form: Form, ctx: LayoutContext): FormLayout | null {
  const byId = new Map(allFields(form).map((f) => [f.id, f]));
  const placed = new Set([...layout.cover.map((c) => c.field), ...layout.rows.flatMap(referencedIds)]);
  if ([...placed].some((id) => !byId.has(id))) return null;
  const values = formValues(form, ctx);
  const field = (id: string) => byId.get(id)!;
  const text = (id: string) => formatFieldValue(field(id), values[id], ctx.definition, ctx.locale);
  const l = ctx.locale;
  const rows: LayoutRow[] = layout.rows.map((row): LayoutRow => {
    switch (row.kind) {
      case 'entries':
        return { kind: 'entries', entries: row.fields.map((id) => ({ label: field(id).label[l], text: text(id) })) as [Entry] | [Entry, Entry] };
      case 'block':
        return { kind: 'block', label: field(row.field).label[l], text: text(row.field), inline: true };
      case 'grid':
        return {
          kind: 'grid',
          corner: row.corner[l],
          columns: row.columns.map((c) => c[l]),
          types: row.rows[0]?.fields.map((id) => field(id).type) ?? [],
          rows: row.rows.map((r) => ({ label: r.label[l], cells: r.fields.map(text) })),
        };
      case 'signature':
        return {
          kind: 'signature',
          label: field(row.field).label[l],
          text: text(row.field),
          signatory: row.signatory ? { label: field(row.signatory).label[l], text: text(row.signatory) } : null,
          seal: row.seal[l],
          date: row.date ? text(row.date) : '',
        };
    }
  });
  const unplaced = allFields(form).filter((f) => !placed.has(f.id));
  if (unplaced.length > 0) {
    const at = rows.findIndex((r) => r.kind === 'signature');
    rows.splice(at === -1 ? rows.length : at, 0, ...fieldRows(unplaced, values, ctx));
  }
  return {
    attachmentLabel: attachmentLabel(form, l),
    title: form.title[l],
    cover: layout.cover.map((c) => ({ label: c.label[l], text: text(c.field) })),
    rows,
    note: layout.note ? layout.note[l] : null,
  };
}
