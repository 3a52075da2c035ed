/**
 * Upload attacks beyond a renamed executable and oversize files (issue 8): zip bombs inside a .docx,
 * an .xlsx and a plain .zip (a real gigabyte of zeros deflated to 1 MB, a forged directory that hides
 * it, overlapping entries that claim eight gigabytes, a ZIP64 claim), refused with a zh/en field error
 * while the server's memory stays far below what the bomb claims; a real .docx and .xlsx still pass.
 * Path-traversal and hostile names: the content lands only inside the store under an opaque key, the
 * name shown is sanitized, and the download's Content-Disposition is RFC 6266 with no header injection.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';
import { PROFILE, pdfBytes, upload } from '../support/applicants.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

// ---- zip building: deflated entries, forged sizes, shared data, ZIP64 ----

interface ZipEntry {
  name: string;
  /** The bytes as stored in the archive (deflated when `method` is 8). */
  stored: Buffer;
  method: 0 | 8;
  crc: number;
  /** The true uncompressed size. */
  size: number;
  /** What the local header and the directory claim instead (a forged directory). */
  claimedSize?: number;
}

const stored = (name: string, data: string | Buffer): ZipEntry => {
  const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, stored: b, method: 0, crc: crc32(b), size: b.length };
};

/**
 * A zip of the entries; `aliases` adds that many directory entries pointing at the last entry's data
 * (the overlapping-entry bomb); `zip64Claim` gives the last entry ZIP64 sizes of that many bytes.
 */
