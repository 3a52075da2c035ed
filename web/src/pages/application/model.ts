/**
 * The application page's pure parts: which problem belongs where (a form field, an attachment row,
 * neither), what a returned application's comments say about a field, the choices of fields an
 * officer can comment on, and how a restored copy replaces what is on screen.
 */
import type { ProgramDefinition } from '../../../../src/core/programs/definition.ts';
import { fieldsOf } from '../../../../src/core/applications/form-data.ts';
import type { Language } from '../../i18n.ts';
import { fieldName } from '../../lib/field-path.ts';
import { requirementsOf } from '../../lib/definition.ts';

type Form = ProgramDefinition['forms'][number];
type Messages = { 'zh-CN': string; en: string };
export type FormData = Record<string, Record<string, unknown>>;

export interface PathProblem {
  path: string;
  messages: Messages;
}

export interface SortedProblems {
  /** On form fields: the antd name and the messages. */
  fields: { name: (string | number)[]; messages: string[] }[];
  /** On attachment rows, by requirement id. */
  attachments: Record<string, string[]>;
  /** Neither (shown in a message). */
  other: string[];
}

/**
 * Sorts problems (a 422's `errors`, a draft save's `issues`) by where they show: `attachments.REQ`
 * on the attachment row, `formId.fieldId[.row.column]` on that field when it is on the page, the rest
 * in a message. `known` says whether a form field is on the page.
 */
export function sortProblems(problems: readonly PathProblem[], language: Language, known: (name: (string | number)[]) => boolean): SortedProblems {
  const fields = new Map<string, { name: (string | number)[]; messages: string[] }>();
  const attachments: Record<string, string[]> = {};
  const other: string[] = [];
  for (const p of problems) {
    let name = fieldName(p.path);
    const text = p.messages[language];
    // A table cell not on the page (a removed row) blames its table.
    while (name.length > 2 && !known(name)) name = name.slice(0, -1);
    if (name[0] === 'attachments' && typeof name[1] === 'string') {
      (attachments[name[1]] ??= []).push(text);
    } else if (name.length >= 2 && known(name)) {
      const key = JSON.stringify(name);
      const entry = fields.get(key) ?? { name, messages: [] };
      entry.messages.push(text);
      fields.set(key, entry);
    } else {
      other.push(text);
    }
  }
  return { fields: [...fields.values()], attachments, other };
}

/** The paths an officer may comment on when returning: every field of the forms, then every attachment. */
export function commentTargets(forms: readonly Form[], language: Language): { value: string; label: string }[] {
  const multi = forms.length > 1;
  const fields = fieldsOf(forms).map(({ path, formId, field }) => {
    const form = forms.find((f) => f.id === formId);
    return { value: path, label: multi && form ? `${form.title[language]} · ${field.label[language]}` : field.label[language] };
  });
  const attachments = requirementsOf(forms).map((a) => ({ value: `attachments.${a.id}`, label: `${language === 'en' ? 'Attachment' : '附件'} · ${a.name[language]}` }));
  return [...fields, ...attachments];
}

/**
 * The values to put on the form so it shows exactly `copy`: every field the server copy has is set
 * (to undefined when the copy lacks it), so nothing of the server copy lingers.
 */
export function replacementValues(server: FormData, copy: FormData): FormData {
  const out: FormData = {};
  for (const formId of new Set([...Object.keys(server), ...Object.keys(copy)])) {
    const fields: Record<string, unknown> = {};
    for (const fieldId of Object.keys(server[formId] ?? {})) fields[fieldId] = undefined;
    Object.assign(fields, copy[formId] ?? {});
    out[formId] = fields;
  }
  return out;
}

/** Required attachment requirements with no file yet (conditional ones are the server's to judge). */
export function missingRequired(forms: readonly Form[], uploaded: ReadonlySet<string>): string[] {
  return requirementsOf(forms)
    .filter((a) => a.required && !uploaded.has(a.id))
    .map((a) => a.id);
}

/** The pause before autosave tries again after its n-th failure in a row: 3 s, 6 s, 12 s, … at most 60 s. */
export function autosaveRetryDelay(failures: number): number {
  return Math.min(60_000, 3_000 * 2 ** Math.max(0, failures - 1));
}
