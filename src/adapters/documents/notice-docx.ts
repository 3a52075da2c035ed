/**
 * The province's public notice (公示) of the projects it means to select, and the final list (正式名单)
 * it publishes after the notice period, as Word documents in the official style without the red
 * header (as they are posted on the department's website): GB/T 9704 page and margins, the title in
 * 二号 方正小标宋简体 (LibreOffice draws it with Noto Serif CJK, see ./pdf.ts), the 文号 under it, the
 * body in 三号 仿宋 at a fixed 28 pt line, the 附件 note, the issuer and the date placed as GB/T 9704
 * 7.3.5.2 places them on a document without a seal, page numbers "— 1 —" as the application document
 * has them; then the list itself on a new page: "附件", its title, and a table whose header row
 * repeats on each page.
 */
import { AlignmentType, Document, LineRuleType, Packer, convertMillimetersToTwip, type FileChild, type IFontAttributesProperties, type Paragraph } from 'docx';
import { FANGSONG, HEI, LABEL_SHADE, MARGIN, PAGE, SIZE, SONG, TEXT_WIDTH, clean, gridTable, pageNumberFooter, para, prose, split, type RowSpec, type RunStyle } from './application-docx.ts';
import { formatIsoDate, formatShanghaiDate } from './format.ts';
import { displayWidth } from './recommendation-layout.ts';

/** One project as the notice shows it; the direction already written out ("D2 基于工业互联网的……"). */
export interface NoticeRow {
  organizationName: string;
  projectName: string;
  cityName: string | null;
  direction: string;
}

export interface NoticeContact {
  name: string;
  phone: string;
  email?: string | null;
}

export interface NoticeDocxInput {
  /** e.g. 2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范 */
  programName: string;
  /** e.g. 关于2020年湖北省……试点示范项目拟入选名单的公示 (a line break where the title should break, if anywhere). */
  title: string;
  documentNumber: string | null;
  /** The issuing department, e.g. 湖北省经济和信息化厅. */
  issuer: string;
  publishedAt: Date;
  /** The notice period (ISO dates, Asia/Shanghai) and the hour it ends on the last day ("24:00", "17:00"). */
  period: { startDate: string; endDate: string; endTime: string };
  contact: NoticeContact;
  rows: NoticeRow[];
  /** How to object: to whom, in what form, what an objection must carry (one paragraph per line). */
  objectionsHowTo: string;
  /** The title of the attached list; by default "<program>项目拟入选名单". */
  listTitle?: string;
}

export interface FinalListDocxInput {
  programName: string;
  /** e.g. 关于公布2020年湖北省……试点示范项目名单的通知 */
  title: string;
  /** The final list is a numbered document. */
  documentNumber: string;
  issuer: string;
  publishedAt: Date;
  contact?: NoticeContact | null;
  rows: NoticeRow[];
  /** The body, one paragraph per line; by default a paragraph saying how the projects were selected. */
  body?: string;
  /** The title of the attached list; by default "<program>项目名单". */
  listTitle?: string;
}

// Type: 二号 title, 三号 body at 28 pt, 五号 in the table.
const XIAOBIAOSONG: IFontAttributesProperties = { ...SONG, eastAsia: '方正小标宋简体' };
const BODY: RunStyle = { font: FANGSONG, size: SIZE.heading };
const BODY_LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** One character of 三号 (16 pt) in twips. */
const CHAR = SIZE.heading * 10;

/** The public notice (公示). */
export async function noticeDocx(input: NoticeDocxInput): Promise<Buffer> {
  const listTitle = noticeListTitle(input);
  const { startDate, endDate, endTime } = input.period;
  const body = [
    `根据${projects(input.programName)}遴选工作安排，经组织申报、地方推荐、专家评审等程序，拟确定${input.rows.length}个项目入选（名单见附件），现予以公示。`,
    `公示期：${formatIsoDate(startDate)}至${formatIsoDate(endDate)}${hour(endTime)}止。`,
    input.objectionsHowTo,
    contactLine(input.contact),
  ];
  return render({ ...input, listTitle, body, kind: '公示' });
}

/** The final list (正式名单). */
export async function finalListDocx(input: FinalListDocxInput): Promise<Buffer> {
  const listTitle = finalListTitle(input);
  const body = [
    input.body ?? `根据${projects(input.programName)}遴选工作安排，经组织申报、地方推荐、专家评审和社会公示，确定${input.rows.length}个项目入选（名单见附件），现予公布。`,
    ...(input.contact ? [contactLine(input.contact)] : []),
  ];
  return render({ ...input, listTitle, body, kind: '名单' });
}

/** The attached list's title: "<program>项目拟入选名单" unless the notice names it. */
export const noticeListTitle = (input: Pick<NoticeDocxInput, 'programName' | 'listTitle'>) => input.listTitle ?? `${projects(input.programName)}拟入选名单`;
/** The attached list's title: "<program>项目名单" unless the final list names it. */
export const finalListTitle = (input: Pick<FinalListDocxInput, 'programName' | 'listTitle'>) => input.listTitle ?? `${projects(input.programName)}名单`;

/** "……试点示范" → "……试点示范项目"; a name that already ends in 项目 is kept. */
function projects(programName: string): string {
  return programName.endsWith('项目') ? programName : `${programName}项目`;
}

