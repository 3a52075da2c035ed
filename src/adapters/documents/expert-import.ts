/**
 * The expert pool from a spreadsheet: the province keeps its experts in Excel, so the pool is imported
 * from .xlsx rather than typed in. The header row is found by its column names, in Chinese or English
 * (姓名/name, 职称/title, 工作单位/organization, 单位统一社会信用代码/creditCode, 所在城市/city,
 * 专业领域/tags, 手机/phone, 邮箱/email, and the usual variants), in any order and among other columns,
 * which are ignored. A row is refused, with its row number and column, when it has no name or
 * organization or a malformed phone number, e-mail address or credit code (the credit code is what
 * the conflict-of-interest check matches on, so a mistyped one would hide a conflict). A file that is
 * not an .xlsx, or has no such header, gives one error saying so.
 */
import ExcelJS from 'exceljs';
import { ARCHIVE_LIMITS, bufferSource, inspectArchive } from '../files/archive.ts';
import { creditCodeProblemMessage, usccCheckCharacter, validateCreditCode } from '../../core/credit-code.ts';
import type { Messages } from '../../core/errors.ts';

export interface ImportedExpert {
  name: string;
  title: string;
  organization: string;
  creditCode: string | null;
  cityName: string | null;
  tags: string[];
  phone: string | null;
  email: string | null;
}

/** A refused row (or the whole file, row 0): the Excel row number, the column's heading as in the file, and what is wrong. */
export interface ExpertImportError {
  row: number;
  column: string;
  messages: Messages;
}

export interface ExpertImportResult {
  experts: ImportedExpert[];
  errors: ExpertImportError[];
}

type Key = 'name' | 'title' | 'organization' | 'creditCode' | 'city' | 'tags' | 'phone' | 'email';

/**
 * Accepted headings per column, normalized (see `normalizeHeading`), best first: when a sheet has two
 * columns for one item (手机 and 联系电话), the one with the better heading is read.
 */
const HEADINGS: Record<Key, readonly string[]> = {
  name: ['姓名', '专家姓名', 'name', 'fullname', 'expertname'],
  title: ['职称', '职称职务', '职务职称', '技术职称', '职务', 'title', 'professionaltitle', 'jobtitle'],
  organization: ['工作单位', '所在单位', '单位名称', '工作单位名称', '单位', 'organization', 'organisation', 'org', 'employer', 'affiliation', 'company'],
  creditCode: ['单位统一社会信用代码', '统一社会信用代码', '社会信用代码', '信用代码', 'creditcode', 'unifiedsocialcreditcode', 'uscc'],
  city: ['所在城市', '城市', '所在地市', '所在市', '地市', 'city', 'cityname'],
  tags: ['专业领域', '专业方向', '擅长领域', '研究方向', '领域', '专业', 'tags', 'tag', 'expertise', 'fields', 'field', 'specialty', 'specialties'],
  phone: ['手机', '手机号', '手机号码', '移动电话', '联系电话', '电话', '联系方式', 'phone', 'mobile', 'mobilephone', 'cellphone', 'tel', 'telephone'],
  email: ['邮箱', '电子邮箱', '电子邮件', '邮件', 'email', 'mail', 'emailaddress'],
};

/** The headings of the template, in its column order. */
const TEMPLATE_HEADINGS: Record<Key, string> = {
  name: '姓名',
  title: '职称',
  organization: '工作单位',
  creditCode: '单位统一社会信用代码',
  city: '所在城市',
  tags: '专业领域',
  phone: '手机',
  email: '邮箱',
};
const TEMPLATE_ORDER: readonly Key[] = ['name', 'title', 'organization', 'creditCode', 'city', 'tags', 'phone', 'email'];

/** How many rows from the top of a sheet are searched for the header (a title or a note may come first). */
const HEADER_SEARCH_ROWS = 20;
/** Mobile numbers, or landlines with the area code (the form validator's phone rule). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** 专业领域 are separated by 、，, ; ；or white space. */
const TAG_SEPARATORS = /[、，,;；\s\u3000]+/;

const FILE_MESSAGES = {
  notXlsx: { 'zh-CN': '文件不是 Excel 工作簿（.xlsx），请上传 .xlsx 文件', en: 'The file is not an Excel workbook (.xlsx); upload an .xlsx file' },
  xls: { 'zh-CN': '文件是旧版 Excel 格式（.xls），请在 Excel 中另存为 .xlsx 后再导入', en: 'The file is in the old Excel format (.xls); save it as .xlsx in Excel and import that' },
  noHeader: {
    'zh-CN': '未找到表头：需要一行列名，至少包含“姓名”和“工作单位”（可下载导入模板）',
    en: 'No header row found: a row of column names with at least “姓名” (name) and “工作单位” (organization) is needed (download the template)',
  },
} satisfies Record<string, Messages>;

/** A 10 MB list of experts expands to some tens of MB; ExcelJS holds all of it, so less than for stored files. */
const IMPORT_ARCHIVE_LIMITS = { ...ARCHIVE_LIMITS, maxTotalBytes: 256 * 1024 * 1024 };

