import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DataFolderStore, FileNotFoundError, FileSizeMismatchError, InvalidFileKeyError, makeFileStore } from '../../src/adapters/files/index.ts';
import { pseudoRandomBytes } from './samples.ts';

let root: string;
let store: DataFolderStore;

before(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'file-store-'));
  store = new DataFolderStore(path.join(root, 'files'));
});
after(() => rm(root, { recursive: true, force: true }));

/** The content in chunks of `size` bytes, each a fresh copy (as a request body would deliver them). */
async function* chunksOf(content: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < content.length; i += size) yield content.slice(i, i + size);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file and folder below `dir`, relative, sorted. */
async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

test('round trip of a 5 MiB file written in chunks: same size, same bytes, same SHA-256', async () => {
  const content = pseudoRandomBytes(5 * 1024 * 1024 + 17);
  await store.put('applications/2024/a1', chunksOf(content, 64 * 1024 + 3), content.length);
  const { stream, sizeBytes } = await store.open('applications/2024/a1');
  assert.equal(sizeBytes, content.length);
  const back = await readAll(stream);
  assert.equal(back.length, content.length);
  assert.equal(sha256(back), sha256(content));
  assert.ok(back.equals(content));
  assert.deepEqual(await listing(store.root), ['applications', 'applications/2024', 'applications/2024/a1.bin']);
});

test('the stored file is readable by its owner only', async () => {
  await store.put('private/x', chunksOf(Buffer.from('secret')), 6);
  if (process.platform !== 'win32') assert.equal((await stat(path.join(store.root, 'private/x.bin'))).mode & 0o777, 0o600);
});

test('an empty file round-trips', async () => {
  await store.put('empty', chunksOf(new Uint8Array(0)), 0);
  const { stream, sizeBytes } = await store.open('empty');
  assert.equal(sizeBytes, 0);
  assert.equal((await readAll(stream)).length, 0);
});

test('put overwrites; a reader that opened before keeps the old content whole', async () => {
  const first = pseudoRandomBytes(300_000, 'first');
  const second = Buffer.from('第二版 second version');
  await store.put('over/write', chunksOf(first), first.length);
  const before = await store.open('over/write');
  await store.put('over/write', chunksOf(second), second.length);
  const now = await store.open('over/write');
  assert.equal(now.sizeBytes, second.length);
  assert.equal((await readAll(now.stream)).toString(), '第二版 second version');
  assert.equal(before.sizeBytes, first.length);
  assert.ok((await readAll(before.stream)).equals(first));
});

test('delete removes the object; deleting again is fine; opening it fails with FileNotFoundError', async () => {
  await store.put('to/delete', chunksOf(Buffer.from('x')), 1);
  await store.delete('to/delete');
  await store.delete('to/delete');
  await assert.rejects(store.open('to/delete'), (error: unknown) => error instanceof FileNotFoundError && error.key === 'to/delete');
  await assert.rejects(store.open('never/written'), FileNotFoundError);
});

test('a key and a folder of the same name can both hold objects, as on S3', async () => {
  await store.put('a', chunksOf(Buffer.from('A')), 1);
  await store.put('a/b', chunksOf(Buffer.from('B')), 1);
  assert.equal((await readAll((await store.open('a')).stream)).toString(), 'A');
  assert.equal((await readAll((await store.open('a/b')).stream)).toString(), 'B');
});

test('bad keys are refused before anything is touched', async () => {
  const bad = ['', '../x', 'a/../../x', '..', 'a/..', './a', 'a/./b', '/abs', 'a//b', 'a/', 'A', 'Upper/case', 'a.pdf', 'a b', 'a\\b', '_a', '-a', 'a\0b', '报告', 'x'.repeat(201), 'a/'.repeat(256) + 'b'];
  for (const key of bad) {
    await assert.rejects(store.put(key, chunksOf(Buffer.from('x')), 1), InvalidFileKeyError, JSON.stringify(key));
    await assert.rejects(store.open(key), InvalidFileKeyError, JSON.stringify(key));
    await assert.rejects(store.delete(key), InvalidFileKeyError, JSON.stringify(key));
  }
  for (const key of ['a', '0', 'applications/2024/att_1-b', 'x'.repeat(200), 'ab/'.repeat(170) + 'c']) await store.put(key, chunksOf(Buffer.from('x')), 1);
  assert.ok((await listing(root)).every((p) => p.startsWith('files')), 'nothing outside the store');
});

test('a write that fails midway leaves no object and no temporary file', async () => {
  async function* failing(): AsyncGenerator<Uint8Array> {
    yield pseudoRandomBytes(1024 * 1024);
    yield pseudoRandomBytes(1024 * 1024, 'again');
    throw new Error('client went away');
  }
  await assert.rejects(store.put('crash/one', failing(), 5 * 1024 * 1024), /client went away/);
  await assert.rejects(store.open('crash/one'), FileNotFoundError);
  assert.deepEqual(await listing(path.join(store.root, 'crash')), []);
});

test('a failed overwrite keeps the previous content', async () => {
  await store.put('keep/me', chunksOf(Buffer.from('original')), 8);
  async function* failing(): AsyncGenerator<Uint8Array> {
    yield Buffer.from('half of the new');
    throw new Error('disconnected');
  }
  await assert.rejects(store.put('keep/me', failing(), 100), /disconnected/);
  assert.equal((await readAll((await store.open('keep/me')).stream)).toString(), 'original');
  assert.deepEqual(await listing(path.join(store.root, 'keep')), ['me.bin']);
});

test('content longer or shorter than announced is refused and not stored', async () => {
  await assert.rejects(store.put('size/long', chunksOf(Buffer.from('12345')), 4), (e: unknown) => e instanceof FileSizeMismatchError && e.expected === 4);
  await assert.rejects(store.put('size/short', chunksOf(Buffer.from('123')), 4), (e: unknown) => e instanceof FileSizeMismatchError && e.actual === 3);
  await assert.rejects(store.put('size/negative', chunksOf(Buffer.from('')), -1), RangeError);
  assert.deepEqual(await listing(path.join(store.root, 'size')), []);
});

test('a process killed mid-write leaves no object under its key', async () => {
  const dir = path.join(root, 'killed');
  const storeModule = fileURLToPath(new URL('../../src/adapters/files/data-folder-store.ts', import.meta.url));
  // The child writes 1 MiB, says so, then waits forever for the rest: killed there, like a crash.
  const script = `
    import { DataFolderStore } from ${JSON.stringify(storeModule)};
    const store = new DataFolderStore(${JSON.stringify(dir)});
    async function* chunks() {
      yield new Uint8Array(1024 * 1024).fill(7);
      await new Promise((r) => setTimeout(r, 50));
      process.stdout.write('written\\n');
      await new Promise(() => setInterval(() => {}, 1000));
    }
    await store.put('victim', chunks(), 4 * 1024 * 1024);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => data.toString().includes('written') && resolve());
    child.on('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
  });
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));

  const killedStore = new DataFolderStore(dir);
  await assert.rejects(killedStore.open('victim'), FileNotFoundError);
  // What remains is the hidden temporary file with the partial content, never `victim.bin`.
  const left = await listing(dir);
  assert.equal(left.length, 1);
  assert.match(left[0]!, /^\.victim\.[0-9a-f-]{36}\.tmp$/);
});

test('makeFileStore: the data folder store in <dataDir>/files without S3 settings', () => {
  const made = makeFileStore({ dataDir: root });
  assert.ok(made instanceof DataFolderStore);
  assert.equal(made.describe(), `data folder ${path.join(root, 'files')}`);
});
