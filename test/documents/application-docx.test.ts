import { test } from 'node:test';
import assert from 'node:assert/strict';
import mammoth from 'mammoth';
import { renderApplicationDocx, type ApplicationDocumentInput } from '../../src/adapters/documents/application-docx.ts';
import type { ProgramDefinition } from '../../src/core/programs/definition.ts';
import { part } from './docx-parts.ts';
import { hebeiApplication, hubeiApplication } from './factories.ts';

async function textOf(input: ApplicationDocumentInput): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: await renderApplicationDocx(input) });
  return value;
}

/** The text in document order, paragraphs separated by "\n\n" (a table cell is at least one paragraph). */
function assertInOrder(text: string, pieces: string[]) {
  let at = 0;
  for (const piece of pieces) {
    const found = text.indexOf(piece, at);
    assert.ok(found !== -1, `expected "${piece}" after position ${at}`);
    at = found + piece.length;
  }
}

/** A copy of a definition with one form changed. */
function withForm(definition: ProgramDefinition, formId: string, change: (form: ProgramDefinition['forms'][number]) => ProgramDefinition['forms'][number]): ProgramDefinition {
  const copy = structuredClone(definition);
  return { ...copy, forms: copy.forms.map((f) => (f.id === formId ? change(f) : f)) };
}

test('Hubei 2020: the application reads like 附件2, filled in', async () => {
  const text = await textOf(hubeiApplication());
  assertInOrder(text, [
    '附件2',
    '2020年湖北省基于互联网的制造业“双创”平台（企业）试点示范项目申报表',
    // The cover page.
    '申 报 单 位（盖章）：\n\n武汉智联精工装备股份有限公司',
    '推 荐 单 位（盖章）：\n\n420100 武汉市',
    '申 报 日 期：\n\n2025年10月8日',
    // The table, in the paper form's order.
    '单位名称\n\n武汉智联精工装备股份有限公司',
    '项目名称\n\n基于工业互联网的精密装备协同研发“双创”平台',
    '申报方向\n\nD1 基于工业互联网的企业级“双创”资源汇聚平台；D3 基于互联网的研发设计能力开放平台',
    '法人代表\n\n王志强\n\n所属行业\n\nC3421',
    '联系人及职务\n\n陈晓梅 信息中心主任\n\n移动电话\n\n13871234567',
    '电子邮箱\n\nchenxm@zljg.com.cn\n\n员工总数\n\n1,280 人',
    '获得工信系统相关试点示范情况',
    '经营情况\n\n年度\n\n销售收入\n\n同比增长\n\n利  润\n\n同比增长',
    '2018年\n\n235,678 万元\n\n12.5%\n\n-125 万元\n\n-3.2%',
    '2019年\n\n267,890 万元\n\n13.67%\n\n1,234.5678 万元\n\n4%',
    '简述“双创”平台的发展历程和阶段',
    '截至2019年底，平台汇聚设计师和工程师1,200余名',
    '申请单位意见：\n\n情况属实，同意申报。',
    '（公章）\n\n2025年10月8日',
    '各市州经信局具体推荐意见：',
    '主管部门负责人（签章）：',
    '年\u3000\u3000月\u3000\u3000日',
    '注：请在申报表后附上申报单位申报项目的具体情况详细介绍、相关佐证材料及其他相关附件。',
    // After the form.
    '附件材料清单',
    '申报表-盖章.pdf\n\n2.3 MB\n\n9f86d081884c7d65',
    '佐证材料.zip\n\n18 MB\n\n60303ae22b998861',
    '承诺书',
    '本单位郑重承诺：所提交的申报材料真实、准确、完整',
    '承诺人：李建国\n\n2025年10月8日',
    '申报单位：武汉智联精工装备股份有限公司（统一社会信用代码：91420100MA4KXW3T2M）',
    '提交时间：2025年10月8日 10:30（北京时间）',
    '生成时间：2025年10月9日 14:15（北京时间）',
  ]);
  // The commitment's own title line is not printed twice, and the official layout adds no profile block.
  assert.equal(text.split('承诺书').length, 2);
  assert.doesNotMatch(text, /申报单位基本情况/);
});

