/**
 * The subsidy of one project from its program's definition (definition.subsidy), with the
 * explanation every computed amount carries: the formula, its inputs, the rounding rule and the
 * article it follows.
 *
 * - formula (000 第十三条 "按照实际投资额的20%给予资金补助，总补助金额不超过100万"):
 *   award = min(round½↑(eligible investment × rate / 10,000), cap), in fen.
 * - city matching (000 第十三条 "各市…要对试点示范项目给予一定比例资金配套"): round½↑(award × ratio / 10,000),
 *   at the definition's ratio, or the one the province enters where the source leaves it open.
 * - officer_entered (003 四.1): the province enters the award and its form; it must stay within the
 *   cap, or the raised cap when the condition holds (listed as a national platform: 3,000万元).
 */
import { DomainError, fieldError, type Messages } from '../errors.ts';
import { applyBasisPoints, assertFen, formatYuan } from './money.ts';

export const ROUNDING: Messages = { 'zh-CN': '金额以分为单位，四舍五入到分', en: 'Amounts in fen, rounded half up to the fen' };

export type AwardForm = 'interest_subsidy' | 'reward' | 'equity';

export const AWARD_FORM_NAMES: Record<AwardForm, Messages> = {
  interest_subsidy: { 'zh-CN': '贴息', en: 'Interest subsidy' },
  reward: { 'zh-CN': '奖励', en: 'Reward' },
  equity: { 'zh-CN': '股权投资', en: 'Equity investment' },
};

export interface ExplanationInput {
  key: string;
  label: Messages;
  value: number | string | boolean | null;
  unit: 'fen' | 'bp' | 'date' | 'text' | 'bool';
}

export interface Explanation {
  formula: Messages;
  inputs: ExplanationInput[];
  steps: { label: Messages; valueFen: number }[];
  rounding: Messages;
  citation: string;
  capApplied: boolean;
  notes: Messages[];
}

export interface FormulaSubsidy {
  kind: 'formula';
  rate: number;
  capFen: number;
  cityMatching?: { required: boolean; ratio?: number | undefined; citation: string } | undefined;
  citation: string;
}

export interface SubsidyResult {
  kind: 'formula' | 'officer_entered';
  awardFen: number;
  capFen: number;
  rateBp: number | null;
  eligibleInvestmentFen: number | null;
  awardForm: AwardForm | null;
  cityMatching: { ratioBp: number | null; amountFen: number | null; citation: string } | null;
  explanation: Explanation;
}

const pct = (bp: number) => `${bp / 100}%`;

/** min(round½↑(eligible × rate), cap), with the city's matching share when the program requires it. */
export function formulaSubsidy(def: FormulaSubsidy, eligibleFen: number, options: { cityMatchingRatioBp?: number | null } = {}): SubsidyResult {
  assertFen(eligibleFen);
  const raw = applyBasisPoints(eligibleFen, def.rate);
  const capApplied = raw > def.capFen;
  const awardFen = capApplied ? def.capFen : raw;
  const explanation: Explanation = {
    formula: {
      'zh-CN': `补助金额 = min(实际投资额 × ${pct(def.rate)}, ${formatYuan(def.capFen)} 元)`,
      en: `Subsidy = min(eligible investment × ${pct(def.rate)}, ${formatYuan(def.capFen)} yuan)`,
    },
    inputs: [
      { key: 'eligibleInvestmentFen', label: { 'zh-CN': '实际投资额', en: 'Eligible investment' }, value: eligibleFen, unit: 'fen' },
      { key: 'rateBp', label: { 'zh-CN': '补助比例', en: 'Rate' }, value: def.rate, unit: 'bp' },
      { key: 'capFen', label: { 'zh-CN': '补助上限', en: 'Cap' }, value: def.capFen, unit: 'fen' },
    ],
    steps: [
      { label: { 'zh-CN': `实际投资额 × ${pct(def.rate)}`, en: `Eligible investment × ${pct(def.rate)}` }, valueFen: raw },
      { label: capApplied ? { 'zh-CN': '超过上限，按上限核定', en: 'Above the cap: the cap applies' } : { 'zh-CN': '未超过上限', en: 'Within the cap' }, valueFen: awardFen },
    ],
    rounding: ROUNDING,
    citation: def.citation,
    capApplied,
    notes: [],
  };
  let cityMatching: SubsidyResult['cityMatching'] = null;
  if (def.cityMatching?.required) {
    const ratio = def.cityMatching.ratio ?? options.cityMatchingRatioBp ?? null;
    if (ratio !== null && (!Number.isInteger(ratio) || ratio < 0 || ratio > 10_000)) {
      throw fieldError('cityMatchingRatioBp', 'invalid_ratio', { 'zh-CN': '市级配套比例', en: 'City matching ratio' }, { 'zh-CN': '须为 0–10000 个基点', en: 'must be 0–10,000 basis points' });
    }
    const amountFen = ratio === null ? null : applyBasisPoints(awardFen, ratio);
    cityMatching = { ratioBp: ratio, amountFen, citation: def.cityMatching.citation };
    explanation.inputs.push({ key: 'cityMatchingRatioBp', label: { 'zh-CN': '市级配套比例', en: 'City matching ratio' }, value: ratio, unit: 'bp' });
    if (amountFen !== null) {
      explanation.steps.push({ label: { 'zh-CN': `市级配套 = 补助金额 × ${pct(ratio!)}`, en: `City matching = subsidy × ${pct(ratio!)}` }, valueFen: amountFen });
    } else {
      explanation.notes.push({ 'zh-CN': `市级配套比例由所在市确定（${def.cityMatching.citation}）`, en: `The city sets its matching ratio (${def.cityMatching.citation})` });
    }
  }
  return { kind: 'formula', awardFen, capFen: def.capFen, rateBp: def.rate, eligibleInvestmentFen: eligibleFen, awardForm: null, cityMatching, explanation };
}

