/**
 * The S3 store against s3rver, an S3-compatible server in-process (path-style, on a random port),
 * and, for what s3rver does not check, against a bare HTTP server that records the requests: s3rver
 * does not verify Signature V4 (verified here independently), and it commits whatever part of an
 * aborted upload it received, where S3, MinIO and Ceph discard a PUT whose body falls short of its
 * Content-Length (so "a failed upload stores nothing" is checked as "the body is cut short").
 */
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import S3rver from 's3rver';
import type { S3Config } from '../../src/adapters/files/index.ts';
import { FileNotFoundError, FileSizeMismatchError, InvalidFileKeyError, ObjectStorageError, S3Store, makeFileStore } from '../../src/adapters/files/index.ts';
import { pseudoRandomBytes } from './samples.ts';

const BUCKET = 'attachments';
let dir: string;
let server: S3rver;
let config: S3Config;
let store: S3Store;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 's3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await server.run();
  // s3rver's built-in account.
  config = { endpoint: `http://127.0.0.1:${port}/`, bucket: BUCKET, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  store = new S3Store(config);
});
after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

async function* chunksOf(content: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < content.length; i += size) yield content.slice(i, i + size);
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return Buffer.concat(parts);
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

test('round trip of a 5 MiB file written in chunks: same size, same bytes, same SHA-256', async () => {
  const content = pseudoRandomBytes(5 * 1024 * 1024 + 17);
  await store.put('applications/2024/a1', chunksOf(content, 64 * 1024 + 3), content.length);
  const { stream, sizeBytes } = await store.open('applications/2024/a1');
  assert.equal(sizeBytes, content.length);
  const back = await readAll(stream);
  assert.equal(sha256(back), sha256(content));
  assert.ok(back.equals(content));
});

test('an empty file round-trips', async () => {
  await store.put('empty', chunksOf(new Uint8Array(0)), 0);
  const { stream, sizeBytes } = await store.open('empty');
  assert.equal(sizeBytes, 0);
  assert.equal((await readAll(stream)).length, 0);
});

test('put overwrites', async () => {
  await store.put('over/write', chunksOf(Buffer.from('first version')), 13);
  await store.put('over/write', chunksOf(Buffer.from('第二版')), Buffer.byteLength('第二版'));
  const { stream, sizeBytes } = await store.open('over/write');
  assert.equal(sizeBytes, 9);
  assert.equal((await readAll(stream)).toString(), '第二版');
});

test('delete removes the object; deleting again is fine; opening it fails with FileNotFoundError', async () => {
  await store.put('to/delete', chunksOf(Buffer.from('x')), 1);
  await store.delete('to/delete');
  await store.delete('to/delete');
  await assert.rejects(store.open('to/delete'), (error: unknown) => error instanceof FileNotFoundError && error.key === 'to/delete');
});

test('bad keys are refused before any request', async () => {
  for (const key of ['../x', 'a/../b', '/abs', 'a//b', 'A', 'a.pdf', 'a?b', 'a%2fb', '']) {
    await assert.rejects(store.put(key, chunksOf(Buffer.from('x')), 1), InvalidFileKeyError);
    await assert.rejects(store.open(key), InvalidFileKeyError);
    await assert.rejects(store.delete(key), InvalidFileKeyError);
  }
});

test('an upload whose content fails midway or does not match its size fails with the content’s error', async () => {
  async function* failing(): AsyncGenerator<Uint8Array> {
    yield pseudoRandomBytes(1024 * 1024);
    throw new Error('client went away');
  }
  await assert.rejects(store.put('crash/one', failing(), 3 * 1024 * 1024), /client went away/);
  await assert.rejects(store.put('size/long', chunksOf(Buffer.from('12345')), 4), FileSizeMismatchError);
  await assert.rejects(store.put('size/short', chunksOf(Buffer.from('123')), 4), FileSizeMismatchError);
});

test('errors name the HTTP status and S3 error code', async () => {
  const noBucket = new S3Store({ ...config, bucket: 'no-such-bucket' });
  await assert.rejects(noBucket.open('x'), (error: unknown) => {
    assert.ok(error instanceof ObjectStorageError);
    assert.equal(error.status, 404);
    assert.equal(error.s3Code, 'NoSuchBucket');
    assert.match(error.message, /^S3 GET x in bucket no-such-bucket failed: HTTP 404 NoSuchBucket: /);
    return true;
  });
  const stranger = new S3Store({ ...config, accessKeyId: 'nobody' });
  await assert.rejects(stranger.put('x', chunksOf(Buffer.from('x')), 1), (error: unknown) => {
    assert.ok(error instanceof ObjectStorageError);
    assert.equal(error.status, 403);
    assert.equal(error.s3Code, 'InvalidAccessKeyId');
    assert.match(error.message, /HTTP 403 InvalidAccessKeyId/);
    return true;
  });
});

test('an unreachable endpoint is an ObjectStorageError without status', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  const down = new S3Store({ ...config, endpoint: `http://127.0.0.1:${port}` });
  await assert.rejects(down.delete('x'), (error: unknown) => error instanceof ObjectStorageError && error.status === null && /ECONNREFUSED/.test(error.message));
  await assert.rejects(down.put('x', chunksOf(Buffer.from('abc')), 3), (error: unknown) => error instanceof ObjectStorageError && error.status === null);
});

