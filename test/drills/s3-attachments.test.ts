/**
 * Drill: attachments in S3-compatible object storage, through the real server. The server runs with
 * S3_ENDPOINT etc. pointing at an s3rver started here, and goes through the attachment cases of the
 * data-folder store (test/http/applications.test.ts): chunked, resumable upload; content checks;
 * download byte for byte with the file's name; who may download and who may not; nothing written to
 * the data folder; every attachment's content in the bucket. Then the storage goes away and comes
 * back: requests fail with 5xx meanwhile, the server stays up, and works again afterwards.
 *
 * Runs on both databases: with TEST_DATABASE_URL a fresh database on that server, without it the
 * embedded one in the server's data folder (prepared before the server starts, checked after it stops).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import S3rver from 's3rver';
import { S3Store } from '../../src/adapters/files/index.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/adapters/postgres/database.ts';
import { migrateToLatest } from '../../src/adapters/postgres/migrate.ts';
import { FORM, REQUIRED, pdfBytes, upload } from '../support/applicants.ts';
import type { Client } from '../support/platform.ts';
import { clientOn, drillPlatform, halfWritten, migratedDatabase, sha256, startServer, type ServerProcess, type SharedSettings } from '../support/drills.ts';

const ADMIN_URL = process.env.TEST_DATABASE_URL;
const BUCKET = 'attachments';

let work: string;
let s3dir: string;
let s3: S3rver;
let s3port: number;
let settings: SharedSettings & { s3: NonNullable<SharedSettings['s3']> };
let databaseUrl: string | undefined;
let closeDatabase: () => Promise<void> = async () => {};
let callId: string;
let server: ServerProcess;
let owner: Client;
let other: Client;
let city: Client;
let otherCity: Client;
let applicationId: string;
let revision: number;

function exeBytes(): Uint8Array {
  const b = new Uint8Array(1024);
  b.set([0x4d, 0x5a], 0);
  b.set([0x80, 0, 0, 0], 0x3c);
  b.set([0x50, 0x45, 0, 0, 0x4c, 0x01], 0x80);
  return b;
}

async function startS3(port = 0): Promise<number> {
  s3 = new S3rver({ address: '127.0.0.1', port, silent: true, directory: s3dir, configureBuckets: [{ name: BUCKET }] });
  return (await s3.run()).port;
}

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-s3-'));
  s3dir = path.join(work, 's3');
  fs.mkdirSync(s3dir);
  s3port = await startS3();
  const dataDir = path.join(work, 'data');
  fs.mkdirSync(dataDir);
  // s3rver's built-in account.
  settings = { dataDir, s3: { endpoint: `http://127.0.0.1:${s3port}/`, bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } };

  let handle: DatabaseHandle;
  if (ADMIN_URL) {
    const db = await migratedDatabase(ADMIN_URL, 'drill_s3');
    handle = db;
    databaseUrl = db.url;
    closeDatabase = () => db.close();
  } else {
    handle = await openPglite(dataDir);
    await migrateToLatest(handle.db);
  }
  const p = await drillPlatform(handle, settings);
  callId = p.callId;
  const accounts = {
    owner: await p.applicant('130100', '石家庄对象存储演练公司'),
    other: await p.applicant('130100', '石家庄另一家演练公司'),
    city: await p.account('city_officer', '130100'),
    otherCity: await p.account('city_officer', '130200'),
  };
  // The embedded database allows one process: the server takes it over from here.
  if (!ADMIN_URL) await handle.close();
  server = await startServer({ name: 'server (S3)', databaseUrl, settings, env: { UPLOAD_CHUNK_BYTES: String(64 * 1024), MAX_APPLICATION_MB: '2' } });
  owner = await clientOn(server.base, accounts.owner);
  other = await clientOn(server.base, accounts.other);
  city = await clientOn(server.base, accounts.city);
  otherCity = await clientOn(server.base, accounts.otherCity);
  const draft = await owner.post('/api/applications', { callId });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  applicationId = draft.body.id;
  const saved = await owner.put(`/api/applications/${applicationId}/draft`, { revision: draft.body.revision, formData: FORM });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  revision = saved.body.revision;
});
after(async () => {
  await server?.stop();
  await closeDatabase();
  await s3?.close().catch(() => {});
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('a chunked upload resumes after a lost chunk, lands in the bucket, and downloads byte for byte with its name', async () => {
  const data = new Uint8Array(150 * 1024);
  data.set(pdfBytes('resume over S3'), 0);
  for (let i = 2000; i < data.length; i++) data[i] = (i * 13) & 0xff;
  const created = await owner.post('/api/uploads', { purpose: 'application', applicationId, requirementId: 'credentials', fileName: '../../证明.pdf', sizeBytes: data.byteLength });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.fileName, '证明.pdf', 'the path is stripped from the name');
  const chunk = created.body.chunkBytes as number;
  assert.equal(chunk, 64 * 1024);
  assert.equal((await owner.binary('PUT', `/api/uploads/${created.body.id}?offset=0`, data.subarray(0, chunk))).status, 200);
  const skipped = await owner.binary('PUT', `/api/uploads/${created.body.id}?offset=${2 * chunk}`, data.subarray(2 * chunk, 3 * chunk));
  assert.equal(skipped.status, 409);
  assert.equal(skipped.body.receivedBytes, chunk, 'the server says where to continue');
  for (let offset = chunk; offset < data.byteLength; offset += chunk) {
    assert.equal((await owner.binary('PUT', `/api/uploads/${created.body.id}?offset=${offset}`, data.subarray(offset, offset + chunk))).status, 200);
  }
  const done = await owner.post(`/api/uploads/${created.body.id}/complete`);
  assert.equal(done.status, 201, JSON.stringify(done.body));
  assert.equal(done.body.sizeBytes, data.byteLength);
  assert.equal(done.body.sha256, sha256(data));
  const back = await owner.binary('GET', `/api/attachments/${done.body.id}/download`);
  assert.equal(back.status, 200);
  assert.ok(back.bytes.equals(Buffer.from(data)), 'the same bytes');
  assert.match(back.headers.get('content-disposition')!, /filename\*=UTF-8''%E8%AF%81%E6%98%8E\.pdf/);
  assert.deepEqual(fs.existsSync(path.join(settings.dataDir, 'files')) ? fs.readdirSync(path.join(settings.dataDir, 'files'), { recursive: true }) : [], [], 'nothing in the data folder');
});

test('a disguised executable and an oversize file are refused before anything is stored', async () => {
  const exe = await upload(owner, applicationId, 'application-form', exeBytes(), '申报书.pdf');
  assert.equal(exe.status, 400);
  assert.equal(exe.body.errors[0].code, 'file_type');
  assert.match(exe.body.errors[0].messages['zh-CN'], /文件内容是 EXE.*只接受 PDF/);
  const big = await owner.post('/api/uploads', { purpose: 'application', applicationId, requirementId: 'business-licence', fileName: 'licence.pdf', sizeBytes: 11 * 1024 * 1024 });
  assert.equal(big.status, 400);
  assert.equal(big.body.errors[0].code, 'file_too_large');
  const total = await owner.post('/api/uploads', { purpose: 'application', applicationId, requirementId: 'application-form', fileName: 'big.pdf', sizeBytes: 3 * 1024 * 1024 });
  assert.equal(total.status, 400, 'the per-application limit (2 MB here) holds');
  assert.equal(total.body.errors[0].code, 'application_too_large');
});

test('only those who may see the application download its attachments from the bucket', async () => {
  for (const req of REQUIRED) assert.equal((await upload(owner, applicationId, req, pdfBytes(`S3 ${req}`))).status, 201, req);
  const submitted = await owner.post(`/api/applications/${applicationId}/submit`, { revision, commitment: { signatoryName: '法定代表人', accepted: true } });
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  const attachments = (await owner.get(`/api/applications/${applicationId}`)).body.attachments as { id: string; requirementId: string }[];
  const first = attachments.find((a) => a.requirementId === REQUIRED[0])!;
  assert.equal((await other.binary('GET', `/api/attachments/${first.id}/download`)).status, 403, 'another enterprise');
  assert.equal((await otherCity.binary('GET', `/api/attachments/${first.id}/download`)).status, 403, 'another city');
  assert.equal((await (await clientOn(server.base)).binary('GET', `/api/attachments/${first.id}/download`)).status, 401, 'nobody signed in');
  for (const a of attachments) {
    const down = await city.binary('GET', `/api/attachments/${a.id}/download`);
    assert.equal(down.status, 200, `the city reads ${a.requirementId}`);
    if (REQUIRED.includes(a.requirementId)) assert.equal(sha256(down.bytes), sha256(pdfBytes(`S3 ${a.requirementId}`)), `${a.requirementId}: the bytes uploaded`);
  }
});

test('when the object storage goes away, attachment requests fail with 5xx, the server stays up, and all works again once it is back', async () => {
  const draft = await other.post('/api/applications', { callId });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  const data = pdfBytes('written while the storage is down');
  const created = await other.post('/api/uploads', { purpose: 'application', applicationId: draft.body.id, requirementId: 'application-form', fileName: 'form.pdf', sizeBytes: data.byteLength });
  assert.equal(created.status, 201);
  assert.equal((await other.binary('PUT', `/api/uploads/${created.body.id}?offset=0`, data)).status, 200, 'chunks are staged in the database');
  const existing = ((await owner.get(`/api/applications/${applicationId}`)).body.attachments as { id: string }[])[0]!;

  await s3.close();
  const down = await owner.binary('GET', `/api/attachments/${existing.id}/download`);
  assert.ok(down.status >= 500, `a download without storage: ${down.status}`);
  const complete = await other.post(`/api/uploads/${created.body.id}/complete`);
  assert.ok(complete.status >= 500, `completing an upload without storage: ${complete.status} ${JSON.stringify(complete.body)}`);
  assert.equal((await other.get(`/api/applications/${draft.body.id}`)).body.attachments.length, 0, 'no attachment without its content');
  console.log(`# storage down: download ${down.status} ${down.body?.code ?? ''}, upload completion ${complete.status} ${complete.body?.code ?? ''}`);
  assert.ok(server.alive(), 'the server is still running');
  assert.equal((await owner.get('/api/auth/session')).body.authenticated, true, 'and answers what needs no storage');

  await startS3(s3port);
  const again = await owner.binary('GET', `/api/attachments/${existing.id}/download`);
  assert.equal(again.status, 200, 'downloads work again');
  const retried = await other.post(`/api/uploads/${created.body.id}/complete`);
  assert.equal(retried.status, 201, `the same upload completes on retry: ${JSON.stringify(retried.body)}`);
  const back = await other.binary('GET', `/api/attachments/${retried.body.id}/download`);
  assert.ok(back.bytes.equals(Buffer.from(data)), 'with its bytes');
});

test('after the server stops: every attachment row has its content in the bucket, and the city’s downloads were audited', async () => {
  await server.stop();
  const handle = databaseUrl ? openPostgres(databaseUrl, 2) : await openPglite(settings.dataDir);
  try {
    assert.deepEqual(await halfWritten(handle.db, new S3Store({ ...settings.s3, region: 'us-east-1' }), callId), [], 'every attachment whole in the bucket');
    const audited = await handle.db.selectFrom('audit_event').select('id').where('action', '=', 'attachment.downloaded').execute();
    assert.ok(audited.length >= REQUIRED.length, `the city's downloads of another organization's files are audited (${audited.length})`);
    const rows = await handle.db.selectFrom('attachment').select('storage_key').execute();
    console.log(`# ${rows.length} attachments, all in the bucket ${BUCKET}; nothing in the data folder`);
    assert.equal(fs.existsSync(path.join(settings.dataDir, 'files')), false, 'the data folder holds no attachment');
  } finally {
    await handle.close();
  }
});