export interface OfficerEnteredSubsidy {
  kind: 'officer_entered';
  capFen: number;
  raisedCaps: readonly { when: string; capFen: number; message: Messages; citation: string }[];
  awardForms: readonly AwardForm[];
  citation: string;
}

/**
 * Checks the award the province enters (003): within the cap — the highest raised cap whose
 * condition holds (`conditions[i]` is raisedCaps[i]'s value) — and in one of the program's forms.
 */
export function officerEnteredSubsidy(def: OfficerEnteredSubsidy, input: { awardFen: number; awardForm: AwardForm }, conditions: readonly boolean[]): SubsidyResult {
  if (!Number.isSafeInteger(input.awardFen) || input.awardFen <= 0) {
    throw fieldError('awardFen', 'invalid_amount', { 'zh-CN': '支持金额', en: 'Award' }, { 'zh-CN': '须为大于零的整数（分）', en: 'must be a whole number of fen above zero' });
  }
  if (!def.awardForms.includes(input.awardForm)) {
    throw fieldError('awardForm', 'invalid_form', { 'zh-CN': '支持方式', en: 'Form of support' }, {
      'zh-CN': `须为 ${def.awardForms.map((f) => AWARD_FORM_NAMES[f]['zh-CN']).join('、')} 之一`,
      en: `must be one of ${def.awardForms.map((f) => AWARD_FORM_NAMES[f].en).join(', ')}`,
    });
  }
  let capFen = def.capFen;
  let raised: OfficerEnteredSubsidy['raisedCaps'][number] | null = null;
  def.raisedCaps.forEach((r, i) => {
    if (conditions[i] && r.capFen > capFen) {
      capFen = r.capFen;
      raised = r;
    }
  });
  const raisedCap = raised as OfficerEnteredSubsidy['raisedCaps'][number] | null;
  const citation = raisedCap?.citation ?? def.citation;
  if (input.awardFen > capFen) {
    const messages: Messages = {
      'zh-CN': `支持金额：不得超过 ${formatYuan(capFen)} 元（${citation}${raisedCap ? `，${raisedCap.message['zh-CN']}` : ''}）`,
      en: `Award: at most ${formatYuan(capFen)} yuan (${citation}${raisedCap ? `; ${raisedCap.message.en}` : ''})`,
    };
    throw new DomainError('validation', 'award_above_cap', { 'zh-CN': '支持金额超过上限', en: 'The award is above the cap' }, [{ path: 'awardFen', code: 'above_cap', messages }], { capFen });
  }
  const explanation: Explanation = {
    formula: { 'zh-CN': `支持金额由省厅核定，不超过 ${formatYuan(capFen)} 元`, en: `Award set by the province, at most ${formatYuan(capFen)} yuan` },
    inputs: [
      { key: 'awardFen', label: { 'zh-CN': '核定金额', en: 'Award entered' }, value: input.awardFen, unit: 'fen' },
      { key: 'awardForm', label: { 'zh-CN': '支持方式', en: 'Form of support' }, value: input.awardForm, unit: 'text' },
      { key: 'capFen', label: { 'zh-CN': '上限', en: 'Cap' }, value: capFen, unit: 'fen' },
      ...def.raisedCaps.map((r, i): ExplanationInput => ({ key: `raisedCap:${r.when}`, label: r.message, value: Boolean(conditions[i]), unit: 'bool' })),
    ],
    steps: [{ label: { 'zh-CN': '核定金额', en: 'Award' }, valueFen: input.awardFen }],
    rounding: ROUNDING,
    citation,
    capApplied: false,
    notes: raisedCap ? [raisedCap.message] : [],
  };
  return { kind: 'officer_entered', awardFen: input.awardFen, capFen, rateBp: null, eligibleInvestmentFen: null, awardForm: input.awardForm, cityMatching: null, explanation };
}
