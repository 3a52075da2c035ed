/**
 * A lead department's figure for a reported target (002: each task names its 牵头单位): who may record
 * it, for which periods, and what makes the input valid. Messages read `label: problem` in both
 * languages (STYLE.md habit 3).
 */
import type { FieldError, Messages } from '../errors.ts';
import type { Target } from './target.ts';
import { parsePeriod } from './periods.ts';
import { valueProblem } from './units.ts';

/**
 * The plan's short names of provincial departments (as 002 writes them in its brackets) → the key of
 * the department organization (src/core/reference/organizations.ts `${provinceCode}-${key}`).
 */
export const DEPARTMENT_KEYS: Readonly<Record<string, string>> = {
  省工业和信息化厅: 'miit',
  省通信管理局: 'comms',
  省发展改革委: 'ndrc',
  省科技厅: 'most',
  省财政厅: 'finance',
  省商务厅: 'commerce',
  省国资委: 'sasac',
  省金融办: 'finreg',
  省国防科工局: 'sti',
};

/** The lead departments of a target: "省工业和信息化厅、省通信管理局" names two. */
export function leadDepartments(t: Pick<Target, 'leadDepartment'>): string[] {
  return t.leadDepartment
    .split('、')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The organization codes of the target's lead departments in the province (unknown names are left out). */
export function leadOrganizationCodes(t: Pick<Target, 'leadDepartment'>, provinceCode: string): string[] {
  return leadDepartments(t).flatMap((name) => (DEPARTMENT_KEYS[name] ? [`${provinceCode}-${DEPARTMENT_KEYS[name]}`] : []));
}

export interface ReportInput {
  period: string;
  value: number | null;
  note: string;
  evidence: string;
}

const LABELS = {
  period: { 'zh-CN': '统计期', en: 'Period' },
  value: { 'zh-CN': '完成值', en: 'Value' },
  note: { 'zh-CN': '说明', en: 'Note' },
  evidence: { 'zh-CN': '佐证材料', en: 'Evidence' },
} satisfies Record<keyof ReportInput, Messages>;

const field = (path: keyof ReportInput, code: string, problem: Messages): FieldError => ({
  path,
  code,
  messages: { 'zh-CN': `${LABELS[path]['zh-CN']}：${problem['zh-CN']}`, en: `${LABELS[path].en}: ${problem.en}` },
});

/**
 * The field errors of a report (none when it may be recorded). The period must be one of the target's
 * kind (a quarter 2026Q3 or a year 2026), not before the plan's first year (or the baseline year) and
 * already begun on `today`; the value must suit the unit; the evidence (a document number, a
 * statistical bulletin, a link) is required.
 */
export function reportErrors(t: Target, input: ReportInput, context: { today: string; firstYear: number }): FieldError[] {
  const errors: FieldError[] = [];
  if (t.measure.kind !== 'reported') return [field('value', 'computed', { 'zh-CN': '该目标由平台根据业务数据自动计算，无需填报', en: 'this target is computed by the platform from its records and is not reported' })];
  const every = t.measure.every;
  const period = parsePeriod(input.period.trim(), every);
  if (!input.period.trim()) errors.push(field('period', 'required', { 'zh-CN': '必填', en: 'is required' }));
  else if (!period) {
    errors.push(field('period', 'format', every === 'quarter' ? { 'zh-CN': '应为季度，如 2026Q3', en: 'must be a quarter such as 2026Q3' } : { 'zh-CN': '应为年份，如 2026', en: 'must be a year such as 2026' }));
  } else if (period.year < context.firstYear) {
    errors.push(field('period', 'too_early', { 'zh-CN': `不能早于 ${context.firstYear} 年`, en: `cannot be before ${context.firstYear}` }));
  } else if (period.start > context.today) {
    errors.push(field('period', 'future', { 'zh-CN': '统计期尚未开始', en: 'has not begun yet' }));
  }
  if (input.value === null || input.value === undefined) errors.push(field('value', 'required', { 'zh-CN': '必填', en: 'is required' }));
  else {
    const problem = valueProblem(t.unit, input.value);
    if (problem) errors.push(field('value', 'invalid', problem));
  }
  if (input.note.length > 2000) errors.push(field('note', 'too_big', { 'zh-CN': '不能超过 2000 个字符', en: 'must have at most 2000 characters' }));
  const evidence = input.evidence.trim();
  if (!evidence) errors.push(field('evidence', 'required', { 'zh-CN': '必填（文号、统计公报或链接）', en: 'is required (a document number, statistical bulletin or link)' }));
  else if (evidence.length > 2000) errors.push(field('evidence', 'too_big', { 'zh-CN': '不能超过 2000 个字符', en: 'must have at most 2000 characters' }));
  return errors;
}

