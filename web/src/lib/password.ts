/**
 * The password rules as the user sees them before typing (the server's policy, src/core/password-policy.ts,
 * is the judge; this only gives early feedback on the rules that need no list of common passwords).
 */
export const PASSWORD_MIN_LENGTH = 12;

export function characterClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function containsAccountName(password: string, accountName: string): boolean {
  const name = accountName.trim().toLowerCase();
  const local = name.split('@')[0] ?? '';
  const lower = password.toLowerCase();
  return (name.length >= 3 && lower.includes(name)) || (local.length >= 3 && lower.includes(local));
}

export type RuleState = 'ok' | 'bad' | 'pending';

export interface PasswordRuleStates {
  length: RuleState;
  classes: RuleState;
  account: RuleState;
  common: RuleState;
}

export function ruleStates(password: string, accountName: string): PasswordRuleStates {
  if (!password) return { length: 'pending', classes: 'pending', account: 'pending', common: 'pending' };
  return {
    length: [...password].length >= PASSWORD_MIN_LENGTH ? 'ok' : 'bad',
    classes: characterClasses(password) >= 3 ? 'ok' : 'bad',
    account: accountName.trim() === '' ? 'pending' : containsAccountName(password, accountName) ? 'bad' : 'ok',
    common: 'pending', // checked by the server on submit
  };
}