/** Reads the experts of the first sheet that has a recognizable header row. */
export async function readExpertWorkbook(data: Buffer): Promise<ExpertImportResult> {
  const fileError = (messages: Messages): ExpertImportResult => ({ experts: [], errors: [{ row: 0, column: '', messages }] });
  if (data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return fileError(FILE_MESSAGES.xls);
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) return fileError(FILE_MESSAGES.notXlsx);
  // ExcelJS expands every part in memory: a zip bomb is refused by its directory and a counted inflate first.
  const bomb = await inspectArchive(bufferSource(data), IMPORT_ARCHIVE_LIMITS);
  if (bomb) return fileError({ 'zh-CN': `文件${bomb.messages['zh-CN']}`, en: `The file: ${bomb.messages.en}` });
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS declares its own Buffer type (an ArrayBuffer); it reads a Node Buffer as it is.
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    // A zip that is not a workbook (a .docx, a damaged file).
    return fileError(FILE_MESSAGES.notXlsx);
  }
  // ExcelJS opens any zip (a .docx too) and finds no sheets in it.
  if (workbook.worksheets.length === 0) return fileError(FILE_MESSAGES.notXlsx);
  for (const sheet of workbook.worksheets) {
    const header = findHeader(sheet);
    if (!header) continue;
    if (!header.columns.has('organization')) {
      return {
        experts: [],
        errors: [{ row: header.row, column: '工作单位', messages: { 'zh-CN': `第 ${header.row} 行表头缺少“工作单位”列`, en: `The header (row ${header.row}) has no “工作单位” (organization) column` } }],
      };
    }
    return readRows(sheet, header);
  }
  return fileError(FILE_MESSAGES.noHeader);
}

interface Header {
  row: number;
  /** Each recognized item's column number and its heading as written. */
  columns: Map<Key, { index: number; heading: string }>;
}

/** Headings compared without spaces, marks of required (*), notes in brackets, separators or case: "手机号码（必填）" → "手机号码", "E-mail" → "email". */
function normalizeHeading(text: string): string {
  return text
    .replace(/[（(【[][^）)】\]]*[）)】\]]/g, '')
    .replace(/[\s\u3000*＊_\-.:：/／、·]/g, '')
    .toLowerCase();
}

/** The first row (near the top) naming a person and at least one other item. */
function findHeader(sheet: ExcelJS.Worksheet): Header | null {
  const last = Math.min(sheet.actualRowCount > 0 ? sheet.rowCount : 0, HEADER_SEARCH_ROWS);
  for (let r = 1; r <= last; r++) {
    const best = new Map<Key, { index: number; heading: string; rank: number }>();
    sheet.getRow(r).eachCell((cell, index) => {
      const heading = cellText(cell);
      const normalized = normalizeHeading(heading);
      if (!normalized) return;
      for (const key of Object.keys(HEADINGS) as Key[]) {
        const rank = HEADINGS[key].indexOf(normalized);
        if (rank === -1) continue;
        const seen = best.get(key);
        if (!seen || rank < seen.rank) best.set(key, { index, heading, rank });
      }
    });
    if (best.has('name') && best.size >= 2) return { row: r, columns: new Map([...best].map(([key, { index, heading }]) => [key, { index, heading }])) };
  }
  return null;
}

