import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileNameOf } from '../api/client.ts';
import { deadlineState } from './deadline.ts';
import { directionName, directionTree, requirementsOf } from './definition.ts';
import { copyKey, dropCopies, obsoleteKeys, parseCopyKey, pruneCopies, readCopies, restorable, sameFormData, saveCopy, type KeyValueStore, type LocalCopy } from './local-draft.ts';
import { fenToUnit, unitToFen } from './money.ts';
import { outcomeStatus, profileFieldOf } from './precheck.ts';
import { recommendingUnitOfDivision } from './regions.ts';

function keysOf(value: unknown, prefix = ''): string[] {
  if (!value || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

/** Every locale file (the base and each area's, found in the folder, so a new area cannot be left out), merged per language. */
function mergedLocales(): { zhCN: object; en: object; areas: string[] } {
  const folder = join(import.meta.dirname, '../locales');
  const files = readdirSync(folder).filter((f) => f.endsWith('.json'));
  const read = (f: string) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as object;
  const areas = files.filter((f) => f.endsWith('.zh-CN.json') && f !== 'zh-CN.json').map((f) => f.slice(0, -'.zh-CN.json'.length));
  for (const f of files.filter((f) => f.endsWith('.en.json'))) assert.ok(areas.includes(f.slice(0, -'.en.json'.length)), `${f} has its zh-CN twin`);
  return {
    zhCN: Object.assign({}, read('zh-CN.json'), ...areas.map((a) => read(`${a}.zh-CN.json`))),
    en: Object.assign({}, read('en.json'), ...areas.map((a) => read(`${a}.en.json`))),
    areas,
  };
}

test('both languages have the same keys, over every locale file', () => {
  const { zhCN, en, areas } = mergedLocales();
  assert.ok(areas.length >= 10, `the area files are found: ${areas.join(', ')}`);
  const zh = new Set(keysOf(zhCN));
  const english = new Set(keysOf(en));
  assert.deepEqual([...zh].filter((k) => !english.has(k)), []);
  assert.deepEqual([...english].filter((k) => !zh.has(k)), []);
});

test('a deadline reads as time left, closing within a day, closed, or not yet open', () => {
  const now = new Date('2025-10-08T06:00:00Z'); // 14:00 in Shanghai
  assert.deepEqual(deadlineState('2025-10-01T00:00:00Z', '2025-10-13T09:00:00Z', now), { kind: 'open', days: 5 });
  assert.deepEqual(deadlineState(null, '2025-10-08T09:30:00Z', now), { kind: 'closing', hours: 3, minutes: 30 });
  assert.deepEqual(deadlineState(null, '2025-10-08T06:00:00Z', now), { kind: 'closed' });
  assert.deepEqual(deadlineState('2025-10-10T16:00:00Z', '2025-11-01T09:00:00Z', now), { kind: 'notOpen', days: 3 });
});

test('money fields are typed in their unit and kept in fen', () => {
  assert.equal(unitToFen(123.45, '万元'), 123_450_000);
  assert.equal(fenToUnit(123_450_000, '万元'), 123.45);
  assert.equal(unitToFen(99.99, '元'), 9999);
  assert.equal(unitToFen(0.1 + 0.2, undefined), 30);
  assert.equal(fenToUnit(9999, undefined), 99.99);
});

test('a registered division code names the city that recommends the enterprise', () => {
  assert.equal(recommendingUnitOfDivision('130102')?.name, '石家庄市');
  assert.equal(recommendingUnitOfDivision('130682')?.name, '定州市'); // a county-level unit of its own
  assert.equal(recommendingUnitOfDivision('110101'), null); // Beijing: not on the platform
  assert.equal(recommendingUnitOfDivision('13010'), null);
});

test('a download keeps the server’s file name, Chinese included', () => {
  assert.equal(fileNameOf(`attachment; filename="application.docx"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6.docx`), '申报书.docx');
  assert.equal(fileNameOf('attachment; filename="plain.pdf"'), 'plain.pdf');
  assert.equal(fileNameOf(null), null);
});

const outcome = (ruleId: string, status: 'pass' | 'fail' | 'error' | 'priority', blocking: boolean, inputs: Record<string, unknown> = {}) => ({
  ruleId,
  kind: 'eligibility',
  severity: blocking ? 'block' : 'warn',
  status,
  blocking,
  message: { 'zh-CN': ruleId, en: ruleId },
  citation: '000 第五条（二）',
  expression: '',
  inputs,
});

test('a pre-check outcome reads as met, not met, warning or pending, and names the profile field to fix', () => {
  const pending = new Set(['completable']);
  assert.equal(outcomeStatus(outcome('it-team-size', 'fail', true), pending), 'fail');
  assert.equal(outcomeStatus(outcome('soft', 'fail', false), pending), 'warn');
  assert.equal(outcomeStatus(outcome('completable', 'error', false), pending), 'pending');
  assert.equal(outcomeStatus(outcome('missing-profile', 'error', true), pending), 'fail');
  assert.equal(outcomeStatus(outcome('pilot', 'priority', false), pending), 'priority');
  assert.equal(profileFieldOf({ 'applicant.itTeamSize': 5 }), 'itTeamSize');
  assert.equal(profileFieldOf({ today: '2025-10-08', 'applicant.badRecords': true }), 'declarations.badRecords');
  assert.equal(profileFieldOf({ 'applicant.provinceCode': '370000' }), 'divisionCode');
  assert.equal(profileFieldOf({ 'application.directions': [] }), null);
});

const DIRECTIONS = [
  { code: '1', name: { 'zh-CN': '研发设计', en: 'R&D' }, children: [{ code: '1.1', name: { 'zh-CN': '开放创新', en: 'Open innovation' } }] },
  { code: '2', name: { 'zh-CN': '生产模式', en: 'Production' }, citation: '000 第四条（二）', children: [{ code: '2.2', name: { 'zh-CN': '智能车间', en: 'Smart workshops' } }] },
];

test('the direction tree is offered down to the level an application chooses from', () => {
  const tree = directionTree(DIRECTIONS, 2, 'zh-CN');
  assert.deepEqual(tree.map((n) => [n.value, n.selectable, n.children?.map((c) => [c.value, c.title, c.selectable])]), [
    ['1', false, [['1.1', '1.1 开放创新', true]]],
    ['2', false, [['2.2', '2.2 智能车间', true]]],
  ]);
  assert.equal(directionTree(DIRECTIONS, 1, 'en')[1]?.children, undefined);
  assert.equal(directionName(DIRECTIONS, '2.2', 'en'), 'Smart workshops');
  assert.equal(directionName(DIRECTIONS, '9', 'en'), '9');
});

test('a requirement shared by category forms is one attachment row', () => {
  const req = (id: string) => ({ id, name: { 'zh-CN': id, en: id }, required: true, types: ['pdf' as const], maxSizeMb: 10 });
  assert.deepEqual(
    requirementsOf([{ attachments: [req('a'), req('material')] }, { attachments: [req('material'), req('b')] }]).map((r) => r.id),
    ['a', 'material', 'b'],
  );
});

/** An in-memory localStorage. */
function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

test('local copies are keyed by application and revision, and only a newer, different one is offered back', () => {
  assert.equal(copyKey('12', 3), 'ii.draft.12@3');
  assert.deepEqual(parseCopyKey('ii.draft.12@3'), { applicationId: '12', revision: 3 });
  assert.equal(parseCopyKey('ii.language'), null);
  assert.ok(sameFormData({ a: { x: 1, y: '' } }, { a: { x: 1 } }));
  assert.ok(!sameFormData({ a: { x: 1 } }, { a: { x: 2 } }));

  const server = { id: '12', updatedAt: '2025-10-08T06:00:00Z', formData: { application: { projectName: '旧名称' } } };
  const copy = (changedAt: string, projectName: string, revision = 3): LocalCopy => ({ applicationId: '12', revision, changedAt, formData: { application: { projectName } } });
  assert.equal(restorable([copy('2025-10-08T05:59:00Z', '新名称')], server), null, 'older than the server copy');
  assert.equal(restorable([copy('2025-10-08T06:01:00Z', '旧名称')], server), null, 'says the same');
  assert.equal(restorable([copy('2025-10-08T06:01:00Z', '新名称'), copy('2025-10-08T06:02:00Z', '更新的名称', 4)], server)?.formData.application?.projectName, '更新的名称');
  assert.deepEqual(obsoleteKeys(['ii.draft.12@2', 'ii.draft.12@3', 'ii.draft.13@1', 'other'], '12', 3), ['ii.draft.12@2']);
});

test('local copies survive in storage until a save makes them obsolete', () => {
  const store = memoryStore();
  saveCopy({ applicationId: '12', revision: 3, changedAt: '2025-10-08T06:01:00Z', formData: { application: { projectName: 'A' } } }, store);
  saveCopy({ applicationId: '12', revision: 4, changedAt: '2025-10-08T06:02:00Z', formData: { application: { projectName: 'B' } } }, store);
  saveCopy({ applicationId: '13', revision: 1, changedAt: '2025-10-08T06:02:00Z', formData: {} }, store);
  store.setItem('ii.draft.12@5', '{not json');
  assert.deepEqual(readCopies('12', store).map((c) => c.revision).sort(), [3, 4]);
  pruneCopies('12', 4, store);
  assert.deepEqual(readCopies('12', store).map((c) => c.revision), [4]);
  dropCopies('12', store);
  assert.deepEqual([...store.data.keys()], ['ii.draft.13@1']);
  // A full or missing storage loses the copy, never the page.
  const full = { ...memoryStore(), setItem: () => { throw new Error('QuotaExceededError'); } };
  assert.doesNotThrow(() => saveCopy({ applicationId: '1', revision: 0, changedAt: '', formData: {} }, full));
  assert.deepEqual(readCopies('1', null), []);
});