test('the configuration is checked', () => {
  assert.throws(() => new S3Store({ ...config, endpoint: 'minio:9000' }), /http\(s\)|not a URL/);
  assert.throws(() => new S3Store({ ...config, endpoint: 'http://minio:9000/?x=1' }), /query/);
  assert.throws(() => new S3Store({ ...config, endpoint: 'http://key:secret@minio:9000' }), /credentials/);
  assert.throws(() => new S3Store({ ...config, bucket: 'Bad_Bucket' }), /bucket/);
  assert.throws(() => new S3Store({ ...config, region: '' }), /region/);
});

test('makeFileStore: the S3 store when S3 is configured', () => {
  const made = makeFileStore({ dataDir: dir, s3: config });
  assert.ok(made instanceof S3Store);
  assert.equal(made.describe(), `s3 ${config.endpoint.replace(/\/$/, '')} bucket ${BUCKET}`);
});

// ---- on the wire ----

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  bodyBytes: number;
  /** Whether the whole body arrived (false: the client cut the connection short). */
  complete: boolean;
}

/** A bare HTTP server answering 200 (204 to DELETE) and recording each request once it closes. */
async function recordingServer(): Promise<{ endpoint: string; requests: Recorded[]; closed(count: number): Promise<void>; stop(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
    req.on('end', () => {
      res.statusCode = req.method === 'DELETE' ? 204 : 200;
      res.end();
    });
    req.on('close', () => requests.push({ method: req.method!, url: req.url!, headers: req.headers, bodyBytes, complete: req.complete }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    async closed(count) {
      while (requests.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
/** Verifies an AWS Signature V4 `Authorization` header against the request as received. */
function verifySigV4(request: Recorded, secretAccessKey: string): { ok: boolean; scope: string; signedHeaders: string[] } {
  const auth = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(request.headers.authorization));
  assert.ok(auth, `Authorization header: ${request.headers.authorization}`);
  const [, , scope, signedHeaderList, signature] = auth;
  const signedHeaders = signedHeaderList!.split(';');
  const [pathPart, query = ''] = request.url.split('?');
  const canonicalQuery = query
    .split('&')
    .filter(Boolean)
    .sort()
    .join('&');
  const canonicalHeaders = signedHeaders.map((h) => `${h}:${String(request.headers[h]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [request.method, pathPart, canonicalQuery, canonicalHeaders, signedHeaderList, request.headers['x-amz-content-sha256']].join('\n');
  const amzDate = String(request.headers['x-amz-date']);
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  const [date, region, service, terminator] = scope!.split('/');
  let key: Buffer = createHmac('sha256', `AWS4${secretAccessKey}`).update(date!).digest();
  for (const part of [region!, service!, terminator!]) key = createHmac('sha256', key).update(part).digest();
  const expected = createHmac('sha256', key).update(stringToSign).digest('hex');
  return { ok: expected === signature, scope: scope!, signedHeaders };
}

test('on the wire: a path-style, correctly signed PUT with Content-Length and an unsigned payload', async () => {
  const recorder = await recordingServer();
  try {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const s3 = new S3Store({ endpoint: `${recorder.endpoint}/storage`, bucket: 'my-bucket', region: 'cn-north-1', accessKeyId: 'AKIDEXAMPLE', secretAccessKey: secret });
    const content = pseudoRandomBytes(200_000);
    await s3.put('applications/7/a1', chunksOf(content, 10_000), content.length);
    await s3.delete('applications/7/a1');
    await recorder.closed(2);

    const [put, del] = recorder.requests;
    assert.equal(put!.method, 'PUT');
    assert.equal(put!.url, '/storage/my-bucket/applications/7/a1');
    assert.equal(put!.headers['content-length'], String(content.length));
    assert.equal(put!.headers['transfer-encoding'], undefined); // S3 refuses chunked uploads without a length
    assert.equal(put!.headers['x-amz-content-sha256'], 'UNSIGNED-PAYLOAD');
    assert.equal(put!.bodyBytes, content.length);
    assert.ok(put!.complete);
    const signed = verifySigV4(put!, secret);
    assert.ok(signed.ok, 'the signature verifies');
    assert.match(signed.scope, /^\d{8}\/cn-north-1\/s3\/aws4_request$/);
    assert.deepEqual(signed.signedHeaders, ['host', 'x-amz-content-sha256', 'x-amz-date']);
    assert.ok(!verifySigV4(put!, 'another secret').ok, 'a wrong secret does not verify');

    assert.equal(del!.method, 'DELETE');
    assert.equal(del!.url, '/storage/my-bucket/applications/7/a1');
    assert.ok(verifySigV4(del!, secret).ok);
  } finally {
    await recorder.stop();
  }
});

test('on the wire: when the content fails midway the body is cut short of its Content-Length, so S3 stores nothing', async () => {
  const recorder = await recordingServer();
  try {
    const s3 = new S3Store({ endpoint: recorder.endpoint, bucket: 'b-1', region: 'us-east-1', accessKeyId: 'a', secretAccessKey: 'b' });
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield pseudoRandomBytes(256 * 1024);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the first part reach the server
      throw new Error('client went away');
    }
    await assert.rejects(s3.put('x', failing(), 1024 * 1024), /client went away/);
    await recorder.closed(1);
    const [put] = recorder.requests;
    assert.equal(put!.headers['content-length'], String(1024 * 1024));
    assert.equal(put!.complete, false);
    assert.ok(put!.bodyBytes < 1024 * 1024);
  } finally {
    await recorder.stop();
  }
});
