/**
 * A city's recommendation table (推荐汇总表) as the province asks for it, in the program's layout
 * (./recommendation-layout.ts): as .xlsx for the officers who sort, sum and check it, and as .docx to
 * print, seal and send. Both: "附件N" at the top left where the source has it, the title centred across
 * the table, the recommending unit and 文号 line, a bordered table whose bold header row repeats on
 * every printed page, A4 landscape, and the contact and date under the table.
 *
 * Both handle tens of thousands of rows: the workbook is streamed (ExcelJS WorkbookWriter, each row
 * committed as it is written), and the document is made by the `docx` library with one template row
 * that is then repeated as XML for each project, instead of building a `docx` object per cell (which
 * takes seconds and most of a gigabyte for 10,000 rows).
 */
import { PassThrough } from 'node:stream';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  TabStopType,
  convertMillimetersToTwip,
} from 'docx';
import {
  FANGSONG,
  HEI,
  LABEL_SHADE,
  PAGE,
  SIZE,
  SONG,
  clean,
  gridTable,
  pageNumberFooter,
  para,
  run,
  split,
  type RowSpec,
  type RunStyle,
} from './application-docx.ts';
import { formatWan } from './format.ts';
import { BORDER, HEADER_FILL, WAN_YUAN_NUMBER_FORMAT, XLSX_FONT, columnLetter } from './table-xlsx.ts';
import { recommendationLayout, type RecommendationCell, type RecommendationColumn, type RecommendationLayout, type RecommendationTableInput } from './recommendation-layout.ts';

export type { RecommendationRow, RecommendationTableInput } from './recommendation-layout.ts';
export { recommendationLayout } from './recommendation-layout.ts';

export { WAN_YUAN_NUMBER_FORMAT } from './table-xlsx.ts';
/** The worksheet's name (Excel allows 31 characters). */
export const RECOMMENDATION_SHEET_NAME = '推荐汇总表';

// The spreadsheet

