/**
 * Every rule of every program definition in programs/, table-driven: the passing case meets them
 * all; each rule's failing case fails exactly that rule and reports its citation.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { latestVersions, readProgramFiles } from '../../src/adapters/programs/files.ts';
import { evaluateRules } from '../../src/core/programs/rule-engine.ts';
import type { ProgramCases } from './cases/types.ts';

const files = readProgramFiles();
const CASES_DIR = path.join(import.meta.dirname, 'cases');

test('every program file in programs/ is a valid, publishable definition', () => {
  assert.ok(files.length >= 1);
  for (const f of files) assert.deepEqual(f.problems, [], path.basename(f.file));
});

for (const definition of latestVersions(files)) {
  describe(`${definition.code} v${definition.version}`, async () => {
    const file = path.join(CASES_DIR, `${definition.code}.ts`);
    test('has a table of rule cases', () => assert.ok(fs.existsSync(file), `missing ${path.relative(process.cwd(), file)}`));
    if (!fs.existsSync(file)) return;
    const { cases } = (await import(file)) as { cases: ProgramCases };

    test('the passing applicant meets every rule and holds no priority', () => {
      const r = evaluateRules(definition, cases.passing);
      const off = r.outcomes.filter((o) => o.status !== 'pass' && o.status !== 'no_priority');
      assert.deepEqual(off.map((o) => `${o.ruleId}: ${o.status} ${o.error ?? ''}`), []);
      assert.equal(r.eligible, true);
    });

    test('every rule has a failing case', () => {
      assert.deepEqual(definition.rules.map((r) => r.id).filter((id) => !cases.failing[id]), []);
    });

    for (const rule of definition.rules) {
      test(`${rule.id} (${rule.citation})`, () => {
        const change = cases.failing[rule.id];
        if (!change) return;
        const input = {
          applicant: { ...cases.passing.applicant, ...change.applicant },
          application: { ...cases.passing.application, ...change.application },
          today: change.today ?? cases.passing.today,
        };
        const r = evaluateRules(definition, input);
        const changed = r.outcomes.filter((o) => o.status !== 'pass' && o.status !== 'no_priority');
        assert.deepEqual(changed.map((o) => o.ruleId), [rule.id], 'exactly this rule changes outcome');
        const outcome = changed[0]!;
        assert.equal(outcome.citation, rule.citation);
        if (rule.kind === 'priority') {
          assert.equal(outcome.status, 'priority');
          assert.equal(r.eligible, true);
        } else {
          assert.equal(outcome.status, 'fail');
          assert.equal(r.eligible, rule.severity !== 'block');
        }
        assert.ok(Object.keys(outcome.inputs).length > 0, 'the outcome shows the inputs it read');
      });
    }
  });
}
