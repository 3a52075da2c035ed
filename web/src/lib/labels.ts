/**
 * Role names come from the domain (src/core/roles.ts ROLE_LABELS), bilingual there, so the web and
 * the server's messages and documents always call a role the same thing.
 */
import { ROLE_LABELS, type Role } from '../../../src/core/roles.ts';
import type { Language } from '../i18n.ts';

export function roleLabel(role: string | null | undefined, language: Language): string {
  if (!role) return '—';
  const labels = (ROLE_LABELS as Record<string, { 'zh-CN': string; en: string } | undefined>)[role];
  return labels ? labels[language] : role;
}

/** Select options for these roles, labelled in the language. */
export const roleOptions = (language: Language, roles: readonly Role[]) =>
  roles.map((role) => ({ value: role, label: ROLE_LABELS[role][language] }));
