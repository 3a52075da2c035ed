/**
 * Zip-based uploads (.docx, .xlsx, .zip) checked against zip bombs without expanding them in memory.
 *
 * The central directory is read first and its claims judged before a byte is inflated: too many
 * entries, too much in all, an entry that claims to expand more than {@link ArchiveLimits.maxRatio}
 * times, or entries that share their data (the overlapping-entry trick, where a small file claims many
 * copies of one block) are refused at once. Then, because the directory can lie, every deflated entry is
 * inflated as a stream that is only counted, never kept, and stopped as soon as it produces more than it
 * claimed. Memory stays at a few buffers whatever the archive claims; the work is bounded by the
 * claims that passed. Nested archives are not opened: the server never extracts them.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import type { Messages } from '../../core/errors.ts';

export interface ArchiveLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** The sum of the entries' uncompressed sizes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio of one entry (Apache POI's zip-bomb guard uses 100 too). */
  maxRatio: number;
  /** Entries up to this size may compress better than the ratio (a tiny XML part of repeated tags). */
  ratioGraceBytes: number;
}

const MiB = 1024 * 1024;

/** For stored attachments: Office files of up to 50 MB expand to some hundred MB at most. */
export const ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 10_000, maxTotalBytes: 1024 * MiB, maxRatio: 100, ratioGraceBytes: MiB };

export interface ArchiveProblem {
  /** `archive_bomb`: the claims or the content exceed the limits; `archive_unreadable`: not a sound zip; `archive_unsupported`: encrypted or an unusual compression. */
  code: 'archive_bomb' | 'archive_unreadable' | 'archive_unsupported';
  /** The problem, to follow the file's name in a field error. */
  messages: Messages;
}

/** A file read front to back, as many times as needed: the staged upload, a stored object, a buffer. */
export interface SequentialSource {
  sizeBytes: number;
  open(): AsyncIterable<Uint8Array>;
}

/** A buffer as a {@link SequentialSource}, read in 64 KiB pieces. */
export function bufferSource(data: Uint8Array): SequentialSource {
  return {
    sizeBytes: data.byteLength,
    async *open() {
      for (let at = 0; at < data.byteLength; at += 64 * 1024) yield data.subarray(at, at + 64 * 1024);
    },
  };
}

interface Entry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const LOCAL_HEADER_SIZE = 30;
/** The end record with the longest comment, and a ZIP64 locator before it. */
const TAIL_BYTES = EOCD_SIZE + 0xffff + 20;
/** A directory larger than this is not a document's (10,000 entries of long names take about 3 MiB). */
const MAX_DIRECTORY_BYTES = 16 * MiB;

class Refusal extends Error {
  constructor(readonly problem: ArchiveProblem) {
    super(problem.messages.en);
  }
}

const gb = (bytes: number) => (bytes >= 1024 * MiB ? `${(bytes / (1024 * MiB)).toFixed(1)} GB` : `${Math.ceil(bytes / MiB)} MB`);

const bomb = (zh: string, en: string) => new Refusal({ code: 'archive_bomb', messages: { 'zh-CN': `${zh}，疑似“压缩炸弹”，已拒收`, en: `${en}: a likely zip bomb, refused` } });
const unreadable = (zh: string, en: string) =>
  new Refusal({ code: 'archive_unreadable', messages: { 'zh-CN': `压缩结构已损坏（${zh}），无法检查，请重新生成文件后上传`, en: `its zip structure is damaged (${en}) and cannot be checked; save the file again and upload it` } });
const unsupported = (zh: string, en: string) => new Refusal({ code: 'archive_unsupported', messages: { 'zh-CN': `${zh}，无法检查内容，请另存为普通文件后上传`, en: `${en}, so its content cannot be checked; save it as a plain file and upload it` } });

/**
 * Checks a zip-based file; null when it is sound and within `limits`, otherwise what is wrong (zh/en).
 * Reads the source up to three times (its end, its directory when larger than the end, then the entries
 * in order), keeping only the end and the directory in memory.
 */
