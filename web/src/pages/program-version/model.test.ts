import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Direction } from '../../../../src/core/programs/definition.ts';
import {
  addDirection,
  boundKeys,
  changeSegments,
  directionReferences,
  editDirection,
  getIn,
  removeDirection,
  ruleIndexOf,
  ruleReferences,
  sameJson,
  setIn,
  suggestDirectionCode,
  tabOf,
  type Definition,
} from './model.ts';

const name = (zh: string) => ({ 'zh-CN': zh, en: zh });
const TREE: Direction[] = [
  { code: '1', name: name('研发设计'), children: [{ code: '1.1', name: name('开放平台') }, { code: '1.2', name: name('协同设计') }] },
  { code: '2', name: name('生产模式'), children: [{ code: '2.1', name: name('智能工厂') }] },
];

test('a draft is edited as a value: the original never changes, unknown keys survive', () => {
  const draft = { code: 'x', rules: [{ id: 'a', expression: 'true' }], incentives: { kept: true } };
  const next = setIn(draft, ['rules', 0, 'expression'], 'false');
  assert.equal(draft.rules[0]!.expression, 'true');
  assert.equal(getIn(next, ['rules', 0, 'expression']), 'false');
  assert.deepEqual(next.incentives, { kept: true });
  assert.deepEqual(setIn({ a: 1, b: 2 }, ['b'], undefined), { a: 1 });
  assert.deepEqual(setIn({ list: [1, 2, 3] }, ['list', 1], undefined), { list: [1, 3] });
  assert.deepEqual(setIn({}, ['quotas', 'total', 'max'], 5), { quotas: { total: { max: 5 } } });
});

test('a saved draft is unchanged whatever order the server returns its keys in', () => {
  assert.ok(sameJson({ a: 1, b: { c: [1, { d: 2, e: 3 }] } }, { b: { c: [1, { e: 3, d: 2 }] }, a: 1 }));
  assert.ok(!sameJson({ a: [1, 2] }, { a: [2, 1] }));
  assert.ok(sameJson({ a: 1, b: undefined }, { a: 1 }));
});

test('directions are added, renamed and removed by their place in the tree', () => {
  assert.equal(suggestDirectionCode(TREE, []), '3');
  assert.equal(suggestDirectionCode(TREE, [0]), '1.3');
  assert.equal(suggestDirectionCode(TREE, [0, 1]), '1.2.1');
  const added = addDirection(TREE, [1], { code: '2.2', name: name('个性化定制') });
  assert.deepEqual(added[1]!.children!.map((d) => d.code), ['2.1', '2.2']);
  assert.equal(TREE[1]!.children!.length, 1, 'the original tree is untouched');
  assert.deepEqual(addDirection(TREE, [], { code: '3', name: name('服务') }).map((d) => d.code), ['1', '2', '3']);
  const renamed = editDirection(TREE, [0, 1], { code: '1.2', name: name('产业链协同'), citation: '' });
  assert.equal(renamed[0]!.children![1]!.name['zh-CN'], '产业链协同');
  assert.ok(!('citation' in renamed[0]!.children![1]!), 'an emptied citation is dropped, not saved as ""');
  assert.deepEqual(removeDirection(TREE, [0, 0])[0]!.children!.map((d) => d.code), ['1.2']);
  assert.deepEqual(removeDirection(TREE, [1]).map((d) => d.code), ['1']);
});

test('removing a direction or a rule names what still refers to it', () => {
  const definition = {
    directions: TREE,
    coverage: [{ ref: '第四条', implementedBy: ['direction:1', 'rule:x'], status: 'covered' }],
    forms: [{ id: 'f', appliesTo: { directions: ['2.1'] } }],
  } as unknown as Definition;
  assert.deepEqual(directionReferences(definition, ['1', '1.1']), ['coverage:第四条']);
  assert.deepEqual(directionReferences(definition, ['2', '2.1']), ['form:f']);
  assert.deepEqual(ruleReferences(definition, 'x'), ['第四条']);
  assert.deepEqual(ruleReferences(definition, 'y'), []);
});

test('paths of problems and changes lead to the tab and the rule they name', () => {
  assert.deepEqual(changeSegments('rules[it-team-size].expression'), [{ key: 'rules' }, { item: 'it-team-size' }, { key: 'expression' }]);
  assert.deepEqual(changeSegments('name.zh-CN'), [{ key: 'name' }, { key: 'zh-CN' }]);
  assert.deepEqual(changeSegments('stages[public_notice].deadline.kind'), [{ key: 'stages' }, { item: 'public_notice' }, { key: 'deadline' }, { key: 'kind' }]);
  assert.equal(tabOf('rules.3.expression'), 'rules');
  assert.equal(tabOf('rules[it-team-size].expression'), 'rules');
  assert.equal(tabOf('subsidy.raisedCaps.0.when'), 'money');
  assert.equal(tabOf('effective.to'), 'basics');
  assert.equal(tabOf('coverage.2.implementedBy'), null);
  assert.equal(ruleIndexOf('rules.3.expression'), 3);
  assert.equal(ruleIndexOf('rules'), null);
  assert.deepEqual(boundKeys('textarea'), ['minLength', 'maxLength']);
  assert.deepEqual(boundKeys('money'), ['min', 'max']);
  assert.equal(boundKeys('date'), null);
});
