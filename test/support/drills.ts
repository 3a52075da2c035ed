/**
 * Helpers of the failure drills (test/drills): the real server as a child process (killable with
 * SIGKILL: it is spawned as `node --import tsx`, one process, not through npx or the tsx CLI, which
 * would put a parent in between that a kill -9 would hit instead), the platform in-process on the
 * same database to prepare records quickly, a round-robin proxy, a private PostgreSQL cluster the
 * drill may restart without disturbing anyone else, and the consistency checks the drills share.
 */
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../../src/adapters/http/app.ts';
import { openPostgres, type DatabaseHandle } from '../../src/adapters/postgres/database.ts';
import { currentMigration, migrateToLatest } from '../../src/adapters/postgres/migrate.ts';
import type { Database } from '../../src/adapters/postgres/schema.ts';
import { programFilesToLoad } from '../../src/adapters/programs/files.ts';
import { makeDeps } from '../../src/main/compose.ts';
import type { Role } from '../../src/core/roles.ts';
import { seedDemoCalls } from '../../src/use-cases/applicants/demo.ts';
import type { Deps } from '../../src/use-cases/ports.ts';
import { syncProgramFiles } from '../../src/use-cases/programs/programs.ts';
import { seedReferenceOrganizations } from '../../src/use-cases/seed.ts';
import type { FileStore } from '../../src/use-cases/ports.ts';
import { FORM, PROFILE, REQUIRED, pdfBytes } from './applicants.ts';
import { Client, PASSWORD, recordFactories, TestClock, type TestPlatform } from './platform.ts';
import { remoteClient } from './remote.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const PROGRAM = 'hebei-2016-internet-plus';
export const CHECKLIST = ['identity', 'seals', 'investment', 'declarations', 'onsite'].map((id) => ({ id, checked: true, note: '已核实' }));

/**
 * The server drills need a PostgreSQL server: node:test may not skip (our rules), so a file that
 * needs one stops here, loudly, when TEST_DATABASE_URL is unset. CI always sets it for test:drills.
 */
export function requirePostgres(file: string): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      `${path.basename(file)} 需要 PostgreSQL 服务器：请设置 TEST_DATABASE_URL（例如 postgres://postgres@127.0.0.1:5432/postgres）。\n` +
        `${path.basename(file)} needs a PostgreSQL server: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres). CI always sets it for npm run test:drills.`,
    );
  }
  return url;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** A new, empty database (not migrated) on the server of `adminUrl`; `drop()` removes it. */
