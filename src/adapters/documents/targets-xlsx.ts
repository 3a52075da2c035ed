/**
 * The target dashboard as .xlsx (the house style of ./table-xlsx.ts): the same rows, in the same order
 * and with the same texts as the screen — values in their units (money in 万元 or 元 as shown), the
 * progress as a percentage — under a title row and the as-of date.
 */
import type { DashboardView, TargetRowView } from '../../../contracts/targets.ts';
import { chineseDate } from '../../core/calendar.ts';
import { officialTableXlsx, type TableColumn } from './table-xlsx.ts';

export const TARGET_COLUMNS: TableColumn[] = [
  { header: '序号', width: 6, kind: 'integer', align: 'center' },
  { header: '目标年度', width: 9, kind: 'integer', align: 'center' },
  { header: '目标', width: 40 },
  { header: '目标值', width: 18 },
  { header: '基期值', width: 16 },
  { header: '当前值', width: 18 },
  { header: '完成进度', width: 10, kind: 'percent' },
  { header: '状态', width: 12, align: 'center' },
  { header: '数据来源', width: 12, align: 'center' },
  { header: '统计期', width: 10, align: 'center' },
  { header: '牵头单位', width: 24 },
  { header: '参加单位', width: 36 },
  { header: '依据', width: 14 },
];

export const SOURCE_LABELS = { computed: '平台自动计算', reported: '牵头单位填报' } as const;

/** One row of the sheet, as the screen shows it in Chinese. */
export function targetCells(r: TargetRowView, index: number): (string | number | null)[] {
  return [
    index + 1,
    r.year,
    r.name['zh-CN'],
    r.display.value['zh-CN'],
    r.baseline ? `${r.display.baseline?.['zh-CN'] ?? ''}（${r.baseline.year}年）` : '—',
    r.display.current?.['zh-CN'] ?? '—',
    r.share,
    r.display.status['zh-CN'],
    SOURCE_LABELS[r.source],
    r.period ?? '—',
    r.leadDepartment,
    r.participatingDepartments.join('、') || '—',
    r.citation,
  ];
}

export async function targetsXlsx(view: Pick<DashboardView, 'plan' | 'asOf' | 'summary'>, rows: TargetRowView[], filters: string[], generatedAt: Date): Promise<Buffer> {
  const s = view.summary;
  return officialTableXlsx({
    sheetName: '目标完成情况',
    title: `${view.plan.name['zh-CN']}目标完成情况`,
    lines: [`数据截至${chineseDate(view.asOf)}\u3000依据：${view.plan.documentTitle}`, ...(filters.length ? [`筛选：${filters.join('；')}`] : [])],
    columns: TARGET_COLUMNS,
    rows: rows.map(targetCells),
    footer: [`合计 ${s.total} 项：已完成 ${s.achieved} 项，按进度推进 ${s.on_track} 项，落后进度 ${s.behind} 项，逾期未完成 ${s.overdue} 项，暂无数据 ${s.no_data} 项。`],
    creator: view.plan.name['zh-CN'],
    generatedAt,
  });
}
