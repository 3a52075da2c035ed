/**
 * The public notice's list and the final list as .xlsx: the same rows, columns and titles as the
 * attached table of the Word documents (./notice-docx.ts), for officers and the public who sort,
 * filter and check them.
 */
import { LIST_COLUMNS, finalListTitle, hour, noticeListTitle, type FinalListDocxInput, type NoticeDocxInput, type NoticeRow } from './notice-docx.ts';
import { formatIsoDate, formatShanghaiDate } from './format.ts';
import { officialTableXlsx, type TableColumn } from './table-xlsx.ts';

const WIDTHS = [8, 40, 44, 14, 40];
const COLUMNS: TableColumn[] = LIST_COLUMNS.map((header, i) => ({ header, width: WIDTHS[i]!, kind: i === 0 ? 'integer' : 'text', align: i === 0 || i === 3 ? 'center' : 'left' }));

const rowsOf = (rows: NoticeRow[]) => rows.map((r, i) => [i + 1, r.organizationName, r.projectName, r.cityName ?? '', r.direction]);

/** The notice's list: the title, the issuer and date, the notice period, the rows. */
export function noticeXlsx(input: NoticeDocxInput): Promise<Buffer> {
  const { startDate, endDate, endTime } = input.period;
  return officialTableXlsx({
    sheetName: '拟入选名单',
    title: noticeListTitle(input),
    lines: [`${input.issuer}\u3000${formatShanghaiDate(input.publishedAt)}`, `公示期：${formatIsoDate(startDate)}至${formatIsoDate(endDate)}${hour(endTime)}止`],
    columns: COLUMNS,
    rows: rowsOf(input.rows),
    footer: [`共${input.rows.length}个项目。`],
    creator: input.issuer,
    generatedAt: input.publishedAt,
  });
}

/** The final list: the title, the issuer, 文号 and date, the rows. */
export function finalListXlsx(input: FinalListDocxInput): Promise<Buffer> {
  return officialTableXlsx({
    sheetName: '名单',
    title: finalListTitle(input),
    lines: [`${input.issuer}\u3000${input.documentNumber}\u3000${formatShanghaiDate(input.publishedAt)}`],
    columns: COLUMNS,
    rows: rowsOf(input.rows),
    footer: [`共${input.rows.length}个项目。`],
    creator: input.issuer,
    generatedAt: input.publishedAt,
  });
}
