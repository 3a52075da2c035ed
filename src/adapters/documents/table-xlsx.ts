/**
 * Official tables as .xlsx, in the house style the recommendation table set (./recommendation-table.ts):
 * the title in 宋体 18 pt bold centred across the table, lines under it (issuer, date, period), a
 * bordered table with a shaded bold header row that is frozen on screen, filtered, and repeated on
 * every printed page, A4, fitted to the page width, "第 N 页，共 M 页" in the footer, and a line under
 * the table. Fonts carry the GB2312 charset so Excel and WPS treat 宋体 and 黑体 as Chinese faces.
 *
 * The workbook is streamed (ExcelJS WorkbookWriter, each row committed as written), so a table of tens
 * of thousands of rows needs little memory.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { LABEL_SHADE, clean } from './application-docx.ts';
import { formatWan } from './format.ts';

/** GB2312: tells Excel that 宋体 is a Chinese face. */
const GB2312 = 134;
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const XLSX_FONT = {
  label: { name: '黑体', size: 14, charset: GB2312 },
  title: { name: '宋体', size: 18, bold: true, charset: GB2312 },
  line: { name: '宋体', size: 12, charset: GB2312 },
  header: { name: '宋体', size: 11, bold: true, charset: GB2312 },
  body: { name: '宋体', size: 11, charset: GB2312 },
} satisfies Record<string, Partial<ExcelJS.Font>>;
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${LABEL_SHADE}` } };
/** Money in 万元: at least two decimals, up to six (to the fen), grouped by thousands. */
export const WAN_YUAN_NUMBER_FORMAT = '#,##0.00####';

/** 1 → A, 26 → Z, 27 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * A column: `wan` cells are amounts in fen written as numbers of 万元 (exact to the fen); `integer`
 * cells are counts; `percent` cells are fractions shown as 12.5%.
 */
export interface TableColumn {
  header: string;
  /** In characters, as Excel counts them (a Chinese character is about two). */
  width: number;
  kind?: 'text' | 'integer' | 'wan' | 'percent';
  align?: 'left' | 'center' | 'right';
}

export type TableCell = string | number | null;

export interface OfficialTableInput {
  /** Excel allows 31 characters; longer names are cut. */
  sheetName: string;
  title: string;
  /** Lines between the title and the table (the issuer and date, a period, the filters applied). */
  lines?: string[];
  columns: TableColumn[];
  rows: Iterable<TableCell[]>;
  /** Lines under the table (a total, the contact, "数据截至……"). */
  footer?: string[];
  creator: string;
  generatedAt: Date;
  orientation?: 'portrait' | 'landscape';
}

/** The table as a workbook of one sheet. */
export async function officialTableXlsx(input: OfficialTableInput): Promise<Buffer> {
  const n = input.columns.length;
  const last = columnLetter(n);
  const lines = input.lines ?? [];
  const headerRow = 2 + lines.length;

  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = clean(input.creator);
  workbook.title = clean(input.title);
  workbook.created = input.generatedAt;
  workbook.modified = input.generatedAt;
  const sheet = workbook.addWorksheet(clean(input.sheetName).slice(0, 31), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: input.orientation ?? 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.autoFilter = `A${headerRow}:${last}${headerRow}`;
  sheet.columns = input.columns.map((c, i) => ({ key: `c${i}`, width: c.width }));

  const fullWidth = (rowNumber: number, text: string, style: Partial<ExcelJS.Style>, height: number) => {
    const row = sheet.getRow(rowNumber);
    row.getCell(1).value = clean(text);
    row.getCell(1).style = style;
    row.height = height;
    if (n > 1) sheet.mergeCells(`A${rowNumber}:${last}${rowNumber}`);
    row.commit();
  };
  fullWidth(1, input.title, { font: XLSX_FONT.title, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }, 40);
  const lineStyle: Partial<ExcelJS.Style> = { font: XLSX_FONT.line, alignment: { horizontal: 'left', vertical: 'middle' } };
  lines.forEach((line, i) => fullWidth(2 + i, line, lineStyle, 22));

  const header = sheet.getRow(headerRow);
  const headerStyle: Partial<ExcelJS.Style> = { font: XLSX_FONT.header, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: BORDER, fill: HEADER_FILL };
  input.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).style = headerStyle;
  });
  header.height = 30;
  header.commit();

  // One style object per column, shared by all its cells (ExcelJS then writes each style once).
  const styles = input.columns.map((c): Partial<ExcelJS.Style> => {
    const kind = c.kind ?? 'text';
    const align = c.align ?? (kind === 'text' ? 'left' : 'right');
    const numFmt = kind === 'wan' ? WAN_YUAN_NUMBER_FORMAT : kind === 'integer' ? '0' : kind === 'percent' ? '0.0%' : undefined;
    return { font: XLSX_FONT.body, alignment: { horizontal: align, vertical: 'middle', wrapText: kind === 'text' }, border: BORDER, ...(numFmt ? { numFmt } : {}) };
  });
  let at = headerRow;
  for (const cells of input.rows) {
    const row = sheet.getRow(++at);
    cells.forEach((cell, i) => {
      const target = row.getCell(i + 1);
      target.value = cellValue(cell, input.columns[i]!);
      target.style = styles[i]!;
    });
    row.commit();
  }

  (input.footer ?? []).forEach((line, i) => fullWidth(at + 2 + i, line, lineStyle, 22));
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** Money as a number of 万元 read from its decimal digits (never fen / 1e6 rounded twice). */
function cellValue(cell: TableCell, column: TableColumn): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'number') return column.kind === 'wan' ? Number(formatWan(cell, false)) : cell;
  return clean(cell);
}
