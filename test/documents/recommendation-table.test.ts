/**
 * The city's recommendation table: each workbook is read back with ExcelJS (title, merged cells,
 * header, values and their types, number format, frozen pane, print setup) and each document with
 * mammoth and its XML. A 10,000-row table is made in both formats and read back.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import {
  RECOMMENDATION_SHEET_NAME,
  WAN_YUAN_NUMBER_FORMAT,
  recommendationDocx,
  recommendationLayout,
  recommendationXlsx,
  type RecommendationRow,
  type RecommendationTableInput,
} from '../../src/adapters/documents/recommendation-table.ts';
import { part } from './docx-parts.ts';
import { loadProgram } from './factories.ts';

function row(overrides: Partial<RecommendationRow> = {}): RecommendationRow {
  return {
    rank: 1,
    organizationName: '武汉智联精工装备股份有限公司',
    creditCode: '91420100MA4K2XXX1A',
    projectName: '基于工业互联网的产业链协同“双创”平台',
    directions: ['D2'],
    category: null,
    cityName: '武汉市',
    plannedInvestmentFen: 12_345_678_900, // 12,345.6789 万元
    contactName: '陈晓梅',
    contactPhone: '13871234567',
    fields: {},
    ...overrides,
  };
}

function input(code: string, rows: RecommendationRow[], overrides: Partial<RecommendationTableInput> = {}): RecommendationTableInput {
  return {
    definition: loadProgram(code),
    recommendingUnit: { name: '武汉市经济和信息化局' },
    documentNumber: '武经信〔2021〕3号',
    contact: { name: '张伟', phone: '027-85551234' },
    rows,
    generatedAt: new Date('2021-01-08T03:00:00Z'), // 2021-01-08 11:00 in Beijing
    ...overrides,
  };
}

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  assert.equal(workbook.worksheets.length, 1);
  return workbook.worksheets[0]!;
}

function rowValues(sheet: ExcelJS.Worksheet, r: number): unknown[] {
  return (sheet.getRow(r).values as unknown[]).slice(1);
}

async function textOf(docx: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: docx })).value;
}

const HUBEI_ROWS = [
  row({
    rank: 1,
    directions: ['D1', 'D2'],
    fields: {
      contentAndReasons: '平台汇聚上下游企业320家，开放设计工具45项。\n推荐理由：带动作用强。',
      priorPilots: '2019年湖北省两化融合试点示范',
    },
  }),
  row({ rank: 2, organizationName: '湖北长江云制造科技有限公司', projectName: '面向中小企业的制造能力开放平台', directions: ['D4'], contactName: '刘洋', contactPhone: '13900001111', fields: { contentAndReasons: '共享设备1200台。', priorPilots: '无', contact: '刘洋 027-84441234' } }),
];

test('Hubei 2020: the workbook reproduces 004 附件3 (title, unit and 文号, the seven columns, frozen header, A4 landscape)', async () => {
  const sheet = await sheetOf(await recommendationXlsx(input('hubei-2020-dual-innovation', HUBEI_ROWS)));
  assert.equal(sheet.name, RECOMMENDATION_SHEET_NAME);
  assert.equal(sheet.getCell('A1').value, '附件3');
  assert.equal(sheet.getCell('A2').value, '2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目推荐表');
  assert.equal(sheet.getCell('A2').alignment.horizontal, 'center');
  assert.ok(sheet.getCell('A2').font.bold);
  assert.equal(sheet.getCell('A3').value, '推荐单位（盖章）：武汉市经济和信息化局');
  assert.equal(sheet.getCell('E3').value, '文号：武经信〔2021〕3号');
  const merges = sheet.model.merges;
  assert.ok(merges.includes('A2:G2'), `the title is merged across the table: ${merges.join(' ')}`);
  assert.ok(merges.includes('A3:D3') && merges.includes('E3:G3'), 'unit on the left half, 文号 on the right');
  assert.ok(sheet.getCell('G2').isMerged);

  assert.deepEqual(rowValues(sheet, 4), ['序号', '企业名称', '项目名称', '申报方向', '主要内容及推荐理由', '获得工信系统相关试点示范情况', '联系人及联系方式']);
  const header = sheet.getCell('B4');
  assert.equal(header.font.bold, true);
  assert.equal(header.font.name, '宋体');
  assert.equal(header.border.top?.style, 'thin');
  assert.equal(header.border.bottom?.style, 'thin');

  assert.deepEqual(rowValues(sheet, 5), [
    1,
    '武汉智联精工装备股份有限公司',
    '基于工业互联网的产业链协同“双创”平台',
    'D1 基于工业互联网的企业级“双创”资源汇聚平台；D2 基于工业互联网的产业链级“双创”资源汇聚平台',
    '平台汇聚上下游企业320家，开放设计工具45项。\n推荐理由：带动作用强。',
    '2019年湖北省两化融合试点示范',
    '陈晓梅 13871234567', // the project's contact when the city entered none
  ]);
  assert.equal(sheet.getCell('H5').value, null, 'seven columns only');
  assert.equal(sheet.getCell('G6').value, '刘洋 027-84441234', 'what the city entered comes first');
  assert.equal(typeof sheet.getCell('A5').value, 'number');
  assert.equal(sheet.getCell('C5').font.name, '宋体');
  assert.equal(sheet.getCell('E5').alignment.wrapText, true);
  assert.equal(sheet.getCell('C5').border.left?.style, 'thin');
  assert.match(String(sheet.getCell('A8').value), /^联系人：张伟\u3000\u3000联系电话：027-85551234\u3000\u3000填报日期：2021年1月8日$/);

  // Column widths fit Chinese text: the number narrow, the names and the long texts wide.
  assert.ok(sheet.getColumn(1).width! <= 8);
  assert.ok(sheet.getColumn(2).width! >= 20);
  assert.ok(sheet.getColumn(5).width! >= 20);

  const [view] = sheet.views;
  assert.equal(view?.state, 'frozen');
  assert.equal((view as ExcelJS.WorksheetViewFrozen).ySplit, 4, 'frozen under the header row');
  assert.equal(sheet.pageSetup.orientation, 'landscape');
  assert.equal(sheet.pageSetup.paperSize, 9, 'A4');
  assert.equal(sheet.pageSetup.printTitlesRow, '4:4', 'the header row is printed on every page');
  assert.equal(sheet.pageSetup.fitToWidth, 1);
});

test('Hubei 2020: the document has the unit, the 文号 and the projects, A4 landscape with the header row repeated', async () => {
  const docx = await recommendationDocx(input('hubei-2020-dual-innovation', HUBEI_ROWS));
  const text = await textOf(docx);
  for (const piece of [
    '附件3',
    '2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目推荐表',
    '推荐单位（盖章）：武汉市经济和信息化局\t文号：武经信〔2021〕3号',
    '主要内容及推荐理由',
    '湖北长江云制造科技有限公司',
    '面向中小企业的制造能力开放平台',
    'D4 基于互联网的制造能力开放平台',
    '联系人：张伟',
    '填报日期：2021年1月8日',
  ]) {
    assert.ok(text.includes(piece), `the document holds "${piece}"`);
  }
  assert.ok(text.indexOf('武汉智联精工装备股份有限公司') < text.indexOf('湖北长江云制造科技有限公司'), 'in rank order');
  const xml = part(docx, 'word/document.xml');
  assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  assert.equal((xml.match(/<w:tblHeader\/>/g) ?? []).length, 1, 'the header row repeats on each page');
  assert.equal((xml.match(/<w:tr>/g) ?? []).length, 3, 'the header and one row per project');
  assert.match(xml, /w:eastAsia="黑体"/);
  assert.ok(!xml.includes('\uE000'), 'no template marker is left');
  assert.match(xml, /平台汇聚上下游企业320家，开放设计工具45项。<\/w:t><w:br\/><w:t xml:space="preserve">推荐理由/, 'a line break in a cell');
  assert.match(part(docx, 'word/footer1.xml'), /PAGE/);
});

test('Hebei 2021: 001 附件5 with the columns of the definition’s recommendation form (category, 初审意见, 材料完整性核查)', async () => {
  const rows = [
    row({
      organizationName: '石家庄恒远重型机械有限公司',
      projectName: '重型机械远程运维平台',
      directions: ['3.5'],
      category: 'mode-application',
      cityName: '石家庄市',
      fields: { initialReview: '材料齐全，同意推荐', materialsComplete: true },
    }),
  ];
  const hebei = input('hebei-2021-ii-key-projects', rows, { recommendingUnit: { name: '石家庄市工业和信息化局' }, documentNumber: '石工信字〔2021〕88号', contact: null });
  const layout = recommendationLayout(hebei);
  assert.equal(layout.source, '001 附件5');
  const sheet = await sheetOf(await recommendationXlsx(hebei));
  assert.equal(sheet.getCell('A1').value, '附件5');
  assert.equal(sheet.getCell('A2').value, '河北省工业互联网创新发展重点项目推荐表');
  assert.ok(sheet.model.merges.includes('A2:G2'));
  assert.deepEqual(rowValues(sheet, 4), ['序号', '申报企业', '项目名称', '申报材料类别', '申报方向', '初审意见', '材料完整性核查']);
  assert.deepEqual(rowValues(sheet, 5), [1, '石家庄恒远重型机械有限公司', '重型机械远程运维平台', '模式应用类（附件2）', '3.5 服务化延伸', '材料齐全，同意推荐', '是']);
  assert.equal(sheet.getCell('A7').value, '填报日期：2021年1月8日', 'no contact line without a contact');

  const text = await textOf(await recommendationDocx(hebei));
  for (const piece of ['附件5', '河北省工业互联网创新发展重点项目推荐表', '推荐单位（盖章）：石家庄市工业和信息化局', '文号：石工信字〔2021〕88号', '重型机械远程运维平台', '模式应用类（附件2）']) {
    assert.ok(text.includes(piece), `the document holds "${piece}"`);
  }
});

test('a program without a recommendation form: the generic table, money in 万元 as numbers the officer can sum', async () => {
  const rows = [
    row({ rank: 1, directions: [], plannedInvestmentFen: 12_345_678_900 }),
    row({ rank: 2, organizationName: '济南数智科技有限公司 <R&D>', creditCode: null, plannedInvestmentFen: 50_000_000, contactName: null, contactPhone: null }),
    row({ rank: 3, organizationName: '青岛海纳云工业互联网有限公司', plannedInvestmentFen: null }),
  ];
  const generic = input('shandong-2018-platforms', rows, { documentNumber: null });
  const sheet = await sheetOf(await recommendationXlsx(generic));
  assert.equal(sheet.getCell('A1').value, '山东省产业互联网“个十百”平台培育工程项目推荐汇总表', 'no attachment number: the title comes first');
  assert.ok(sheet.model.merges.includes('A1:H1'));
  assert.equal(sheet.getCell('A2').value, '推荐单位（盖章）：武汉市经济和信息化局', 'no 文号 yet');
  assert.ok(sheet.model.merges.includes('A2:H2'));
  assert.deepEqual(rowValues(sheet, 3), ['序号', '单位名称', '统一社会信用代码', '项目名称', '方向', '计划投资（万元）', '联系人', '联系电话']);
  const money = sheet.getCell('F4');
  assert.equal(money.value, 12345.6789);
  assert.equal(money.type, ExcelJS.ValueType.Number);
  assert.equal(money.numFmt, WAN_YUAN_NUMBER_FORMAT);
  assert.equal(money.alignment.horizontal, 'right');
  assert.equal(sheet.getCell('F5').value, 50);
  assert.equal(sheet.getCell('F6').value, null, 'no investment: an empty cell, not 0');
  assert.equal(sheet.getCell('B5').value, '济南数智科技有限公司 <R&D>');
  assert.equal(sheet.getCell('C5').value, null);
  assert.equal((sheet.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 3);
  assert.equal(sheet.pageSetup.printTitlesRow, '3:3');

  const docx = await recommendationDocx(generic);
  const text = await textOf(docx);
  assert.ok(text.includes('12,345.6789'), 'money in 万元 in the document, by the shared formatter');
  assert.ok(text.includes('济南数智科技有限公司 <R&D>'), 'markup characters are escaped, not lost');
  assert.ok(!text.includes('文号'));
});

test('a table without projects still opens, with one blank row to fill in', async () => {
  const empty = input('hubei-2020-dual-innovation', []);
  const sheet = await sheetOf(await recommendationXlsx(empty));
  assert.deepEqual(rowValues(sheet, 4)[0], '序号');
  const xml = part(await recommendationDocx(empty), 'word/document.xml');
  assert.equal((xml.match(/<w:tr>/g) ?? []).length, 2);
});

test('10,000 projects: both formats are made quickly and read back whole', { timeout: 120_000 }, async (t) => {
  const rows = Array.from({ length: 10_000 }, (_, i) =>
    row({ rank: i + 1, organizationName: `山东第${i + 1}智能制造有限公司`, projectName: `工业互联网平台建设项目（第${i + 1}期）`, plannedInvestmentFen: 1_000_000 + i }),
  );
  const big = input('shandong-2018-platforms', rows);

  let started = performance.now();
  const xlsx = await recommendationXlsx(big);
  const xlsxMs = performance.now() - started;
  started = performance.now();
  const docx = await recommendationDocx(big);
  const docxMs = performance.now() - started;
  t.diagnostic(`10,000 rows: xlsx ${Math.round(xlsxMs)} ms (${Math.round(xlsx.length / 1024)} KB), docx ${Math.round(docxMs)} ms (${Math.round(docx.length / 1024)} KB)`);

  const sheet = await sheetOf(xlsx);
  let projects = 0;
  let total = 0;
  sheet.eachRow((r, n) => {
    if (n > 3 && typeof r.getCell(1).value === 'number') {
      projects += 1;
      total += r.getCell(6).value as number;
    }
  });
  assert.equal(projects, 10_000);
  assert.equal(sheet.getCell('A10003').value, 10_000);
  assert.equal(sheet.getCell('B10003').value, '山东第10000智能制造有限公司');
  // Σ (1,000,000 + i) fen for i < 10,000 = 10,049,995,000 fen = 10,049.995 万元.
  assert.ok(Math.abs(total - 10_049.995) < 1e-6, `the sum is ${total}`);

  const xml = part(docx, 'word/document.xml');
  assert.equal((xml.match(/<w:tr>/g) ?? []).length, 10_001);
  assert.ok(xml.includes('山东第10000智能制造有限公司'));
  assert.ok(xlsxMs < 30_000 && docxMs < 30_000, 'well under half a minute each');
});
