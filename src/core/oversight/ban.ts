/**
 * Application bans (000 第十七条: 两年内禁止申报). Dates are Asia/Shanghai calendar dates (YYYY-MM-DD).
 *
 * A ban of N years decided on date D runs from D and expires on the same calendar date N years later
 * (29 February → 28 February when that year has none). The expiry date itself is NOT included: on it
 * the organization may apply again. The last banned day is the day before, which is what the rule input
 * `applicant.bannedUntil` carries, so the programs' rule `applicant.bannedUntil == '' ||
 * applicant.bannedUntil < today` holds exactly from the expiry date on.
 */
import { addDays } from '../calendar.ts';
import type { Rule } from '../programs/definition.ts';

export type BanScope = 'all_programs' | 'this_program';

export interface BanPeriod {
  fromDate: string;
  /** The expiry date, excluded. */
  untilDate: string;
  /** The last day the ban is in force (untilDate − 1 day). */
  lastDay: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function addYears(date: string, years: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  const y = Number(m[1]) + years;
  const month = Number(m[2]);
  let day = Number(m[3]);
  const daysInMonth = new Date(Date.UTC(y, month, 0)).getUTCDate();
  if (day > daysInMonth) day = daysInMonth;
  return `${String(y).padStart(4, '0')}-${m[2]}-${String(day).padStart(2, '0')}`;
}

export function banPeriod(decidedOn: string, years: number): BanPeriod {
  if (!Number.isInteger(years) || years < 1) throw new Error(`ban years must be a positive integer: ${years}`);
  const untilDate = addYears(decidedOn, years);
  return { fromDate: decidedOn, untilDate, lastDay: addDays(untilDate, -1) };
}

export function banInForce(ban: { fromDate: string; untilDate: string }, today: string): boolean {
  return ban.fromDate <= today && today < ban.untilDate;
}

/** Whether a ban of this scope (made under `banProgram`) covers an application to `programCode`. */
export function banCovers(ban: { scope: BanScope; programCode: string | null }, programCode: string): boolean {
  return ban.scope === 'all_programs' || ban.programCode === programCode;
}

export const BAN_INPUT = 'applicant.bannedUntil';
export const BAN_EXPRESSION = 'applicant.bannedUntil == "" || applicant.bannedUntil < today';

/**
 * The rules to evaluate for an applicant under a ban: the program's own, plus — when none of them
 * reads `applicant.bannedUntil` (published definitions are frozen, and only 000 has the rule) — a
 * blocking exclusion carrying the ban's citation, so a ban over all programs blocks in every program.
 */
export function rulesWithBan<D extends { rules: Rule[] }>(definition: D, ban: { citation: string; lastDay: string } | null): D {
  if (!ban || definition.rules.some((r) => r.expression.includes(BAN_INPUT))) return definition;
  const rule: Rule = {
    id: 'application-ban',
    kind: 'exclusion',
    expression: BAN_EXPRESSION,
    severity: 'block',
    message: { 'zh-CN': `处于禁止申报期内（至 ${ban.lastDay}），不得申报`, en: `Under an application ban (until ${ban.lastDay}); the organization may not apply` },
    citation: ban.citation,
  };
  return { ...definition, rules: [...definition.rules, rule] };
}
