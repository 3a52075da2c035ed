import { test } from 'node:test';
import assert from 'node:assert/strict';
import { acceptFor, formatBytes, MAX_RETRIES, nextRange, retryDelay, runUpload, type FailureKind, type UploadProgress, type UploadState, type UploadTransport } from './upload.ts';

test('chunks follow the server’s offset and size', () => {
  assert.deepEqual(nextRange(10, 0, 4), { start: 0, end: 4 });
  assert.deepEqual(nextRange(10, 8, 4), { start: 8, end: 10 });
  assert.equal(nextRange(10, 10, 4), null);
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(retryDelay), [1000, 2000, 4000, 8000, 15000, 15000, 15000]);
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5 MB');
  assert.equal(acceptFor(['pdf', 'jpg']), '.pdf,.jpg,.jpeg');
});

class Dropped extends Error {}
class Refused extends Error {}
class Mismatch extends Error {
  constructor(readonly receivedBytes: number) {
    super('offset_mismatch');
  }
}

/** A server in memory that keeps what it receives; `failures` decides which requests fail. */
function fakeServer(size: number, chunkBytes: number, failures: (call: string, n: number) => Error | null) {
  let received = 0;
  let put = 0;
  const calls: string[] = [];
  const state = (): UploadState => ({ id: 'u1', fileName: 'a.pdf', sizeBytes: size, receivedBytes: received, chunkBytes, expiresAt: '' });
  const transport: UploadTransport<{ id: string }> = {
    async create() {
      calls.push('create');
      return state();
    },
    async put(_id, offset, bytes) {
      put += 1;
      calls.push(`put@${offset}`);
      const failure = failures('put', put);
      if (failure instanceof Dropped && failure.message === 'after') {
        received = offset + bytes.size; // arrived, but the answer was lost
        throw failure;
      }
      if (failure) throw failure;
      if (offset !== received) throw new Mismatch(received);
      received = offset + bytes.size;
      return state();
    },
    async status() {
      calls.push('status');
      return state();
    },
    async complete() {
      calls.push('complete');
      if (received !== size) throw new Refused('incomplete');
      return { id: 'a1' };
    },
    classify(error): FailureKind {
      if (error instanceof Mismatch) return { kind: 'offset', receivedBytes: error.receivedBytes };
      if (error instanceof Dropped) return { kind: 'transient' };
      return { kind: 'fatal' };
    },
    sleep: async () => {},
  };
  return { transport, calls, received: () => received };
}

const file = (size: number) => ({ name: 'a.pdf', size, slice: (start: number, end: number) => new Blob([new Uint8Array(end - start)]) });

test('a file goes up chunk by chunk and is completed', async () => {
  const server = fakeServer(10, 4, () => null);
  const progress: UploadProgress[] = [];
  assert.deepEqual(await runUpload(file(10), server.transport, (p) => progress.push(p)), { id: 'a1' });
  assert.deepEqual(server.calls, ['create', 'put@0', 'put@4', 'put@8', 'complete']);
  assert.deepEqual(progress.map((p) => p.percent), [0, 40, 80, 100]);
});

test('after a dropped connection it asks where the server stands and goes on from there', async () => {
  // The second chunk arrives but its answer is lost; then the third fails outright once.
  const server = fakeServer(10, 4, (call, n) => (n === 2 ? new Dropped('after') : n === 3 ? new Dropped('before') : null));
  const progress: UploadProgress[] = [];
  await runUpload(file(10), server.transport, (p) => progress.push(p));
  assert.deepEqual(server.calls, ['create', 'put@0', 'put@4', 'status', 'put@8', 'status', 'put@8', 'complete']);
  assert.ok(progress.some((p) => p.retry === 1));
  assert.equal(progress.at(-1)?.retry, 0);
});

test('an offset the server does not expect continues from the server’s', async () => {
  const server = fakeServer(10, 4, () => null);
  // The server already has 4 bytes (an earlier attempt): the client starts at 0 and is told 4.
  await server.transport.put('u1', 0, new Blob([new Uint8Array(4)]));
  server.calls.length = 0;
  const transport = { ...server.transport, create: async () => ({ id: 'u1', fileName: 'a.pdf', sizeBytes: 10, receivedBytes: 0, chunkBytes: 4, expiresAt: '' }) };
  await runUpload(file(10), transport);
  assert.deepEqual(server.calls, ['put@0', 'put@4', 'put@8', 'complete']);
});

test('a refusal stops at once, and a connection that never comes back gives up after a few tries', async () => {
  const refused = fakeServer(10, 4, (_c, n) => (n === 1 ? new Refused('too big') : null));
  await assert.rejects(runUpload(file(10), refused.transport), Refused);
  assert.deepEqual(refused.calls, ['create', 'put@0']);

  const offline = fakeServer(10, 4, () => new Dropped('before'));
  await assert.rejects(runUpload(file(10), offline.transport), Dropped);
  assert.equal(offline.calls.filter((c) => c === 'put@0').length, MAX_RETRIES + 1);
});

test('cancelling stops the upload', async () => {
  const controller = new AbortController();
  const server = fakeServer(10, 4, () => null);
  const transport = { ...server.transport, put: async (id: string, offset: number, bytes: Blob) => {
    const s = await server.transport.put(id, offset, bytes);
    controller.abort();
    return s;
  } };
  await assert.rejects(runUpload(file(10), transport, () => {}, controller.signal));
  assert.deepEqual(server.calls, ['create', 'put@0']);
});
