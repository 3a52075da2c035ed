import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_FILE_NAME_LENGTH, contentDisposition, extensionOf, sanitizeFileName } from '../../src/core/file-names.ts';

test('keeps ordinary and Chinese names as they are', () => {
  assert.equal(sanitizeFileName('2024年度项目申报书（盖章版）.pdf'), '2024年度项目申报书（盖章版）.pdf');
  assert.equal(sanitizeFileName('Budget v2 final.xlsx'), 'Budget v2 final.xlsx');
  assert.equal(sanitizeFileName('营业执照-副本_扫描件.jpg'), '营业执照-副本_扫描件.jpg');
});

test('keeps only the last path segment: traversal names lose their path', () => {
  assert.equal(sanitizeFileName('../../etc/passwd'), 'passwd');
  assert.equal(sanitizeFileName('..\\..\\boot.ini'), 'boot.ini');
  assert.equal(sanitizeFileName('C:\\x\\报告.pdf'), '报告.pdf');
  assert.equal(sanitizeFileName('/var/www/../../报告.pdf'), '报告.pdf');
  assert.equal(sanitizeFileName('C:报告.pdf'), 'C报告.pdf'); // a drive-relative name loses its colon
  assert.equal(sanitizeFileName('..'), 'file');
  assert.equal(sanitizeFileName('../'), 'file');
  assert.equal(sanitizeFileName('a/..'), 'file');
});

test('drops control characters, but a literal %00 is only text', () => {
  assert.equal(sanitizeFileName('evil.pdf\u0000.exe'), 'evil.pdf.exe');
  assert.equal(extensionOf('evil.pdf\u0000.exe'), 'exe');
  assert.equal(sanitizeFileName('a\u0007b\u001bc\u007fd\u0085e.docx'), 'abcde.docx');
  assert.equal(sanitizeFileName('report%00.pdf'), 'report%00.pdf');
  assert.equal(sanitizeFileName('line\r\nbreak\tname.pdf'), 'line break name.pdf');
});

test('drops the right-to-left override, so the real extension shows', () => {
  const name = 'invoice\u202Efdp.exe'; // displays as "invoiceexe.pdf"
  assert.equal(sanitizeFileName(name), 'invoicefdp.exe');
  assert.equal(extensionOf(name), 'exe');
  assert.equal(sanitizeFileName('a\u2066b\u2069c\u200Fd\u061Ce\uFEFF.pdf'), 'abcde.pdf');
});

test('drops characters Windows forbids, leading and trailing dots and spaces', () => {
  assert.equal(sanitizeFileName('a<b>c:d"e|f?g*h.pdf'), 'abcdefgh.pdf');
  assert.equal(sanitizeFileName('  ..hidden name.pdf. . '), 'hidden name.pdf');
  assert.equal(sanitizeFileName('.pdf'), 'file.pdf');
  assert.equal(sanitizeFileName(' . .pdf'), 'file.pdf');
  assert.equal(sanitizeFileName('...'), 'file');
  assert.equal(sanitizeFileName(''), 'file');
  assert.equal(sanitizeFileName('<>:"|?*'), 'file');
});

test('collapses whitespace runs, ideographic spaces included', () => {
  assert.equal(sanitizeFileName('项目\u3000\u3000申报   书 .pdf'), '项目 申报 书 .pdf');
  assert.equal(sanitizeFileName('a \u00A0\u2003 b.pdf'), 'a b.pdf');
});

test('never a Windows device name', () => {
  assert.equal(sanitizeFileName('CON.pdf'), 'file.pdf');
  assert.equal(sanitizeFileName('con'), 'file');
  assert.equal(sanitizeFileName('nul.tar.gz'), 'file.tar.gz');
  assert.equal(sanitizeFileName('COM1.docx'), 'file.docx');
  assert.equal(sanitizeFileName('lpt9 .txt'), 'file.txt');
  assert.equal(sanitizeFileName('AUX'), 'file');
  assert.equal(sanitizeFileName('CONSOLE.pdf'), 'CONSOLE.pdf');
  assert.equal(sanitizeFileName('COM10.pdf'), 'COM10.pdf');
  assert.equal(sanitizeFileName('my con.pdf'), 'my con.pdf');
});

