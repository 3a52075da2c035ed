/**
 * A platform's or enterprise's monthly operating figures (003 三（一）: the comprehensive service platform
 * "持续监测省内产业互联网平台承载的经济运行状况、产品和设备接入情况", and provides the 行业产能地图 and
 * 行业运行分析), and the effects 003 二 sets as goals for platform users. Pure: months are YYYY-MM
 * strings, counts integers, effects basis points (1 bp = 0.01%); nothing here reads a clock.
 *
 * Who reports: an organization with a selected project (a row in the project table) that has not been
 * revoked by a sanction. Other enterprises may not: the figures feed the province's target plan (002)
 * and the industry view, and only cultivated platforms are vetted and under supervision (003 三（三）
 * 强化跟踪服务; 002 的上云、工业APP、联网 targets count the platforms the province supports).
 */
import { DomainError, type FieldError, type Messages } from '../errors.ts';

/** The effects 003 二 sets as goals, as signed changes against the enterprise's own baseline. */
export const EFFECTS = [
  { key: 'operatingCost', goalBp: -2000, label: { 'zh-CN': '运营成本', en: 'Operating cost' }, goal: { 'zh-CN': '降低20%', en: '−20%' } },
  { key: 'upgradeCycle', goalBp: -2000, label: { 'zh-CN': '产品升级周期', en: 'Product upgrade cycle' }, goal: { 'zh-CN': '缩短20%', en: '−20%' } },
  { key: 'productivity', goalBp: 2000, label: { 'zh-CN': '生产效率', en: 'Productivity' }, goal: { 'zh-CN': '提高20%', en: '+20%' } },
  { key: 'defectRate', goalBp: -1000, label: { 'zh-CN': '产品不良品率', en: 'Defect rate' }, goal: { 'zh-CN': '降低10%', en: '−10%' } },
  { key: 'energyEfficiency', goalBp: 1500, label: { 'zh-CN': '能源利用率', en: 'Energy efficiency' }, goal: { 'zh-CN': '提高15%以上', en: '+15% or more' } },
] as const satisfies readonly { key: string; goalBp: number; label: Messages; goal: Messages }[];

export const EFFECTS_CITATION = '003 二';
export type EffectKey = (typeof EFFECTS)[number]['key'];
export const EFFECT_KEYS = EFFECTS.map((e) => e.key) as EffectKey[];

/** Has a change reached its goal? Goals below zero are reductions (cost, cycle, defects), above zero increases. */
export function meetsGoal(key: EffectKey, bp: number): boolean {
  const goal = EFFECTS.find((e) => e.key === key)!.goalBp;
  return goal < 0 ? bp <= goal : bp >= goal;
}

/** A change can fall at most 100% (to nothing); a rise beyond +1000% is taken as a typing error. */
export const EFFECT_MIN_BP = -10_000;
export const EFFECT_MAX_BP = 100_000;
/** Counts and capacities above this are typing errors (and stay exact as JavaScript numbers). */
export const COUNT_MAX = 1_000_000_000_000;
export const MAX_PRODUCT_LINES = 50;

export interface ProductLine {
  productName: string;
  /** GB/T 4754-2017 code with its section letter, e.g. C3511. */
  industryCode: string;
  unit: string;
  monthlyCapacity: number;
}

export interface OperationFigures {
  connectedDevices: number;
  platformUsers: number;
  industrialApps: number;
  cloudEnterprises: number;
  productLines: ProductLine[];
  /** Basis points against the enterprise's baseline; null when not measured. */
  effects: Record<EffectKey, number | null>;
  note: string | null;
}

export interface OperationReportInput {
  month: unknown;
  connectedDevices: unknown;
  platformUsers: unknown;
  industrialApps: unknown;
  cloudEnterprises: unknown;
  productLines?: unknown;
  effects?: unknown;
  note?: unknown;
}

