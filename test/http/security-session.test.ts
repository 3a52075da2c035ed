/**
 * Session fixation (issue 8): a session cookie an attacker sets in a victim's browser before sign-in is
 * never adopted; sign-in, the second factor (verification and enrolment) and a password change each give
 * a new session id and end the old one on the server; sign-out ends the session on the server, so the
 * old cookie value is worthless even if it was copied.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../../src/adapters/security/security.ts';
import { PASSWORD, startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(() => p.close());

const SID = 'sid';

/** What the server makes of a cookie value: who it signs in, at which stage (null when nobody). */
async function whoIs(value: string): Promise<{ authenticated: boolean; email: string | null; stage: string | null }> {
  const c = p.client({ ip: '10.9.9.9' });
  c.cookies.set(SID, value);
  const r = await c.get('/api/auth/session');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return { authenticated: r.body.authenticated, email: r.body.user?.email ?? null, stage: r.body.stage };
}
const NOBODY = { authenticated: false, email: null, stage: null };

/** Whether the server still holds a session for the cookie value. */
async function stored(value: string): Promise<boolean> {
  return Boolean(await p.deps.uow.read((r) => r.sessions.findById(p.deps.tokens.digest(value))));
}

/** The session cookie the last answer set, if any. */
function setSid(c: Client): string | undefined {
  const header = c.setCookies.find((s) => s.startsWith(`${SID}=`));
  return header ? header.slice(SID.length + 1).split(';')[0] : undefined;
}

describe('a cookie planted before sign-in', () => {
  test('an arbitrary value is not adopted: sign-in sets a new one, and the planted value signs nobody in', async () => {
    const victim = await p.account('applicant', '130100');
    const browser = p.client();
    const planted = 'attacker-chosen-session-value-0123456789abcdef';
    browser.cookies.set(SID, planted);
    const r = await browser.post('/api/auth/login', { email: victim.email, password: PASSWORD });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const issued = setSid(browser);
    assert.ok(issued, 'sign-in sets a session cookie');
    assert.notEqual(issued, planted, 'the planted value is replaced');
    assert.deepEqual(await whoIs(planted), NOBODY, 'the planted value is no session');
    assert.equal((await whoIs(issued)).email, victim.email, 'the new value is the victim’s session');
  });

  test('the attacker’s own live session, planted, is ended by the victim’s sign-in and never becomes the victim’s', async () => {
    const attacker = await p.account('applicant', '130200');
    const victim = await p.account('applicant', '130100');
    const attackerBrowser = p.client({ ip: '10.6.6.6' });
    await attackerBrowser.signIn(attacker);
    const planted = attackerBrowser.cookies.get(SID)!;
    assert.equal((await whoIs(planted)).email, attacker.email, 'a live session of the attacker');

    const browser = p.client();
    browser.cookies.set(SID, planted);
    const r = await browser.post('/api/auth/login', { email: victim.email, password: PASSWORD });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.user.email, victim.email);
    const issued = setSid(browser)!;
    assert.notEqual(issued, planted, 'a new session id');
    const planter = await whoIs(planted);
    assert.notEqual(planter.email, victim.email, 'the planted id never carries the victim’s sign-in');
    assert.deepEqual(planter, NOBODY, 'the session the request came with is ended');
    assert.equal(await stored(planted), false, 'and removed on the server');
  });
});

