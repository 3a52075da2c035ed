/**
 * The session cookie's lifetime comes from the platform's clock (Max-Age), not from an Expires date:
 * a server whose clock is ahead of the real one (a test's moved clock, a drill) still signs people in.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(() => p.close());

test('the session cookie lives 12 hours by Max-Age, even two years ahead of the real clock', async () => {
  const org = await p.enterprise('130100', '石家庄时钟测试公司');
  const account = await p.account('applicant', org.code);
  p.clock.advance(2 * 366 * 24 * 60 * 60 * 1000);
  const client = p.client();
  const r = await client.signIn(account);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const cookie = client.setCookies.find((c) => /session/i.test(c)) ?? client.setCookies[0] ?? '';
  assert.match(cookie, /Max-Age=43200/i, cookie);
  assert.doesNotMatch(cookie, /Expires=/i, cookie);
  assert.equal((await client.get('/api/auth/session')).body.authenticated, true);
});
