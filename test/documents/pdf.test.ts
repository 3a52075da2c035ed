/**
 * PDF conversion. Where LibreOffice is installed (CI) the real conversion runs; where it is not, the
 * tests check that the caller is told clearly. The refusal is also checked on machines that have it,
 * by hiding it from PATH.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderApplicationDocx } from '../../src/adapters/documents/application-docx.ts';
import { convertToPdf, PdfConversionError, pdfConverterAvailable, PdfUnavailableError } from '../../src/adapters/documents/pdf.ts';
import { hebeiApplication, hubeiApplication } from './factories.ts';

const available = pdfConverterAvailable();
const PDF_TIMEOUT_MS = 120_000;

function isPdf(buffer: Buffer): boolean {
  return buffer.subarray(0, 4).toString('latin1') === '%PDF';
}

/** The PDF's text with all white space removed (pdftotext breaks lines and spaces CJK from Latin), or null without pdftotext. */
function pdfText(pdf: Buffer): string | null {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, encoding: 'utf8' });
  if (result.error) return null;
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.replace(/\s+/g, '');
}

/**
 * Runs with a temporary folder of the test's own (TMPDIR), so the converter's working folders can be
 * counted without seeing other processes' ones.
 */
async function withOwnTmp<T>(fn: (folders: () => string[]) => Promise<T>): Promise<T> {
  const own = mkdtempSync(join(tmpdir(), 'pdf-test-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = own;
  try {
    return await fn(() => readdirSync(own).filter((name) => name.startsWith('docx-pdf-')));
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    rmSync(own, { recursive: true, force: true });
  }
}

test('the Hubei application converts to a PDF that holds the applicant (or says LibreOffice is missing)', { timeout: PDF_TIMEOUT_MS + 10_000 }, async (t) => {
  const docx = await renderApplicationDocx(hubeiApplication());
  if (!available) {
    await assert.rejects(convertToPdf(docx), PdfUnavailableError);
    t.diagnostic('LibreOffice is not installed: checked the refusal only');
    return;
  }
  const pdf = await withOwnTmp(async (folders) => {
    const started = Date.now();
    const result = await convertToPdf(docx, { timeoutMs: PDF_TIMEOUT_MS });
    t.diagnostic(`conversion took ${Date.now() - started} ms, ${result.length} bytes`);
    assert.deepEqual(folders(), [], 'the temporary folder is removed');
    return result;
  });
  assert.ok(isPdf(pdf));
  const text = pdfText(pdf);
  if (text === null) t.diagnostic('pdftotext is not installed: text not checked');
  else {
    assert.ok(text.includes('武汉智联精工装备股份有限公司'), 'the applicant’s name');
    assert.ok(text.includes('1,234.5678万元'), 'a money value');
    assert.ok(text.includes('承诺人：李建国'), 'the signatory');
  }
});

test('without LibreOffice on PATH the conversion is refused, saying what to install in Chinese and English', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-soffice-'));
  const path = process.env.PATH;
  process.env.PATH = empty;
  try {
    assert.equal(pdfConverterAvailable(), false);
    const err: unknown = await convertToPdf(Buffer.from('not used')).catch((e: unknown) => e);
    assert.ok(err instanceof PdfUnavailableError);
    assert.equal(err.code, 'pdf_unavailable');
    assert.match(err.message, /生成 PDF 需要 LibreOffice/);
    assert.match(err.message, /PDF needs LibreOffice/);
    assert.match(err.message, /apt-get install -y libreoffice-writer-nogui fonts-noto-cjk/);
  } finally {
    process.env.PATH = path;
    rmSync(empty, { recursive: true, force: true });
  }
});

test('conversions asked for at once wait for each other and all succeed', { timeout: 3 * PDF_TIMEOUT_MS }, async (t) => {
  const docxs = await Promise.all([renderApplicationDocx(hubeiApplication()), renderApplicationDocx(hebeiApplication()), renderApplicationDocx(hubeiApplication({ locale: 'en' }))]);
  if (!available) {
    for (const result of await Promise.allSettled(docxs.map((d) => convertToPdf(d)))) {
      assert.ok(result.status === 'rejected' && result.reason instanceof PdfUnavailableError);
    }
    return;
  }
  // Each conversion has its own temporary folder while it runs: there is never more than one.
  const pdfs = await withOwnTmp(async (folders) => {
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, folders().length)), 10);
    const started = Date.now();
    const result = await Promise.all(docxs.map((d) => convertToPdf(d, { timeoutMs: PDF_TIMEOUT_MS }))).finally(() => clearInterval(watch));
    t.diagnostic(`three conversions took ${Date.now() - started} ms`);
    assert.equal(most, 1, 'one conversion at a time');
    return result;
  });
  assert.ok(pdfs.every(isPdf));
  const text = pdfText(pdfs[1]!);
  if (text !== null) assert.ok(text.includes('石家庄恒远重型机械有限公司'));
});

test('a conversion that runs out of time is stopped and reported, and the next one still works', { timeout: 2 * PDF_TIMEOUT_MS }, async () => {
  const docx = await renderApplicationDocx(hebeiApplication());
  if (!available) {
    await assert.rejects(convertToPdf(docx, { timeoutMs: 1 }), PdfUnavailableError);
    return;
  }
  await withOwnTmp(async (folders) => {
    await assert.rejects(convertToPdf(docx, { timeoutMs: 50 }), (err: unknown) => err instanceof PdfConversionError && /did not finish within 50 ms/.test(err.message));
    assert.deepEqual(folders(), [], 'the temporary folder is removed');
  });
  assert.ok(isPdf(await convertToPdf(docx, { timeoutMs: PDF_TIMEOUT_MS })));
});