export async function inspectArchive(source: SequentialSource, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<ArchiveProblem | null> {
  try {
    const entries = await readDirectory(source, limits);
    judgeClaims(entries, limits);
    await verifyEntries(source, entries);
    return null;
  } catch (err) {
    if (err instanceof Refusal) return err.problem;
    throw err;
  }
}

// ---- the central directory ----

async function readDirectory(source: SequentialSource, limits: ArchiveLimits): Promise<Entry[]> {
  const size = source.sizeBytes;
  const tailStart = Math.max(0, size - TAIL_BYTES);
  const tail = await readRange(source, tailStart, size - tailStart);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let end = -1;
  for (let at = tail.byteLength - EOCD_SIZE; at >= 0; at--) {
    // The end record whose comment reaches exactly to the end of the file.
    if (view.getUint32(at, true) === EOCD && at + EOCD_SIZE + view.getUint16(at + 20, true) === tail.byteLength) {
      end = at;
      break;
    }
  }
  if (end === -1) throw unreadable('找不到目录结尾', 'no end of central directory');
  let count = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_LOCATOR) throw unreadable('ZIP64 定位记录缺失', 'ZIP64 locator missing');
    const record = await readRange(source, u64(view, locator + 8), 56);
    const r = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (record.byteLength < 56 || r.getUint32(0, true) !== ZIP64_EOCD) throw unreadable('ZIP64 目录结尾无效', 'invalid ZIP64 end record');
    count = u64(r, 32);
    directorySize = u64(r, 40);
    directoryOffset = u64(r, 48);
  }
  if (count > limits.maxEntries) throw bomb(`包含 ${count} 个文件，超过上限 ${limits.maxEntries} 个`, `it holds ${count} entries, over the limit of ${limits.maxEntries}`);
  if (directorySize > MAX_DIRECTORY_BYTES) throw bomb(`目录大小 ${gb(directorySize)}，超过上限`, `its directory takes ${gb(directorySize)}, over the limit`);
  if (directoryOffset + directorySize > tailStart + end) throw unreadable('目录超出文件范围', 'the directory lies outside the file');

  const directory =
    directoryOffset >= tailStart ? tail.subarray(directoryOffset - tailStart, directoryOffset - tailStart + directorySize) : await readRange(source, directoryOffset, directorySize);
  const d = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  let at = 0;
  while (at + 46 <= directory.byteLength && entries.length < count) {
    if (d.getUint32(at, true) !== CENTRAL) throw unreadable('目录项签名无效', 'bad central directory signature');
    const nameLength = d.getUint16(at + 28, true);
    const extraLength = d.getUint16(at + 30, true);
    const commentLength = d.getUint16(at + 32, true);
    if (at + 46 + nameLength + extraLength + commentLength > directory.byteLength) throw unreadable('目录项被截断', 'truncated directory entry');
    const entry: Entry = {
      name: decoder.decode(directory.subarray(at + 46, at + 46 + nameLength)),
      flags: d.getUint16(at + 8, true),
      method: d.getUint16(at + 10, true),
      compressedSize: d.getUint32(at + 20, true),
      uncompressedSize: d.getUint32(at + 24, true),
      localOffset: d.getUint32(at + 42, true),
    };
    applyZip64Extra(entry, d, at + 46 + nameLength, extraLength);
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (entries.length !== count) throw unreadable(`目录声明 ${count} 项，实有 ${entries.length} 项`, `the directory declares ${count} entries and holds ${entries.length}`);
  return entries;
}

/** The ZIP64 extended-information field (id 1) holds, in order, the sizes and offset whose 32-bit fields are 0xFFFFFFFF. */
function applyZip64Extra(entry: Entry, d: DataView, start: number, length: number): void {
  for (let at = start; at + 4 <= start + length; ) {
    const id = d.getUint16(at, true);
    const size = d.getUint16(at + 2, true);
    if (id === 1) {
      let field = at + 4;
      const next = () => {
        if (field + 8 > at + 4 + size) throw unreadable('ZIP64 扩展字段过短', 'ZIP64 extra field too short');
        const value = u64(d, field);
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localOffset === 0xffffffff) entry.localOffset = next();
      return;
    }
    at += 4 + size;
  }
}

/** A little-endian 64-bit value; beyond 2^53 it is no size a real file has, and counts as endless. */
function u64(view: DataView, at: number): number {
  if (at + 8 > view.byteLength) throw unreadable('记录被截断', 'truncated record');
  const value = view.getBigUint64(at, true);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}

// ---- the claims ----

function judgeClaims(entries: Entry[], limits: ArchiveLimits): void {
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1) throw unsupported(`“${e.name}”已加密`, `“${e.name}” is encrypted`);
    if (e.method !== 0 && e.method !== 8) throw unsupported(`“${e.name}”使用了不常见的压缩方式（${e.method}）`, `“${e.name}” uses an unusual compression method (${e.method})`);
    if (e.method === 0 && e.compressedSize !== e.uncompressedSize) throw unreadable(`“${e.name}”的大小前后不一`, `the sizes of “${e.name}” disagree`);
    total += e.uncompressedSize;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > limits.ratioGraceBytes && ratio > limits.maxRatio) {
      throw bomb(
        `其中“${e.name}”由 ${gb(e.compressedSize)} 解压后将达 ${gb(e.uncompressedSize)}（压缩比 ${Math.round(ratio)}:1，上限 ${limits.maxRatio}:1）`,
        `“${e.name}” would expand from ${gb(e.compressedSize)} to ${gb(e.uncompressedSize)} (ratio ${Math.round(ratio)}:1, limit ${limits.maxRatio}:1)`,
      );
    }
  }
  if (total > limits.maxTotalBytes) throw bomb(`解压后合计将达 ${gb(total)}，超过上限 ${gb(limits.maxTotalBytes)}`, `it would expand to ${gb(total)} in all, over the limit of ${gb(limits.maxTotalBytes)}`);
  // Each entry's local header and data must end before the next entry starts: shared data is the trick.
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < ordered.length; i++) {
    const before = ordered[i - 1]!;
    if (before.localOffset + LOCAL_HEADER_SIZE + before.compressedSize > ordered[i]!.localOffset) {
      throw bomb(`“${before.name}”与“${ordered[i]!.name}”共用同一段数据`, `“${before.name}” and “${ordered[i]!.name}” share their data`);
    }
  }
}

