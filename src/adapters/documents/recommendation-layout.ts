/**
 * What goes in a city's recommendation table (推荐汇总表) before any xlsx or docx is made: the
 * attachment number, the title, the recommending unit and 文号 line, the columns and each row's cells.
 *
 * A program whose source prints the table gets that table: 001 附件5 for Hebei 2021 and 004 附件3 for
 * Hubei 2020, with the columns of the definition's `recommendation` form (its `projects` table), which
 * reproduce the source. Another program with a recommendation form of its own (scope
 * `recommending_unit`, one table field) gets that form's columns; every other program a generic table:
 * 序号, 单位名称, 统一社会信用代码, 项目名称, 方向, 计划投资（万元）, 联系人, 联系电话.
 * Pure: no I/O, so both renderers (./recommendation-table.ts) and their tests share one layout.
 */
import type { FormField, ProgramDefinition } from '../../core/programs/definition.ts';
import { formatFieldValue, formatShanghaiDate, isEmptyValue } from './format.ts';

/** One recommended project, in the city's order. Money is integer fen. */
export interface RecommendationRow {
  rank: number;
  organizationName: string;
  creditCode: string | null;
  projectName: string;
  /** Direction codes of the program's tree. */
  directions: string[];
  /** The application's category (e.g. the material type of Hebei 2021), an option value of the form's `category` column. */
  category: string | null;
  cityName: string | null;
  plannedInvestmentFen: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  /** Values the city entered for the other columns of its recommendation form, by column id (e.g. 初审意见). */
  fields?: Record<string, unknown>;
}

export interface RecommendationTableInput {
  definition: ProgramDefinition;
  /** e.g. 石家庄市工业和信息化局 */
  recommendingUnit: { name: string };
  /** The city's document number (文号), e.g. 石工信字〔2021〕88号; null when it has none yet. */
  documentNumber: string | null;
  contact?: { name: string; phone: string } | null;
  rows: RecommendationRow[];
  generatedAt: Date;
}

/**
 * What a column holds, which decides how it is written: `integer` and `money` are numbers in the
 * spreadsheet (money in 万元 with a number format, so the officer can sum it), `text` is text.
 */
export type ColumnKind = 'integer' | 'money' | 'text';

export interface RecommendationColumn {
  id: string;
  header: string;
  kind: ColumnKind;
  /** Width in character cells (a Chinese character takes two), as a spreadsheet measures it. */
  width: number;
  /** Short values are centred (序号, codes, cities, yes/no); money is right-aligned; long text starts at the left. */
  align: 'left' | 'center' | 'right';
}

/** A cell: text, a whole number, money in fen (`money` columns), or nothing. */
export type RecommendationCell = string | number | null;

export interface RecommendationLayout {
  /** Where the table is printed in the source, e.g. "001 附件5"; null for a table not taken from a source. */
  source: string | null;
  /** "附件5" at the top left, as in the source; null when the source does not number it. */
  attachmentLabel: string | null;
  title: string;
  /** "推荐单位（盖章）：石家庄市工业和信息化局" */
  unitLine: string;
  /** "文号：石工信字〔2021〕88号", or null without one. */
  numberLine: string | null;
  /** Under the table: the contact and the date the table was made. */
  footerLine: string;
  columns: RecommendationColumn[];
  /** One per project, each with a cell per column. */
  rows: RecommendationCell[][];
}

/** A program whose source prints its recommendation table; the columns come from the form's table field. */
interface OfficialRecommendationTable {
  programCode: string;
  formId: string;
  tableField: string;
  source: string;
  attachmentLabel: string;
  title: string;
}

