import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bpToPercent, fenToWan, formatBp, formatFen, percentToBp, wanToFen } from './money.ts';

test('money reads in 万元 from ten thousand yuan up, in 元 below, stored in fen', () => {
  assert.equal(formatFen(100_000_000, 'zh-CN'), '100 万元');
  assert.equal(formatFen(3_000_000_000, 'zh-CN'), '3,000 万元');
  assert.equal(formatFen(123_456_789, 'zh-CN'), '123.456789 万元');
  assert.equal(formatFen(500_000, 'zh-CN'), '5,000 元');
  assert.equal(formatFen(500_050, 'zh-CN'), '5,000.50 元');
  assert.equal(formatFen(0, 'zh-CN'), '0 元');
  assert.equal(formatFen(100_000_000, 'en'), '¥1,000,000');
  assert.equal(formatFen(12_345, 'en'), '¥123.45');
});

test('万元 and percentages convert to fen and basis points without drift', () => {
  assert.equal(wanToFen(100), 100_000_000);
  assert.equal(wanToFen(0.000001), 1);
  assert.equal(wanToFen(1234.5678), 1_234_567_800);
  assert.equal(fenToWan(100_000_000), 100);
  assert.equal(percentToBp(20), 2000);
  assert.equal(percentToBp(12.34), 1234);
  assert.equal(percentToBp(0.07 * 100), 700);
  assert.equal(bpToPercent(2000), 20);
  assert.equal(formatBp(2000), '20%');
  assert.equal(formatBp(1250), '12.5%');
});
