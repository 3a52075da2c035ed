/**
 * Password policy meeting both OWASP ASVS (v4 2.1: length ≥ 12, no composition rules beyond what
 * 等保 requires, checked against breached/common lists) and GB/T 22239-2019 等保 三级 8.1.4.1
 * (complexity: at least three of four character classes; periodic change for staff).
 */
import { COMMON_PASSWORDS } from './common-passwords.ts';
import type { Messages } from './errors.ts';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export interface PasswordProblem {
  code: 'too_short' | 'too_long' | 'classes' | 'contains_account' | 'common';
  messages: Messages;
}

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

function characterClasses(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length;
}

/** Substitutions people use to dress up a common word (p@ssw0rd). */
function unleet(s: string): string {
  return s.replace(/@/g, 'a').replace(/0/g, 'o').replace(/1/g, 'l').replace(/3/g, 'e').replace(/\$/g, 's').replace(/5/g, 's');
}

function isCommon(pw: string): boolean {
  const lower = pw.toLowerCase();
  const stem = lower.replace(/[^a-z]+$/, ''); // "password2024!" -> "password"
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const candidates = [lower, stem, core, unleet(lower), unleet(stem)].filter((c) => c.length > 0);
  if (candidates.some((c) => COMMON.has(c) || COMMON.has(unleet(c)))) return true;
  // a single repeated character, or a run of one pattern repeated ("abcabcabcabc")
  if ([lower, stem].some((c) => c.length >= 6 && /^(.{1,4})\1+$/.test(c))) return true;
  return false;
}

/** Every rule the password breaks; empty when it is acceptable. */
export function checkPassword(password: string, accountName: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) {
    problems.push({ code: 'too_short', messages: { 'zh-CN': `至少 ${PASSWORD_MIN_LENGTH} 个字符`, en: `at least ${PASSWORD_MIN_LENGTH} characters` } });
  }
  if ([...password].length > PASSWORD_MAX_LENGTH) {
    problems.push({ code: 'too_long', messages: { 'zh-CN': `不能超过 ${PASSWORD_MAX_LENGTH} 个字符`, en: `at most ${PASSWORD_MAX_LENGTH} characters` } });
  }
  if (characterClasses(password) < 3) {
    problems.push({
      code: 'classes',
      messages: { 'zh-CN': '须包含大写字母、小写字母、数字、符号中的至少三类', en: 'must mix at least three of: upper case, lower case, digits, symbols' },
    });
  }
  const name = accountName.trim().toLowerCase();
  const local = name.split('@')[0] ?? '';
  const lower = password.toLowerCase();
  if ((name.length >= 3 && lower.includes(name)) || (local.length >= 3 && lower.includes(local))) {
    problems.push({ code: 'contains_account', messages: { 'zh-CN': '不能包含账号名', en: 'must not contain the account name' } });
  }
  if (isCommon(password)) {
    problems.push({ code: 'common', messages: { 'zh-CN': '过于常见，容易被猜中', en: 'is too common and easy to guess' } });
  }
  return problems;
}
