/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015, with the embedded organization code
 * check of GB 11714-1997. See shared/REFERENCE.md (a).
 */

/** The 31 characters of GB 32100 table 1, valued 0..30 (no I, O, Z, S, V). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** W_i = 3^(i-1) mod 31 for i = 1..17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714-1997 weights for the 8-character body. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem = 'length' | 'characters' | 'check_character';

export interface CreditCodeResult {
  /** The normalized code (spaces and hyphens removed, upper case). */
  code: string;
  valid: boolean;
  problem?: CreditCodeProblem;
  /** GB 11714 check on positions 9-17 failed: a warning only (REFERENCE.md advises not to reject). */
  organizationCodeWarning: boolean;
}

export function normalizeCreditCode(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase();
}

/** The check character (pos 18) for the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31]!;
}

/** GB 11714-1997 check character for an 8-character organization-code body (A=10 … Z=35, continuous). */
export function organizationCodeCheckCharacter(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateCreditCode(input: string): CreditCodeResult {
  const code = normalizeCreditCode(input);
  if (code.length !== 18) return { code, valid: false, problem: 'length', organizationCodeWarning: false };
  if (![...code].every((ch) => USCC_CHARS.includes(ch))) {
    return { code, valid: false, problem: 'characters', organizationCodeWarning: false };
  }
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) {
    return { code, valid: false, problem: 'check_character', organizationCodeWarning: false };
  }
  const orgWarning = organizationCodeCheckCharacter(code.slice(8, 16)) !== code[16];
  return { code, valid: true, organizationCodeWarning: orgWarning };
}