test('NFC-normalizes: a decomposed é becomes one character', () => {
  assert.equal(sanitizeFileName('Cafe\u0301.pdf'), 'Caf\u00E9.pdf');
});

test('caps a 300-character Chinese name at 120 characters and keeps the extension', () => {
  const name = '工'.repeat(300) + '.pdf';
  const safe = sanitizeFileName(name);
  assert.equal(safe.length, MAX_FILE_NAME_LENGTH);
  assert.equal(safe, '工'.repeat(116) + '.pdf');
  assert.equal(extensionOf(name), 'pdf');
  assert.equal(sanitizeFileName('工'.repeat(300)), '工'.repeat(120));
});

test('never cuts a surrogate pair or a combining sequence', () => {
  const name = 'a' + '𠀀'.repeat(100) + '.docx'; // U+20000: two UTF-16 code units each
  const safe = sanitizeFileName(name);
  assert.ok(safe.length <= MAX_FILE_NAME_LENGTH);
  assert.equal(safe, 'a' + '𠀀'.repeat(57) + '.docx');
  assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(safe), 'no lone high surrogate');
  assert.doesNotThrow(() => encodeURIComponent(safe));

  const family = '👨‍👩‍👧'; // one grapheme, 8 code units
  const cut = sanitizeFileName('x'.repeat(110) + family + family + '.pdf');
  assert.equal(cut, 'x'.repeat(110) + '.pdf');
});

test('drops lone surrogates, which cannot be encoded', () => {
  assert.equal(sanitizeFileName('a\uD800b\uDC00c.pdf'), 'abc.pdf');
});

test('an over-long extension is not kept as one', () => {
  const safe = sanitizeFileName('a.' + 'b'.repeat(200));
  assert.equal(safe.length, MAX_FILE_NAME_LENGTH);
  assert.equal(extensionOf('a.' + 'b'.repeat(200)), '');
});

test('extensionOf: lower case, without the dot, empty when none', () => {
  assert.equal(extensionOf('报告.PDF'), 'pdf');
  assert.equal(extensionOf('archive.tar.gz'), 'gz');
  assert.equal(extensionOf('README'), '');
  assert.equal(extensionOf('v1.2 final'), '');
  assert.equal(extensionOf('x.pdf. '), 'pdf');
  assert.equal(extensionOf('../../etc/passwd'), '');
  assert.equal(extensionOf('.docx'), 'docx');
});

test('contentDisposition: ASCII fallback and the exact UTF-8 name', () => {
  assert.equal(
    contentDisposition('项目申报书.pdf'),
    `attachment; filename="file.pdf"; filename*=UTF-8''%E9%A1%B9%E7%9B%AE%E7%94%B3%E6%8A%A5%E4%B9%A6.pdf`,
  );
  assert.equal(contentDisposition('Budget 2024.xlsx'), `attachment; filename="Budget 2024.xlsx"; filename*=UTF-8''Budget%202024.xlsx`);
  assert.equal(contentDisposition('Plan 方案 (v2).docx', 'inline'), `inline; filename="Plan _ (v2).docx"; filename*=UTF-8''Plan%20%E6%96%B9%E6%A1%88%20%28v2%29.docx`);
  assert.equal(contentDisposition("it's 100%.pdf"), `attachment; filename="it's 100_.pdf"; filename*=UTF-8''it%27s%20100%25.pdf`);
});

test('contentDisposition: no header injection, no quotes or paths', () => {
  const value = contentDisposition('a"b\r\nSet-Cookie: x=1\\..\\c.pdf');
  assert.ok(!/[\r\n]/.test(value));
  assert.equal(value, `attachment; filename="c.pdf"; filename*=UTF-8''c.pdf`);
  assert.equal(contentDisposition('x"y.pdf'), `attachment; filename="xy.pdf"; filename*=UTF-8''xy.pdf`);
  // Only printable ASCII in the whole value, as HTTP header values should be.
  assert.match(contentDisposition('工'.repeat(300) + '\u202E.pdf'), /^[\x20-\x7E]+$/);
});
