/**
 * Surge: generated enterprises each submit a complete application — sign-in, profile, the form of
 * hebei-2016-internet-plus, its three required attachments through the chunked upload API (the
 * application form at `attachmentKb`, the other two small), then the submission with the commitment —
 * from C concurrent clients against the real server (a child process) on PostgreSQL or on the
 * embedded database. Reported: completed applications per second, p50/p95/p99 of the submit request
 * and of the whole application, errors, and the server's peak resident memory.
 *
 * Baseline, in the same run: the same rows per application (profile version, application with its
 * form values, attachment rows, timeline events, audit records, notifications, mails — as many of each
 * as the server wrote per application, copied from what it wrote) inserted straight through the driver
 * (`pg`, or PGlite itself), one transaction per application, at the same concurrency, for as many
 * other enterprises. ratioToBaseline = server rate / baseline rate.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/adapters/postgres/database.ts';
import { FORM, PROFILE, REQUIRED, pdfBytes } from '../test/support/applicants.ts';
import { HttpClient, HttpError } from './lib/http.ts';
import { log } from './lib/log.ts';
import { createEnterprises, prepare, PASSWORD, type Enterprise, type Prepared } from './lib/platform.ts';
import { startServer, type RunningServer } from './lib/server.ts';
import { inParallel, ratio, round, summarize, type Summary } from './lib/stats.ts';

export const SURGE_PROGRAM = 'hebei-2016-internet-plus';

export interface SurgeConfig {
  enterprises: number;
  concurrency: number;
  attachmentKb: number;
}

export interface SurgeResult {
  database: 'postgresql' | 'pglite';
  program: string;
  enterprises: number;
  concurrency: number;
  attachmentKb: number;
  completed: number;
  errors: number;
  errorSamples: string[];
  wallSeconds: number;
  submissionsPerSecond: number;
  latencyMs: { submit: Summary; application: Summary };
  server: { rssAtStartMb: number | null; peakMemoryMb: number | null; cpuSeconds: number | null; cpuMsPerApplication: number | null };
  peakMemoryMb: number | null;
  rowsPerApplication: Record<string, number>;
  baseline: { method: string; completed: number; wallSeconds: number; writesPerSecond: number; latencyMs: Summary };
  ratioToBaseline: number | null;
}

/** A valid PDF of about `kb` KiB: the minimal document with comment lines of random text before the trailer. */
export function paddedPdf(kb: number, label: string): Uint8Array {
  const head = Buffer.from(pdfBytes(label));
  const target = Math.max(head.length, kb * 1024);
  const filler: Buffer[] = [];
  let size = head.length;
  while (size < target) {
    const line = Buffer.from(`% ${randomBytes(57).toString('base64')}\n`);
    filler.push(line);
    size += line.length;
  }
  const eof = head.lastIndexOf('trailer');
  return new Uint8Array(Buffer.concat([head.subarray(0, eof), ...filler, head.subarray(eof)]));
}

async function upload(c: HttpClient, applicationId: string, requirementId: string, data: Uint8Array): Promise<void> {
  const created = await c.json<{ id: string; chunkBytes: number }>(
    'POST',
    '/api/uploads',
    { purpose: 'application', applicationId, requirementId, fileName: `${requirementId}.pdf`, sizeBytes: data.byteLength },
    201,
    `upload ${requirementId}`,
  );
  const chunk = created.body.chunkBytes;
  for (let offset = 0; offset < data.byteLength; offset += chunk) {
    await c.bytes('PUT', `/api/uploads/${created.body.id}?offset=${offset}`, data.subarray(offset, offset + chunk), 200, `chunk ${requirementId}@${offset}`);
  }
  await c.json('POST', `/api/uploads/${created.body.id}/complete`, {}, 201, `complete ${requirementId}`);
}

/** One enterprise's whole application through the API; returns the durations of the whole and of the submit request. */
async function applyOnce(base: string, e: Enterprise, callId: string, files: Record<string, Uint8Array>): Promise<{ applicationMs: number; submitMs: number }> {
  const t = performance.now();
  const c = new HttpClient(base);
  await c.signIn(e.email!, PASSWORD);
  await c.json('PUT', '/api/profile', { profile: { ...PROFILE, name: e.name, divisionCode: e.division, itTeamSize: 12 }, baseVersion: 0 }, 200, 'profile');
  const app = await c.json<{ id: string; revision: number }>('POST', '/api/applications', { callId }, 201, 'create application');
  const form = { application: { ...FORM.application, projectName: `${e.name.replace(/有限公司$/, '')}智能工厂项目` } };
  const saved = await c.json<{ revision: number }>('PUT', `/api/applications/${app.body.id}/draft`, { revision: app.body.revision, formData: form }, 200, 'save draft');
  for (const req of REQUIRED) await upload(c, app.body.id, req, files[req]!);
  const submitted = await c.json('POST', `/api/applications/${app.body.id}/submit`, { revision: saved.body.revision, commitment: { signatoryName: '法定代表人', accepted: true } }, 200, 'submit');
  return { applicationMs: performance.now() - t, submitMs: submitted.ms };
}