function zip(entries: ZipEntry[], opts: { aliases?: number; zip64Claim?: number } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let lastOffset = 0;
  const central = (e: ZipEntry, name: string, at: number, zip64: boolean) => {
    const n = Buffer.from(name, 'utf8');
    const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(opts.zip64Claim!), 4);
      extra.writeBigUInt64LE(BigInt(e.stored.length), 12);
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(zip64 ? 45 : 20, 4);
    c.writeUInt16LE(zip64 ? 45 : 20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(e.method, 10);
    c.writeUInt32LE(e.crc, 16);
    c.writeUInt32LE(zip64 ? 0xffffffff : e.stored.length, 20);
    c.writeUInt32LE(zip64 ? 0xffffffff : (e.claimedSize ?? e.size), 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(at, 42);
    centrals.push(c, n, extra);
  };
  entries.forEach((e, i) => {
    const zip64 = opts.zip64Claim !== undefined && i === entries.length - 1;
    const n = Buffer.from(e.name, 'utf8');
    const l = Buffer.alloc(30);
    l.writeUInt32LE(0x04034b50, 0);
    l.writeUInt16LE(20, 4);
    l.writeUInt16LE(0x0800, 6);
    l.writeUInt16LE(e.method, 8);
    l.writeUInt32LE(e.crc, 14);
    l.writeUInt32LE(e.stored.length, 18);
    l.writeUInt32LE(zip64 ? 0xffffffff : (e.claimedSize ?? e.size), 22);
    l.writeUInt16LE(n.length, 26);
    locals.push(l, n, e.stored);
    central(e, e.name, offset, zip64);
    lastOffset = offset;
    offset += 30 + n.length + e.stored.length;
  });
  const last = entries[entries.length - 1]!;
  for (let i = 0; i < (opts.aliases ?? 0); i++) central(last, `${last.name}.${i + 1}`, lastOffset, false);
  const directory = Buffer.concat(centrals);
  const count = entries.length + (opts.aliases ?? 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** `bytes` zeros deflated, streamed from one 1 MiB buffer so the test never holds the expanded data. */
async function deflatedZeros(bytes: number): Promise<{ stored: Buffer; crc: number }> {
  const zero = Buffer.alloc(MiB);
  const deflate = createDeflateRaw({ level: 9, memLevel: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  let crc = 0;
  for (let done = 0; done < bytes; done += MiB) {
    crc = crc32(zero, crc);
    if (!deflate.write(zero)) await new Promise((r) => deflate.once('drain', r));
  }
  const ended = new Promise((r) => deflate.once('end', r));
  deflate.end();
  await ended;
  return { stored: Buffer.concat(parts), crc };
}

const CONTENT_TYPES = (main: string, type: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  `<Default Extension="bin" ContentType="application/octet-stream"/><Override PartName="${main}" ContentType="${type}"/></Types>`;
const RELS = (target: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;

/** The parts of a Word document, before the bomb. */
const DOCX_PARTS = () => [
  stored('[Content_Types].xml', CONTENT_TYPES('/word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml')),
  stored('_rels/.rels', RELS('word/document.xml')),
  stored('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>中长期发展规划</w:t></w:r></w:p></w:body></w:document>'),
];
/** The parts of an Excel workbook, before the bomb. */
const XLSX_PARTS = () => [
  stored('[Content_Types].xml', CONTENT_TYPES('/xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml')),
  stored('_rels/.rels', RELS('xl/workbook.xml')),
  stored('xl/workbook.xml', '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'),
];

// ---- the platform ----

let p: TestPlatform;
let applicant: Client;
let province: Client;
let applicationId = '';
/** A gigabyte of zeros, deflated (about 1 MB). */
let kernel: { stored: Buffer; crc: number };
const gigabyte = (name: string, claimedSize?: number): ZipEntry => ({ name, stored: kernel.stored, method: 8, crc: kernel.crc, size: GiB, ...(claimedSize === undefined ? {} : { claimedSize }) });

before(async () => {
  p = await startPlatform({ programs: true });
  province = p.client();
  await province.signIn(await p.account('province_officer', '370000-miit'));
  const call = await province.post('/api/calls', { programCode: 'shandong-2018-platforms', programVersion: 1, title: '山东“个十百”平台（上传安全测试）', opensOn: '2026-03-01', deadlineDate: '2026-04-30' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  assert.equal((await province.post(`/api/calls/${call.body.id}/publish`)).status, 200, 'the call is published');
  const org = await p.enterprise('370100', '济南上传安全测试公司');
  applicant = p.client();
  await applicant.signIn(await p.account('applicant', org.code));
  const profile = await applicant.put('/api/profile', { profile: { ...PROFILE, name: org.name, divisionCode: '370102' }, baseVersion: 0 });
  assert.equal(profile.status, 200, JSON.stringify(profile.body));
  const app = await applicant.post('/api/applications', { callId: call.body.id });
  assert.equal(app.status, 201, JSON.stringify(app.body));
  applicationId = app.body.id;
  kernel = await deflatedZeros(GiB);
});
after(() => p.close());

/** Uploads and completes; returns the answer and how much the process's resident memory grew meanwhile. */
async function measuredUpload(requirement: string, data: Uint8Array, name: string) {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const r = await upload(applicant, applicationId, requirement, data, name);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { r, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

/** Memory allowed to grow while a bomb is refused: a small fraction of the gigabyte it holds. */
const MEMORY_BOUND = 128 * MiB;
const figures: string[] = [];

function assertRefusedAsBomb(r: { status: number; body: any }, growth: number, what: string, claimed: number, fileName: string) {
  assert.equal(r.status, 400, `${what}: ${JSON.stringify(r.body)}`);
  const error = r.body.errors?.[0];
  assert.equal(error?.path, 'file', `${what}: a field error on the file`);
  assert.equal(error?.code, 'archive_bomb', `${what}: ${JSON.stringify(error)}`);
  assert.match(error.messages['zh-CN'], new RegExp(`^“${fileName.replace('.', '\\.')}”：.*压缩炸弹”，已拒收$`), `${what}: the Chinese message names the file and says why`);
  assert.match(error.messages.en, /zip bomb, refused$/, `${what}: the English message says why`);
  assert.ok(growth < MEMORY_BOUND, `${what}: memory grew by ${(growth / MiB).toFixed(0)} MiB (bound ${MEMORY_BOUND / MiB} MiB, the bomb claims ${claimed} bytes)`);
  figures.push(`${what}: ${claimed >= 2 ** 60 ? `${(claimed / 2 ** 60).toFixed(0)} EiB` : `${(claimed / GiB).toFixed(0)} GiB`} claimed in ${(kernel.stored.length / MiB).toFixed(2)} MiB, rss +${(growth / MiB).toFixed(1)} MiB`);
}

describe('zip bombs', () => {
  test('a .docx holding a gigabyte of zeros (1 MB deflated) is refused by its directory, nothing inflated', async () => {
    const bomb = zip([...DOCX_PARTS(), gigabyte('word/media/image1.bin')]);
    assert.ok(bomb.length < 2 * MiB, 'the bomb fits the application’s 2 MB');
    const storedBefore = filesUnder(storeFolder()).length;
    const { r, growth } = await measuredUpload('long-term-plan', bomb, '中长期发展规划.docx');
    assert.equal(filesUnder(storeFolder()).length, storedBefore, 'nothing reached the store');
    assertRefusedAsBomb(r, growth, 'docx, honest directory', GiB, '中长期发展规划.docx');
    assert.match(r.body.errors[0].messages['zh-CN'], /word\/media\/image1\.bin”由 1 MB 解压后将达 1\.0 GB（压缩比 \d+:1，上限 100:1）/, r.body.errors[0].messages['zh-CN']);
    const list = await applicant.get(`/api/applications/${applicationId}`);
    assert.equal(list.body.attachments.length, 0, 'nothing was attached');
  });

  test('a .docx whose directory hides the gigabyte (claims 200 KB) is stopped while counting, past its claim', async () => {
    const bomb = zip([...DOCX_PARTS(), gigabyte('word/document2.xml', 200 * 1024)]);
    const { r, growth } = await measuredUpload('long-term-plan', bomb, 'forged.docx');
    assertRefusedAsBomb(r, growth, 'docx, forged directory', GiB, 'forged.docx');
    assert.match(r.body.errors[0].messages['zh-CN'], /解压后超过其声明的 1 MB（目录信息被篡改）/, r.body.errors[0].messages['zh-CN']);
    assert.match(r.body.errors[0].messages.en, /expands beyond the 1 MB it declares \(a forged directory\)/);
  });

  test('eight directory entries sharing one gigabyte (8 GB claimed) are refused', async () => {
    const bomb = zip([...DOCX_PARTS(), gigabyte('word/media/a.bin')], { aliases: 7 });
    const { r, growth } = await measuredUpload('long-term-plan', bomb, 'shared.docx');
    assertRefusedAsBomb(r, growth, 'docx, 8 overlapping entries', 8 * GiB, 'shared.docx');
  });

  test('overlapping entries are refused even when each claim is modest', async () => {
    const block = Buffer.alloc(64 * 1024, 7);
    const entry = stored('word/media/a.bin', block);
    const bomb = zip([...DOCX_PARTS(), entry], { aliases: 5 });
    const { r } = await measuredUpload('long-term-plan', bomb, 'overlap.docx');
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.match(r.body.errors[0].messages['zh-CN'], /共用同一段数据/, r.body.errors[0].messages['zh-CN']);
    assert.match(r.body.errors[0].messages.en, /share their data/);
  });

  test('a ZIP64 entry claiming 8 EiB is refused', async () => {
    const bomb = zip([...DOCX_PARTS(), gigabyte('word/media/z.bin')], { zip64Claim: 2 ** 63 });
    const { r, growth } = await measuredUpload('long-term-plan', bomb, 'zip64.docx');
    assertRefusedAsBomb(r, growth, 'docx, ZIP64 claim', 2 ** 63, 'zip64.docx');
  });

  test('an .xlsx and a plain .zip holding the gigabyte are refused too', async () => {
    const xlsx = await measuredUpload('operation-evidence', zip([...XLSX_PARTS(), gigabyte('xl/worksheets/sheet1.xml')]), '运营数据.xlsx');
    assertRefusedAsBomb(xlsx.r, xlsx.growth, 'xlsx', GiB, '运营数据.xlsx');
    const plain = await measuredUpload('ownership-evidence', zip([stored('readme.txt', '产权证明'), gigabyte('scan.bin')]), '产权证明.zip');
    assertRefusedAsBomb(plain.r, plain.growth, 'zip', GiB, '产权证明.zip');
  });

  test('encrypted entries and unusual compression cannot be checked, and are refused with the reason', async () => {
    const encrypted = zip([...DOCX_PARTS()]);
    // Sets bit 0 (encrypted) of the last directory entry's flags.
    const last = encrypted.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    encrypted.writeUInt16LE(0x0801, last + 8);
    const r = await upload(applicant, applicationId, 'long-term-plan', encrypted, 'locked.docx');
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.errors[0].code, 'archive_unsupported');
    assert.equal(r.body.errors[0].messages['zh-CN'], '“locked.docx”：“word/document.xml”已加密，无法检查内容，请另存为普通文件后上传');
  });

  test('a real .docx (Word, via docx) and a real .xlsx (exceljs) still pass, and come back byte for byte', async () => {
    const docx = new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('中长期发展规划'.repeat(2000))] }] })));
    const d = await upload(applicant, applicationId, 'long-term-plan', docx, '中长期发展规划.docx');
    assert.equal(d.status, 201, JSON.stringify(d.body));
    assert.equal(d.body.kind, 'docx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('运营数据');
    for (let i = 1; i <= 2000; i++) sheet.addRow([`平台${i}`, i * 100, '正常运营']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const x = await upload(applicant, applicationId, 'operation-evidence', xlsx, '运营数据.xlsx');
    assert.equal(x.status, 201, JSON.stringify(x.body));
    assert.equal(x.body.kind, 'xlsx');
    const back = await applicant.binary('GET', `/api/attachments/${x.body.id}/download`);
    assert.equal(back.status, 200);
    assert.ok(back.bytes.equals(Buffer.from(xlsx)), 'the stored workbook is the uploaded one');
    const read = new ExcelJS.Workbook();
    await read.xlsx.load(back.bytes as unknown as ArrayBuffer);
    assert.equal(read.getWorksheet('运营数据')?.getRow(2000).getCell(1).value, '平台2000', 'exceljs reads the workbook back');
    for (const id of [d.body.id, x.body.id]) assert.equal((await applicant.request('DELETE', `/api/attachments/${id}`)).status, 200, 'the attachment is removed again');
  });

  test('the expert import refuses a bomb workbook before exceljs would expand it', async () => {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage().rss;
    const bomb = zip([...XLSX_PARTS(), gigabyte('xl/worksheets/sheet1.xml')]);
    const r = await province.binary('POST', '/api/experts/import?provinceCode=370000', bomb);
    const growth = process.memoryUsage().rss - before;
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.created, 0, 'nobody was imported');
    assert.equal(r.body.errors[0].row, 0, 'a file-level error');
    assert.match(r.body.errors[0].messages['zh-CN'], /压缩炸弹/, JSON.stringify(r.body.errors[0]));
    assert.match(r.body.errors[0].messages.en, /zip bomb/);
    assert.ok(growth < MEMORY_BOUND, `memory grew by ${(growth / MiB).toFixed(0)} MiB`);
    figures.push(`expert import: 1 GiB claimed, rss +${(growth / MiB).toFixed(1)} MiB`);
  });

  test('figures', () => {
    console.log(`zip bombs:\n  ${figures.join('\n  ')}`);
    assert.ok(figures.length >= 6, 'every bomb was measured');
  });
});

// ---- hostile names ----

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => !e.isDirectory()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

/** The data-folder store's root, from its description. */
function storeFolder(): string {
  const described = p.deps.files.describe();
  const root = described.replace(/^data folder /, '');
  assert.ok(path.isAbsolute(root), `the data-folder store: ${described}`);
  return root;
}

describe('hostile file names', () => {
  const NAMES: { name: string; shown: string }[] = [
    { name: '../../etc/passwd.pdf', shown: 'passwd.pdf' },
    { name: '..\\..\\x.pdf', shown: 'x.pdf' },
    { name: '/abs/x.pdf', shown: 'x.pdf' },
    { name: 'C:\\Windows\\System32\\报告.pdf', shown: '报告.pdf' },
    { name: 'bell\u0007\u001b[31mred\u007f.pdf', shown: 'bell[31mred.pdf' },
    { name: 'invoice\u202Efdp.exe', shown: 'invoicefdp.exe' },
    { name: '\u2066合同\u2069\u200B.pdf', shown: '合同.pdf' },
    { name: 'CON.pdf', shown: 'file.pdf' },
    { name: 'lpt1', shown: 'file' },
    { name: 'x\r\nSet-Cookie: owned=1; filename="evil.exe.pdf', shown: 'x Set-Cookie owned=1; filename=evil.exe.pdf' },
    { name: '..', shown: 'file' },
    { name: `${'很长的文件名'.repeat(40)}.pdf`, shown: `${'很长的文件名'.repeat(19)}很长.pdf` },
  ];
  let storeRoot = '';

  before(() => {
    storeRoot = storeFolder();
  });

  test('each is stored under an opaque key inside the store, shown sanitized, and sent back with a safe Content-Disposition', async () => {
    const hebeiOrg = await p.enterprise('130100', '石家庄文件名测试公司');
    const client = p.client();
    await client.signIn(await p.account('applicant', hebeiOrg.code));
    assert.equal((await client.put('/api/profile', { profile: { ...PROFILE, name: hebeiOrg.name }, baseVersion: 0 })).status, 200, 'profile');
    const app = await client.post('/api/applications', { callId: (await openHebeiCall()).id });
    assert.equal(app.status, 201, JSON.stringify(app.body));
    const before = new Set(filesUnder(storeRoot));
    const outside = NAMES.map((n) => [path.resolve(storeRoot, n.name.replace(/\\/g, '/')), path.resolve(path.dirname(storeRoot), n.name.replace(/\\/g, '/'))]).flat();
    const existedOutside = new Set(outside.filter((f) => fs.existsSync(f)));

    for (const { name, shown } of NAMES) {
      const r = await upload(client, app.body.id, 'credentials', pdfBytes(name), name);
      assert.equal(r.status, 201, `${JSON.stringify(name)}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.fileName, shown, `${JSON.stringify(name)} is shown as ${JSON.stringify(shown)}`);
      assert.ok(r.body.fileName.length <= 120, 'at most 120 characters');
      const down = await client.binary('GET', `/api/attachments/${r.body.id}/download`);
      assert.equal(down.status, 200);
      const disposition = down.headers.get('content-disposition') ?? '';
      assert.doesNotMatch(disposition, /[\r\n\0]/, 'no line break in the header');
      assert.equal(down.headers.get('set-cookie'), null, `${JSON.stringify(name)}: no header injected`);
      const star = /filename\*=UTF-8''([^;]+)$/.exec(disposition);
      assert.ok(star, `RFC 6266 filename*: ${disposition}`);
      assert.equal(decodeURIComponent(star[1]!), shown, 'filename* carries the sanitized name exactly');
      const plain = /^attachment; filename="([\x20-\x7e]*)";/.exec(disposition);
      assert.ok(plain, `an ASCII fallback in quotes: ${disposition}`);
      assert.doesNotMatch(plain[1]!, /["\\/]/, 'the fallback has no quote, backslash or slash');
      assert.equal(down.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(down.headers.get('content-type'), 'application/pdf', 'served as what the content is');
    }

    const added = filesUnder(storeRoot).filter((f) => !before.has(f));
    assert.equal(added.length, NAMES.length, `one stored file per upload: ${added.join(', ')}`);
    for (const f of added) assert.match(f, /^applications\/\d+\/[a-z0-9]+\.bin$/, `stored under an opaque key: ${f}`);
    const escaped = outside.filter((f) => !existedOutside.has(f) && fs.existsSync(f));
    assert.deepEqual(escaped, [], 'nothing was written where a name points outside the store');
    for (const f of added) assert.ok(!fs.lstatSync(path.join(storeRoot, f)).isSymbolicLink(), 'no links');
  });

  test('a name with a NUL character is refused on the field (PostgreSQL text cannot hold it)', async () => {
    const r = await applicant.post('/api/uploads', { purpose: 'application', applicationId, requirementId: 'business-licence', fileName: 'a\u0000b.pdf', sizeBytes: 100 });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.errors[0].path, 'fileName');
    assert.match(r.body.errors[0].messages['zh-CN'], /不能包含空字符（U\+0000）$/);
  });

  test('a name over 255 characters is refused with a field error, in Chinese and English', async () => {
    const r = await applicant.post('/api/uploads', { purpose: 'application', applicationId, requirementId: 'business-licence', fileName: `${'a'.repeat(5000)}.pdf`, sizeBytes: 100 });
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.errors[0].path, 'fileName');
    assert.ok(r.body.errors[0].messages['zh-CN'] && r.body.errors[0].messages.en, 'both languages');
  });
});

/** The Hebei 2016 call used for the name tests, made once. */
let hebeiCallId: string | null = null;
async function openHebeiCall(): Promise<{ id: string }> {
  if (hebeiCallId) return { id: hebeiCallId };
  const officer = p.client();
  await officer.signIn(await p.account('province_officer', '130000-miit'));
  const call = await officer.post('/api/calls', { programCode: 'hebei-2016-internet-plus', programVersion: 1, title: '文件名测试通知', opensOn: '2026-03-01', deadlineDate: '2026-12-31' });
  assert.equal(call.status, 201, JSON.stringify(call.body));
  assert.equal((await officer.post(`/api/calls/${call.body.id}/publish`)).status, 200);
  hebeiCallId = call.body.id as string;
  return { id: hebeiCallId };
}