export async function emptyDatabase(adminUrl: string, prefix = 'drill'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  return { url: withDatabase(adminUrl, name), name, drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`) };
}

/** A new database on the server, migrated, with a small pool for the test's own checks. */
export async function migratedDatabase(adminUrl: string, prefix = 'drill'): Promise<DatabaseHandle & { url: string; name: string }> {
  const empty = await emptyDatabase(adminUrl, prefix);
  const handle = openPostgres(empty.url, 4);
  await migrateToLatest(handle.db);
  return {
    ...handle,
    url: empty.url,
    name: empty.name,
    close: async () => {
      await handle.close();
      await empty.drop();
    },
  };
}

/** Real time for a platform whose records real servers read too; `advance` does nothing (one sign-in per account). */
export class RealClock extends TestClock {
  override now() {
    return new Date();
  }
  override advance() {}
}

export interface DrillPlatform extends TestPlatform {
  /** The open call of hebei-2016-internet-plus (opening today, closing in 30 days). */
  callId: string;
  dataDir: string;
  /** Signs a new enterprise's applicant in on a server (or in-process) and saves a complete profile in-process. */
  applicant(cityCode: string, name: string, divisionCode?: string): Promise<{ email: string; totpSecret: string | null; organizationId: string }>;
  /** A new staff account of the organization, signed in on the server at `base`. */
  staffOn(base: string, role: Role, organizationCode: string): Promise<Client>;
}

/** Server-side settings the in-process platform shares with the spawned servers. */
export interface SharedSettings {
  dataDir: string;
  s3?: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region?: string };
}

export function serverEnvOf(settings: SharedSettings): Record<string, string> {
  const s3 = settings.s3;
  return {
    DATA_DIR: settings.dataDir,
    ...(s3 ? { S3_ENDPOINT: s3.endpoint, S3_BUCKET: s3.bucket, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_REGION: s3.region ?? 'us-east-1' } : {}),
  };
}


/**
 * The platform in-process on `handle` (the database the servers will use), with the same file store
 * and the servers' default upload settings: reference organizations, the program files and an open
 * call per program. The same shape as startPlatform's, so the shared factories work on it.
 */
export async function drillPlatform(handle: DatabaseHandle, settings: SharedSettings): Promise<DrillPlatform> {
  const clock = new RealClock();
  const deps: Deps = makeDeps(
    handle,
    {
      STAFF_PASSWORD_MAX_AGE_DAYS: 90,
      APPLICANT_PASSWORD_MAX_AGE_DAYS: 0,
      PUBLIC_URL: 'http://localhost:3000',
      dataDir: settings.dataDir,
      ...(settings.s3 ? { S3_ENDPOINT: settings.s3.endpoint, S3_BUCKET: settings.s3.bucket, S3_ACCESS_KEY_ID: settings.s3.accessKeyId, S3_SECRET_ACCESS_KEY: settings.s3.secretAccessKey, S3_REGION: settings.s3.region ?? 'us-east-1' } : {}),
    },
    clock,
  );
  await seedReferenceOrganizations(deps);
  const { definitions, samples } = programFilesToLoad();
  await syncProgramFiles(deps, definitions, samples);
  await seedDemoCalls(deps);
  const call = await handle.db
    .selectFrom('program_call')
    .innerJoin('program', 'program.id', 'program_call.program_id')
    .select('program_call.id')
    .where('program.code', '=', PROGRAM)
    .where('program_call.status', '=', 'published')
    .executeTakeFirst();
  assert.ok(call, `an open call of ${PROGRAM} was seeded`);
  const app = buildApp({
    deps,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    secureCookies: false,
    trustProxy: true,
    health: async () => ({ database: handle.kind, migration: await currentMigration(handle.db) }),
  }) as unknown as Hono<never>;
  const passwordHash = await deps.passwords.hash(PASSWORD);

  const platform: DrillPlatform = {
    deps,
    app,
    clock,
    handle,
    callId: call.id,
    dataDir: settings.dataDir,
    ...recordFactories(deps, clock, passwordHash, { code: (n) => `ENT-D${process.pid}-${n}`, name: (n) => `演练企业${n}`, email: (role, n) => `${role}.d${process.pid}.${n}@drill.example` }),
    client: (c = {}) => new Client(app, clock, c.ip ?? '10.0.0.1'),
    async applicant(cityCode, name, divisionCode = PROFILE.divisionCode) {
      const org = await platform.enterprise(cityCode, name);
      const account = await platform.account('applicant', org.code);
      const c = platform.client();
      assert.equal((await c.signIn(account)).status, 200, `in-process sign-in of ${account.email}`);
      const saved = await c.put('/api/profile', { profile: { ...PROFILE, name, divisionCode, itTeamSize: 12 }, baseVersion: 0 });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      return { email: account.email, totpSecret: null, organizationId: org.id };
    },
    async staffOn(base, role, organizationCode) {
      const account = await platform.account(role, organizationCode);
      const c = remoteClient(base, () => new Date());
      const r = await c.signIn(account);
      assert.equal(r.status, 200, `sign-in of ${account.email} on ${base}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.stage, 'full', `${account.email} is fully signed in`);
      return c;
    },
    close: async () => {
      await handle.close();
    },
  };
  return platform;
}

// ---- the real server as a child process ----

export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface ServerProcess {
  name: string;
  base: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** Everything it printed. */
  output(): string;
  alive(): boolean;
  /** Resolves with the exit code or signal once the process has ended. */
  exited: Promise<string>;
  /** kill -9: no shutdown handler runs, nothing is flushed. */
  kill9(): Promise<string>;
  /** SIGTERM and the graceful shutdown. */
  stop(): Promise<string>;
}

/** Waits until `check` is true, polling every `everyMs`; fails with `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000, everyMs = 100): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Starts src/main/server.ts on the database `databaseUrl` (unset: PGlite in DATA_DIR) and waits for
 * /api/health. No demo accounts and no demo calls (the drill prepares its own), warnings only.
 */