// ---- the content ----

/** Walks the entries in file order; every deflated one is inflated into a counter that stops past its claim. */
async function verifyEntries(source: SequentialSource, entries: Entry[]): Promise<void> {
  const ordered = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  const cursor = new Cursor(source.open());
  try {
    for (const e of ordered) {
      if (cursor.position > e.localOffset) throw bomb(`“${e.name}”与前一项重叠`, `“${e.name}” overlaps the entry before it`);
      await cursor.skip(e.localOffset - cursor.position);
      const header = await cursor.read(LOCAL_HEADER_SIZE);
      const h = new DataView(header.buffer, header.byteOffset, header.byteLength);
      if (h.getUint32(0, true) !== LOCAL) throw unreadable(`“${e.name}”的文件头无效`, `bad local header of “${e.name}”`);
      await cursor.skip(h.getUint16(26, true) + h.getUint16(28, true));
      if (e.method === 0) {
        await cursor.skip(e.compressedSize);
        continue;
      }
      const produced = await inflatedSize(cursor.take(e.compressedSize), e.uncompressedSize);
      if (produced > e.uncompressedSize) {
        throw bomb(`其中“${e.name}”解压后超过其声明的 ${gb(e.uncompressedSize)}（目录信息被篡改）`, `“${e.name}” expands beyond the ${gb(e.uncompressedSize)} it declares (a forged directory)`);
      }
      if (produced < e.uncompressedSize) throw unreadable(`“${e.name}”解压后比声明的小`, `“${e.name}” is shorter than it declares`);
    }
  } finally {
    await cursor.close();
  }
}

/** Bytes the deflated pieces expand to, counted and dropped; stops at `limit + 1`. */
async function inflatedSize(pieces: AsyncIterable<Uint8Array>, limit: number): Promise<number> {
  let produced = 0;
  const over = new Error('over the limit');
  try {
    await pipeline(
      Readable.from(pieces),
      createInflateRaw(),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          produced += chunk.byteLength;
          done(produced > limit ? over : null);
        },
      }),
    );
  } catch (err) {
    if (err === over) return produced;
    if (err instanceof Refusal) throw err;
    throw unreadable('压缩数据无法解开', 'the compressed data cannot be inflated');
  }
  return produced;
}

/** Reads `length` bytes at `offset` by streaming the source; shorter when the source ends first. */
async function readRange(source: SequentialSource, offset: number, length: number): Promise<Uint8Array> {
  const cursor = new Cursor(source.open());
  try {
    await cursor.skip(offset);
    return await cursor.read(length, true);
  } catch (err) {
    if (err instanceof Refusal) return new Uint8Array();
    throw err;
  } finally {
    await cursor.close();
  }
}

/** A position in a stream of chunks: skip, read a few bytes, or take a span piece by piece. */
class Cursor {
  position = 0;
  private pending: Uint8Array = new Uint8Array();
  private readonly chunks: AsyncIterator<Uint8Array>;

  constructor(chunks: AsyncIterable<Uint8Array>) {
    this.chunks = chunks[Symbol.asyncIterator]();
  }

  private async fill(): Promise<void> {
    while (this.pending.byteLength === 0) {
      const next = await this.chunks.next();
      if (next.done) throw unreadable('文件提前结束', 'the file ends early');
      this.pending = next.value;
    }
  }

  private advance(n: number): Uint8Array {
    const piece = this.pending.subarray(0, n);
    this.pending = this.pending.subarray(piece.byteLength);
    this.position += piece.byteLength;
    return piece;
  }

  async skip(n: number): Promise<void> {
    for (let left = n; left > 0; ) {
      await this.fill();
      left -= this.advance(left).byteLength;
    }
  }

  async read(n: number, shortAtEnd = false): Promise<Uint8Array> {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      try {
        await this.fill();
      } catch (err) {
        if (shortAtEnd && err instanceof Refusal) return out.subarray(0, filled);
        throw err;
      }
      const piece = this.advance(n - filled);
      out.set(piece, filled);
      filled += piece.byteLength;
    }
    return out;
  }

  async *take(n: number): AsyncGenerator<Uint8Array> {
    for (let left = n; left > 0; ) {
      await this.fill();
      const piece = this.advance(left);
      left -= piece.byteLength;
      yield piece;
    }
  }

  async close(): Promise<void> {
    await this.chunks.return?.();
  }
}
