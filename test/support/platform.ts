import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
/**
 * The platform in-process for tests: a fresh database, the real use cases and the real HTTP app
 * (requests go through app.request(), no port), a clock the test can move, and factories.
 */
import type { Hono } from 'hono';
import pino from 'pino';
import { buildApp } from '../../src/adapters/http/app.ts';
import { currentMigration } from '../../src/adapters/postgres/migrate.ts';
import { totpCode } from '../../src/adapters/security/security.ts';
import type { Role } from '../../src/core/roles.ts';
import { programFilesToLoad } from '../../src/adapters/programs/files.ts';
import { syncProgramFiles } from '../../src/use-cases/programs/programs.ts';
import { makeDeps } from '../../src/main/compose.ts';
import type { AccountRow, Clock, Deps, OrganizationRow } from '../../src/use-cases/ports.ts';
import { seedReferenceOrganizations } from '../../src/use-cases/seed.ts';
import { freshDatabase } from './database.ts';

export const PASSWORD = 'Correct-Horse-Battery-9';

export class TestClock implements Clock {
  private t: number;
  constructor(start = Date.parse('2026-03-02T09:00:00+08:00')) {
    this.t = start;
  }
  now() {
    return new Date(this.t);
  }
  advance(ms: number) {
    this.t += ms;
  }
  advanceMinutes(m: number) {
    this.advance(m * 60_000);
  }
}

export interface TestPlatform {
  deps: Deps;
  app: Hono<never>;
  clock: TestClock;
  handle: Awaited<ReturnType<typeof freshDatabase>>;
  org(code: string): Promise<OrganizationRow>;
  /** An account with PASSWORD; staff get a TOTP secret unless `totp: false`. */
  account(role: Role, organizationCode: string, opts?: { email?: string; totp?: boolean }): Promise<AccountRow & { totpSecret: string | null }>;
  enterprise(cityCode: string, name?: string): Promise<OrganizationRow>;
  client(opts?: { ip?: string }): Client;
  close(): Promise<void>;
}

let counter = 0;

/**
 * A fresh platform; with `programs: true` the five program definitions (and their samples) from
 * programs/ are loaded as published versions, as the server does at start.
 */
export async function startPlatform(opts: { secureCookies?: boolean; programs?: boolean } = {}): Promise<TestPlatform> {
  const handle = await freshDatabase();
  const clock = new TestClock();
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-files-'));
  const deps = makeDeps(handle, { STAFF_PASSWORD_MAX_AGE_DAYS: 90, APPLICANT_PASSWORD_MAX_AGE_DAYS: 0, PUBLIC_URL: 'http://localhost:3000', dataDir: files, UPLOAD_CHUNK_BYTES: 64 * 1024, MAX_APPLICATION_MB: 2 }, clock);
  await seedReferenceOrganizations(deps);
  const app = buildApp({
    deps,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    secureCookies: opts.secureCookies ?? false,
    trustProxy: true,
    health: async () => ({ database: handle.kind, migration: await currentMigration(handle.db) }),
  }) as unknown as Hono<never>;
  const passwordHash = await deps.passwords.hash(PASSWORD);

  const platform: TestPlatform = {
    deps,
    app,
    clock,
    handle,
    ...recordFactories(deps, clock, passwordHash, { code: (n) => `ENT-T${process.pid}-${n}`, name: (n) => `测试企业${n}`, email: (role, n) => `${role}.${n}@test.example` }),
    client: (c = {}) => new Client(app, clock, c.ip ?? '10.0.0.1'),
    close: async () => {
      await handle.close();
      fs.rmSync(files, { recursive: true, force: true });
    },
  };
  if (opts.programs) {
    const { definitions, samples } = programFilesToLoad();
    await syncProgramFiles(deps, definitions, samples);
  }
  return platform;
}

/**
 * The record factories of a test platform (organizations, enterprises, accounts with PASSWORD), on any deps:
 * the in-process platform's and the drills' (which share a database with real servers). `tags` names the
 * records (organization code, enterprise name, e-mail) so that the two stay apart.
 */
