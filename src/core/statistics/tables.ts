/**
 * The statistics as the screen and the spreadsheets show them: one view of every figure, and each of
 * its tables as headers and rows (Chinese headers by default), so an exported table carries exactly
 * the numbers of the screen. Money is integer fen in the view and 万元 in the tables, as on screen.
 */
import type { Messages } from '../errors.ts';
import { FUNNEL_LABELS, FUNNEL_STAGES, STAGE_SPAN_LABELS, type FunnelStage, type StageCounts, type StageSpanId } from './stages.ts';

export interface Money {
  committedFen: number;
  disbursedFen: number;
  recoverableFen: number;
  recoveredFen: number;
}

export interface StatisticsView {
  totals: StageCounts;
  money: Money;
  funnel: { stage: FunnelStage; label: Messages; count: number }[];
  byCity: { cityId: string; cityCode: string; cityName: string; counts: StageCounts; money: Money }[];
  byDirection: { programCode: string; direction: string; name: Messages; counts: StageCounts }[];
  bySection: { section: string | null; name: Messages; counts: StageCounts }[];
  byIndustry: { section: string | null; division: string | null; name: Messages; counts: StageCounts }[];
  stageTimes: { id: StageSpanId; label: Messages; n: number; medianDays: number | null; p90Days: number | null }[];
}

export const STATISTICS_TABLES = ['funnel', 'byCity', 'byDirection', 'byIndustry', 'money', 'moneyByCity', 'stageTimes'] as const;
export type StatisticsTable = (typeof STATISTICS_TABLES)[number];

export const TABLE_TITLES: Record<StatisticsTable, Messages> = {
  funnel: { 'zh-CN': '各阶段数量', en: 'Applications by stage' },
  byCity: { 'zh-CN': '分地市统计', en: 'By city' },
  byDirection: { 'zh-CN': '分方向统计', en: 'By direction' },
  byIndustry: { 'zh-CN': '分行业统计', en: 'By industry' },
  money: { 'zh-CN': '资金情况', en: 'Funds' },
  moneyByCity: { 'zh-CN': '分地市资金情况', en: 'Funds by city' },
  stageTimes: { 'zh-CN': '各阶段用时', en: 'Time in each stage' },
};

export const MONEY_LABELS: Record<keyof Money, Messages> = {
  committedFen: { 'zh-CN': '已确定补助（万元）', en: 'Committed (10k yuan)' },
  disbursedFen: { 'zh-CN': '已拨付（万元）', en: 'Disbursed (10k yuan)' },
  recoverableFen: { 'zh-CN': '应收回（万元）', en: 'To recover (10k yuan)' },
  recoveredFen: { 'zh-CN': '已收回（万元）', en: 'Recovered (10k yuan)' },
};
const MONEY_KEYS = Object.keys(MONEY_LABELS) as (keyof Money)[];

/** Fen as 万元, exactly (1 万元 = 1 000 000 fen). */
export const fenToWan = (fen: number) => fen / 1_000_000;

export interface Table {
  title: Messages;
  headers: string[];
  rows: (string | number | null)[][];
}

type Lang = 'zh-CN' | 'en';
const L = (m: Messages, lang: Lang) => m[lang];
const word = (zh: string, en: string, lang: Lang) => (lang === 'en' ? en : zh);

function countsTable(title: Messages, first: string[], rows: { key: string[]; counts: StageCounts }[], lang: Lang): Table {
  return {
    title,
    headers: [...first, ...FUNNEL_STAGES.map((s) => L(FUNNEL_LABELS[s], lang))],
    rows: rows.map((r) => [...r.key, ...FUNNEL_STAGES.map((s) => r.counts[s])]),
  };
}

/** One table of the view, ready for a spreadsheet. */
export function statisticsTable(view: StatisticsView, table: StatisticsTable, lang: Lang = 'zh-CN'): Table {
  const title = TABLE_TITLES[table];
  switch (table) {
    case 'funnel':
      return { title, headers: [word('阶段', 'Stage', lang), word('数量', 'Applications', lang)], rows: view.funnel.map((f) => [L(f.label, lang), f.count]) };
    case 'byCity':
      return countsTable(title, [word('地市', 'City', lang)], view.byCity.map((c) => ({ key: [c.cityName], counts: c.counts })), lang);
    case 'byDirection':
      return countsTable(title, [word('计划', 'Program', lang), word('方向', 'Direction', lang)], view.byDirection.map((d) => ({ key: [d.programCode, `${d.direction} ${L(d.name, lang)}`], counts: d.counts })), lang);
    case 'byIndustry':
      return countsTable(
        title,
        [word('门类', 'Section', lang), word('大类', 'Division', lang)],
        view.byIndustry.map((i) => ({ key: [i.section ?? '—', L(i.name, lang)], counts: i.counts })),
        lang,
      );
    case 'money':
      return { title, headers: [word('项目', 'Item', lang), word('金额（万元）', 'Amount (10k yuan)', lang)], rows: MONEY_KEYS.map((k) => [L(MONEY_LABELS[k], lang).replace(/（万元）| \(10k yuan\)/, ''), fenToWan(view.money[k])]) };
    case 'moneyByCity':
      return {
        title,
        headers: [word('地市', 'City', lang), ...MONEY_KEYS.map((k) => L(MONEY_LABELS[k], lang))],
        rows: view.byCity.map((c) => [c.cityName, ...MONEY_KEYS.map((k) => fenToWan(c.money[k]))]),
      };
    case 'stageTimes':
      return {
        title,
        headers: [word('阶段', 'Stage', lang), word('件数', 'Applications', lang), word('中位数（天）', 'Median (days)', lang), word('第90百分位（天）', '90th percentile (days)', lang)],
        rows: view.stageTimes.map((s) => [L(s.label, lang), s.n, s.medianDays, s.p90Days]),
      };
  }
}

export { STAGE_SPAN_LABELS };
