/**
 * A browser-like HTTP client over fetch against a running server: it keeps cookies, sends the CSRF
 * token it was given (as test/support/platform.ts's Client does), and signs in through the second
 * factor. Every failed expectation throws an HttpError naming the step.
 */
import { totpCode } from '../../src/adapters/security/security.ts';

export class HttpError extends Error {
  constructor(
    readonly step: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${step}: HTTP ${status} ${typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body)?.slice(0, 300)}`);
    this.name = 'HttpError';
  }
}

export interface Answer<T> {
  status: number;
  body: T;
  ms: number;
}

type Json = Record<string, unknown>;

export class HttpClient {
  private cookies = new Map<string, string>();
  private csrf = '';

  constructor(readonly base: string) {}

  private headers(method: string, extra: Record<string, string> = {}): Record<string, string> {
    const h: Record<string, string> = { 'user-agent': 'platform-bench', ...extra };
    if (method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return h;
  }

  private keepCookies(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = pair!.split('=');
      const value = v.join('=');
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(c) || value === '') this.cookies.delete(k!.trim());
      else this.cookies.set(k!.trim(), value);
    }
  }

  /** A JSON request; throws unless the status is `expect`. */
  async json<T = Json>(method: string, path: string, body: unknown, expect: number, step: string): Promise<Answer<T>> {
    if (method !== 'GET' && !this.csrf) await this.session();
    const t = performance.now();
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: this.headers(method, body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(120_000),
    });
    this.keepCookies(res);
    const text = await res.text();
    const ms = performance.now() - t;
    const parsed: unknown = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
    const token = (parsed as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof token === 'string' && token) this.csrf = token;
    if (res.status !== expect) throw new HttpError(step, res.status, parsed);
    return { status: res.status, body: parsed as T, ms };
  }

  get<T = Json>(path: string, step: string) {
    return this.json<T>('GET', path, undefined, 200, step);
  }

  /** Raw bytes (an upload chunk); throws unless the status is `expect`. */
  async bytes(method: string, path: string, data: Uint8Array, expect: number, step: string): Promise<Answer<unknown>> {
    if (!this.csrf) await this.session();
    const t = performance.now();
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: this.headers(method, { 'content-type': 'application/octet-stream' }),
      body: data as BodyInit,
      signal: AbortSignal.timeout(120_000),
    });
    this.keepCookies(res);
    const text = await res.text();
    if (res.status !== expect) throw new HttpError(step, res.status, text);
    return { status: res.status, body: text, ms: performance.now() - t };
  }

  session() {
    return this.get('/api/auth/session', 'session');
  }

  /** Signs in with the password and, when asked, the authenticator code of `totpSecret`. */
  async signIn(email: string, password: string, totpSecret?: string | null): Promise<void> {
    await this.session();
    let r = await this.json<{ stage: string }>('POST', '/api/auth/login', { email, password }, 200, 'login');
    if (r.body.stage === 'totp') {
      if (!totpSecret) throw new Error(`${email} asks for a second factor and no secret is known`);
      r = await this.json<{ stage: string }>('POST', '/api/auth/totp/verify', { code: totpCode(totpSecret, new Date()) }, 200, 'totp');
    }
    if (r.body.stage !== 'full') throw new Error(`sign-in of ${email} stopped at stage ${r.body.stage}`);
  }
}
