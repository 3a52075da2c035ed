/**
 * Every field a route reads from its path or query has a label in both languages, so a bad filter is
 * refused as "申报状态：不在可选范围内" rather than with the field's code name. A new route with a new
 * query field fails here until its label is added (src/adapters/http/validation.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { ROUTES } from '../../src/adapters/http/app.ts';
import { fieldErrorsOf, hasFieldLabel } from '../../src/adapters/http/validation.ts';

const keysOf = (schema: unknown): string[] => (schema instanceof z.ZodObject ? Object.keys(schema.shape) : []);

test('every path and query field of every route has its own label', () => {
  const fields = ROUTES.flatMap((r) => [...keysOf(r.params), ...keysOf(r.query)].map((k) => ({ route: `${r.method} ${r.path}`, k })));
  assert.ok(new Set(fields.map((f) => f.k)).size > 30, `the routes' fields are read (${fields.length})`);
  const missing = fields.filter((f) => !hasFieldLabel(f.k)).map((f) => `${f.route}: ${f.k}`);
  assert.deepEqual(missing, [], 'fields without a label');
});

test('a refused filter names its field in Chinese and English', () => {
  const result = z.object({ state: z.enum(['draft', 'submitted']) }).safeParse({ state: 'x' });
  assert.equal(result.success, false, 'the value is refused');
  const [error] = fieldErrorsOf(result.error!);
  assert.match(error!.messages['zh-CN'], /^申报状态：/, error!.messages['zh-CN']);
  assert.match(error!.messages.en, /^Application status: /, error!.messages.en);
});
