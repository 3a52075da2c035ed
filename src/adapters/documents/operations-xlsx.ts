/**
 * The industry operation view as a workbook: 汇总 (the totals at the end month, by city and by
 * industry, the monthly series) and 报送单位 (every reporting organization under the same filters, the
 * overdue ones marked). Figures are numbers (not text) so the province can sum them again in Excel;
 * effects are percentages with two decimals, from basis points.
 */
import ExcelJS from 'exceljs';
import { EFFECTS } from '../../core/operations/report.ts';
import type { Totals } from '../../core/operations/aggregate.ts';
import type { OperationView } from '../../use-cases/operations/views.ts';
import type { ReporterRow } from '../../use-cases/operations/ports.ts';

export const SUMMARY_SHEET = '汇总';
export const REPORTERS_SHEET = '报送单位';

const COUNT_HEADERS = ['报送单位数', '接入设备数', '平台企业用户数', '工业APP数', '上云企业数'];
const EFFECT_HEADERS = EFFECTS.map((e) => `${e.label['zh-CN']}变化（%，目标${e.goal['zh-CN']}）`);

const percent = (bp: number | null) => (bp === null ? null : bp / 100);
const totalsCells = (t: Totals) => [t.reporters, t.connectedDevices, t.platformUsers, t.industrialApps, t.cloudEnterprises, ...EFFECTS.map((e) => percent(t.averageEffects[e.key]))];

function header(sheet: ExcelJS.Worksheet, values: string[]) {
  const row = sheet.addRow(values);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle' };
}

export async function operationsXlsx(input: { view: OperationView; reporters: ReporterRow[]; generatedAt: Date }): Promise<Buffer> {
  const { view } = input;
  const workbook = new ExcelJS.Workbook();
  workbook.created = input.generatedAt;
  workbook.title = '平台运行数据';

  const summary = workbook.addWorksheet(SUMMARY_SHEET);
  summary.columns = [{ width: 28 }, ...Array.from({ length: 10 }, () => ({ width: 16 }))];
  summary.addRow([`${view.province?.name ?? ''}平台运行数据（${view.from} 至 ${view.to}）`]).font = { bold: true, size: 14 };
  summary.addRow([`每家单位按截至当月的最新一次报送计；效果为相对本单位基线的变化，目标见 003 二`]);
  summary.addRow([]);
  header(summary, ['范围', ...COUNT_HEADERS, ...EFFECT_HEADERS]);
  summary.addRow([`合计（${view.to}）`, ...totalsCells(view.totals)]);
  summary.addRow([]);
  header(summary, ['按市', ...COUNT_HEADERS, ...EFFECT_HEADERS]);
  for (const c of view.byCity) summary.addRow([c.name, ...totalsCells(c)]);
  summary.addRow([]);
  header(summary, ['按行业', ...COUNT_HEADERS, ...EFFECT_HEADERS]);
  for (const g of view.byIndustry) summary.addRow([g.name, ...totalsCells(g)]);
  summary.addRow([]);
  header(summary, ['月份', ...COUNT_HEADERS, ...EFFECT_HEADERS]);
  for (const s of view.series) summary.addRow([s.month, ...totalsCells(s)]);

  const list = workbook.addWorksheet(REPORTERS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [{ width: 32 }, { width: 12 }, { width: 10 }, { width: 14 }, { width: 12 }, { width: 14 }, { width: 14 }, { width: 12 }, { width: 12 }, { width: 10 }];
  header(list, ['单位', '所在市', '行业代码', '首次入选日期', '最新报送月份', '接入设备数', '平台企业用户数', '工业APP数', '上云企业数', '是否逾期']);
  for (const r of input.reporters) {
    const row = list.addRow([r.organizationName, r.cityName ?? '', r.industryCode ?? '', r.firstSelectedOn, r.latestMonth ?? '未报送', r.connectedDevices, r.platformUsers, r.industrialApps, r.cloudEnterprises, r.overdue ? '逾期' : null]);
    if (r.overdue) row.getCell(10).font = { color: { argb: 'FFCF1322' }, bold: true };
  }
  list.autoFilter = { from: 'A1', to: 'J1' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
