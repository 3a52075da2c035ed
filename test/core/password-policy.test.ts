import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkPassword } from '../../src/core/password-policy.ts';

const codes = (pw: string, account = 'someone@example.com') => checkPassword(pw, account).map((p) => p.code);

test('accepts a long password mixing three classes', () => {
  assert.deepEqual(codes('Hebei-Gongye-Pingtai'), []);
  assert.deepEqual(codes('lantern-river-2049x'), []);
});

test('requires at least 12 characters', () => {
  assert.ok(codes('Ab1!Ab1!Ab1').includes('too_short'));
  assert.ok(!codes('Ab1!xyzw9876').includes('too_short'));
});

test('requires three of four character classes (等保 三级)', () => {
  assert.ok(codes('alllowercaseletters').includes('classes'));
  assert.ok(codes('lowercase and spaces').includes('classes')); // lower + symbol only
  assert.ok(!codes('lowercase and 42 spaces').includes('classes'));
});

test('refuses the account name inside the password', () => {
  assert.ok(codes('Zhangwei-2025-secure', 'zhangwei@example.com').includes('contains_account'));
});

test('refuses common passwords, also dressed up with case, suffixes and substitutions', () => {
  for (const pw of ['Password1234', 'P@ssw0rd2024!', 'Woaini1314!!', 'Qwertyuiop123', 'Admin@123456', 'Abcabcabcabc1']) {
    assert.ok(codes(pw).includes('common'), pw);
  }
});

test('reports every problem at once with messages in both languages', () => {
  const problems = checkPassword('abc', 'x@example.com');
  assert.deepEqual(problems.map((p) => p.code).sort(), ['classes', 'common', 'too_short']);
  const short = problems.find((p) => p.code === 'too_short')!;
  assert.equal(short.messages['zh-CN'], '至少 12 个字符');
  assert.equal(short.messages.en, 'at least 12 characters');
});

test('password age: 90 days for staff, off for applicants, overridable per role', async () => {
  const { passwordExpiresAt } = await import('../../src/core/authentication.ts');
  const changed = new Date('2026-01-01T00:00:00+08:00');
  const policy = { staffMaxAgeDays: 90, applicantMaxAgeDays: 0 };
  assert.equal(passwordExpiresAt('city_officer', changed, policy)?.toISOString(), '2026-03-31T16:00:00.000Z');
  assert.equal(passwordExpiresAt('applicant', changed, policy), null);
  assert.equal(passwordExpiresAt('expert', changed, { ...policy, byRole: { expert: 180 } })?.toISOString(), '2026-06-29T16:00:00.000Z');
  assert.equal(passwordExpiresAt('auditor', changed, { ...policy, byRole: { auditor: 0 } }), null);
});
