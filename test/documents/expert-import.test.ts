/**
 * Importing the expert pool from .xlsx: the template round-trips; a sheet as people really keep it
 * (a title row first, English or variant headings in another order, extra columns, numbers typed as
 * numbers, links) is read; bad rows are refused with their row number and column; a file that is
 * not a workbook, or has no header, gives one error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph } from 'docx';
import { expertTemplateXlsx, readExpertWorkbook } from '../../src/adapters/documents/expert-import.ts';

async function workbookOf(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('the template has the header and one example row, and imports as that one expert', async () => {
  const template = await expertTemplateXlsx();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), ['姓名', '职称', '工作单位', '单位统一社会信用代码', '所在城市', '专业领域', '手机', '邮箱']);
  assert.equal(sheet.getCell('A1').font.bold, true);
  assert.equal((sheet.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 1);
  assert.equal(sheet.actualRowCount, 2);

  const result = await readExpertWorkbook(template);
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.experts, [
    {
      name: '张明',
      title: '正高级工程师',
      organization: '河北省工业互联网研究院（示例，请替换）',
      creditCode: '12130000MB1A2B3C4R',
      cityName: '石家庄市',
      tags: ['工业互联网平台', '智能制造', '数字化管理'],
      phone: '13800000000',
      email: 'zhangming@example.com',
    },
  ]);
});

test('a sheet as kept by hand: a title row, English and variant headings in any order, extra columns ignored', async () => {
  const data = await workbookOf((workbook) => {
    workbook.addWorksheet('说明').addRow(['本表为专家库']);
    const sheet = workbook.addWorksheet('Experts');
    sheet.addRow(['2025年省级工业互联网专家库']);
    sheet.addRow(['No.', 'E-mail', 'Name', 'Organization', 'Mobile', 'Remarks', 'Expertise', 'City', 'Title', 'Credit code']);
    sheet.addRow([1, { text: 'liqiang@hebut.edu.cn', hyperlink: 'mailto:liqiang@hebut.edu.cn' }, ' 李强 ', '河北工业大学', 13912345678, '可评审', '智能制造，工业软件; 数字孪生  工业软件', '天津市', '教授', null]);
    sheet.addRow([2, null, '王芳', '石家庄铁道大学', '0311-87936000', null, '网络安全', null, null, '12130000401702213M']);
    sheet.addRow([]);
    sheet.addRow([3, 'zhaolei@example.com', '赵磊', '河北钢铁集团有限公司', '+86 138 0013 8000', null, '', '唐山市', '正高级工程师', null]);
  });
  const { experts, errors } = await readExpertWorkbook(data);
  assert.deepEqual(errors, []);
  assert.deepEqual(experts, [
    { name: '李强', title: '教授', organization: '河北工业大学', creditCode: null, cityName: '天津市', tags: ['智能制造', '工业软件', '数字孪生'], phone: '13912345678', email: 'liqiang@hebut.edu.cn' },
    { name: '王芳', title: '', organization: '石家庄铁道大学', creditCode: '12130000401702213M', cityName: null, tags: ['网络安全'], phone: '0311-87936000', email: null },
    { name: '赵磊', title: '正高级工程师', organization: '河北钢铁集团有限公司', creditCode: null, cityName: '唐山市', tags: [], phone: '13800138000', email: 'zhaolei@example.com' },
  ]);
});

test('bad rows are refused with their row number and column; the good ones are kept', async () => {
  const data = await workbookOf((workbook) => {
    const sheet = workbook.addWorksheet('专家库');
    sheet.addRow(['姓名', '工作单位', '手机号码（必填）', '电子邮箱', '统一社会信用代码', '专业领域']);
    sheet.addRow(['孙伟', '燕山大学', '13700000001', 'sunwei@ysu.edu.cn', '', '装备制造']); // row 2: fine
    sheet.addRow(['', '河北大学', '13700000002', '', '', '']); // row 3: no name
    sheet.addRow(['周敏', '', '1370000', 'zhoumin@', '', '']); // row 4: no organization, bad phone, bad e-mail
    sheet.addRow(['吴军', '河北科技大学', '', '', '91130100MA0A1B2C3X', '']); // row 5: wrong check character
    sheet.addRow(['孙伟', '燕山大学', '13700000001', '', '', '']); // row 6: the same as row 2
    sheet.addRow(['郑洁', '河北师范大学', '', '', '', '教育信息化']); // row 7: fine
  });
  const { experts, errors } = await readExpertWorkbook(data);
  assert.deepEqual(
    experts.map((e) => e.name),
    ['孙伟', '郑洁'],
  );
  assert.deepEqual(
    errors.map((e) => [e.row, e.column]),
    [
      [3, '姓名'],
      [4, '工作单位'],
      [4, '手机号码（必填）'],
      [4, '电子邮箱'],
      [5, '统一社会信用代码'],
      [6, '姓名'],
    ],
  );
  assert.deepEqual(errors[0]!.messages, { 'zh-CN': '第 3 行“姓名”（A3）：必填', en: 'Row 3, “姓名” (A3): is required' });
  assert.equal(errors[2]!.messages['zh-CN'], '第 4 行“手机号码（必填）”（C4）：“1370000”不是有效的手机号码或固定电话（如 13812345678、0311-87908721）');
  assert.equal(errors[3]!.messages.en, 'Row 4, “电子邮箱” (D4): “zhoumin@” is not a valid e-mail address, e.g. name@example.com');
  assert.match(errors[4]!.messages['zh-CN'], /^第 5 行“统一社会信用代码”（E5）：第 18 位校验码应为“1”而不是“X”/);
  assert.equal(errors[5]!.messages['zh-CN'], '第 6 行“姓名”（A6）：与第 2 行重复（姓名、工作单位、手机相同）');
});

test('a file that is not an .xlsx, or has no header, gives one error saying so', async () => {
  const notXlsx = { 'zh-CN': '文件不是 Excel 工作簿（.xlsx），请上传 .xlsx 文件', en: 'The file is not an Excel workbook (.xlsx); upload an .xlsx file' };
  assert.deepEqual(await readExpertWorkbook(Buffer.from('姓名,工作单位\n李强,河北工业大学\n')), { experts: [], errors: [{ row: 0, column: '', messages: notXlsx }] });
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('姓名')] }] }));
  assert.deepEqual((await readExpertWorkbook(docx)).errors, [{ row: 0, column: '', messages: notXlsx }], 'a zip that is not a workbook');

  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
  const [old] = (await readExpertWorkbook(xls)).errors;
  assert.match(old!.messages['zh-CN'], /旧版 Excel 格式（\.xls）/);

  const noHeader = await workbookOf((workbook) => {
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.addRow(['李强', '河北工业大学', '13912345678']);
  });
  const result = await readExpertWorkbook(noHeader);
  assert.equal(result.experts.length, 0);
  assert.equal(result.errors.length, 1);
  assert.match(result.errors[0]!.messages['zh-CN'], /^未找到表头/);

  const noOrganization = await workbookOf((workbook) => {
    workbook.addWorksheet('Sheet1').addRow(['姓名', '手机']);
  });
  assert.deepEqual((await readExpertWorkbook(noOrganization)).errors, [
    { row: 1, column: '工作单位', messages: { 'zh-CN': '第 1 行表头缺少“工作单位”列', en: 'The header (row 1) has no “工作单位” (organization) column' } },
  ]);
});
