/** The operation screens' strings: the same keys in both languages, and every literal key the pages use exists. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zhBase from '../../locales/zh-CN.json' with { type: 'json' };
import enBase from '../../locales/en.json' with { type: 'json' };
import zh from '../../locales/operations.zh-CN.json' with { type: 'json' };
import en from '../../locales/operations.en.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };
const keys = (o: Tree, prefix = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));

test('operations.zh-CN.json and operations.en.json have the same keys, and none collides with another area', () => {
  assert.deepEqual(keys(zh as Tree).sort(), keys(en as Tree).sort(), 'key parity');
  for (const top of Object.keys(zh)) assert.ok(!(top in zhBase), `${top} is not a key of the base file`);
});

test('every literal key the operation pages use exists in both languages', () => {
  const dirs = ['operations', 'operations-report', 'capacity-map'].map((d) => path.join(import.meta.dirname, '..', d));
  const all = { zh: new Set([...keys(zhBase as Tree), ...keys(zh as Tree)]), en: new Set([...keys(enBase as Tree), ...keys(en as Tree)]) };
  let used = 0;
  for (const dir of dirs) {
    for (const file of fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.test.ts'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const [, key] of text.matchAll(/\bt\('([\w.]+)'/g)) {
        used += 1;
        assert.ok(all.zh.has(key!), `${file}: ${key} in zh-CN`);
        assert.ok(all.en.has(key!), `${file}: ${key} in en`);
      }
      // Template keys: each listed variant must exist.
      for (const [, prefix] of text.matchAll(/\bt\(`([\w.]+)\.\$\{/g)) {
        assert.ok([...all.zh].some((k) => k.startsWith(`${prefix}.`)), `${file}: ${prefix}.* in zh-CN`);
      }
    }
  }
  assert.ok(used > 50, `the pages use their strings (${used} found)`);
  for (const id of ['operationsReport', 'operations', 'capacityMap']) {
    assert.ok(all.zh.has(`nav.${id}`) && all.en.has(`nav.${id}`) && all.zh.has(`navDesc.${id}`) && all.en.has(`navDesc.${id}`), `nav.${id} and navDesc.${id}`);
  }
});
