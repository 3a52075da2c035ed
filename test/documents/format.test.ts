import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FormField } from '../../src/core/programs/definition.ts';
import {
  formatFen,
  formatFieldValue,
  formatFileSize,
  formatIsoDate,
  formatShanghaiDate,
  formatShanghaiDateTime,
  formatTableRows,
} from '../../src/adapters/documents/format.ts';
import { loadProgram } from './factories.ts';

const hubei = loadProgram('hubei-2020-dual-innovation');
const field = (type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({ id: 'f', label: { 'zh-CN': '字段', en: 'Field' }, type, required: false, ...extra });
const wan = field('money', { unit: '万元' });
const yuan = field('money');

test('money in 万元 is exact to the fen, with trailing zeros dropped', () => {
  assert.equal(formatFieldValue(wan, 0, hubei), '0 万元');
  assert.equal(formatFieldValue(wan, 1, hubei), '0.000001 万元');
  assert.equal(formatFieldValue(wan, 100, hubei), '0.0001 万元');
  assert.equal(formatFieldValue(wan, 100_000_000, hubei), '100 万元');
  assert.equal(formatFieldValue(wan, 123_450_000, hubei), '123.45 万元');
  assert.equal(formatFieldValue(wan, 1_234_567_800, hubei), '1,234.5678 万元');
  assert.equal(formatFieldValue(wan, 300_000_000_000, hubei), '300,000 万元');
  // A loss: negative profit.
  assert.equal(formatFieldValue(wan, -1_250_000, hubei), '-1.25 万元');
  assert.equal(formatFieldValue(wan, -1, hubei), '-0.000001 万元');
  // Beyond what a float divides exactly: 9007199254740991 / 1e6 would print 9007199254.740992.
  assert.equal(formatFieldValue(wan, Number.MAX_SAFE_INTEGER, hubei), '9,007,199,254.740991 万元');
});

test('money in 元 shows fen only when there are some', () => {
  assert.equal(formatFieldValue(yuan, 0, hubei), '0 元');
  assert.equal(formatFieldValue(yuan, 1, hubei), '0.01 元');
  assert.equal(formatFieldValue(yuan, 123_456, hubei), '1,234.56 元');
  assert.equal(formatFieldValue(yuan, 100_000_000, hubei), '1,000,000 元');
  assert.equal(formatFieldValue(yuan, 500_050, hubei), '5,000.50 元');
  assert.equal(formatFieldValue(yuan, -50, hubei), '-0.50 元');
  assert.equal(formatFen(10n ** 20n, '万元'), '100,000,000,000,000 万元');
});

test('money in English is in yuan with the ¥ sign', () => {
  assert.equal(formatFieldValue(wan, 100_000_000, hubei, 'en'), '¥1,000,000');
  assert.equal(formatFieldValue(yuan, 123_456, hubei, 'en'), '¥1,234.56');
  assert.equal(formatFieldValue(wan, 1, hubei, 'en'), '¥0.01');
  assert.equal(formatFieldValue(wan, -1_250_000, hubei, 'en'), '-¥12,500');
  assert.equal(formatFieldValue(wan, 0, hubei, 'en'), '¥0');
});

test('a money value of the wrong shape is shown as it is, not reinterpreted', () => {
  assert.equal(formatFieldValue(wan, 12.5, hubei), '12.5');
  assert.equal(formatFieldValue(wan, '1000', hubei), '1000');
});

test('dates read 2025年10月8日 and 8 October 2025', () => {
  assert.equal(formatFieldValue(field('date'), '2025-10-08', hubei), '2025年10月8日');
  assert.equal(formatFieldValue(field('date'), '2025-10-08', hubei, 'en'), '8 October 2025');
  assert.equal(formatIsoDate('2024-02-29'), '2024年2月29日');
  assert.equal(formatIsoDate('not a date'), 'not a date');
  assert.equal(formatFieldValue(field('year'), 2019, hubei), '2019年');
  assert.equal(formatFieldValue(field('year'), 2019, hubei, 'en'), '2019');
});

test('instants are shown in Beijing time', () => {
  const lateUtc = new Date('2025-10-07T16:30:00Z');
  assert.equal(formatShanghaiDate(lateUtc), '2025年10月8日');
  assert.equal(formatShanghaiDateTime(lateUtc), '2025年10月8日 00:30');
  assert.equal(formatShanghaiDateTime(lateUtc, 'en'), '8 October 2025 00:30');
});

test('yes/no, options and directions by their names', () => {
  assert.equal(formatFieldValue(field('boolean'), true, hubei), '是');
  assert.equal(formatFieldValue(field('boolean'), false, hubei), '否');
  assert.equal(formatFieldValue(field('boolean'), false, hubei, 'en'), 'No');
  const options = [
    { value: 'interest_subsidy', label: { 'zh-CN': '贴息', en: 'Interest subsidy' } },
    { value: 'reward', label: { 'zh-CN': '奖励', en: 'Reward' } },
  ];
  assert.equal(formatFieldValue(field('select', { options }), 'reward', hubei), '奖励');
  assert.equal(formatFieldValue(field('select', { options }), 'other', hubei), 'other');
  assert.equal(formatFieldValue(field('multiselect', { options }), ['interest_subsidy', 'reward'], hubei), '贴息、奖励');
  assert.equal(formatFieldValue(field('multiselect', { options }), ['interest_subsidy', 'reward'], hubei, 'en'), 'Interest subsidy, Reward');
  assert.equal(formatFieldValue(field('directions'), ['D1', 'D3'], hubei), 'D1 基于工业互联网的企业级“双创”资源汇聚平台；D3 基于互联网的研发设计能力开放平台');
  assert.equal(
    formatFieldValue(field('directions'), ['D1', 'F2'], hubei, 'en'),
    'D1 Enterprise-level dual-innovation resource aggregation platform based on the industrial internet; F2 Dual-innovation platform + capability opening',
  );
  assert.equal(formatFieldValue(field('directions'), ['X9'], hubei), 'X9');
});

test('numbers, percentages and division codes', () => {
  assert.equal(formatFieldValue(field('integer', { unit: '人' }), 1280, hubei), '1,280 人');
  assert.equal(formatFieldValue(field('integer', { unit: '人' }), 1280, hubei, 'en'), '1,280 people');
  assert.equal(formatFieldValue(field('decimal'), 0.1 + 0.2, hubei), '0.3');
  assert.equal(formatFieldValue(field('percent'), 12.5, hubei), '12.5%');
  assert.equal(formatFieldValue(field('percent', { unit: '%' }), -3.2, hubei), '-3.2%');
  assert.equal(formatFieldValue(field('percent'), 0, hubei), '0%');
  assert.equal(formatFieldValue(field('divisionCode'), '420100', hubei), '420100 武汉市');
  assert.equal(formatFieldValue(field('divisionCode'), '420100', hubei, 'en'), '420100 Wuhan');
  assert.equal(formatFieldValue(field('divisionCode'), '420111', hubei), '420111');
  assert.equal(formatFieldValue(field('mobile'), '13871234567', hubei), '13871234567');
});

test('empty values are written as nothing', () => {
  for (const type of ['text', 'money', 'date', 'boolean', 'directions', 'table'] as const) {
    for (const value of [undefined, null, '', '  ', []]) assert.equal(formatFieldValue(field(type), value, hubei), '', `${type} ${JSON.stringify(value)}`);
  }
});

test('table rows are formatted cell by cell', () => {
  const projects = hubei.forms.find((f) => f.id === 'recommendation')!.sections[1]!.fields[0]!;
  const rows = [{ seq: 1, enterpriseName: '武汉智联精工装备股份有限公司', projectName: '协同研发平台', directions: ['D1'], contentAndReasons: '推荐', priorPilots: '无', contact: '陈晓梅 13871234567' }, 'not a row'];
  assert.deepEqual(formatTableRows(projects, rows, hubei), [['1', '武汉智联精工装备股份有限公司', '协同研发平台', 'D1 基于工业互联网的企业级“双创”资源汇聚平台', '推荐', '无', '陈晓梅 13871234567']]);
  assert.match(formatFieldValue(projects, rows, hubei), /^序号: 1；企业名称: 武汉智联精工装备股份有限公司；/);
});

test('file sizes', () => {
  assert.equal(formatFileSize(0), '0 B');
  assert.equal(formatFileSize(980), '980 B');
  assert.equal(formatFileSize(12_800), '12.5 KB');
  assert.equal(formatFileSize(2_457_600), '2.3 MB');
});
