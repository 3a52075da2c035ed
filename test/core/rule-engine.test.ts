import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkExpression, evaluateRules, inputsRead } from '../../src/core/programs/rule-engine.ts';
import { validateDefinition } from '../../src/core/programs/validate.ts';
import { sourceStructure, accountsFor } from '../../src/core/programs/coverage.ts';
import { BASE_APPLICANT, BASE_APPLICATION } from '../programs/cases/types.ts';

test('type-checking names the problem: unknown field, wrong operand type, not a bool, syntax', () => {
  assert.equal(checkExpression('applicant.itTeamSize >= 10').valid, true);
  assert.match(checkExpression('applicant.itTeamSiz >= 10').error!, /No such key: itTeamSiz/);
  assert.match(checkExpression('applicant.itTeamSize >= "10"').error!, /no such overload/);
  assert.match(checkExpression('applicant.itTeamSize + 1').error!, /yields int, not bool/);
  assert.equal(checkExpression('applicant.itTeamSize >=').valid, false);
});

test('the language cannot loop for ever or grow without bound', () => {
  // CEL has no loops or recursion; comprehension macros are bounded by their list, and size limits apply.
  const huge = Array.from({ length: 600 }, () => 'applicant.itTeamSize > 1').join(' && ');
  assert.equal(checkExpression(huge).valid, false);
});

test('an outcome lists the inputs it read, including inside function calls', () => {
  assert.deepEqual(inputsRead('size(application.directions) <= 3 && applicant.bannedUntil < today'), ['applicant.bannedUntil', 'application.directions', 'today']);
  assert.deepEqual(inputsRead('addYears(applicant.lastMajorAccidentDate, 2) < today'), ['applicant.lastMajorAccidentDate', 'today']);
});

test('dates: "no major accident within two years" with addYears', () => {
  const rules = [{ id: 'two-years', kind: 'exclusion' as const, expression: 'applicant.lastMajorAccidentDate == "" || addYears(applicant.lastMajorAccidentDate, 2) <= today', severity: 'block' as const, message: { 'zh-CN': '近两年无重大事故', en: 'No major accident in two years' }, citation: '004 二（一）' }];
  const run = (date: string) => evaluateRules({ code: 'x', version: 1, rules }, { applicant: { ...BASE_APPLICANT, lastMajorAccidentDate: date }, application: BASE_APPLICATION, today: '2020-12-25' }).outcomes[0]!.status;
  assert.equal(run(''), 'pass');
  assert.equal(run('2018-12-25'), 'pass');
  assert.equal(run('2018-12-26'), 'fail');
});

test('a missing input is an error outcome that blocks, never a silent pass', () => {
  const rules = [{ id: 'team', kind: 'eligibility' as const, expression: 'applicant.itTeamSize >= 10', severity: 'block' as const, message: { 'zh-CN': '队伍', en: 'Team' }, citation: '000 第五条（二）' }];
  const { itTeamSize: _omit, ...rest } = BASE_APPLICANT;
  const r = evaluateRules({ code: 'x', version: 1, rules }, { applicant: rest, application: BASE_APPLICATION, today: '2020-01-01' });
  assert.equal(r.outcomes[0]!.status, 'error');
  assert.match(r.outcomes[0]!.error!, /missing input: applicant.itTeamSize/);
  assert.equal(r.eligible, false);
});

test('a definition with a rule that does not type-check is refused with the rule id and the reason', () => {
  const { problems } = validateDefinition({
    code: 'broken',
    version: 1,
    kind: 'application_program',
    name: { 'zh-CN': '测试', en: 'Test' },
    issuer: '测试',
    source: { file: 'x.txt', title: 'x', issuedOn: '2020-01-01' },
    effective: { from: '2020-01-01' },
    provinceCode: '130000',
    rules: [{ id: 'bad', kind: 'eligibility', expression: 'applicant.staffCount >= 10', severity: 'block', message: { 'zh-CN': '坏', en: 'Bad' }, citation: '000 第五条（二）' }],
  });
  assert.deepEqual(problems, [{ path: 'rules.0.expression', ruleId: 'bad', message: 'No such key: staffCount' }]);
});

test('the source structure: articles with their numbered paragraphs, notices with 一、/（一）/1、', () => {
  const text = '第一条 总则\n第五条 申报条件\n（一）在我省注册\n（二）队伍\n第六条 流程\n';
  assert.deepEqual(sourceStructure(text), ['第一条', '第五条（一）', '第五条（二）', '第六条']);
  const notice = '一、目标\n二、条件\n（一）共性\n1、注册\n2、信用\n（二）专项\n附件1\n';
  assert.deepEqual(sourceStructure(notice), ['一', '二（一）.1', '二（一）.2', '二（二）', '附件1']);
  assert.equal(accountsFor('第五条', '第五条（二）'), true);
  assert.equal(accountsFor('第十条', '第十一条'), false);
});

test('docs/program-definition.schema.json is up to date with the format (npm run schema:export)', async () => {
  const fs = await import('node:fs');
  const { programDefinitionJsonSchema, SCHEMA_FILE } = await import('../../src/main/export-schema.ts');
  assert.equal(fs.readFileSync(SCHEMA_FILE, 'utf8'), programDefinitionJsonSchema());
});

test('an incentive stated as a share: 3‰ of a quarterly average balance of 12,345,678.90 元', async () => {
  const { incentiveAmountFen } = await import('../../src/core/programs/definition.ts');
  assert.equal(incentiveAmountFen({ rate: 30 }, 1_234_567_890), 3_703_703); // 37,037.03 元, rounded down to the fen
  assert.equal(incentiveAmountFen({ rate: 800 }, 100_000_000), 8_000_000);
});
