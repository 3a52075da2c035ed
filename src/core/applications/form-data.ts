/**
 * An application's form data checked against the program definition's forms: the one validator the
 * server runs on every save and submission and the browser runs as the applicant types, so both
 * say the same thing in the same words. Values are JSON: text as strings, money as integer fen,
 * dates as ISO strings, booleans, option values, lists of direction codes, table rows as objects.
 */
import type { Messages } from '../errors.ts';
import { directionCodes, type FormField, type ProgramDefinition } from '../programs/definition.ts';

export type FormData = Record<string, Record<string, unknown>>;
export type Mode = 'draft' | 'submit';

export interface FieldIssue {
  /** `formId.fieldId`, `formId.fieldId.ROW.columnId` for table cells, `attachments.REQUIREMENT`. */
  path: string;
  code: string;
  messages: Messages;
}

type Form = ProgramDefinition['forms'][number];

const issue = (path: string, code: string, label: Messages, problem: Messages): FieldIssue => ({
  path,
  code,
  messages: { 'zh-CN': `${label['zh-CN']}：${problem['zh-CN']}`, en: `${label.en}: ${problem.en}` },
});

const FORMATS: Partial<Record<FormField['type'], { test: RegExp; problem: Messages }>> = {
  phone: { test: /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, problem: { 'zh-CN': '应为手机号码或固定电话（如 0311-12345678）', en: 'must be a mobile or landline number (e.g. 0311-12345678)' } },
  mobile: { test: /^1\d{10}$/, problem: { 'zh-CN': '应为 11 位手机号码', en: 'must be an 11-digit mobile number' } },
  email: { test: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, problem: { 'zh-CN': '格式不正确，例如 name@example.com', en: 'is not a valid e-mail address, e.g. name@example.com' } },
  creditCode: { test: /^[0-9A-HJ-NPQRTUWXY]{18}$/, problem: { 'zh-CN': '应为 18 位统一社会信用代码', en: 'must be an 18-character unified social credit code' } },
  divisionCode: { test: /^\d{6}$/, problem: { 'zh-CN': '应为 6 位行政区划代码', en: 'must be a 6-digit division code' } },
  industryCode: { test: /^[A-T]\d{2,4}$/, problem: { 'zh-CN': '应为国民经济行业代码，如 C3511', en: 'must be an industry code such as C3511' } },
  date: { test: /^\d{4}-\d{2}-\d{2}$/, problem: { 'zh-CN': '应为日期', en: 'must be a date' } },
};

const REQUIRED: Messages = { 'zh-CN': '必填', en: 'is required' };

/** Empty as far as "required" goes: no value, blank text, an empty list. */
export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

function validDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * One field's value: its type, then its bounds. `required` is only enforced on submission; a draft
 * may be incomplete but never of the wrong type (so what is saved can always be shown again).
 */