const COUNTED = ['application', 'organization_profile', 'attachment', 'application_event', 'audit_event', 'notification', 'email_outbox'] as const;

async function countRows(db: DatabaseHandle['db']): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of COUNTED) {
    const r = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]!.n);
  }
  return out;
}

/** Rows of one application as the server wrote them, to be copied by the baseline. */
interface Templates {
  application: Record<string, unknown>;
  profile: unknown;
  attachments: Record<string, unknown>[];
  events: Record<string, unknown>[];
  audits: Record<string, unknown>[];
  notifications: Record<string, unknown>[];
  mails: Record<string, unknown>[];
}

async function templatesFrom(db: DatabaseHandle['db'], applicants: Enterprise[], perApplication: Record<string, number>, auditFloor: string): Promise<Templates> {
  const one = async (q: ReturnType<typeof sql<Record<string, unknown>>>) => (await q.execute(db)).rows;
  const ids = applicants.map((e) => e.organizationId);
  const [application] = await one(sql`select * from application where organization_id = any(${ids}::bigint[]) and state = 'submitted' order by id limit 1`);
  if (!application) throw new Error('the surge left no submitted application to copy for the baseline');
  const organizationId = String(application.organization_id);
  const [profile] = await one(sql`select data from organization_profile where organization_id = ${organizationId} order by version desc limit 1`);
  const take = (rows: Record<string, unknown>[], n: number) => Array.from({ length: n }, (_, i) => rows[i % Math.max(1, rows.length)]!).filter(Boolean);
  const attachments = await one(sql`select requirement_id, file_name, kind, size_bytes, sha256, purpose from attachment where application_id = ${application.id as string} order by id`);
  const events = await one(sql`select from_state, to_state, actor_name, actor_role, comment from application_event where application_id = ${application.id as string} order by id`);
  const audits = await one(sql`select action, entity_type, actor_name, actor_role, before, after, ip, user_agent from audit_event where organization_id = ${organizationId} and id > ${auditFloor} order by id`);
  const notifications = await one(sql`select n.kind, n.title, n.body, n.link from notification n join account a on a.id = n.account_id where a.organization_id = ${organizationId} order by n.id`);
  const mails = await one(sql`select subject, body from email_outbox order by id desc limit 5`);
  return {
    application,
    profile: profile?.data ?? PROFILE,
    attachments: take(attachments, perApplication.attachment ?? attachments.length),
    events: take(events, perApplication.application_event ?? events.length),
    audits: take(audits, perApplication.audit_event ?? audits.length),
    notifications: take(notifications, perApplication.notification ?? 0),
    mails: take(mails, perApplication.email_outbox ?? 0),
  };
}

