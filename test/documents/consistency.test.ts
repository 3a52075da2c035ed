/**
 * Every official document in each of its formats says the same thing: the public notice and the
 * final list (.docx, .xlsx, PDF), the recommendation table (.xlsx, .docx, PDF), the agreement and the
 * certificate (.docx, PDF). The Word text is read with mammoth, the workbook with ExcelJS, the PDF with
 * pdftotext; the PDF's fonts (pdffonts) are embedded CJK faces, never a fallback without the glyphs.
 * Where LibreOffice is missing the PDF part checks the clear refusal instead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { agreementDocx } from '../../src/adapters/documents/agreement-docx.ts';
import { certificateDocx } from '../../src/adapters/documents/certificate-docx.ts';
import { finalListDocx, noticeDocx, type NoticeRow } from '../../src/adapters/documents/notice-docx.ts';
import { finalListXlsx, noticeXlsx } from '../../src/adapters/documents/notice-xlsx.ts';
import { convertToPdf, pdfConverterAvailable, PdfUnavailableError } from '../../src/adapters/documents/pdf.ts';
import { recommendationDocx, recommendationXlsx } from '../../src/adapters/documents/recommendation-table.ts';
import { loadProgram } from './factories.ts';

const PDF_TIMEOUT_MS = 120_000;
const available = pdfConverterAvailable();
const squeeze = (s: string) => s.replace(/\s+/g, '');

const ROWS: NoticeRow[] = [
  { organizationName: '石家庄恒远重型机械有限公司', projectName: '重型装备远程运维工业互联网平台', cityName: '石家庄市', direction: 'P1 工业互联网平台' },
  { organizationName: '唐山冀东智能制造股份有限公司', projectName: '钢铁全流程质量追溯系统', cityName: '唐山市', direction: 'P2 工业互联网+智能制造' },
  { organizationName: '保定新能源汽车零部件有限公司', projectName: '汽车零部件协同研发云平台', cityName: '保定市', direction: 'P3 工业互联网+协同设计' },
];
const PUBLISHED_AT = new Date('2026-09-28T02:00:00Z');
const COMMON = { programName: '2026年河北省工业互联网创新发展试点示范', issuer: '河北省工业和信息化厅', publishedAt: PUBLISHED_AT, rows: ROWS };

async function wordText(docx: Buffer): Promise<string> {
  return squeeze((await mammoth.extractRawText({ buffer: docx })).value);
}

async function sheetRows(xlsx: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  assert.equal(workbook.worksheets.length, 1, 'one sheet');
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** The PDF's text (no white space) and its fonts; null where LibreOffice or poppler is missing. */
async function pdfOf(docx: Buffer): Promise<{ text: string; fonts: string[] } | null> {
  if (!available) {
    await assert.rejects(convertToPdf(docx), PdfUnavailableError, 'without LibreOffice the caller is told');
    return null;
  }
  const pdf = await convertToPdf(docx, { timeoutMs: PDF_TIMEOUT_MS });
  assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF', 'a PDF');
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
  const fonts = spawnSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
  if (text.error || fonts.error) return null;
  assert.equal(text.status, 0, text.stderr);
  // pdffonts: name, type, encoding, emb, sub, uni, object; two header lines.
  const fontLines = fonts.stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
  return { text: squeeze(text.stdout), fonts: fontLines };
}

/** Every font is embedded, and the Chinese text is drawn with a Noto CJK face (the fallback for 宋体/仿宋/黑体). */
function assertChineseFonts(fonts: string[], what: string) {
  assert.ok(fonts.length > 0, `${what}: the PDF names its fonts`);
  for (const line of fonts) assert.match(line, /\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/, `${what}: every font is embedded (${line})`);
  assert.ok(
    fonts.some((l) => /Noto(Serif|Sans)CJK/i.test(l.replace(/[\s-]/g, ''))),
    `${what}: the Chinese text is drawn with Noto CJK, got:\n${fonts.join('\n')}`,
  );
}

