import assert from 'node:assert/strict';
import { test } from 'node:test';
import { creditCodeProblemMessage, organizationCodeCheckCharacter, validateCreditCode } from '../../src/core/credit-code.ts';

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

const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const PUBLISHED = ['914403001922038216', '91110000710926094P', '91330100799655058B', '91440300708461136T', '121200004013590816', '91350100M000100Y43'];

test('every single-character change of a published code is refused (31 is prime: one substitution always moves the sum)', () => {
  let tried = 0;
  for (const code of PUBLISHED) {
    for (let i = 0; i < 18; i++) {
      for (const ch of USCC) {
        if (ch === code[i]) continue;
        const changed = code.slice(0, i) + ch + code.slice(i + 1);
        assert.equal(validateCreditCode(changed).valid, false, `${changed} (position ${i + 1})`);
        tried++;
      }
    }
  }
  assert.equal(tried, PUBLISHED.length * 18 * 30);
});

// Mod 11 with weights prime to 11 catches every change of one digit for another; a letter whose value
// differs by a multiple of 11 (1 → C = 12) slips through, which is why it is a warning only.
test('every single-digit change of a published organization code is caught by the GB 11714 check', () => {
  for (const code of PUBLISHED.filter((c) => organizationCodeCheckCharacter(c.slice(8, 16)) === c[16])) {
    const body = code.slice(8, 16);
    for (let i = 0; i < 8; i++) {
      if (!/\d/.test(body[i]!)) continue;
      for (const ch of '0123456789') {
        if (ch === body[i]) continue;
        const changed = body.slice(0, i) + ch + body.slice(i + 1);
        assert.notEqual(organizationCodeCheckCharacter(changed), code[16], `${changed} at ${i + 9}`);
      }
    }
  }
});

test('the published codes pass the organization-code check too (no warning)', () => {
  for (const code of PUBLISHED) assert.equal(validateCreditCode(code).organizationCodeWarning, false, code);
});

test('says which position is wrong', () => {
  const illegal = validateCreditCode('91440300I922038216');
  assert.equal(illegal.problem, 'characters');
  assert.equal(illegal.position, 9);
  assert.equal(creditCodeProblemMessage(illegal)!['zh-CN'], '第 9 位“I”不是允许的字符（只用数字和除 I、O、Z、S、V 以外的大写字母）');
  const division = validateCreditCode('9144A3001922038216');
  assert.equal(division.problem, 'division_code');
  assert.equal(division.position, 5);
  const check = validateCreditCode('914403001922038217');
  assert.equal(check.position, 18);
  assert.equal(check.expectedCheckCharacter, '6');
  assert.match(creditCodeProblemMessage(check)!.en, /should be “6”, not “7”/);
  assert.equal(creditCodeProblemMessage(validateCreditCode('12345'))!['zh-CN'], '应为 18 位，现为 5 位');
  assert.equal(creditCodeProblemMessage(validateCreditCode('914403001922038216')), null);
});