export const COUNT_FIELDS = [
  { key: 'connectedDevices', label: { 'zh-CN': '接入设备数', en: 'Connected devices' } },
  { key: 'platformUsers', label: { 'zh-CN': '平台企业用户数', en: 'Enterprise users on the platform' } },
  { key: 'industrialApps', label: { 'zh-CN': '工业APP数', en: 'Industrial apps' } },
  { key: 'cloudEnterprises', label: { 'zh-CN': '上云企业数', en: 'Enterprises moved to the cloud' } },
] as const;
export type CountKey = (typeof COUNT_FIELDS)[number]['key'];

// ——— Months ———

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is string {
  return typeof value === 'string' && MONTH.test(value);
}

/** The month (YYYY-MM) of a YYYY-MM-DD date. */
export const monthOf = (date: string): string => date.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const m = MONTH.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included (empty when from > to). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** 2026-03 → 2026年3月. */
export const chineseMonth = (month: string) => `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;

// ——— Validation ———

export interface ReportWindow {
  /** Asia/Shanghai date today. */
  today: string;
  /** The month of the organization's first selection, or null when it has no project. */
  firstMonth: string | null;
}

const label = (zh: string, en: string): Messages => ({ 'zh-CN': zh, en });
const problem = (path: string, code: string, l: Messages, p: Messages): FieldError => ({
  path,
  code,
  messages: { 'zh-CN': `${l['zh-CN']}：${p['zh-CN']}`, en: `${l.en}: ${p.en}` },
});

const NOT_ELIGIBLE: Messages = {
  'zh-CN': '只有已入选（获得培育或支持）项目的单位报送平台运行数据（003 三（一））',
  en: 'Only organizations with a selected (cultivated or supported) project report platform operating figures (003 三（一）)',
};

function count(value: unknown, path: string, l: Messages, errors: FieldError[]): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    errors.push(problem(path, 'required', l, label('请填写数字', 'enter a number')));
    return 0;
  }
  if (!Number.isInteger(value)) errors.push(problem(path, 'not_integer', l, label('应为整数', 'must be a whole number')));
  else if (value < 0) errors.push(problem(path, 'negative', l, label('不能为负数', 'cannot be negative')));
  else if (value > COUNT_MAX) errors.push(problem(path, 'too_large', l, label('数值过大，请核对', 'is implausibly large; check it')));
  return value;
}

function text(value: unknown, path: string, l: Messages, max: number, errors: FieldError[]): string {
  const s = typeof value === 'string' ? value.trim() : '';
  if (!s) errors.push(problem(path, 'required', l, label('必填', 'is required')));
  else if (s.length > max) errors.push(problem(path, 'too_long', l, label(`最多 ${max} 个字`, `at most ${max} characters`)));
  return s;
}

const INDUSTRY = /^[A-T]\d{2,4}$/;

function productLines(value: unknown, errors: FieldError[]): ProductLine[] {
  if (value === undefined || value === null) return [];
  const listLabel = label('分产品产能', 'Capacity by product line');
  if (!Array.isArray(value)) {
    errors.push(problem('productLines', 'not_list', listLabel, label('格式不正确', 'must be a list')));
    return [];
  }
  if (value.length > MAX_PRODUCT_LINES) {
    errors.push(problem('productLines', 'too_many', listLabel, label(`最多 ${MAX_PRODUCT_LINES} 条`, `at most ${MAX_PRODUCT_LINES} lines`)));
  }
  const seen = new Set<string>();
  return value.slice(0, MAX_PRODUCT_LINES).map((raw: unknown, i) => {
    const line = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const at = `productLines.${i}`;
    const n = `第 ${i + 1} 条`;
    const productName = text(line.productName, `${at}.productName`, label(`${n}产品名称`, `Line ${i + 1} product`), 100, errors);
    const code = typeof line.industryCode === 'string' ? line.industryCode.trim().toUpperCase() : '';
    if (!INDUSTRY.test(code)) {
      errors.push(problem(`${at}.industryCode`, 'industryCode', label(`${n}行业代码`, `Line ${i + 1} industry code`), label('应为国民经济行业代码（GB/T 4754），如 C3511', 'must be a GB/T 4754 industry code such as C3511')));
    }
    const unit = text(line.unit, `${at}.unit`, label(`${n}计量单位`, `Line ${i + 1} unit`), 20, errors);
    const monthlyCapacity = count(line.monthlyCapacity, `${at}.monthlyCapacity`, label(`${n}月产能`, `Line ${i + 1} monthly capacity`), errors);
    const key = `${productName}\u0000${unit}`;
    if (productName && unit && seen.has(key)) {
      errors.push(problem(`${at}.productName`, 'duplicate', label(`${n}产品名称`, `Line ${i + 1} product`), label('与前面某条产品和单位重复', 'repeats an earlier line with the same unit')));
    }
    seen.add(key);
    return { productName, industryCode: code, unit, monthlyCapacity };
  });
}

function effects(value: unknown, errors: FieldError[]): Record<EffectKey, number | null> {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const out = {} as Record<EffectKey, number | null>;
  for (const e of EFFECTS) {
    const v = raw[e.key];
    const path = `effects.${e.key}`;
    const l = label(`${e.label['zh-CN']}变化`, `${e.label.en} change`);
    if (v === undefined || v === null) {
      out[e.key] = null;
      continue;
    }
    out[e.key] = typeof v === 'number' ? v : 0;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      errors.push(problem(path, 'not_integer', l, label('应为以万分之一（基点）计的整数', 'must be a whole number of basis points')));
    } else if (v < EFFECT_MIN_BP || v > EFFECT_MAX_BP) {
      errors.push(problem(path, 'out_of_range', l, label('应在 −100% 到 +1000% 之间', 'must be between −100% and +1000%')));
    }
  }
  return out;
}

/**
 * Checks a report against the organization's window: the month is not in the future and not before the
 * month of its first selection; counts are whole and not negative; effects are basis points in range.
 * Every problem is reported at once, each on its field, in both languages.
 */
export function validateReport(input: OperationReportInput, window: ReportWindow): { month: string; figures: OperationFigures } {
  // The policy lets applicants report; it is the organization's state (no selected project) that refuses.
  if (window.firstMonth === null) throw new DomainError('conflict', 'not_a_reporting_organization', NOT_ELIGIBLE);
  const errors: FieldError[] = [];
  const monthLabel = label('报送月份', 'Month');
  let month = '';
  if (!isMonth(input.month)) {
    errors.push(problem('month', 'month', monthLabel, label('应为年月，如 2026-03', 'must be a month such as 2026-03')));
  } else {
    month = input.month;
    const current = monthOf(window.today);
    if (month > current) errors.push(problem('month', 'future', monthLabel, label(`不能晚于本月（${chineseMonth(current)}）`, `cannot be later than this month (${current})`)));
    else if (month < window.firstMonth) {
      errors.push(problem('month', 'before_selection', monthLabel, label(`不能早于项目入选的月份（${chineseMonth(window.firstMonth)}）`, `cannot be before the month the project was selected (${window.firstMonth})`)));
    }
  }
  const counts = {} as Record<CountKey, number>;
  for (const f of COUNT_FIELDS) counts[f.key] = count(input[f.key], f.key, f.label, errors);
  const lines = productLines(input.productLines, errors);
  const changes = effects(input.effects, errors);
  const note = typeof input.note === 'string' && input.note.trim() ? input.note.trim() : null;
  if (note && note.length > 2000) errors.push(problem('note', 'too_long', label('说明', 'Note'), label('最多 2000 个字', 'at most 2000 characters')));
  if (errors.length > 0) {
    throw new DomainError('validation', 'validation_failed', { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields need correcting' }, errors);
  }
  return { month, figures: { ...counts, productLines: lines, effects: changes, note } };
}

/** The month of a first selection date, or null (not a reporting organization). */
export function firstReportingMonth(firstSelectedOn: string | null): string | null {
  return firstSelectedOn ? monthOf(firstSelectedOn) : null;
}

/**
 * Overdue: the organization was reporting by last month (its first month is not later) and has no
 * report for last month or later.
 */
export function isOverdue(today: string, firstMonth: string | null, latestMonth: string | null): boolean {
  const last = addMonths(monthOf(today), -1);
  if (firstMonth === null || firstMonth > last) return false;
  return latestMonth === null || latestMonth < last;
}
