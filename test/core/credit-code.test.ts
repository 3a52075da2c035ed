import assert from 'node:assert/strict';
import { test } from 'node:test';
import { organizationCodeCheckCharacter, validateCreditCode } from '../../src/core/credit-code.ts';

// Vectors from shared/REFERENCE.md (a).
test('accepts published codes, including a 事业单位 code', () => {
  for (const code of ['914403001922038216', '91110000710926094P', '91330100799655058B', '91440300708461136T', '121200004013590816', '91350100M000100Y43']) {
    const r = validateCreditCode(code);
    assert.equal(r.valid, true, code);
  }
});

test('the standard’s worked example: Y43 is valid and Y4Z is not', () => {
  assert.equal(validateCreditCode('91350100M000100Y43').valid, true);
  assert.equal(validateCreditCode('91350100M000100Y4Z').valid, false);
  assert.equal(validateCreditCode('91350100M000100Y4Z').problem, 'characters'); // Z is never used in a code
});

test('names the problem: wrong check character, illegal letters, wrong length', () => {
  assert.equal(validateCreditCode('914403001922038217').problem, 'check_character');
  assert.equal(validateCreditCode('9111000060003IOZSV').problem, 'characters');
  assert.equal(validateCreditCode('12345').problem, 'length');
});

test('normalizes spaces, hyphens and lower case before checking', () => {
  const r = validateCreditCode(' 9144 0300-1922 038216 ');
  assert.equal(r.code, '914403001922038216');
  assert.equal(r.valid, true);
  assert.equal(validateCreditCode('91330100799655058b').valid, true);
});

test('GB 11714 check uses the continuous A=10…Z=35 alphabet (MA-series bodies)', () => {
  // Published 9th characters for these bodies (REFERENCE.md pitfall).
  assert.equal(organizationCodeCheckCharacter('19220382'), '1');
  assert.equal(validateCreditCode('914403001922038216').organizationCodeWarning, false);
});

test('a code whose organization-code check fails is still valid, with a warning only', () => {
  // Same first 16 characters as Huawei's, pos 17 changed, pos 18 recomputed to stay valid under GB 32100.
  const first17 = '9144030019220382' + '2';
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * w[i]!, 0);
  const code = first17 + chars[(31 - (sum % 31)) % 31];
  const r = validateCreditCode(code);
  assert.equal(r.valid, true);
  assert.equal(r.organizationCodeWarning, true);
});

test('accepts letters in position 1 (A, N, Y authorities), which some validators wrongly reject', () => {
  const first17 = 'N2130100MA0DM0012';
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * w[i]!, 0);
  assert.equal(validateCreditCode(first17 + chars[(31 - (sum % 31)) % 31]).valid, true);
});