export function validateField(field: FormField, value: unknown, path: string, mode: Mode, allowedDirections: ReadonlySet<string>): FieldIssue[] {
  const label = field.label;
  if (isEmptyValue(value)) return mode === 'submit' && field.required ? [issue(path, 'required', label, REQUIRED)] : [];
  const wrong = (problem: Messages) => [issue(path, 'invalid', label, problem)];
  const bounds = (n: number, unit = ''): FieldIssue[] => {
    if (field.min !== undefined && n < field.min) return [issue(path, 'too_small', label, { 'zh-CN': `不能小于 ${field.min}${unit}`, en: `must be at least ${field.min}${unit}` })];
    if (field.max !== undefined && n > field.max) return [issue(path, 'too_big', label, { 'zh-CN': `不能大于 ${field.max}${unit}`, en: `must be at most ${field.max}${unit}` })];
    return [];
  };
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'phone':
    case 'mobile':
    case 'email':
    case 'creditCode':
    case 'divisionCode':
    case 'industryCode':
    case 'date': {
      if (typeof value !== 'string') return wrong({ 'zh-CN': '应为文字', en: 'must be text' });
      const text = value.trim();
      const format = FORMATS[field.type];
      if (format && !format.test.test(text)) return wrong(format.problem);
      if (field.type === 'date' && !validDate(text)) return wrong(FORMATS.date!.problem);
      const length = [...text].length;
      if (field.minLength !== undefined && length < field.minLength && mode === 'submit') {
        return [issue(path, 'too_short', label, { 'zh-CN': `至少 ${field.minLength} 字（现有 ${length} 字）`, en: `needs at least ${field.minLength} characters (now ${length})` })];
      }
      if (field.maxLength !== undefined && length > field.maxLength) {
        return [issue(path, 'too_long', label, { 'zh-CN': `最多 ${field.maxLength} 字（现有 ${length} 字）`, en: `must be at most ${field.maxLength} characters (now ${length})` })];
      }
      return [];
    }
    case 'integer':
    case 'year':
    case 'money':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
        return wrong(field.type === 'money' ? { 'zh-CN': '应为金额（精确到分）', en: 'must be an amount (to the fen)' } : { 'zh-CN': '应为整数', en: 'must be a whole number' });
      }
      return field.type === 'money' ? bounds(value / 100, ' 元') : bounds(value, field.unit ?? '');
    case 'decimal':
    case 'percent':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrong({ 'zh-CN': '应为数字', en: 'must be a number' });
      return bounds(value, field.type === 'percent' ? '%' : (field.unit ?? ''));
    case 'boolean':
      return typeof value === 'boolean' ? [] : wrong({ 'zh-CN': '应为“是”或“否”', en: 'must be yes or no' });
    case 'select':
      if (typeof value !== 'string' || !(field.options ?? []).some((o) => o.value === value)) return wrong({ 'zh-CN': '请从选项中选择', en: 'must be one of the options' });
      return [];
    case 'multiselect':
    case 'directions': {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return wrong({ 'zh-CN': '请从选项中选择', en: 'must be chosen from the options' });
      const allowed = field.type === 'directions' ? allowedDirections : new Set((field.options ?? []).map((o) => o.value));
      const unknown = value.filter((v) => !allowed.has(v));
      if (unknown.length) return wrong({ 'zh-CN': `不在可选范围内：${unknown.join('、')}`, en: `not among the choices: ${unknown.join(', ')}` });
      if (new Set(value).size !== value.length) return wrong({ 'zh-CN': '不能重复选择', en: 'must not repeat a choice' });
      if (field.max !== undefined && value.length > field.max) return [issue(path, 'too_many', label, { 'zh-CN': `最多选择 ${field.max} 项`, en: `choose at most ${field.max}` })];
      if (field.min !== undefined && value.length < field.min && mode === 'submit') return [issue(path, 'too_few', label, { 'zh-CN': `至少选择 ${field.min} 项`, en: `choose at least ${field.min}` })];
      return [];
    }
    case 'table': {
      if (!Array.isArray(value) || !value.every((r) => r && typeof r === 'object' && !Array.isArray(r))) return wrong({ 'zh-CN': '表格格式不正确', en: 'is not a table' });
      if (field.maxRows !== undefined && value.length > field.maxRows) return [issue(path, 'too_many', label, { 'zh-CN': `最多 ${field.maxRows} 行`, en: `at most ${field.maxRows} rows` })];
      if (field.minRows !== undefined && value.length < field.minRows && mode === 'submit') return [issue(path, 'too_few', label, { 'zh-CN': `至少 ${field.minRows} 行`, en: `at least ${field.minRows} rows` })];
      return value.flatMap((row, i) =>
        (field.columns ?? []).flatMap((c) => validateField(c, (row as Record<string, unknown>)[c.id], `${path}.${i}.${c.id}`, mode, allowedDirections)),
      );
    }
  }
}

/** The forms an applicant fills for an application of this category and these directions. */
export function applicantForms(definition: Pick<ProgramDefinition, 'forms'>, category: string | null, directions: readonly string[]): Form[] {
  return definition.forms.filter((f) => {
    if (f.filledBy !== 'applicant' || f.scope !== 'application') return false;
    const { categories, directions: dirs } = f.appliesTo;
    if (categories && !(category && categories.includes(category))) return false;
    if (dirs && !directions.some((d) => dirs.includes(d))) return false;
    return true;
  });
}

