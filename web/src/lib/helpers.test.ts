import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fieldName } from './field-path.ts';
import { formatDate, formatDateTime } from './format.ts';
import { pathAfter, safeNext } from './navigation.ts';
import { ruleStates } from './password.ts';

test('a problem path names the form field it blames', () => {
  assert.deepEqual(fieldName('email'), ['email']);
  assert.deepEqual(fieldName('members.0.name'), ['members', 0, 'name']);
  assert.deepEqual(fieldName('/members/0/name'), ['members', 0, 'name']);
  assert.deepEqual(fieldName(''), []);
});

test('dates read the Chinese way, in Shanghai time', () => {
  assert.equal(formatDateTime('2025-10-08T06:05:00Z', 'zh-CN'), '2025年10月8日 14:05');
  assert.equal(formatDateTime('2025-10-08T06:05:09Z', 'zh-CN', true), '2025年10月8日 14:05:09');
  assert.equal(formatDate('2025-12-31T16:30:00Z', 'zh-CN'), '2026年1月1日');
  assert.equal(formatDateTime('2025-10-08T06:05:00Z', 'en'), '8 Oct 2025, 14:05');
  assert.equal(formatDateTime(null, 'zh-CN'), '—');
});

test('only paths inside the app are followed after signing in', () => {
  assert.equal(safeNext('/audit?page=2'), '/audit?page=2');
  assert.equal(safeNext('//evil.example'), null);
  assert.equal(safeNext('/\\evil.example'), null);
  assert.equal(safeNext('https://evil.example'), null);
  const anonymous = { authenticated: false, stage: null, user: null, csrfToken: 't', idleExpiresAt: null, absoluteExpiresAt: null };
  assert.equal(pathAfter(anonymous, '/audit'), '/login?next=%2Faudit');
});

test('the password rules tick off as the user types', () => {
  assert.deepEqual(ruleStates('', 'wang@example.cn'), { length: 'pending', classes: 'pending', account: 'pending', common: 'pending' });
  assert.deepEqual(ruleStates('short', 'wang@example.cn'), { length: 'bad', classes: 'bad', account: 'ok', common: 'pending' });
  assert.deepEqual(ruleStates('Wang-Harbor-2025', 'wang@example.cn'), { length: 'ok', classes: 'ok', account: 'bad', common: 'pending' });
  assert.deepEqual(ruleStates('Quiet-Harbor-2025', 'wang@example.cn'), { length: 'ok', classes: 'ok', account: 'ok', common: 'pending' });
});