const OFFICIAL_TABLES: readonly OfficialRecommendationTable[] = [
  // 001 四.5: "项目推荐表（见附件5）由各市局……汇总填写并加盖公章"; its title is the name of 附件5 in the list
  // of attachments. The attachment's own columns are not in the source text: the definition's form sets
  // them from what 四.5 says the city does (初审, 材料完整性核查).
  {
    programCode: 'hebei-2021-ii-key-projects',
    formId: 'recommendation',
    tableField: 'projects',
    source: '001 附件5',
    attachmentLabel: '附件5',
    title: '河北省工业互联网创新发展重点项目推荐表',
  },
  // 004 附件3: 推荐单位（盖章）, then 序号, 企业名称, 项目名称, 申报方向, 主要内容及推荐理由,
  // 获得工信系统相关试点示范情况, 联系人及联系方式 (the source leaves the 序号 heading blank).
  {
    programCode: 'hubei-2020-dual-innovation',
    formId: 'recommendation',
    tableField: 'projects',
    source: '004 附件3',
    attachmentLabel: '附件3',
    title: '2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目推荐表',
  },
];

const UNIT_LABEL = '推荐单位（盖章）';

type Form = ProgramDefinition['forms'][number];

/** The layout of the table for this program and these rows. */
export function recommendationLayout(input: RecommendationTableInput): RecommendationLayout {
  const { definition } = input;
  const official = OFFICIAL_TABLES.find((t) => t.programCode === definition.code);
  const officialForm = official && definition.forms.find((f) => f.id === official.formId);
  const officialTable = official && officialForm ? tableField(officialForm, official.tableField) : undefined;
  let base: Pick<RecommendationLayout, 'source' | 'attachmentLabel' | 'title'>;
  let columns: FormField[];
  if (official && officialTable) {
    base = { source: official.source, attachmentLabel: official.attachmentLabel, title: official.title };
    columns = officialTable.columns ?? [];
  } else {
    const own = definition.forms.find((f) => f.scope === 'recommending_unit' && tableField(f));
    const ownTable = own && tableField(own);
    if (own && ownTable) {
      base = { source: own.citation ?? null, attachmentLabel: attachmentLabelOf(own.citation), title: formTitle(own) };
      columns = ownTable.columns ?? [];
    } else {
      base = { source: null, attachmentLabel: null, title: genericTitle(definition) };
      columns = GENERIC_COLUMNS;
    }
  }
  const rows = input.rows.map((row) => columns.map((column) => cellFor(column, row, definition)));
  return {
    ...base,
    unitLine: `${UNIT_LABEL}：${input.recommendingUnit.name}`,
    numberLine: input.documentNumber ? `文号：${input.documentNumber}` : null,
    footerLine: footerLine(input),
    columns: columns.map((column, i) => describeColumn(column, rows, i)),
    rows,
  };
}

/** The form's table field: the named one, or its only one. */
function tableField(form: Form, id?: string): FormField | undefined {
  const tables = form.sections.flatMap((s) => s.fields).filter((f) => f.type === 'table' && (f.columns?.length ?? 0) > 0);
  return id === undefined ? (tables.length === 1 ? tables[0] : undefined) : tables.find((f) => f.id === id);
}

/** "附件3" from a citation such as "004 附件3". */
function attachmentLabelOf(citation: string | undefined): string | null {
  const m = /附件\s*(\d+)/.exec(citation ?? '');
  return m ? `附件${m[1]}` : null;
}

/** A form's title without the note in brackets that ends it ("……推荐表（由市州经信局填写）"). */
function formTitle(form: Form): string {
  return form.title['zh-CN'].replace(/（[^（）]*）$/, '');
}

function genericTitle(definition: ProgramDefinition): string {
  const name = definition.name['zh-CN'];
  return `${name}${name.endsWith('项目') ? '' : '项目'}推荐汇总表`;
}

const bi = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The generic table's columns, as form fields so they are formatted by the same rules as a form's. */
const GENERIC_COLUMNS: FormField[] = [
  { id: 'seq', type: 'integer', required: true, label: bi('序号', 'No.') },
  { id: 'organizationName', type: 'text', required: true, maxLength: 100, label: bi('单位名称', 'Organization') },
  { id: 'creditCode', type: 'creditCode', required: false, label: bi('统一社会信用代码', 'Unified social credit code') },
  { id: 'projectName', type: 'text', required: true, maxLength: 100, label: bi('项目名称', 'Project') },
  { id: 'directions', type: 'directions', required: true, label: bi('方向', 'Direction') },
  { id: 'plannedInvestment', type: 'money', unit: '万元', required: false, label: bi('计划投资（万元）', 'Planned investment (10k yuan)') },
  { id: 'contactName', type: 'text', required: false, maxLength: 50, label: bi('联系人', 'Contact') },
  { id: 'contactPhone', type: 'phone', required: false, label: bi('联系电话', 'Phone') },
];