/** Every field of the applicant's forms with its path. */
export function fieldsOf(forms: readonly Form[]): { path: string; formId: string; field: FormField }[] {
  return forms.flatMap((f) => f.sections.flatMap((s) => s.fields.map((field) => ({ path: `${f.id}.${field.id}`, formId: f.id, field }))));
}

/** The value of the first field answering a fact: by `ruleInput`, else by its id, else by type (for directions). */
export function factValue(forms: readonly Form[], formData: FormData, fact: string): { known: boolean; value: unknown } {
  for (const { formId, field } of fieldsOf(forms)) {
    if (field.ruleInput === fact || (field.ruleInput === undefined && field.id === fact)) return { known: true, value: formData[formId]?.[field.id] };
  }
  return { known: false, value: undefined };
}

/** The application's directions: every value of every `directions` field. */
export function chosenDirections(definition: Pick<ProgramDefinition, 'forms'>, formData: FormData): string[] {
  const all = definition.forms.flatMap((f) => f.sections.flatMap((s) => s.fields.filter((x) => x.type === 'directions').map((x) => formData[f.id]?.[x.id])));
  return [...new Set(all.flatMap((v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [])))];
}

/** The application's category: the field answering `category` in any applicant form (before category-specific forms apply). */
export function chosenCategory(definition: Pick<ProgramDefinition, 'forms'>, formData: FormData): string | null {
  const forms = definition.forms.filter((f) => f.filledBy === 'applicant' && f.scope === 'application');
  const { value } = factValue(forms, formData, 'category');
  return typeof value === 'string' && value ? value : null;
}

/** The forms that apply to this form data (the category and directions it chose). */
export function formsFor(definition: Pick<ProgramDefinition, 'forms'>, formData: FormData): Form[] {
  return applicantForms(definition, chosenCategory(definition, formData), chosenDirections(definition, formData));
}

/**
 * Keeps only the forms and fields the definition knows (anything else a client sends is dropped),
 * so stored drafts never carry junk into documents or rules.
 */
export function pickKnownFields(definition: Pick<ProgramDefinition, 'forms'>, formData: FormData): FormData {
  const out: FormData = {};
  for (const f of definition.forms) {
    if (f.filledBy !== 'applicant' || f.scope !== 'application') continue;
    const data = formData[f.id];
    if (!data || typeof data !== 'object') continue;
    const kept: Record<string, unknown> = {};
    for (const s of f.sections) for (const field of s.fields) if (field.id in data && data[field.id] !== undefined) kept[field.id] = data[field.id];
    if (Object.keys(kept).length) out[f.id] = kept;
  }
  return out;
}

/** Every field issue of the applicable forms. */
export function validateFormData(definition: Pick<ProgramDefinition, 'forms' | 'directions' | 'directionLevel'>, formData: FormData, mode: Mode): FieldIssue[] {
  const allowed = new Set(directionCodes(definition.directions, definition.directionLevel));
  return fieldsOf(formsFor(definition, formData)).flatMap(({ path, formId, field }) => validateField(field, formData[formId]?.[field.id], path, mode, allowed));
}

/** Profile keys a form field can be filled from (`fromProfile`). */
export type ProfileSource = Record<string, unknown>;

/**
 * Fills `fromProfile` fields from the profile (as it is now for a draft, as frozen for a submission):
 * the applicant sees them, read-only; what the profile says wins over anything typed.
 */
export function fillFromProfile(definition: Pick<ProgramDefinition, 'forms'>, formData: FormData, source: ProfileSource): FormData {
  const out: FormData = { ...formData };
  for (const f of definition.forms) {
    if (f.filledBy !== 'applicant' || f.scope !== 'application') continue;
    for (const s of f.sections) {
      for (const field of s.fields) {
        if (!field.fromProfile || !(field.fromProfile in source)) continue;
        let value = source[field.fromProfile];
        if (field.type === 'select' && (typeof value === 'number' || typeof value === 'boolean')) value = String(value);
        if (value === undefined || value === null) continue;
        out[f.id] = { ...(out[f.id] ?? {}), [field.id]: value };
      }
    }
  }
  return out;
}
