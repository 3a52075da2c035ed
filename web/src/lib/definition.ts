/**
 * Reading a call's frozen program definition on the applicant's side: the direction tree for pickers
 * and display, and the attachment requirements of a set of forms (one row per requirement).
 */
import type { Direction, ProgramDefinition } from '../../../src/core/programs/definition.ts';
import type { Language } from '../i18n.ts';

type Form = ProgramDefinition['forms'][number];
export type AttachmentRequirement = Form['attachments'][number];

export interface DirectionNode {
  value: string;
  title: string;
  /** Whether the node is at the level an application chooses from. */
  selectable: boolean;
  citation?: string | undefined;
  children?: DirectionNode[];
}

/** The direction tree down to the level an application chooses from; only that level is selectable. */
export function directionTree(directions: readonly Direction[], level: number, language: Language, at = 1): DirectionNode[] {
  return directions.map((d) => {
    const children = at < level ? directionTree(d.children ?? [], level, language, at + 1) : [];
    return {
      value: d.code,
      title: `${d.code} ${d.name[language]}`,
      selectable: at === level,
      citation: d.citation,
      ...(children.length ? { children } : {}),
    };
  });
}

/** The name of a direction code anywhere in the tree, or the code. */
export function directionName(directions: readonly Direction[], code: string, language: Language): string {
  for (const d of directions) {
    if (d.code === code) return d.name[language];
    const inner = directionName(d.children ?? [], code, language);
    if (inner !== code) return inner;
  }
  return code;
}

/** The attachment requirements of these forms, each once (a requirement id may recur across category forms). */
export function requirementsOf(forms: readonly Pick<Form, 'attachments'>[]): AttachmentRequirement[] {
  const seen = new Map<string, AttachmentRequirement>();
  for (const form of forms) for (const a of form.attachments) if (!seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()];
}