/** The table as an .xlsx workbook of one sheet. */
export async function recommendationXlsx(input: RecommendationTableInput): Promise<Buffer> {
  const layout = recommendationLayout(input);
  const n = layout.columns.length;
  const last = columnLetter(n);
  // Rows above the table: 附件N (when the source numbers the table), the title, the unit line.
  const labelRow = layout.attachmentLabel ? 1 : 0;
  const titleRow = labelRow + 1;
  const unitRow = titleRow + 1;
  const headerRow = unitRow + 1;

  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = clean(input.recommendingUnit.name);
  workbook.title = clean(layout.title);
  workbook.created = input.generatedAt;
  workbook.modified = input.generatedAt;
  const sheet = workbook.addWorksheet(RECOMMENDATION_SHEET_NAME, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0, // as many pages as the rows need
      horizontalCentered: true,
      printTitlesRow: `${headerRow}:${headerRow}`,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C第 &P 页，共 &N 页' },
  });
  sheet.autoFilter = `A${headerRow}:${last}${headerRow}`;
  sheet.columns = layout.columns.map((c) => ({ key: c.id, width: c.width }));

  if (layout.attachmentLabel) {
    const row = sheet.getRow(labelRow);
    row.getCell(1).value = layout.attachmentLabel;
    row.getCell(1).style = { font: XLSX_FONT.label, alignment: { vertical: 'middle' } };
    row.height = 24;
    row.commit();
  }
  const title = sheet.getRow(titleRow);
  title.getCell(1).value = clean(layout.title);
  title.getCell(1).style = { font: XLSX_FONT.title, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
  title.height = 40;
  if (n > 1) sheet.mergeCells(`A${titleRow}:${last}${titleRow}`);
  title.commit();

  const unit = sheet.getRow(unitRow);
  unit.height = 24;
  const lineStyle = (horizontal: 'left' | 'right'): Partial<ExcelJS.Style> => ({ font: XLSX_FONT.line, alignment: { horizontal, vertical: 'middle' } });
  unit.getCell(1).value = clean(layout.unitLine);
  unit.getCell(1).style = lineStyle('left');
  if (layout.numberLine && n > 1) {
    // The unit on the left half, the 文号 on the right.
    const middle = Math.ceil(n / 2);
    if (middle > 1) sheet.mergeCells(`A${unitRow}:${columnLetter(middle)}${unitRow}`);
    unit.getCell(middle + 1).value = clean(layout.numberLine);
    unit.getCell(middle + 1).style = lineStyle('right');
    if (middle + 1 < n) sheet.mergeCells(`${columnLetter(middle + 1)}${unitRow}:${last}${unitRow}`);
  } else {
    if (layout.numberLine) unit.getCell(1).value = clean(`${layout.unitLine}\u3000${layout.numberLine}`);
    if (n > 1) sheet.mergeCells(`A${unitRow}:${last}${unitRow}`);
  }
  unit.commit();

  const header = sheet.getRow(headerRow);
  const headerStyle: Partial<ExcelJS.Style> = {
    font: XLSX_FONT.header,
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
    border: BORDER,
    fill: HEADER_FILL,
  };
  layout.columns.forEach((c, i) => {
    header.getCell(i + 1).value = c.header;
    header.getCell(i + 1).style = headerStyle;
  });
  header.height = 32;
  header.commit();

  // One style object per column, shared by all its cells (ExcelJS then writes each style once).
  const styles = layout.columns.map((c): Partial<ExcelJS.Style> => ({
    font: XLSX_FONT.body,
    alignment: { horizontal: c.align, vertical: 'middle', wrapText: c.kind === 'text' },
    border: BORDER,
    ...(c.kind === 'money' ? { numFmt: WAN_YUAN_NUMBER_FORMAT } : c.kind === 'integer' ? { numFmt: '0' } : {}),
  }));
  let at = headerRow;
  for (const cells of layout.rows) {
    const row = sheet.getRow(++at);
    cells.forEach((cell, i) => {
      const target = row.getCell(i + 1);
      target.value = xlsxValue(cell, layout.columns[i]!);
      target.style = styles[i]!;
    });
    row.commit();
  }

  const footer = sheet.getRow(at + 2);
  footer.getCell(1).value = clean(layout.footerLine);
  footer.getCell(1).style = lineStyle('left');
  if (n > 1) sheet.mergeCells(`A${at + 2}:${last}${at + 2}`);
  footer.height = 24;
  footer.commit();

  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** Money as a number of 万元 (exact to the fen: the decimal digits are read, never fen / 1e6 rounded twice). */
function xlsxValue(cell: RecommendationCell, column: RecommendationColumn): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell === 'number') return column.kind === 'money' ? Number(formatWan(cell, false)) : cell;
  return clean(cell);
}

// The document

// A4 landscape: the GB/T 9704 margins turned with the page (the portrait top margin is now on the left).
const LANDSCAPE_MARGIN = { top: convertMillimetersToTwip(28), bottom: convertMillimetersToTwip(26), left: convertMillimetersToTwip(37), right: convertMillimetersToTwip(35) };
const LANDSCAPE_TEXT_WIDTH = PAGE.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;
/** Private-use characters around a column number: where the template row takes each cell's text. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

/** The table as a .docx document, A4 landscape. */
export async function recommendationDocx(input: RecommendationTableInput): Promise<Buffer> {
  const layout = recommendationLayout(input);
  const make = () => recommendationDocument(input, layout);
  // First the document with one template row, its cells holding markers; then its XML with that row
  // repeated for every project, handed back to the packer in place of the document part it made.
  const template = await Packer.toBuffer(make());
  const xml = zipEntry(template, 'word/document.xml');
  const expanded = expandTemplateRow(xml, layout);
  return Packer.toBuffer(make(), false, [{ path: 'word/document.xml', data: expanded }]);
}

