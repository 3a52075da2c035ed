/**
 * The public notice (公示) and the final list (正式名单): their text read back with mammoth, the official
 * style checked in the XML (fonts, GB/T 9704 margins, page numbers, repeated header row), and the
 * notice converted to PDF where LibreOffice is installed (where it is not, the refusal is checked).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import mammoth from 'mammoth';
import { finalListDocx, noticeDocx, type NoticeDocxInput, type NoticeRow } from '../../src/adapters/documents/notice-docx.ts';
import { convertToPdf, pdfConverterAvailable, PdfUnavailableError } from '../../src/adapters/documents/pdf.ts';
import { part } from './docx-parts.ts';

const PDF_TIMEOUT_MS = 120_000;

const ROWS: NoticeRow[] = [
  { organizationName: '武汉智联精工装备股份有限公司', projectName: '基于工业互联网的产业链协同“双创”平台', cityName: '武汉市', direction: 'D2 基于工业互联网的产业链级“双创”资源汇聚平台' },
  { organizationName: '湖北长江云制造科技有限公司', projectName: '面向中小企业的制造能力开放平台', cityName: '宜昌市', direction: 'D4 基于互联网的制造能力开放平台' },
  { organizationName: '襄阳汽车零部件协同创新中心', projectName: '汽车零部件协同研发平台', cityName: null, direction: 'D6 “双创”平台+研发设计模式创新' },
];

function notice(overrides: Partial<NoticeDocxInput> = {}): NoticeDocxInput {
  return {
    programName: '2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范',
    title: '关于2020年湖北省基于互联网的制造业“双创”平台（企业）\n试点示范项目拟入选名单的公示',
    documentNumber: '鄂经信办函〔2021〕12号',
    issuer: '湖北省经济和信息化厅',
    publishedAt: new Date('2021-01-25T02:00:00Z'),
    period: { startDate: '2021-01-26', endDate: '2021-02-01', endTime: '24:00' },
    contact: { name: '徐丽萍', phone: '027-87236506', email: 'hbjxwxxhc@163.com' },
    rows: ROWS,
    objectionsHowTo: '公示期间，任何单位和个人对公示项目有异议的，可通过平台“异议”入口或以书面形式向省经信厅信息化推进处反映。\n以单位名义提出异议的，须加盖单位公章；以个人名义提出异议的，须署真实姓名并提供联系方式。',
    ...overrides,
  };
}

async function textOf(docx: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer: docx })).value;
}

function assertInOrder(text: string, pieces: string[]) {
  let at = 0;
  for (const piece of pieces) {
    const found = text.indexOf(piece, at);
    assert.ok(found !== -1, `expected "${piece}" after position ${at}`);
    at = found + piece.length;
  }
}

test('the public notice: title, 文号, the period, how to object, the contact, the issuer and date, then the list', async () => {
  const docx = await noticeDocx(notice());
  assertInOrder(await textOf(docx), [
    '关于2020年湖北省基于互联网的制造业“双创”平台（企业）',
    '试点示范项目拟入选名单的公示',
    '鄂经信办函〔2021〕12号',
    '根据2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目遴选工作安排，经组织申报、地方推荐、专家评审等程序，拟确定3个项目入选（名单见附件），现予以公示。',
    '公示期：2021年1月26日至2021年2月1日24时止。',
    '公示期间，任何单位和个人对公示项目有异议的',
    '以单位名义提出异议的，须加盖单位公章',
    '联系人：徐丽萍，联系电话：027-87236506，电子邮箱：hbjxwxxhc@163.com。',
    '附件：2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目拟入选名单',
    '湖北省经济和信息化厅',
    '2021年1月25日',
    '附件',
    '序号\n\n单位名称\n\n项目名称\n\n所在城市\n\n申报方向',
    '1\n\n武汉智联精工装备股份有限公司\n\n基于工业互联网的产业链协同“双创”平台\n\n武汉市\n\nD2 基于工业互联网的产业链级“双创”资源汇聚平台',
    '3\n\n襄阳汽车零部件协同创新中心\n\n汽车零部件协同研发平台\n\n\n\nD6',
  ]);

  const xml = part(docx, 'word/document.xml');
  // GB/T 9704: A4, margins 37/35/28/26 mm; title 二号 方正小标宋, body 三号 仿宋 at a fixed 28 pt.
  const has = (pattern: RegExp, what: string) => assert.ok(pattern.test(xml), what);
  assert.equal(xml.match(/<w:pgSz [^>]*\/>/)?.[0], '<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
  assert.match(xml.match(/<w:pgMar [^>]*\/>/)?.[0] ?? '', /^<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/);
  has(/<w:rFonts [^>]*w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/, 'the title in 二号 方正小标宋简体');
  has(/<w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/, 'the body in 三号 仿宋');
  has(/<w:spacing w:line="560" w:lineRule="exact"\/>/, 'the body at a fixed 28 pt line');
  assert.equal((xml.match(/<w:tblHeader\/>/g) ?? []).length, 1, 'the list’s header row repeats on each page');
  has(/<w:pageBreakBefore\/>/, 'the list starts on a new page');
  assert.match(part(docx, 'word/settings.xml'), /<w:evenAndOddHeaders\/>/);
  assert.match(part(docx, 'word/footer1.xml'), /PAGE/);
});

test('the notice ending at 17:00 says so; without a 文号 none is printed', async () => {
  const text = await textOf(await noticeDocx(notice({ documentNumber: null, period: { startDate: '2021-01-26', endDate: '2021-02-01', endTime: '17:00' }, contact: { name: '徐丽萍', phone: '027-87236506' } })));
  assert.ok(text.includes('公示期：2021年1月26日至2021年2月1日17时止。'));
  assert.ok(!text.includes('〔'));
  assert.ok(text.includes('联系人：徐丽萍，联系电话：027-87236506。'));
});

test('the final list: its 文号, the selection in one paragraph and the list', async () => {
  const docx = await finalListDocx({
    programName: '2021年河北省工业互联网创新发展重点项目',
    title: '关于公布2021年河北省工业互联网创新发展重点项目名单的通知',
    documentNumber: '冀工信两化函〔2022〕35号',
    issuer: '河北省工业和信息化厅',
    publishedAt: new Date('2022-03-01T02:00:00Z'),
    rows: ROWS.slice(0, 2),
  });
  assertInOrder(await textOf(docx), [
    '关于公布2021年河北省工业互联网创新发展重点项目名单的通知',
    '冀工信两化函〔2022〕35号',
    '根据2021年河北省工业互联网创新发展重点项目遴选工作安排，经组织申报、地方推荐、专家评审和社会公示，确定2个项目入选（名单见附件），现予公布。',
    '附件：2021年河北省工业互联网创新发展重点项目名单',
    '河北省工业和信息化厅',
    '2022年3月1日',
    '湖北长江云制造科技有限公司',
  ]);
});

test('the notice converts to PDF (or the missing LibreOffice is reported)', { timeout: PDF_TIMEOUT_MS + 10_000 }, async (t) => {
  const docx = await noticeDocx(notice());
  if (!pdfConverterAvailable()) {
    await assert.rejects(convertToPdf(docx), PdfUnavailableError);
    t.diagnostic('LibreOffice is not installed: checked the refusal only');
    return;
  }
  const started = Date.now();
  const pdf = await convertToPdf(docx, { timeoutMs: PDF_TIMEOUT_MS });
  t.diagnostic(`conversion took ${Date.now() - started} ms, ${pdf.length} bytes`);
  assert.equal(pdf.subarray(0, 4).toString('latin1'), '%PDF');
  const text = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
  if (text.error) t.diagnostic('pdftotext is not installed: text not checked');
  else {
    const compact = text.stdout.replace(/\s+/g, '');
    assert.ok(compact.includes('武汉智联精工装备股份有限公司'));
    assert.ok(compact.includes('鄂经信办函〔2021〕12号'));
  }
});
