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

export type CreditCodeProblem = 'length' | 'characters' | 'division_code' | 'check_character';

export interface CreditCodeResult {
  /** The normalized code (spaces and hyphens removed, upper case). */
  code: string;
  valid: boolean;
  problem?: CreditCodeProblem;
  /** The 1-based position at fault: the first illegal character, or 18 for the check character. */
  position?: number;
  /** For a wrong check character: the one the first 17 characters call for. */
  expectedCheckCharacter?: string;
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
  const illegal = [...code].findIndex((ch) => !USCC_CHARS.includes(ch));
  if (illegal >= 0) return { code, valid: false, problem: 'characters', position: illegal + 1, organizationCodeWarning: false };
  // Positions 3–8 are the registering authority's GB/T 2260 division code: six digits.
  const nonDigit = [...code.slice(2, 8)].findIndex((ch) => !/\d/.test(ch));
  if (nonDigit >= 0) return { code, valid: false, problem: 'division_code', position: nonDigit + 3, organizationCodeWarning: false };
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (expected !== code[17]) {
    return { code, valid: false, problem: 'check_character', position: 18, expectedCheckCharacter: expected, organizationCodeWarning: false };
  }
  const orgWarning = organizationCodeCheckCharacter(code.slice(8, 16)) !== code[16];
  return { code, valid: true, organizationCodeWarning: orgWarning };
}

/**
 * What is wrong with a code, in the applicant's words, naming the position: "第 7 位“I”不是允许的字符".
 * A wrong check character cannot say which earlier character was mistyped, only that one was.
 */
export function creditCodeProblemMessage(r: CreditCodeResult): { 'zh-CN': string; en: string } | null {
  if (r.valid) return null;
  const ch = r.position ? r.code[r.position - 1] : '';
  switch (r.problem) {
    case 'length':
      return { 'zh-CN': `应为 18 位，现为 ${r.code.length} 位`, en: `must have 18 characters, not ${r.code.length}` };
    case 'characters':
      return {
        'zh-CN': `第 ${r.position} 位“${ch}”不是允许的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）`,
        en: `character ${r.position} (“${ch}”) is not allowed (digits and capital letters except I, O, Z, S and V)`,
      };
    case 'division_code':
      return { 'zh-CN': `第 ${r.position} 位“${ch}”有误：第 3–8 位是登记机关行政区划码，只能是数字`, en: `character ${r.position} (“${ch}”) is wrong: characters 3–8 are the registering authority's division code, digits only` };
    case 'check_character':
      return {
        'zh-CN': `第 18 位校验码应为“${r.expectedCheckCharacter}”而不是“${ch}”：请核对前 17 位是否输错`,
        en: `the check character (18th) should be “${r.expectedCheckCharacter}”, not “${ch}”: check the first 17 characters for a typo`,
      };
    default:
      return { 'zh-CN': '格式不正确', en: 'is not valid' };
  }
}