function assertAll(text: string, pieces: string[], what: string) {
  for (const piece of pieces) assert.ok(text.includes(squeeze(piece)), `${what} holds "${piece}"`);
}

const rowPieces = ROWS.flatMap((r) => [r.organizationName, r.projectName, r.direction]);

test('the public notice: the Word document, its list as a workbook and the PDF hold the same rows and dates', { timeout: PDF_TIMEOUT_MS + 20_000 }, async () => {
  const input = {
    ...COMMON,
    title: '关于2026年河北省工业互联网创新发展试点示范项目拟入选名单的公示',
    documentNumber: null,
    period: { startDate: '2026-09-29', endDate: '2026-10-12', endTime: '17:00' },
    contact: { name: '王强', phone: '0311-87800000' },
    objectionsHowTo: '公示期间如有异议，请通过平台“异议”入口或以书面形式向省工业和信息化厅反映。',
  };
  const docx = await noticeDocx(input);
  const word = await wordText(docx);
  assertAll(word, [...rowPieces, '2026年9月29日至2026年10月12日17时止', '2026年河北省工业互联网创新发展试点示范项目拟入选名单'], 'the Word notice');

  const rows = await sheetRows(await noticeXlsx(input));
  assert.equal(rows[0]![0], '2026年河北省工业互联网创新发展试点示范项目拟入选名单', 'the workbook’s title is the attached list’s title');
  assert.equal(rows[1]![0], '河北省工业和信息化厅　2026年9月28日', 'the issuer and the date');
  assert.equal(rows[2]![0], '公示期：2026年9月29日至2026年10月12日17时止', 'the notice period, as in the notice');
  assert.deepEqual(rows[3], ['序号', '单位名称', '项目名称', '所在城市', '申报方向'], 'the columns of the attached table');
  assert.deepEqual(
    rows.slice(4, 7),
    ROWS.map((r, i) => [i + 1, r.organizationName, r.projectName, r.cityName, r.direction]),
    'the rows, numbered, in the notice’s order',
  );
  assert.equal(rows[7]![0], '共3个项目。', 'the count under the table');

  const pdf = await pdfOf(docx);
  if (pdf) {
    assertAll(pdf.text, [...rowPieces, '2026年9月29日至2026年10月12日17时止'], 'the PDF notice');
    assertChineseFonts(pdf.fonts, 'the notice');
  }
});

test('the final list: Word, workbook and PDF hold the same 文号 and rows', { timeout: PDF_TIMEOUT_MS + 20_000 }, async () => {
  const input = { ...COMMON, title: '关于公布2026年河北省工业互联网创新发展试点示范项目名单的通知', documentNumber: '冀工信信推〔2026〕88号', contact: null };
  const docx = await finalListDocx(input);
  assertAll(await wordText(docx), [...rowPieces, '冀工信信推〔2026〕88号'], 'the Word final list');
  const rows = await sheetRows(await finalListXlsx(input));
  assert.equal(rows[0]![0], '2026年河北省工业互联网创新发展试点示范项目名单');
  assert.equal(rows[1]![0], '河北省工业和信息化厅　冀工信信推〔2026〕88号　2026年9月28日');
  assert.deepEqual(rows.slice(3, 6), ROWS.map((r, i) => [i + 1, r.organizationName, r.projectName, r.cityName, r.direction]));
  const pdf = await pdfOf(docx);
  if (pdf) {
    assertAll(pdf.text, [...rowPieces, '冀工信信推〔2026〕88号'], 'the PDF final list');
    assertChineseFonts(pdf.fonts, 'the final list');
  }
});