function readRows(sheet: ExcelJS.Worksheet, header: Header): ExpertImportResult {
  const experts: ImportedExpert[] = [];
  const errors: ExpertImportError[] = [];
  const seen = new Map<string, number>();
  for (let r = header.row + 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const value = (key: Key): string => {
      const column = header.columns.get(key);
      return column ? cellText(row.getCell(column.index)) : '';
    };
    const values = Object.fromEntries(TEMPLATE_ORDER.map((key) => [key, value(key)])) as Record<Key, string>;
    if (Object.values(values).every((v) => v === '')) continue; // an empty row (or one of ignored columns only)
    const rowErrors: ExpertImportError[] = [];
    // "第 5 行“手机”（G5）：…": the row, the column's heading as in the file and the cell (none when the sheet lacks the column).
    const problem = (key: Key, zh: string, en: string) => {
      const column = header.columns.get(key);
      const heading = column?.heading ?? TEMPLATE_HEADINGS[key];
      const cell = column ? `${columnLetter(column.index)}${r}` : null;
      rowErrors.push({
        row: r,
        column: heading,
        messages: { 'zh-CN': `第 ${r} 行“${heading}”${cell ? `（${cell}）` : ''}：${zh}`, en: `Row ${r}, “${heading}”${cell ? ` (${cell})` : ''}: ${en}` },
      });
    };
    if (!values.name) problem('name', '必填', 'is required');
    if (!values.organization) problem('organization', '必填', 'is required');
    const phone = values.phone ? normalizePhone(values.phone) : null;
    if (phone !== null && !PHONE.test(phone)) problem('phone', `“${values.phone}”不是有效的手机号码或固定电话（如 13812345678、0311-87908721）`, `“${values.phone}” is not a mobile or landline number (e.g. 13812345678, 0311-87908721)`);
    const email = values.email ? values.email.replace(/^mailto:/i, '') : null;
    if (email !== null && !EMAIL.test(email)) problem('email', `“${values.email}”不是有效的电子邮箱，例如 name@example.com`, `“${values.email}” is not a valid e-mail address, e.g. name@example.com`);
    let creditCode: string | null = null;
    if (values.creditCode) {
      const checked = validateCreditCode(values.creditCode);
      const message = creditCodeProblemMessage(checked);
      if (message) problem('creditCode', message['zh-CN'], message.en);
      else creditCode = checked.code;
    }
    if (rowErrors.length === 0) {
      const key = `${values.name}|${values.organization}|${phone ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined) problem('name', `与第 ${first} 行重复（姓名、工作单位、手机相同）`, `repeats row ${first} (same name, organization and phone)`);
      else seen.set(key, r);
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    experts.push({
      name: values.name,
      title: values.title,
      organization: values.organization,
      creditCode,
      cityName: values.city || null,
      tags: [...new Set(values.tags.split(TAG_SEPARATORS).filter(Boolean))],
      phone,
      email,
    });
  }
  return { experts, errors };
}

/** Spaces dropped, a +86 country code dropped from a mobile number. */
function normalizePhone(text: string): string {
  return text.replace(/[\s\u3000]/g, '').replace(/^\+?86-?(?=1\d{10}$)/, '');
}

/** What a cell shows, as text: numbers as digits (a phone typed as a number), links by their text, formulas by their result. */
function cellText(cell: ExcelJS.Cell): string {
  return valueText(cell.value).replace(/\u00A0/g, ' ').trim();
}

function valueText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : valueText(value.text as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return valueText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  return ''; // an error value (#N/A)
}

/** 1 → A, 27 → AA. */
function columnLetter(index: number): string {
  let letters = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

// The template

const GB2312 = 134;
/** The example row; its credit code is made up, with the check character computed so the row imports as it is. */
const EXAMPLE_CODE = '12130000MB1A2B3C4';
const EXAMPLE = {
  name: '张明',
  title: '正高级工程师',
  organization: '河北省工业互联网研究院（示例，请替换）',
  creditCode: EXAMPLE_CODE + usccCheckCharacter(EXAMPLE_CODE),
  city: '石家庄市',
  tags: '工业互联网平台、智能制造、数字化管理',
  phone: '13800000000',
  email: 'zhangming@example.com',
} satisfies Record<Key, string>;

const NOTES: readonly [string, string, string][] = [
  ['姓名', 'name', '必填'],
  ['职称', 'title', '如：正高级工程师、教授'],
  ['工作单位', 'organization', '必填；与申报单位相同的专家不参与该项目评审'],
  ['单位统一社会信用代码', 'creditCode', '18 位；用于回避同单位申报项目，填写时须准确'],
  ['所在城市', 'city', '如：石家庄市'],
  ['专业领域', 'tags', '多个领域用顿号、逗号、分号或空格分隔'],
  ['手机', 'phone', '11 位手机号码或带区号的固定电话'],
  ['邮箱', 'email', '如：name@example.com'],
];

/** The import template: the header row and one example row, with a second sheet explaining the columns. */
export async function expertTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '工业互联网项目管理平台';
  const sheet = workbook.addWorksheet('专家库', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] });
  const widths: Record<Key, number> = { name: 10, title: 16, organization: 36, creditCode: 24, city: 12, tags: 36, phone: 16, email: 28 };
  sheet.columns = TEMPLATE_ORDER.map((key) => ({
    key,
    width: widths[key],
    // Phone numbers and codes as text, so Excel keeps their digits as typed.
    style: { font: { name: '宋体', size: 11, charset: GB2312 }, ...(key === 'phone' || key === 'creditCode' ? { numFmt: '@' } : {}) },
  }));
  const header = sheet.getRow(1);
  TEMPLATE_ORDER.forEach((key, i) => {
    const cell = header.getCell(i + 1);
    cell.value = TEMPLATE_HEADINGS[key];
    cell.style = {
      font: { name: '宋体', size: 11, bold: true, charset: GB2312 },
      alignment: { horizontal: 'center', vertical: 'middle' },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
      border: { bottom: { style: 'thin', color: { argb: 'FF000000' } } },
    };
  });
  header.height = 22;
  sheet.addRow(TEMPLATE_ORDER.map((key) => EXAMPLE[key]));

  const notes = workbook.addWorksheet('填写说明');
  notes.columns = [{ width: 24 }, { width: 16 }, { width: 56 }];
  notes.addRow(['列', '英文列名', '说明']).font = { name: '宋体', size: 11, bold: true, charset: GB2312 };
  for (const line of NOTES) notes.addRow([...line]).font = { name: '宋体', size: 11, charset: GB2312 };
  notes.addRow([]);
  notes.addRow(['列的顺序不限，可以有其他列（导入时忽略）；表头可用中文或英文列名。第 2 行为示例，导入前请替换或删除。']).font = { name: '宋体', size: 11, charset: GB2312 };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