function recommendationDocument(input: RecommendationTableInput, layout: RecommendationLayout): Document {
  const line: RunStyle = { font: FANGSONG, size: SIZE.body };
  const children = [
    ...(layout.attachmentLabel ? [para(layout.attachmentLabel, { font: HEI, size: SIZE.heading })] : []),
    para(layout.title, { font: HEI, size: SIZE.title, bold: true }, { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 240, line: 700, lineRule: LineRuleType.EXACT } }),
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: LANDSCAPE_TEXT_WIDTH }],
      spacing: { after: 120 },
      children: [run(layout.unitLine, line), ...(layout.numberLine ? [run(`\t${layout.numberLine}`, line)] : [])],
    }),
    templateTable(layout),
    para(layout.footerLine, line, { spacing: { before: 240 } }),
  ];
  return new Document({
    title: clean(layout.title),
    creator: clean(input.recommendingUnit.name),
    description: `${input.definition.code} v${input.definition.version}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: SONG, size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { ...PAGE, orientation: PageOrientation.LANDSCAPE },
            margin: { ...LANDSCAPE_MARGIN, header: convertMillimetersToTwip(12), footer: convertMillimetersToTwip(12) },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** The header row (repeated on every page) and one row whose cells hold the markers. */
function templateTable(layout: RecommendationLayout) {
  const widths = docxColumnWidths(layout.columns);
  const small: RunStyle = { size: SIZE.small };
  const rows: RowSpec[] = [
    {
      header: true,
      cantSplit: true,
      minHeight: 480,
      cells: layout.columns.map((c, i) => ({ width: widths[i]!, shade: LABEL_SHADE, children: [para(c.header, { ...small, font: HEI, bold: true }, { alignment: AlignmentType.CENTER })] })),
    },
    {
      cantSplit: true,
      minHeight: 400,
      cells: layout.columns.map((c, i) => ({ width: widths[i]!, children: [para(`${MARK_OPEN}${i}${MARK_CLOSE}`, small, { alignment: ALIGN[c.align] })] })),
    },
  ];
  return gridTable(rows, LANDSCAPE_TEXT_WIDTH);
}

/** Twips per column: numbers get what "序号" or a sum of money needs, text columns share the rest by their widths. */
function docxColumnWidths(columns: RecommendationColumn[]): number[] {
  const fixed: number[] = columns.map((c) => (c.kind === 'integer' ? 720 : c.kind === 'money' ? 1500 : 0));
  const rest = LANDSCAPE_TEXT_WIDTH - fixed.reduce((a, b) => a + b, 0);
  const text = columns.filter((c) => c.kind === 'text');
  if (text.length === 0) return split(LANDSCAPE_TEXT_WIDTH, columns.map((c) => c.width));
  const shares = split(rest, text.map((c) => c.width));
  let next = 0;
  return columns.map((c, i) => (c.kind === 'text' ? shares[next++]! : fixed[i]!));
}

/** The document XML with the template row written once per project (once blank when there are none). */
function expandTemplateRow(xml: string, layout: RecommendationLayout): string {
  const first = xml.indexOf(`${MARK_OPEN}0${MARK_CLOSE}`);
  const lastMark = `${MARK_OPEN}${layout.columns.length - 1}${MARK_CLOSE}`;
  const start = Math.max(xml.lastIndexOf('<w:tr>', first), xml.lastIndexOf('<w:tr ', first));
  const end = xml.indexOf('</w:tr>', xml.indexOf(lastMark)) + '</w:tr>'.length;
  if (first === -1 || start === -1 || end < first) throw new Error('recommendation table: the template row was not found in the document');
  // The row cut at its markers: segments[i] comes before column i's text, the last one after the last column.
  const segments = xml.slice(start, end).split(new RegExp(`${MARK_OPEN}\\d+${MARK_CLOSE}`));
  if (segments.length !== layout.columns.length + 1) throw new Error('recommendation table: the template row does not hold one marker per column');
  const rows = layout.rows.length > 0 ? layout.rows : [layout.columns.map(() => null)];
  const parts: string[] = [xml.slice(0, start)];
  for (const cells of rows) {
    for (let i = 0; i < cells.length; i++) parts.push(segments[i]!, docxText(cells[i] ?? null, layout.columns[i]!));
    parts.push(segments[cells.length]!);
  }
  parts.push(xml.slice(end));
  return parts.join('');
}

/** A cell's text as the content of the template's <w:t xml:space="preserve">: escaped, lines broken with <w:br/>. */
function docxText(cell: RecommendationCell, column: RecommendationColumn): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? (column.kind === 'money' ? formatWan(cell) : String(cell)) : clean(cell);
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .split(/\r?\n/)
    .join('</w:t><w:br/><w:t xml:space="preserve">');
}

/** One file of a zip (the .docx the packer made): found through the central directory, stored or deflated. */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd === -1) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (zip.toString('utf8', at + 46, at + 46 + nameLength) === name) {
      const local = zip.readUInt32LE(at + 42);
      const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(dataStart, dataStart + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`no ${name} in the zip`);
}