/**
 * A row's value for a column. The columns every table has come from the project itself (序号 is its
 * rank, the names, the directions, the category); the others from what the city entered in its form
 * (`fields`), with 联系人及联系方式 falling back to the project's contact.
 */
function cellFor(column: FormField, row: RecommendationRow, definition: ProgramDefinition): RecommendationCell {
  const text = (value: unknown) => formatFieldValue(column, value, definition) || null;
  switch (column.id) {
    case 'seq':
      return row.rank;
    case 'enterpriseName':
    case 'organizationName':
    case 'unitName':
      return row.organizationName;
    case 'projectName':
      return row.projectName;
    case 'creditCode':
      return row.creditCode;
    case 'cityName':
      return row.cityName;
    case 'directions':
      return text(row.directions);
    case 'category':
      return text(row.category);
    case 'plannedInvestment':
      return row.plannedInvestmentFen;
    case 'contactName':
      return row.contactName ?? null;
    case 'contactPhone':
      return row.contactPhone ?? null;
  }
  const value = row.fields?.[column.id];
  if (column.id === 'contact' && isEmptyValue(value)) return [row.contactName, row.contactPhone].filter((v) => v).join(' ') || null;
  if (column.type === 'money') return typeof value === 'number' && Number.isSafeInteger(value) ? value : text(value);
  if (column.type === 'integer') return typeof value === 'number' && Number.isSafeInteger(value) ? value : text(value);
  return text(value);
}

/** Display width of a text: two cells for a Chinese (full-width) character, one for the rest. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]|[\u{20000}-\u{3FFFD}]/u.test(ch) ? 2 : 1;
  return width;
}

/** The narrowest and the widest a column of each sort gets (its text wraps beyond that). */
const MIN_WIDTH = { long: 20, wide: 16, short: 8 } as const;
const MAX_WIDTH = { long: 44, wide: 32, short: 22 } as const;

function describeColumn(field: FormField, rows: RecommendationCell[][], index: number): RecommendationColumn {
  const header = field.label['zh-CN'];
  const kind: ColumnKind = field.type === 'money' ? 'money' : field.type === 'integer' && rows.every((r) => typeof r[index] === 'number' || r[index] === null) ? 'integer' : 'text';
  if (kind === 'integer') return { id: field.id, header, kind, width: Math.max(6, Math.min(displayWidth(header), 8) + 2), align: 'center' };
  if (kind === 'money') return { id: field.id, header, kind, width: Math.max(12, Math.min(displayWidth(header), 16) + 2), align: 'right' };
  const long = field.type === 'textarea' || field.type === 'directions' || field.type === 'multiselect';
  const wide = long || field.type === 'text' || field.type === 'select';
  const sort = long ? 'long' : wide && (field.maxLength ?? 100) > 50 ? 'wide' : 'short';
  const max = MAX_WIDTH[sort];
  // The widest value (a long heading wraps rather than widening the column beyond 8 characters).
  let widest = Math.min(displayWidth(header), 16);
  for (const row of rows) {
    const cell = row[index];
    if (typeof cell === 'string') widest = Math.max(widest, ...cell.split('\n').map(displayWidth));
    if (widest >= max) break;
  }
  return { id: field.id, header, kind, width: Math.min(max, Math.max(MIN_WIDTH[sort], widest + 2)), align: sort === 'short' ? 'center' : 'left' };
}

function footerLine(input: RecommendationTableInput): string {
  const parts = input.contact ? [`联系人：${input.contact.name}`, `联系电话：${input.contact.phone}`] : [];
  parts.push(`填报日期：${formatShanghaiDate(input.generatedAt)}`);
  return parts.join('\u3000\u3000');
}