export function recordFactories(
  deps: Deps,
  clock: Clock,
  passwordHash: string,
  tags: { code: (n: number) => string; name: (n: number) => string; email: (role: Role, n: number) => string },
): Pick<TestPlatform, 'org' | 'enterprise' | 'account'> {
  const factories: Pick<TestPlatform, 'org' | 'enterprise' | 'account'> = {
    async org(code) {
      const o = await deps.uow.read((r) => r.organizations.findByCode(code));
      if (!o) throw new Error(`no organization ${code}`);
      return o;
    },
    async enterprise(cityCode, name) {
      const city = await factories.org(cityCode);
      counter += 1;
      return deps.uow.transaction((r) =>
        r.organizations.insert({
          parentId: city.id,
          code: tags.code(counter),
          kind: 'enterprise',
          name: name ?? tags.name(counter),
          nameEn: null,
          divisionCode: null,
          coveredDivisionCodes: [],
          creditCode: null,
          contactName: null,
          contactPhone: null,
          address: null,
          note: null,
        }),
      );
    },
    async account(role, organizationCode, o = {}) {
      const org = await factories.org(organizationCode);
      counter += 1;
      const totpSecret = o.totp === false || role === 'applicant' ? null : deps.totp.generateSecret();
      return deps.uow.transaction(async (r) => {
        const a = await r.accounts.insert({
          email: o.email ?? tags.email(role, counter),
          displayName: `${role} ${counter}`,
          phone: null,
          role,
          organizationId: org.id,
          passwordHash,
          passwordChangedAt: clock.now(),
          mustChangePassword: false,
        });
        return totpSecret ? { ...(await r.accounts.update(a.id, { totpSecret }, clock.now())), totpSecret } : { ...a, totpSecret: null };
      });
    },
  };
  return factories;
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A browser-like client: keeps cookies, sends the CSRF token it was given, signs in fully. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  setCookies: string[] = [];
  constructor(
    private app: Hono<never>,
    private clock: TestClock,
    private ip: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, opts: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<Res<T>> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, 'user-agent': 'test-client', ...opts.headers };
    if (method !== 'GET' && opts.csrf !== false) {
      if (!this.csrf) await this.refreshSession();
      headers['x-csrf-token'] = this.csrf;
    }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    this.setCookies = res.headers.getSetCookie();
    for (const c of this.setCookies) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json');
    const parsed = text && json ? (JSON.parse(text) as T) : ((text || undefined) as T);
    const token = (parsed as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string' && token) this.csrf = token;
    return { status: res.status, body: parsed, headers: res.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  put<T = any>(path: string, body: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Sends raw bytes (or nothing) and keeps the answer as bytes: uploads and downloads. */
  async binary(method: string, path: string, data?: Uint8Array): Promise<{ status: number; bytes: Buffer; headers: Headers; body: any }> {
    const headers: Record<string, string> = { 'x-forwarded-for': this.ip, 'user-agent': 'test-client' };
    if (method !== 'GET') {
      if (!this.csrf) await this.refreshSession();
      headers['x-csrf-token'] = this.csrf;
    }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (data) headers['content-type'] = 'application/octet-stream';
    const res = await this.app.request(path, { method, headers, body: data as BodyInit | undefined });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, bytes, headers: res.headers, body: json ? JSON.parse(bytes.toString('utf8')) : undefined };
  }
  post<T = any>(path: string, body?: unknown, opts?: { csrf?: boolean }) {
    return this.request<T>('POST', path, body ?? {}, opts);
  }
  patch<T = any>(path: string, body: unknown, opts?: { csrf?: boolean }) {
    return this.request<T>('PATCH', path, body, opts);
  }

  async refreshSession() {
    return this.get('/api/auth/session');
  }

  /** Signs in with password and, for accounts with a TOTP secret, the current code. */
  async signIn(account: { email: string; totpSecret: string | null }, password = PASSWORD): Promise<Res> {
    const res = await this.post('/api/auth/login', { email: account.email, password });
    if (res.status !== 200) return res;
    if (res.body.stage === 'totp' && account.totpSecret) {
      // A code is accepted once per 30-second step: move past any step an earlier sign-in used.
      this.clock.advance(31_000);
      return this.post('/api/auth/totp/verify', { code: totpCode(account.totpSecret, this.clock.now()) });
    }
    return res;
  }
}