test('Hubei 2020: A4 with official margins, 黑体 titles over 宋体 body, shaded labels, "— 1 —" page numbers', async () => {
  const docx = await renderApplicationDocx(hubeiApplication());
  const document = part(docx, 'word/document.xml');
  assert.match(document, /<w:pgSz w:w="11906" w:h="16838"/);
  // 37 / 35 / 28 / 26 mm (GB/T 9704).
  assert.match(document, /<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/);
  assert.match(document, /w:eastAsia="黑体"/);
  assert.match(document, /w:eastAsia="仿宋_GB2312"/);
  assert.match(document, /w:fill="F2F2F2"/);
  assert.match(document, /<w:tl2br /, 'the 经营情况/年度 corner has its diagonal line');
  assert.match(document, /<w:gridSpan w:val="\d+"\/>/);
  const styles = part(docx, 'word/styles.xml');
  assert.match(styles, /<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman"\/>/);
  assert.match(styles, /<w:lang w:val="zh-CN" w:eastAsia="zh-CN"\/>/);
  assert.match(part(docx, 'word/settings.xml'), /<w:evenAndOddHeaders\/>/);
  const footers = [part(docx, 'word/footer1.xml'), part(docx, 'word/footer2.xml')];
  for (const footer of footers) {
    assert.match(footer, /— <\/w:t>/);
    assert.match(footer, /PAGE/);
    assert.match(footer, /> —<\/w:t>/);
  }
  assert.ok(footers.some((f) => /<w:jc w:val="right"\/>/.test(f)) && footers.some((f) => /<w:jc w:val="left"\/>/.test(f)), 'odd pages right, even pages left');
});

test('Hebei 2016: the generic layout opens with the applicant and follows the form sections', async () => {
  const text = await textOf(hebeiApplication());
  assertInOrder(text, [
    '“互联网+”制造业试点示范项目申报书',
    '申报单位基本情况',
    '单位名称\n\n石家庄恒远重型机械有限公司',
    '统一社会信用代码\n\n91130100MA0CXY21PT',
    '法定代表人\n\n赵卫东',
    '2024年营业收入\n\n312,500 万元',
    '联系人及职务\n\n刘芳（企业管理部部长）',
    '项目基本情况',
    '项目名称\n\n石家庄重型机械智能工厂工业互联网应用创新项目',
    '试点示范方向\n\n2.2 智能车间和智能工厂建设，工业互联网应用创新',
    '计划竣工日期\n\n2025年10月8日',
    '能在规定期限内完成竣工验收\n\n是',
    '计划总投资\n\n4,560 万元',
    // Filled from the profile (fromProfile), the select shown by its label.
    '两化融合发展水平\n\n集成提升',
    '信息化支撑队伍人数\n\n12 人',
    '项目主要内容、创新点和预期成效',
    '创新点：基于数字孪生的产线排产优化',
    '附件材料清单',
    '营业执照.pdf',
    '承诺人：孙丽华\n\n2025年10月8日',
  ]);
  // What the form shows itself is not repeated in the applicant block.
  assert.equal(text.split('两化融合发展水平').length, 2);
  assert.equal(text.split('信息化支撑队伍').length, 2);
});

test('a draft: fields from the profile are filled in, the commitment is not signed yet, blanks are left to write in', async () => {
  const input = hubeiApplication({ commitment: null, state: { label: '草稿', submittedAt: null } });
  const data = { ...input.formData.application };
  delete data.unitName;
  delete data.employees;
  delete data.applicantOpinion;
  delete data.applicantOpinionDate;
  const text = await textOf({ ...input, formData: { application: data } });
  assertInOrder(text, ['单位名称\n\n武汉智联精工装备股份有限公司', '员工总数\n\n1,280 人', '申请单位意见：', '（公章）\n\n年\u3000\u3000月\u3000\u3000日']);
  assert.match(text, /（尚未签署：申报单位在提交申报时签署本承诺书。）/);
  assert.match(text, /状态：草稿/);
  assert.match(text, /提交时间：未提交/);
});

test('English: labels, dates and money in English', async () => {
  const text = await textOf(hubeiApplication({ locale: 'en' }));
  assertInOrder(text, [
    'Attachment 2',
    'Hubei 2020 internet-based manufacturing dual-innovation platform (enterprise) pilot: application form',
    'Date of application:\n\n8 October 2025',
    'Unit name\n\n武汉智联精工装备股份有限公司',
    'Total employees\n\n1,280 people',
    'Business results\n\nYear\n\nSales revenue',
    '2019\n\n¥2,678,900,000\n\n13.67%\n\n¥12,345,678\n\n4%',
    'Attachments',
    'Commitment',
    'Signed by: 李建国\n\n8 October 2025',
    'Generated: 9 October 2025 14:15 (Beijing time)',
  ]);
});

test('an official layout that no longer fits the form gives way to the generic one', async () => {
  const input = hubeiApplication();
  const definition = withForm(input.definition, 'application', (form) => ({
    ...form,
    sections: form.sections.map((s) => ({ ...s, fields: s.fields.filter((f) => f.id !== 'sales2018') })),
  }));
  const text = await textOf({ ...input, definition });
  assert.doesNotMatch(text, /申 报 单 位（盖章）/);
  assertInOrder(text, ['封面', '推荐单位（盖章）\n\n420100 武汉市', '基本情况', '单位名称\n\n武汉智联精工装备股份有限公司', '经营情况', '2018年销售收入同比增长\n\n12.5%', '2019年利润\n\n1,234.5678 万元']);
});

test('a field the paper form has no place for is still shown, before the opinions', async () => {
  const input = hubeiApplication();
  const definition = withForm(input.definition, 'application', (form) => ({
    ...form,
    sections: [
      ...form.sections,
      { title: { 'zh-CN': '补充', en: 'More' }, fields: [{ id: 'website', label: { 'zh-CN': '平台网址', en: 'Website' }, type: 'text', required: false, maxLength: 200 }] },
    ],
  }));
  const formData = { application: { ...input.formData.application, website: 'https://cx.zljg.com.cn' } };
  const text = await textOf({ ...input, definition, formData });
  assertInOrder(text, ['简述“双创”平台的发展历程', '平台网址\n\nhttps://cx.zljg.com.cn', '申请单位意见：']);
});

test('a table field becomes a nested table under its label', async () => {
  const input = hubeiApplication();
  const formData = {
    recommendation: {
      recommendingUnit: '420100',
      projects: [
        { seq: 1, enterpriseName: '武汉智联精工装备股份有限公司', projectName: '精密装备协同研发“双创”平台', directions: ['D1'], contentAndReasons: '平台汇聚设计师1,200余名，推荐。', priorPilots: '国家级试点', contact: '陈晓梅 13871234567' },
        { seq: 2, enterpriseName: '武汉光谷云制造有限公司', projectName: '云制造能力开放平台', directions: ['D4'], contentAndReasons: '制造能力开放，推荐。', priorPilots: '无', contact: '周敏 13900001111' },
      ],
    },
  };
  const docx = await renderApplicationDocx({ ...input, formIds: ['recommendation'], formData });
  const { value: text } = await mammoth.extractRawText({ buffer: docx });
  assertInOrder(text, [
    '附件3',
    '推荐项目',
    '序号\n\n企业名称\n\n项目名称\n\n申报方向\n\n主要内容及推荐理由\n\n获得工信系统相关试点示范情况\n\n联系人及联系方式',
    '1\n\n武汉智联精工装备股份有限公司\n\n精密装备协同研发“双创”平台\n\nD1 基于工业互联网的企业级“双创”资源汇聚平台',
    '2\n\n武汉光谷云制造有限公司\n\n云制造能力开放平台\n\nD4 基于互联网的制造能力开放平台',
  ]);
  assert.match(part(docx, 'word/document.xml'), /<w:tc>(?:(?!<\/w:tc>).)*<w:tbl>/s, 'a table inside a cell');
});

test('several forms follow one another, each under its own title', async () => {
  const input = hubeiApplication();
  const text = await textOf({ ...input, formIds: ['application', 'recommendation'], formData: { ...input.formData, recommendation: { recommendingUnit: '420100' } } });
  assertInOrder(text, ['项目申报表', '单位名称', '项目推荐表（由市州经信局填写）', '推荐单位（盖章）\n\n420100 武汉市', '附件材料清单']);
});

test('a form the program does not have is refused', async () => {
  await assert.rejects(renderApplicationDocx(hubeiApplication({ formIds: ['nope'] })), /has no form "nope"/);
});

test('control characters pasted into a field do not break the file', async () => {
  const input = hubeiApplication();
  const formData = { application: { ...input.formData.application, projectName: '协同\u0007研发\u0000平台' } };
  assert.match(await textOf({ ...input, formData }), /项目名称\n\n协同研发平台/);
});