type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
type Transaction = (work: (q: Query) => Promise<void>) => Promise<void>;

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** The baseline's writes for one application of enterprise `e`, in one transaction. */
async function writeDirectly(tx: Transaction, e: Enterprise, accountId: string, t: Templates): Promise<void> {
  const now = new Date();
  const a = t.application;
  await tx(async (q) => {
    const profile = await q('insert into organization_profile (organization_id, version, data, created_at) values ($1, 1, $2::jsonb, $3) returning id', [e.organizationId, json(t.profile), now]);
    const app = await q(
      `insert into application (call_id, program_id, program_version, organization_id, state, form_data, revision, project_name, directions, category,
         profile_version_id, eligibility, commitment, submitted_at, created_by, created_at, updated_at)
       values ($1, $2, $3, $4, 'submitted', $5::jsonb, $6, $7, $8::text[], $9, $10, $11::jsonb, $12::jsonb, $13, $14, $13, $13) returning id`,
      [a.call_id, a.program_id, a.program_version, e.organizationId, json(a.form_data), a.revision, `${e.name}智能工厂项目`, `{${((a.directions as string[]) ?? []).map((d) => `"${d}"`).join(',')}}`, a.category, profile.rows[0]!.id, json(a.eligibility), json(a.commitment), now, accountId],
    );
    const applicationId = String(app.rows[0]!.id);
    for (const f of t.attachments) {
      await q(
        `insert into attachment (organization_id, application_id, purpose, requirement_id, file_name, kind, size_bytes, sha256, storage_key, uploaded_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [e.organizationId, applicationId, f.purpose, f.requirement_id, f.file_name, f.kind, f.size_bytes, f.sha256, `bench-baseline/${randomUUID()}`, accountId, now],
      );
    }
    for (const ev of t.events) {
      await q('insert into application_event (application_id, from_state, to_state, actor_id, actor_name, actor_role, comment, at) values ($1, $2, $3, $4, $5, $6, $7, $8)', [
        applicationId,
        ev.from_state,
        ev.to_state,
        accountId,
        ev.actor_name,
        ev.actor_role,
        ev.comment,
        now,
      ]);
    }
    for (const au of t.audits) {
      await q(
        `insert into audit_event (occurred_at, actor_id, actor_name, actor_role, organization_id, action, entity_type, entity_id, before, after, ip, user_agent, request_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13)`,
        [now, accountId, au.actor_name, au.actor_role, e.organizationId, au.action, au.entity_type, applicationId, json(au.before), json(au.after), au.ip, au.user_agent, randomUUID()],
      );
    }
    for (const n of t.notifications) {
      await q('insert into notification (account_id, kind, title, body, link, created_at) values ($1, $2, $3::jsonb, $4::jsonb, $5, $6)', [accountId, n.kind, json(n.title), json(n.body), n.link, now]);
    }
    for (const m of t.mails) {
      await q("insert into email_outbox (to_address, subject, body, status) values ($1, $2, $3, 'pending')", [e.email ?? 'bench@bench.example', m.subject, m.body]);
    }
  });
}

async function runClients(base: string, enterprises: Enterprise[], callId: string, cfg: SurgeConfig) {
  const files: Record<string, Uint8Array> = {};
  REQUIRED.forEach((req, i) => (files[req] = i === 0 ? paddedPdf(cfg.attachmentKb, req) : pdfBytes(req)));
  const applicationMs: number[] = [];
  const submitMs: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const t = performance.now();
  await inParallel(enterprises.length, cfg.concurrency, async (i) => {
    try {
      const r = await applyOnce(base, enterprises[i]!, callId, files);
      applicationMs.push(r.applicationMs);
      submitMs.push(r.submitMs);
    } catch (err) {
      errors++;
      if (errorSamples.length < 5) errorSamples.push(err instanceof HttpError ? err.message : String(err));
    }
  });
  return { wallSeconds: (performance.now() - t) / 1000, applicationMs, submitMs, errors, errorSamples };
}

async function runBaseline(tx: Transaction, enterprises: Enterprise[], accounts: Map<string, string>, templates: Templates, concurrency: number) {
  const ms: number[] = [];
  const t = performance.now();
  await inParallel(enterprises.length, concurrency, async (i) => {
    const e = enterprises[i]!;
    const s = performance.now();
    await writeDirectly(tx, e, accounts.get(e.organizationId)!, templates);
    ms.push(performance.now() - s);
  });
  return { wallSeconds: (performance.now() - t) / 1000, ms };
}

async function accountIds(db: DatabaseHandle['db'], enterprises: Enterprise[]): Promise<Map<string, string>> {
  const ids = enterprises.map((e) => e.organizationId);
  const r = await sql<{ id: string; organization_id: string }>`select id, organization_id from account where organization_id = any(${ids}::bigint[])`.execute(db);
  return new Map(r.rows.map((x) => [String(x.organization_id), String(x.id)]));
}

function cpuSeconds(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface Measured {
  run: Awaited<ReturnType<typeof runClients>>;
  memory: { rssAtStartMb: number | null; peakMb: number | null };
  cpu: number | null;
  perApplication: Record<string, number>;
  /** Null when no application completed: then there is nothing to copy and the baseline is not run. */
  templates: Templates | null;
}

/** The surge proper against a started server, with the row counts it caused. */
async function measure(server: RunningServer, db: DatabaseHandle['db'], applicants: Enterprise[], callId: string, cfg: SurgeConfig): Promise<Measured> {
  const before = await countRows(db);
  const auditFloor = (await sql<{ m: string }>`select coalesce(max(id), 0)::text as m from audit_event`.execute(db)).rows[0]!.m;
  const rssAtStartMb = server.memory().rssMb;
  const cpu0 = cpuSeconds(server.pid);
  log(`surge: ${applicants.length} applications from ${cfg.concurrency} clients, attachment ${cfg.attachmentKb} KiB`);
  const run = await runClients(server.base, applicants, callId, cfg);
  const cpu1 = cpuSeconds(server.pid);
  const memory = { rssAtStartMb, peakMb: server.memory().peakMb };
  const after = await countRows(db);
  const done = Math.max(1, run.applicationMs.length);
  const perApplication: Record<string, number> = {};
  for (const t of COUNTED) perApplication[t] = Math.round((after[t]! - before[t]!) / done);
  const templates = run.applicationMs.length ? await templatesFrom(db, applicants, perApplication, auditFloor) : null;
  return { run, memory, cpu: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null, perApplication, templates };
}

/** The baseline, or nothing when the surge left no application to copy. */
async function baselineOf(m: Measured, run: (t: Templates) => ReturnType<typeof runBaseline>): Promise<Awaited<ReturnType<typeof runBaseline>>> {
  return m.templates ? run(m.templates) : { wallSeconds: 0, ms: [] };
}

function result(database: SurgeResult['database'], cfg: SurgeConfig, m: Measured, baseline: Awaited<ReturnType<typeof runBaseline>>, method: string): SurgeResult {
  const completed = m.run.applicationMs.length;
  const rate = completed / m.run.wallSeconds;
  const baselineRate = baseline.ms.length ? baseline.ms.length / baseline.wallSeconds : 0;
  if (!m.templates) method = 'not run: no application completed, so there were no rows to copy';
  return {
    database,
    program: SURGE_PROGRAM,
    enterprises: cfg.enterprises,
    concurrency: cfg.concurrency,
    attachmentKb: cfg.attachmentKb,
    completed,
    errors: m.run.errors,
    errorSamples: m.run.errorSamples,
    wallSeconds: round(m.run.wallSeconds, 2),
    submissionsPerSecond: round(rate, 2),
    latencyMs: { submit: summarize(m.run.submitMs), application: summarize(m.run.applicationMs) },
    server: {
      rssAtStartMb: m.memory.rssAtStartMb,
      peakMemoryMb: m.memory.peakMb,
      cpuSeconds: m.cpu === null ? null : round(m.cpu, 2),
      cpuMsPerApplication: m.cpu === null || completed === 0 ? null : round((m.cpu * 1000) / completed, 1),
    },
    peakMemoryMb: m.memory.peakMb,
    rowsPerApplication: m.perApplication,
    baseline: { method, completed: baseline.ms.length, wallSeconds: round(baseline.wallSeconds, 2), writesPerSecond: round(baselineRate, 2), latencyMs: summarize(baseline.ms) },
    ratioToBaseline: ratio(rate, baselineRate),
  };
}

export interface PostgresSurge {
  result: SurgeResult;
  /** The server, still running, and the prepared platform, for the lists benchmark on the same database. */
  server: RunningServer;
  prepared: Prepared;
  handle: DatabaseHandle;
  dataDir: string;
}

/** The surge on PostgreSQL; leaves the server running for the lists benchmark (the caller stops it). */
export async function surgeOnPostgres(url: string, cfg: SurgeConfig): Promise<PostgresSurge> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  const handle = openPostgres(url, 5);
  const prepared = await prepare(handle, dataDir);
  const call = await prepared.openCall(SURGE_PROGRAM);
  const applicants = await createEnterprises(prepared, cfg.enterprises, { accounts: true, tag: 'S' });
  const direct = await createEnterprises(prepared, cfg.enterprises, { accounts: true, tag: 'B' });
  const server = await startServer({ DATABASE_URL: url, DATA_DIR: dataDir });
  try {
    const m = await measure(server, handle.db, applicants, call.id, cfg);
    const pool = new pg.Pool({ connectionString: url, max: cfg.concurrency });
    try {
      const tx: Transaction = async (work) => {
        const c = await pool.connect();
        try {
          await c.query('begin');
          await work((text, params) => c.query(text, params));
          await c.query('commit');
        } catch (err) {
          await c.query('rollback').catch(() => {});
          throw err;
        } finally {
          c.release();
        }
      };
      log('surge baseline: the same rows through pg');
      const accounts = await accountIds(handle.db, direct);
      const baseline = await baselineOf(m, (t) => runBaseline(tx, direct, accounts, t, cfg.concurrency));
      return { result: result('postgresql', cfg, m, baseline, `pg, one transaction per application, pool of ${cfg.concurrency}`), server, prepared, handle, dataDir };
    } finally {
      await pool.end();
    }
  } catch (err) {
    await server.stop();
    await handle.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

/** The surge on the embedded database (PGlite in the server's data folder), for a small office. */
export async function surgeEmbedded(cfg: SurgeConfig): Promise<SurgeResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
  try {
    // Prepared in-process first: the folder admits one process at a time, so it is closed before the server opens it.
    let handle = await openPglite(dataDir);
    const prepared = await prepare(handle, dataDir);
    const call = await prepared.openCall(SURGE_PROGRAM);
    const applicants = await createEnterprises(prepared, cfg.enterprises, { accounts: true, tag: 'S' });
    const direct = await createEnterprises(prepared, cfg.enterprises, { accounts: true, tag: 'B' });
    await handle.close();

    const server = await startServer({ DATABASE_URL: '', DATA_DIR: dataDir });
    let m: Measured;
    try {
      m = await measureEmbedded(server, applicants, call.id, cfg);
    } finally {
      await server.stop();
    }
    handle = await openPglite(dataDir);
    try {
      const pglite = handle.pglite!;
      const tx: Transaction = (work) => pglite.transaction(async (t) => work((text, params) => t.query<Record<string, unknown>>(text, params)));
      log('embedded surge baseline: the same rows through PGlite');
      const m2 = { ...m, ...(await afterEmbedded(handle, applicants, m)) };
      const accounts = await accountIds(handle.db, direct);
      const baseline = await baselineOf(m2, (t) => runBaseline(tx, direct, accounts, t, cfg.concurrency));
      return result('pglite', cfg, m2, baseline, 'PGlite in-process, one transaction per application (one connection)');
    } finally {
      await handle.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The embedded surge: the database is the server's while it runs, so rows are counted after it stopped (see afterEmbedded). */
async function measureEmbedded(server: RunningServer, applicants: Enterprise[], callId: string, cfg: SurgeConfig): Promise<Measured> {
  const rssAtStartMb = server.memory().rssMb;
  const cpu0 = cpuSeconds(server.pid);
  log(`embedded surge: ${applicants.length} applications from ${cfg.concurrency} clients, attachment ${cfg.attachmentKb} KiB`);
  const run = await runClients(server.base, applicants, callId, cfg);
  const cpu1 = cpuSeconds(server.pid);
  return {
    run,
    memory: { rssAtStartMb, peakMb: server.memory().peakMb },
    cpu: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
    perApplication: {},
    templates: null,
  };
}

/** Per-application row counts and templates, read once the server has released the folder. */
async function afterEmbedded(handle: DatabaseHandle, applicants: Enterprise[], m: Measured): Promise<Pick<Measured, 'perApplication' | 'templates'>> {
  const ids = applicants.map((e) => e.organizationId);
  const done = Math.max(1, m.run.applicationMs.length);
  const count = async (q: ReturnType<typeof sql<{ n: string }>>) => Number((await q.execute(handle.db)).rows[0]!.n);
  const apps = sql`(select id from application where organization_id = any(${ids}::bigint[]))`;
  const perApplication: Record<string, number> = {
    application: Math.round((await count(sql`select count(*)::text as n from application where organization_id = any(${ids}::bigint[])`)) / done),
    organization_profile: Math.round((await count(sql`select count(*)::text as n from organization_profile where organization_id = any(${ids}::bigint[])`)) / done),
    attachment: Math.round((await count(sql`select count(*)::text as n from attachment where application_id in ${apps}`)) / done),
    application_event: Math.round((await count(sql`select count(*)::text as n from application_event where application_id in ${apps}`)) / done),
    audit_event: Math.round((await count(sql`select count(*)::text as n from audit_event where organization_id = any(${ids}::bigint[])`)) / done),
    notification: Math.round((await count(sql`select count(*)::text as n from notification n join account a on a.id = n.account_id where a.organization_id = any(${ids}::bigint[])`)) / done),
    // Nothing else writes mail in this run: every queued mail is the surge's.
    email_outbox: Math.round((await count(sql`select count(*)::text as n from email_outbox`)) / done),
  };
  return { perApplication, templates: m.run.applicationMs.length ? await templatesFrom(handle.db, applicants, perApplication, '0') : null };
}