describe('rotation', () => {
  test('the second factor: the half-signed-in id dies when the code is accepted', async () => {
    const officer = await p.account('province_officer', '130000-miit');
    const c = p.client();
    const login = await c.post('/api/auth/login', { email: officer.email, password: PASSWORD });
    assert.equal(login.body.stage, 'totp');
    const halfway = setSid(c)!;
    assert.equal((await whoIs(halfway)).stage, 'totp', 'the first id is at the second-factor step');
    p.clock.advance(31_000);
    const verified = await c.post('/api/auth/totp/verify', { code: totpCode(officer.totpSecret!, p.clock.now()) });
    assert.equal(verified.body.stage, 'full', JSON.stringify(verified.body));
    const full = setSid(c)!;
    assert.notEqual(full, halfway, 'a new id after the second factor');
    assert.deepEqual(await whoIs(halfway), NOBODY, 'the id from before the code is worthless');
    assert.equal(await stored(halfway), false, 'and gone from the server');
    const copied = p.client({ ip: '10.6.6.7' });
    copied.cookies.set(SID, halfway);
    assert.equal((await copied.get('/api/organizations')).status, 401, 'a copy of the first id reaches nothing');
  });

  test('authenticator enrolment: confirming the first code rotates the id', async () => {
    const officer = await p.account('city_officer', '130100', { totp: false });
    const c = p.client();
    const login = await c.post('/api/auth/login', { email: officer.email, password: PASSWORD });
    assert.equal(login.body.stage, 'totp_enrol');
    const before = setSid(c)!;
    const enrol = await c.post('/api/auth/totp/enrolment');
    assert.equal(enrol.status, 200, JSON.stringify(enrol.body));
    const confirmed = await c.post('/api/auth/totp/enrolment/confirm', { code: totpCode(enrol.body.secret, p.clock.now()) });
    assert.equal(confirmed.body.stage, 'full', JSON.stringify(confirmed.body));
    const afterwards = setSid(c)!;
    assert.notEqual(afterwards, before);
    assert.deepEqual(await whoIs(before), NOBODY);
    assert.equal((await whoIs(afterwards)).stage, 'full');
  });

  test('a password change: a new id here, the old one and every other device signed out', async () => {
    const account = await p.account('applicant', '130100');
    const laptop = p.client();
    const phone = p.client({ ip: '10.0.0.2' });
    await laptop.signIn(account);
    await phone.signIn(account);
    const old = laptop.cookies.get(SID)!;
    const other = phone.cookies.get(SID)!;
    const r = await laptop.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Another-Horse-Battery-7' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const issued = setSid(laptop)!;
    assert.ok(issued && issued !== old, 'a new id');
    assert.equal((await whoIs(issued)).email, account.email, 'this device stays signed in');
    assert.deepEqual(await whoIs(old), NOBODY, 'the old id is worthless');
    assert.deepEqual(await whoIs(other), NOBODY, 'the other device is signed out');
  });

  test('a forced password change (staff password past 90 days) rotates the id too', async () => {
    const officer = await p.account('city_officer', '130200');
    await p.deps.uow.transaction((r) => r.accounts.update(officer.id, { passwordChangedAt: new Date(p.clock.now().getTime() - 100 * 86_400_000) }, p.clock.now()));
    const c = p.client();
    await c.signIn(officer);
    const session = await c.get('/api/auth/session');
    assert.equal(session.body.stage, 'password_change', JSON.stringify(session.body));
    const before = c.cookies.get(SID)!;
    const r = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Fresh-Horse-Battery-8' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.notEqual(setSid(c), before);
    assert.deepEqual(await whoIs(before), NOBODY);
  });
});

describe('sign-out', () => {
  test('ends the session on the server: the copied cookie value and its CSRF token reach nothing', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client();
    await c.signIn(account);
    const value = c.cookies.get(SID)!;
    const copy = p.client({ ip: '10.6.6.8' });
    copy.cookies.set(SID, value);
    const csrf = (await copy.get('/api/auth/session')).body.csrfToken as string;
    assert.equal((await copy.get('/api/applications')).status, 200, 'the copy works while the session lives');

    const out = await c.post('/api/auth/logout');
    assert.equal(out.status, 200, JSON.stringify(out.body));
    assert.match(c.setCookies.find((s) => s.startsWith(`${SID}=`)) ?? '', /Max-Age=0|Expires=Thu, 01 Jan 1970/i, 'the cookie is cleared in the browser');
    assert.equal(await stored(value), false, 'the session row is gone');
    assert.deepEqual(await whoIs(value), NOBODY);
    assert.equal((await copy.get('/api/applications')).status, 401, 'a copy of the cookie reads nothing');
    const write = await copy.request('PATCH', `/api/organizations/${account.organizationId}`, { contactName: '冒用者' }, { csrf: false, headers: { 'x-csrf-token': csrf } });
    assert.ok(write.status === 401 || write.status === 403, `nor writes: ${write.status}`);
    const org = await p.deps.uow.read((r) => r.organizations.findById(account.organizationId));
    assert.notEqual(org?.contactName, '冒用者', 'nothing changed');
  });
});
