import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HEBEI, HUBEI, PLATFORM, recommendingUnitFor, SHANDONG, type ReferenceOrganization } from '../../src/core/reference/organizations.ts';

const cities = (p: ReferenceOrganization) => (p.children ?? []).filter((c) => c.kind === 'city');

test('Hebei: 11 prefecture-level cities plus 定州, 辛集 and 雄安新区', () => {
  const names = cities(HEBEI).map((c) => c.name);
  assert.equal(names.length, 14);
  for (const n of ['石家庄市', '唐山市', '秦皇岛市', '邯郸市', '邢台市', '保定市', '张家口市', '承德市', '沧州市', '廊坊市', '衡水市', '定州市', '辛集市', '雄安新区']) {
    assert.ok(names.includes(n), n);
  }
  assert.equal(cities(HEBEI).find((c) => c.name === '定州市')?.divisionCode, '130682');
  assert.equal(cities(HEBEI).find((c) => c.name === '辛集市')?.divisionCode, '130181');
  assert.equal(cities(HEBEI).find((c) => c.name === '雄安新区')?.divisionCode, undefined);
});

test('Shandong: 16 cities (no 莱芜 371200) and the ten 十强 task forces', () => {
  const codes = cities(SHANDONG).map((c) => c.divisionCode);
  assert.equal(codes.length, 16);
  assert.ok(!codes.includes('371200'));
  assert.equal((SHANDONG.children ?? []).filter((c) => c.kind === 'task_force').length, 10);
});

test('Hubei: 12 cities, 恩施州 and the four province-administered units', () => {
  const codes = cities(HUBEI).map((c) => c.divisionCode);
  assert.equal(codes.length, 17);
  for (const c of ['422800', '429004', '429005', '429006', '429021']) assert.ok(codes.includes(c), c);
  assert.ok(!codes.includes('420400'));
});

test('every province names the departments the policies cite', () => {
  for (const p of [HEBEI, SHANDONG, HUBEI]) {
    const names = (p.children ?? []).filter((c) => c.kind === 'department').map((c) => c.name).join('|');
    for (const fragment of ['财政厅', '发展和改革委员会', '科学技术厅', '通信管理局', '商务厅', '国有资产监督管理委员会', '金融']) assert.ok(names.includes(fragment), `${p.name} ${fragment}`);
  }
});

test('codes are unique across the tree', () => {
  const seen = new Set<string>();
  const walk = (n: ReferenceOrganization) => {
    assert.ok(!seen.has(n.code), n.code);
    seen.add(n.code);
    (n.children ?? []).forEach(walk);
  };
  walk(PLATFORM);
});

test('an enterprise’s division code finds its recommending unit', () => {
  const units = cities(HEBEI);
  assert.equal(recommendingUnitFor('130102', units)?.name, '石家庄市'); // 长安区
  assert.equal(recommendingUnitFor('130181', units)?.name, '辛集市');
  assert.equal(recommendingUnitFor('130682', units)?.name, '定州市');
  assert.equal(recommendingUnitFor('130638', units)?.name, '雄安新区'); // 雄县
  assert.equal(recommendingUnitFor('130602', units)?.name, '保定市');
  assert.equal(recommendingUnitFor('420102', units), undefined);
});