test('the recommendation table: the workbook, the Word table and its PDF hold the same projects and amounts', { timeout: PDF_TIMEOUT_MS + 20_000 }, async () => {
  const input = {
    definition: loadProgram('hebei-2016-internet-plus'),
    recommendingUnit: { name: '石家庄市工业和信息化局' },
    documentNumber: '石工信〔2026〕5号',
    contact: { name: '李华', phone: '0311-86000000' },
    rows: ROWS.map((r, i) => ({
      rank: i + 1,
      organizationName: r.organizationName,
      creditCode: null,
      projectName: r.projectName,
      directions: [],
      category: null,
      cityName: r.cityName,
      plannedInvestmentFen: 123_456_789_00 * (i + 1),
      contactName: '张明',
      contactPhone: '13800000000',
      fields: {},
    })),
    generatedAt: PUBLISHED_AT,
  };
  const cells = (await sheetRows(await recommendationXlsx(input))).flat().map(String);
  for (const r of ROWS) assert.ok(cells.includes(r.organizationName) && cells.includes(r.projectName), `the workbook lists ${r.organizationName}`);
  const docx = await recommendationDocx(input);
  const word = await wordText(docx);
  assertAll(word, ROWS.flatMap((r) => [r.organizationName, r.projectName]), 'the Word table');
  assertAll(word, ['12,345.6789', '24,691.3578', '37,037.0367'], 'the Word table’s amounts in 万元');
  const pdf = await pdfOf(docx);
  if (pdf) {
    assertAll(pdf.text, [...ROWS.flatMap((r) => [r.organizationName, r.projectName]), '12,345.6789'], 'the PDF table');
    assertChineseFonts(pdf.fonts, 'the recommendation table');
  }
});

test('the agreement and the certificate: the PDF says what the Word document says', { timeout: 2 * PDF_TIMEOUT_MS + 20_000 }, async () => {
  const agreement = await agreementDocx({
    agreementNumber: 'HB-2026-0001',
    province: '河北省工业和信息化厅',
    enterprise: { name: ROWS[0]!.organizationName, creditCode: '91130100MA0CXXXX1X' },
    cityName: '石家庄市',
    projectName: ROWS[0]!.projectName,
    definition: loadProgram('hebei-2021-ii-key-projects'),
    plan: {
      goals: '建成重型装备远程运维平台，接入设备2000台。',
      startDate: '2026-10-01',
      endDate: '2027-09-30',
      milestones: [{ name: '平台上线', dueDate: '2027-03-31' }],
      budget: [{ category: 'equipment', amountFen: 500_000_000 }],
      indicators: [{ name: '接入设备', target: '2000', unit: '台' }],
    },
    signedOn: '2026-10-15',
    signatories: { province: '王强', enterprise: '张建国' },
    generatedAt: PUBLISHED_AT,
  });
  const certificate = await certificateDocx({
    titleName: '河北省工业互联网创新发展示范企业',
    organizationName: ROWS[0]!.organizationName,
    programName: COMMON.programName,
    projectName: ROWS[0]!.projectName,
    awardedOn: '2027-10-20',
    issuer: '河北省工业和信息化厅',
    citation: '000 第十一条',
    number: 'T-2027-0001',
  });
  const agreementPieces = ['HB-2026-0001', ROWS[0]!.organizationName, ROWS[0]!.projectName, '平台上线', '接入设备'];
  const certificatePieces = ['河北省工业互联网创新发展示范企业', ROWS[0]!.organizationName, '2027年10月20日'];
  assertAll(await wordText(agreement), agreementPieces, 'the Word agreement');
  assertAll(await wordText(certificate), certificatePieces, 'the Word certificate');
  const agreementPdf = await pdfOf(agreement);
  if (agreementPdf) {
    assertAll(agreementPdf.text, agreementPieces, 'the PDF agreement');
    assertChineseFonts(agreementPdf.fonts, 'the agreement');
  }
  const certificatePdf = await pdfOf(certificate);
  if (certificatePdf) {
    assertAll(certificatePdf.text, certificatePieces, 'the PDF certificate');
    assertChineseFonts(certificatePdf.fonts, 'the certificate');
  }
});