export async function startServer(o: { name: string; databaseUrl?: string; settings: SharedSettings; port?: number; env?: Record<string, string> }): Promise<ServerProcess> {
  const port = o.port ?? (await freePort());
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...serverEnvOf(o.settings),
      DATABASE_URL: o.databaseUrl ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      TEST_DATABASE_URL: '',
      ...o.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  const base = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    name: o.name,
    base,
    port,
    pid: child.pid!,
    child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    exited,
    async kill9() {
      if (server.alive()) child.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (server.alive()) child.kill('SIGTERM');
      return exited;
    },
  };
  try {
    await waitFor(`${o.name} to answer /api/health`, async () => {
      if (!server.alive()) throw new Error(`${o.name} exited before it was ready:\n${output}`);
      try {
        return (await fetch(`${base}/api/health`)).status === 200;
      } catch {
        return false;
      }
    }, 90_000, 150);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return server;
}

/** A browser-like client of a server (cookies, CSRF), signed in as `account` when given. */
export async function clientOn(base: string, account?: { email: string; totpSecret: string | null }): Promise<Client> {
  const c = remoteClient(base, () => new Date());
  if (account) {
    const r = await c.signIn(account);
    assert.equal(r.status, 200, `sign-in of ${account.email} on ${base}: ${JSON.stringify(r.body)}`);
  }
  return c;
}

// ---- a round-robin proxy ----

export interface Proxy {
  base: string;
  /** Requests sent to each target, in the targets' order. */
  hits: number[];
  close(): Promise<void>;
}

/**
 * A tiny round-robin HTTP proxy: request n goes to targets[n % targets.length], unchanged; the answer
 * carries `x-drill-upstream: <index>` of the server that gave it.
 */
