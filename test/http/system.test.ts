import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROUTES } from '../../src/adapters/http/app.ts';
import { LATEST_MIGRATION } from '../../src/adapters/postgres/migrate.ts';
import { onPostgres } from '../support/database.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(() => p.close());

test('/api/health names the database and the migration', async () => {
  const r = await p.client().get('/api/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok', database: onPostgres ? 'postgresql' : 'pglite', migration: LATEST_MIGRATION });
  assert.ok(r.headers.get('x-request-id'));
});

test('the OpenAPI document lists every route with its schemas', async () => {
  const r = await p.client().get('/api/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.1.0');
  for (const route of ROUTES) {
    const op = r.body.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method];
    assert.ok(op, `${route.method} ${route.path}`);
    if (route.body) assert.ok(op.requestBody.content['application/json'].schema.properties, `${route.path} body schema`);
  }
  const register = r.body.paths['/api/auth/register'].post.requestBody.content['application/json'].schema;
  assert.ok(register.required.includes('creditCode'));
});

test('errors are problem+json in both languages with the request id; the language follows Accept-Language', async () => {
  const zh = await p.client().get('/api/organizations');
  assert.equal(zh.status, 401);
  assert.equal(zh.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  assert.equal(zh.body.detail, '请先登录');
  assert.equal(zh.body.messages.en, 'Please sign in');
  assert.equal(zh.body.requestId, zh.headers.get('x-request-id'));
  const en = await p.client().request('GET', '/api/organizations', undefined, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
  assert.equal(en.body.detail, 'Please sign in');
  const missing = await p.client().get('/api/no-such-thing');
  assert.equal(missing.status, 404);
  assert.equal(missing.body.code, 'not_found');
});

test('lists filter, sort and page on the server', async () => {
  const admin = await p.account('administrator', 'PLATFORM');
  const c = p.client();
  await c.signIn(admin);
  const cities = await c.get('/api/organizations?kind=city&sort=code&order=desc&pageSize=5&page=2');
  assert.equal(cities.status, 200);
  assert.equal(cities.body.total, 14 + 16 + 17);
  assert.equal(cities.body.items.length, 5);
  const codes = cities.body.items.map((o: any) => o.code);
  assert.deepEqual(codes, [...codes].sort().reverse());
  const search = await c.get(`/api/organizations?q=${encodeURIComponent('石家庄')}`);
  assert.ok(search.body.items.some((o: any) => o.name === '石家庄市'));
  const bad = await c.get('/api/organizations?sort=password_hash');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].path, 'sort');
  const injection = await c.get(`/api/organizations?q=${encodeURIComponent("' or 1=1 --")}`);
  assert.equal(injection.status, 200);
  assert.equal(injection.body.total, 0);
});

test('security headers are set', async () => {
  const r = await p.client().get('/api/health');
  assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/);
  assert.equal(r.headers.get('x-frame-options'), 'DENY');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});