/** "24:00" → "24时", "17:30" → "17时30分". */
export function hour(time: string): string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!m) return time;
  return m[2] === '00' ? `${Number(m[1])}时` : `${Number(m[1])}时${m[2]}分`;
}

function contactLine(contact: NoticeContact): string {
  return `联系人：${contact.name}，联系电话：${contact.phone}${contact.email ? `，电子邮箱：${contact.email}` : ''}。`;
}

interface Rendered {
  programName: string;
  title: string;
  documentNumber: string | null;
  issuer: string;
  publishedAt: Date;
  rows: NoticeRow[];
  listTitle: string;
  body: string[];
  kind: '公示' | '名单';
}

async function render(doc: Rendered): Promise<Buffer> {
  const date = formatShanghaiDate(doc.publishedAt);
  const children: FileChild[] = [
    ...title(doc.title, { before: 0, after: doc.documentNumber ? 120 : 480 }),
    ...(doc.documentNumber ? [para(doc.documentNumber, BODY, { alignment: AlignmentType.CENTER, spacing: { ...BODY_LINE, after: 480 } })] : []),
    ...doc.body.flatMap((text) => prose(text, BODY, { spacing: BODY_LINE, alignment: AlignmentType.JUSTIFIED })),
    // GB/T 9704 7.3.4: a line below the body, two characters in, "附件：" and the name, a wrapped name under its first character.
    para(`附件：${doc.listTitle}`, BODY, { spacing: { ...BODY_LINE, before: 560 }, indent: { left: 5 * CHAR, hanging: 3 * CHAR } }),
    ...signature(doc.issuer, date),
    // The list: on a new page, "附件" at the top left in 黑体, its title, the table.
    para('附件', { font: HEI, size: SIZE.heading }, { pageBreakBefore: true, spacing: BODY_LINE }),
    ...title(doc.listTitle, { before: 240, after: 360 }),
    listTable(doc.rows),
  ];
  const document = new Document({
    title: clean(doc.title.replace(/\n/g, '')),
    subject: clean(doc.programName),
    creator: clean(doc.issuer),
    description: doc.kind === '公示' ? 'public notice' : 'final list',
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
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: convertMillimetersToTwip(15), footer: convertMillimetersToTwip(23) } } },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/** A title in 二号 方正小标宋, centred, a line for each line of the text. */
function title(text: string, spacing: { before: number; after: number }): Paragraph[] {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.map((line, i) =>
    para(line.trim(), { font: XIAOBIAOSONG, size: SIZE.title }, { alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT, before: i === 0 ? spacing.before : 0, after: i === lines.length - 1 ? spacing.after : 0 } }),
  );
}

/**
 * The issuer and the date of a document without a seal (GB/T 9704 7.3.5.2): a line below the text, the issuer two characters
 * in from the right, the date on the next line starting two characters to the right of the issuer's
 * start; a date longer than that allows stands two characters in from the right, the issuer moving left.
 */
function signature(issuer: string, date: string): Paragraph[] {
  const chars = (text: string) => displayWidth(text) / 2;
  let issuerRight = 2;
  let dateRight = issuerRight + chars(issuer) - 2 - chars(date);
  if (dateRight < 2) {
    dateRight = 2;
    issuerRight = dateRight + chars(date) + 2 - chars(issuer);
  }
  const right = (indent: number, before: number) => ({ alignment: AlignmentType.RIGHT, indent: { right: Math.round(indent * CHAR) }, spacing: { ...BODY_LINE, before } });
  // The issuer stays on the page of its date.
  return [para(issuer, BODY, { ...right(issuerRight, 560), keepNext: true }), para(date, BODY, right(dateRight, 0))];
}

export const LIST_COLUMNS = ['序号', '单位名称', '项目名称', '所在城市', '申报方向'] as const;

/** The list: 序号, 单位名称, 项目名称, 所在城市, 申报方向; the header row repeats on every page. */
function listTable(rows: NoticeRow[]) {
  const numberWidth = 720;
  const widths = [numberWidth, ...split(TEXT_WIDTH - numberWidth, [30, 32, 14, 26])];
  const small: RunStyle = { size: SIZE.small };
  const cell = (text: string, i: number, align: (typeof AlignmentType)[keyof typeof AlignmentType]) => ({ width: widths[i]!, children: [para(text, small, { alignment: align })] });
  const body = rows.length > 0 ? rows : [null];
  const specs: RowSpec[] = [
    { header: true, cantSplit: true, minHeight: 480, cells: LIST_COLUMNS.map((c, i) => ({ width: widths[i]!, shade: LABEL_SHADE, children: [para(c, { ...small, font: HEI, bold: true }, { alignment: AlignmentType.CENTER })] })) },
    ...body.map(
      (row, n): RowSpec => ({
        cantSplit: true,
        minHeight: 400,
        cells: row
          ? [
              cell(String(n + 1), 0, AlignmentType.CENTER),
              cell(row.organizationName, 1, AlignmentType.LEFT),
              cell(row.projectName, 2, AlignmentType.LEFT),
              cell(row.cityName ?? '', 3, AlignmentType.CENTER),
              cell(row.direction, 4, AlignmentType.LEFT),
            ]
          : LIST_COLUMNS.map((_, i) => cell('', i, AlignmentType.LEFT)),
      }),
    ),
  ];
  return gridTable(specs, TEXT_WIDTH);
}