export async function roundRobinProxy(targets: string[]): Promise<Proxy> {
  const hits = targets.map(() => 0);
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length;
    hits[i]! += 1;
    const target = new URL(targets[i]!);
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        // Which server answered, for the test to see the requests alternate.
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-drill-upstream': String(i) });
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${err.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    hits,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

// ---- an SMTP sink ----

export interface SmtpSink {
  url: string;
  /** Every message received: envelope recipients and the raw message. */
  messages: { to: string[]; data: string }[];
  close(): Promise<void>;
}

/** A minimal SMTP server that accepts every message (no TLS, no auth), for counting deliveries. */
export async function smtpSink(): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let to: string[] = [];
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 drill-sink ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push({ to, data: buffer.slice(0, end) });
          buffer = buffer.slice(end + 5);
          inData = false;
          to = [];
          reply('250 2.0.0 queued');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-drill-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
        else if (verb === 'HELO' || verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') reply('250 OK');
        else if (verb === 'RCPT') {
          to.push(/<([^>]*)>/.exec(line)?.[1] ?? line);
          reply('250 OK');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 end with <CRLF>.<CRLF>');
        } else if (verb === 'QUIT') {
          reply('221 bye');
          socket.end();
        } else reply('502 not implemented');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// ---- a private PostgreSQL cluster ----

export interface PrivateCluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  adminUrl: string;
  port: number;
  /** Stops it (cutting every connection), waits `downMs`, starts it again. */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** The bin folder of the PostgreSQL the server at `url` runs (its major version), e.g. /usr/lib/postgresql/15/bin. */
export async function postgresBinDir(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ v: string }>("select current_setting('server_version_num') as v");
  await c.end();
  const major = Math.floor(Number(rows[0]!.v) / 10_000);
  const dir = `/usr/lib/postgresql/${major}/bin`;
  assert.ok(fs.existsSync(path.join(dir, 'pg_ctl')), `PostgreSQL ${major}'s programs are in ${dir}`);
  return dir;
}

/**
 * A throwaway PostgreSQL cluster of the same version as TEST_DATABASE_URL's, on its own port, owned by
 * the `postgres` user (initdb refuses root). The restart drill restarts this one, so tests of other
 * files or other people on the shared server are never cut off.
 */
export async function privateCluster(binDir: string): Promise<PrivateCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-pg-'));
  const port = await freePort();
  const asPostgres = process.getuid?.() === 0;
  const command = (cmd: string, args: string[]): [string, string[]] => {
    const file = path.join(binDir, cmd);
    return asPostgres ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  };
  // Asynchronous: the drill's clients keep running while PostgreSQL stops and starts.
  const run = (cmd: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [file, argv] = command(cmd, args);
      execFile(file, argv, (err, _stdout, stderr) => (err ? reject(new Error(`${cmd} failed: ${err.message}\n${stderr}`)) : resolve()));
    });
  if (asPostgres) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  await run('initdb', ['-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8', '-D', data]);
  const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=50`;
  const log = path.join(dir, 'server.log');
  await run('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', 'start']);
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async restart(downMs = 0) {
      // -m fast: open connections are cut, as in a failover or an operator's restart.
      await run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await new Promise((r) => setTimeout(r, downMs));
      await run('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', 'start']);
    },
    async stop() {
      try {
        await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// ---- the applicant's flow, resumable ----

/** What a client was told by the server: only acknowledged (2xx) steps count. */
export interface Acks {
  applicationId: string | null;
  /** requirementId → the attachment's id and SHA-256, once its upload was acknowledged. */
  uploads: Map<string, { id: string; sha256: string }>;
  submitted: { submittedAt: string; revision: number } | null;
  errors: string[];
}

export const newAcks = (): Acks => ({ applicationId: null, uploads: new Map(), submitted: null, errors: [] });

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The bytes each requirement gets for an enterprise (distinct per enterprise, so a mix-up shows). */
export function attachmentBytes(name: string, requirementId: string): Uint8Array {
  const head = pdfBytes(`${name} ${requirementId}`);
  const out = new Uint8Array(head.byteLength + 40_000);
  out.set(head, 0);
  for (let i = head.byteLength; i < out.length; i++) out[i] = (i * 31 + name.length * 7 + requirementId.length) & 0xff;
  return out;
}

export const formOf = (name: string) => ({ application: { ...FORM.application, projectName: `${name}智能工厂项目` } });

function expect2xx(what: string, r: { status: number; body: unknown }): void {
  if (r.status < 200 || r.status > 299) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
}

/**
 * Drafts, fills, attaches and submits the enterprise's application, picking up where an earlier
 * attempt stopped (an existing draft, the attachments already there, an already submitted one).
 * Records each acknowledged step in `acks`; throws on the first failure.
 */
export async function applyResumably(client: Client, callId: string, name: string, acks: Acks): Promise<void> {
  let id = acks.applicationId;
  if (!id) {
    const mine = await client.get(`/api/applications?callId=${callId}&pageSize=10&page=1`);
    expect2xx('list', mine);
    id = (mine.body.items[0]?.id as string | undefined) ?? null;
  }
  if (!id) {
    const created = await client.post('/api/applications', { callId });
    expect2xx('create', created);
    id = created.body.id as string;
  }
  acks.applicationId = id;
  let app = await client.get(`/api/applications/${id}`);
  expect2xx('read', app);
  if (app.body.state === 'submitted') {
    acks.submitted = { submittedAt: app.body.submittedAt, revision: app.body.revision };
    return;
  }
  const saved = await client.put(`/api/applications/${id}/draft`, { revision: app.body.revision, formData: formOf(name) });
  expect2xx('save', saved);
  const revision = saved.body.revision as number;
  app = await client.get(`/api/applications/${id}`);
  expect2xx('read', app);
  const present = new Set((app.body.attachments as { requirementId: string }[]).map((a) => a.requirementId));
  for (const req of REQUIRED) {
    if (present.has(req)) continue;
    const data = attachmentBytes(name, req);
    const created = await client.post('/api/uploads', { purpose: 'application', applicationId: id, requirementId: req, fileName: `${req}.pdf`, sizeBytes: data.byteLength });
    expect2xx('upload', created);
    const chunk = created.body.chunkBytes as number;
    for (let offset = 0; offset < data.byteLength; offset += chunk) {
      expect2xx('chunk', await client.binary('PUT', `/api/uploads/${created.body.id}?offset=${offset}`, data.subarray(offset, offset + chunk)));
    }
    const done = await client.post(`/api/uploads/${created.body.id}/complete`);
    expect2xx('complete', done);
    acks.uploads.set(req, { id: done.body.id, sha256: done.body.sha256 });
  }
  const r = await client.post(`/api/applications/${id}/submit`, { revision, commitment: { signatoryName: '法定代表人', accepted: true } });
  expect2xx('submit', r);
  assert.equal(r.body.state, 'submitted', 'the answer to a submission says submitted');
  acks.submitted = { submittedAt: r.body.submittedAt, revision: r.body.revision };
}

// ---- consistency checks ----

/** Row counts of every table of the public schema, by name. */
export async function tableCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const out: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: string }>`select count(*) as n from ${sql.table(name)}`.execute(db);
    out[name] = Number(r.rows[0]!.n);
  }
  return out;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) parts.push(next.value);
  return Buffer.concat(parts);
}

/**
 * Everything that must hold of the applications of a call however the server stopped, as a list of
 * problems (empty: whole). An application past the draft has its submission time, profile snapshot,
 * eligibility, commitment, a `submitted` event with its audit record each, and every required attachment;
 * every application has its `created` audit record; every attachment row has its content in the
 * store, of its size and SHA-256, and its own audit record.
 */
export async function halfWritten(db: Kysely<Database>, files: FileStore, callId: string): Promise<string[]> {
  const problems: string[] = [];
  const apps = await db.selectFrom('application').selectAll().where('call_id', '=', callId).execute();
  const audit = await db.selectFrom('audit_event').select(['action', 'entity_id']).where('entity_type', 'in', ['application', 'attachment']).execute();
  const auditCount = (action: string, id: string) => audit.filter((a) => a.action === action && a.entity_id === id).length;
  for (const a of apps) {
    if (auditCount('application.created', a.id) !== 1) problems.push(`application ${a.id}: ${auditCount('application.created', a.id)} created audit records`);
    const events = await db.selectFrom('application_event').select('to_state').where('application_id', '=', a.id).execute();
    const submittedEvents = events.filter((e) => e.to_state === 'submitted').length;
    const submittedAudit = auditCount('application.submitted', a.id);
    if (a.state !== 'draft') {
      if (!a.submitted_at) problems.push(`application ${a.id} (${a.state}): without submitted_at`);
      if (!a.profile_version_id) problems.push(`application ${a.id} (${a.state}): without its profile snapshot`);
      if (!a.commitment) problems.push(`application ${a.id} (${a.state}): without the commitment`);
      if (!a.eligibility) problems.push(`application ${a.id} (${a.state}): without the eligibility evaluation`);
      if (submittedEvents < 1 || submittedAudit !== submittedEvents) problems.push(`application ${a.id} (${a.state}): ${submittedEvents} submitted events, ${submittedAudit} submitted audit records`);
      const present = await db.selectFrom('attachment').select('requirement_id').where('application_id', '=', a.id).where('deleted_at', 'is', null).execute();
      for (const req of REQUIRED) if (!present.some((p) => p.requirement_id === req)) problems.push(`application ${a.id} (${a.state}): without ${req}`);
    } else if (a.submitted_at || submittedEvents || submittedAudit) {
      problems.push(`application ${a.id}: a draft with traces of a submission (${a.submitted_at?.toISOString()}, ${submittedEvents} events, ${submittedAudit} audit records)`);
    }
  }
  const attachments = await db.selectFrom('attachment').selectAll().where('application_id', 'in', apps.length ? apps.map((a) => a.id) : ['0']).execute();
  for (const at of attachments) {
    if (auditCount('attachment.uploaded', at.id) !== 1) problems.push(`attachment ${at.id}: ${auditCount('attachment.uploaded', at.id)} uploaded audit records`);
    try {
      const { stream, sizeBytes } = await files.open(at.storage_key);
      const bytes = await readAll(stream);
      if (sizeBytes !== Number(at.size_bytes) || bytes.length !== Number(at.size_bytes)) problems.push(`attachment ${at.id}: ${bytes.length} bytes stored, ${at.size_bytes} recorded`);
      if (sha256(bytes) !== at.sha256) problems.push(`attachment ${at.id}: content does not match its SHA-256`);
    } catch (err) {
      problems.push(`attachment ${at.id}: content missing (${(err as Error).message})`);
    }
  }
  return problems;
}

/** Waits until the audit sealer (the servers' background job) has sealed every record, then verifies the chain. */
export async function sealedAndVerified(deps: Deps, db: Kysely<Database>, timeoutMs = 20_000): Promise<{ checked: number }> {
  await waitFor('every audit record to be sealed', async () => {
    const r = await sql<{ n: string }>`select count(*) as n from audit_event e where not exists (select 1 from audit_seal s where s.event_id = e.id)`.execute(db);
    return Number(r.rows[0]!.n) === 0;
  }, timeoutMs, 250);
  const result = await deps.auditTrail.verify();
  assert.equal(result.ok, true, `the audit chain verifies: ${JSON.stringify(result.firstBroken)}`);
  assert.equal(result.unsealed, 0, 'nothing is left unsealed');
  return { checked: result.checked };
}
