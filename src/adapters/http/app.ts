/**
 * The HTTP adapter: builds the Hono app from the route table. Cross-cutting concerns live here once:
 * request ids and logs, the client's address, the session cookie, CSRF, validation, errors as
 * problem+json, security headers, the OpenAPI document, health, and the web app's files.
 */
import { timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import { resolveSession, type ResolvedSession } from '../../use-cases/auth/sessions.ts';
import type { Deps, RequestContext } from '../../use-cases/ports.ts';
import { buildOpenApi } from './openapi.ts';
import { HttpProblem, toProblem } from './problem.ts';
import { refuseNulCharacters } from './validation.ts';
import { contentDisposition } from '../../core/file-names.ts';
import { FileResult, type RouteDef } from './route.ts';
import { applicantRoutes } from './routes/applicants.ts';
import { selectionRoutes } from './routes/selection.ts';
import { reviewRoutes } from './routes/review.ts';
import { noticeRoutes } from './routes/notices.ts';
import { implementationRoutes } from './routes/implementation.ts';
import { fundingRoutes } from './routes/funding.ts';
import { oversightRoutes } from './routes/oversight.ts';
import { statisticsRoutes } from './routes/statistics.ts';
import { targetRoutes } from './routes/targets.ts';
import { operationRoutes } from './routes/operations.ts';
import { publicRoutes } from './routes/public.ts';
import { authRoutes } from './routes/auth.ts';
import { programRoutes } from './routes/programs.ts';
import { recordRoutes } from './routes/records.ts';

export const ROUTES: RouteDef[] = [...authRoutes, ...recordRoutes, ...programRoutes, ...applicantRoutes, ...selectionRoutes, ...reviewRoutes, ...noticeRoutes, ...implementationRoutes, ...fundingRoutes, ...oversightRoutes, ...statisticsRoutes, ...targetRoutes, ...operationRoutes, ...publicRoutes];

export interface AppOptions {
  deps: Deps;
  logger: Logger;
  health: () => Promise<{ database: 'pglite' | 'postgresql'; migration: number }>;
  secureCookies: boolean;
  trustProxy: boolean;
  /** The built web app (index.html and assets), served on the same port. */
  webDir?: string;
}

type Vars = { requestId: string; session: ResolvedSession | null; ctx: RequestContext; language: 'zh-CN' | 'en' };

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const CSRF_REFUSED = new HttpProblem(403, 'csrf_failed', {
  'zh-CN': '请求缺少有效的安全令牌（CSRF），请刷新页面后重试',
  en: 'The request lacks a valid security (CSRF) token; reload the page and try again',
});

export function buildApp(opts: AppOptions): Hono<{ Variables: Vars }> {
  const { deps, logger } = opts;
  const cookieName = opts.secureCookies ? '__Host-sid' : 'sid';
  const csrfCookie = opts.secureCookies ? '__Host-csrf' : 'csrf';
  const app = new Hono<{ Variables: Vars }>();

  const clientIp = (c: Context): string => {
    if (opts.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    try {
      return getConnInfo(c).remote.address ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : deps.tokens.random(9);
    c.set('requestId', requestId);
    c.set('language', (c.req.header('accept-language') ?? 'zh-CN').toLowerCase().startsWith('en') ? 'en' : 'zh-CN');
    const started = performance.now();
    await next();
    c.header('x-request-id', requestId);
    if (c.req.path.startsWith('/api/')) {
      logger.info({ requestId, method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
    }
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: opts.secureCookies ? 'max-age=31536000; includeSubDomains' : false,
      xFrameOptions: 'DENY',
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.onError((err, c) => {
    const { problem, unexpected } = toProblem(err, c.get('requestId') ?? 'unknown', c.get('language') ?? 'zh-CN');
    if (unexpected) logger.error({ requestId: c.get('requestId'), err }, 'unexpected error');
    c.header('x-request-id', c.get('requestId'));
    return c.json(problem, problem.status as 400, { 'content-type': 'application/problem+json; charset=utf-8' });
  });

  // Session and CSRF for every API call.
  app.use('/api/*', async (c, next) => {
    const session = await resolveSession(deps, getCookie(c, cookieName));
    c.set('session', session);
    c.set('ctx', {
      actor: session && session.session.stage === 'full'
        ? { accountId: session.account.id, name: session.account.displayName, role: session.account.role, organizationId: session.organization.id, organizationPath: session.organization.path }
        : null,
      sessionId: session?.session.id ?? null,
      ip: clientIp(c),
      userAgent: c.req.header('user-agent')?.slice(0, 400) ?? null,
      requestId: c.get('requestId'),
    });
    // A machine client with an API token and no session carries no ambient credential a forged page could
    // use (browsers send no Authorization header cross-site without CORS), so CSRF does not apply to it.
    const tokenClient = !session && /^Bearer\s+\S/i.test(c.req.header('authorization') ?? '');
    if (STATE_CHANGING.has(c.req.method) && !tokenClient) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null') {
        const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
        if (!host || new URL(origin).host !== host) throw CSRF_REFUSED;
      }
      const expected = session ? session.session.csrfToken : getCookie(c, csrfCookie);
      if (!sameToken(c.req.header('x-csrf-token'), expected)) throw CSRF_REFUSED;
    }
    await next();
  });

  app.get('/api/health', async (c) => {
    try {
      const h = await opts.health();
      return c.json({ status: 'ok', database: h.database, migration: h.migration });
    } catch (err) {
      logger.error({ err }, 'health check failed');
      return c.json({ status: 'error' }, 503);
    }
  });

  app.get('/api/openapi.json', (c) => c.json(buildOpenApi(ROUTES)));

  for (const def of ROUTES) {
    const honoPath = def.path;
    app.on(def.method.toUpperCase(), honoPath, async (c) => {
      const session = c.get('session');
      if (def.access !== 'public' && !session) {
        throw new HttpProblem(401, 'unauthenticated', { 'zh-CN': '请先登录', en: 'Please sign in' });
      }
      if (def.access === 'signedIn' && session?.session.stage !== 'full') {
        throw new HttpProblem(401, 'sign_in_incomplete', { 'zh-CN': '请先完成登录（双因素验证或修改密码）', en: 'Finish signing in first (second factor or password change)' });
      }
      if (def.roles && session && !def.roles.includes(session.account.role)) {
        throw new HttpProblem(403, 'forbidden', { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' });
      }
      refuseNulCharacters({ ...c.req.param(), ...c.req.query() });
      const params = def.params ? def.params.parse(c.req.param()) : {};
      const query = def.query ? def.query.parse(c.req.query()) : {};
      let body: unknown = {};
      let bytes = new Uint8Array();
      if (def.rawBody) {
        const declared = Number(c.req.header('content-length') ?? '0');
        if (declared > def.rawBody.maxBytes) throw new HttpProblem(413, 'body_too_large', { 'zh-CN': `单次请求最多 ${def.rawBody.maxBytes} 字节`, en: `At most ${def.rawBody.maxBytes} bytes per request` });
        bytes = new Uint8Array(await c.req.arrayBuffer());
        if (bytes.byteLength > def.rawBody.maxBytes) throw new HttpProblem(413, 'body_too_large', { 'zh-CN': `单次请求最多 ${def.rawBody.maxBytes} 字节`, en: `At most ${def.rawBody.maxBytes} bytes per request` });
      } else if (def.body) {
        const raw = await c.req.json().catch(() => {
          throw new HttpProblem(400, 'invalid_json', { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' });
        });
        refuseNulCharacters(raw);
        body = def.body.parse(raw);
      }
      let anonymousCsrf = getCookie(c, csrfCookie);
      if (!anonymousCsrf && !session) {
        anonymousCsrf = deps.tokens.random(24);
        setCookie(c, csrfCookie, anonymousCsrf, { httpOnly: true, sameSite: 'Strict', secure: opts.secureCookies, path: '/' });
      }
      const result = await def.handler({
        deps,
        ctx: c.get('ctx'),
        session,
        params,
        query,
        body,
        bytes,
        anonymousCsrf: anonymousCsrf ?? '',
        bearer: /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? null,
        setSessionCookie: (token, absoluteExpiresAt) =>
          setCookie(c, cookieName, token, {
            httpOnly: true,
            sameSite: 'Lax',
            secure: opts.secureCookies,
            path: '/',
            // Max-Age from the platform's clock, not an Expires date: the session's end is the platform's
            // time, which a browser's (or a test's moved) clock need not share.
            maxAge: Math.max(0, Math.floor((absoluteExpiresAt.getTime() - deps.clock.now().getTime()) / 1000)),
          }),
        clearSessionCookie: () => deleteCookie(c, cookieName, { path: '/', secure: opts.secureCookies }),
      });
      c.header('cache-control', 'no-store');
      if (result instanceof FileResult) {
        c.header('content-type', result.contentType);
        c.header('content-disposition', contentDisposition(result.fileName));
        c.header('x-content-type-options', 'nosniff');
        if (result.sizeBytes !== undefined) c.header('content-length', String(result.sizeBytes));
        return c.body(result.content as never, 200);
      }
      return c.json(result as object, (def.status ?? 200) as 200);
    });
  }

  app.all('/api/*', () => {
    throw new HttpProblem(404, 'not_found', { 'zh-CN': '没有这个接口', en: 'No such endpoint' });
  });

  if (opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html'))) {
    const root = path.relative(process.cwd(), opts.webDir) || '.';
    const indexHtml = fs.readFileSync(path.join(opts.webDir, 'index.html'), 'utf8');
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('cache-control', 'public, max-age=31536000, immutable');
    });
    app.use('*', serveStatic({ root }));
    // The single-page app answers every other path; its router shows the 404 page.
    app.get('*', (c) => c.html(indexHtml));
  }

  return app;
}
