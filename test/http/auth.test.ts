import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { totpCode } from '../../src/adapters/security/security.ts';
import { PASSWORD, startPlatform, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
before(async () => {
  p = await startPlatform();
});
after(() => p.close());

describe('lockout', () => {
  test('5 wrong passwords lock the account for 30 minutes; the right one then fails until the clock passes 30 minutes', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client({ ip: '10.1.0.1' });
    for (let i = 1; i <= 4; i++) {
      const r = await c.post('/api/auth/login', { email: account.email, password: 'Wrong-password-123' });
      assert.equal(r.status, 401, `attempt ${i}`);
      assert.equal(r.body.code, 'invalid_credentials');
      assert.equal(r.body.messages['zh-CN'], '账号或密码不正确');
    }
    const fifth = await c.post('/api/auth/login', { email: account.email, password: 'Wrong-password-123' });
    assert.equal(fifth.status, 423);
    assert.equal(fifth.body.code, 'account_locked');
    assert.equal(new Date(fifth.body.lockedUntil).getTime(), p.clock.now().getTime() + 30 * 60_000);

    p.clock.advanceMinutes(29);
    const stillLocked = await c.post('/api/auth/login', { email: account.email, password: PASSWORD });
    assert.equal(stillLocked.status, 423, 'the correct password is refused while locked');

    p.clock.advanceMinutes(1);
    const released = await c.post('/api/auth/login', { email: account.email, password: PASSWORD });
    assert.equal(released.status, 200);
    assert.equal(released.body.authenticated, true);

    const events = await p.deps.uow.read((r) => r.audit.list({ page: 1, pageSize: 50, order: 'asc', entityId: account.id }));
    assert.ok(events.rows.some((e) => e.action === 'auth.account_locked'), 'the lock is audited');
  });

  test('an administrator can unlock at once', async () => {
    const account = await p.account('applicant', '130100');
    const admin = await p.account('administrator', 'PLATFORM');
    const c = p.client({ ip: '10.1.0.2' });
    for (let i = 0; i < 5; i++) await c.post('/api/auth/login', { email: account.email, password: 'Wrong-password-123' });
    const a = p.client({ ip: '10.1.0.3' });
    assert.equal((await a.signIn(admin)).status, 200);
    const unlock = await a.post(`/api/accounts/${account.id}/actions`, { action: 'unlock', reason: '本人来电核实' });
    assert.equal(unlock.status, 200);
    assert.equal(unlock.body.account.lockedUntil, null);
    assert.equal((await c.signIn(account)).status, 200);
  });

  test('many failures from one address are throttled across accounts', async () => {
    const c = p.client({ ip: '10.9.9.9' });
    for (let i = 0; i < 20; i++) await c.post('/api/auth/login', { email: `nobody${i}@test.example`, password: 'Wrong-password-123' });
    const r = await c.post('/api/auth/login', { email: 'nobody@test.example', password: 'Wrong-password-123' });
    assert.equal(r.status, 429);
    assert.equal(r.body.code, 'rate_limited');
    const other = p.client({ ip: '10.9.9.10' });
    const account = await p.account('applicant', '130100');
    assert.equal((await other.signIn(account)).status, 200, 'another address is not affected');
  });
});

describe('session cookie', () => {
  test('is HttpOnly, SameSite=Lax, path /, no Secure over plain HTTP', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client();
    await c.signIn(account);
    const cookie = c.setCookies.find((s) => s.startsWith('sid='));
    assert.ok(cookie, 'a session cookie is set');
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Path=\//i);
    assert.doesNotMatch(cookie, /Secure/i);
  });

  test('is __Host- prefixed and Secure behind TLS', async () => {
    const tls = await startPlatform({ secureCookies: true });
    try {
      const account = await tls.account('applicant', '130100');
      const c = tls.client();
      await c.signIn(account);
      const cookie = c.setCookies.find((s) => s.startsWith('__Host-sid='));
      assert.ok(cookie);
      assert.match(cookie, /; Secure/i);
      assert.match(cookie, /HttpOnly/i);
    } finally {
      await tls.close();
    }
  });

  test('rotates at sign-in: a session id planted before login is worthless after it', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client();
    await c.signIn(account);
    const first = c.cookies.get('sid');
    await c.signIn(account);
    const second = c.cookies.get('sid');
    assert.notEqual(first, second);
    const attacker = p.client();
    attacker.cookies.set('sid', first!);
    const me = await attacker.get('/api/auth/session');
    assert.equal(me.body.authenticated, false);
  });

  test('expires after 30 idle minutes, and after 12 hours however active', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client();
    await c.signIn(account);
    p.clock.advanceMinutes(29);
    assert.equal((await c.get('/api/auth/session')).body.authenticated, true);
    p.clock.advanceMinutes(29);
    assert.equal((await c.get('/api/auth/session')).body.authenticated, true, 'activity pushed the idle expiry');
    p.clock.advanceMinutes(31);
    assert.equal((await c.get('/api/auth/session')).body.authenticated, false, 'idle for 31 minutes');

    await c.signIn(account);
    for (let i = 0; i < 28; i++) {
      p.clock.advanceMinutes(25);
      await c.get('/api/auth/session');
    }
    assert.equal((await c.get('/api/auth/session')).body.authenticated, true, 'after 11h40m of activity');
    p.clock.advanceMinutes(25);
    assert.equal((await c.get('/api/auth/session')).body.authenticated, false, 'past 12 hours');
  });

  test('logout everywhere ends every session of the account', async () => {
    const account = await p.account('applicant', '130100');
    const laptop = p.client();
    const phone = p.client();
    await laptop.signIn(account);
    await phone.signIn(account);
    assert.equal((await phone.post('/api/auth/logout-everywhere')).status, 200);
    assert.equal((await laptop.get('/api/auth/session')).body.authenticated, false);
    assert.equal((await phone.get('/api/auth/session')).body.authenticated, false);
  });
});

describe('CSRF', () => {
  test('a state-changing request without the token is refused, with it accepted', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client();
    await c.signIn(account);
    const path = `/api/organizations/${account.organizationId}`;
    const refused = await c.patch(path, { contactName: '张三' }, { csrf: false });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.code, 'csrf_failed');
    const wrong = await c.request('PATCH', path, { contactName: '张三' }, { csrf: false, headers: { 'x-csrf-token': 'forged' } });
    assert.equal(wrong.status, 403);
    const accepted = await c.patch(path, { contactName: '张三' });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.contactName, '张三');
  });

  test('sign-in itself needs the anonymous token, and a foreign Origin is refused', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client();
    const r = await c.post('/api/auth/login', { email: account.email, password: PASSWORD }, { csrf: false });
    assert.equal(r.status, 403);
    const foreign = await c.request('POST', '/api/auth/login', { email: account.email, password: PASSWORD }, { headers: { origin: 'https://evil.example', host: 'localhost' } });
    assert.equal(foreign.status, 403);
  });
});

describe('two-factor', () => {
  test('a province officer cannot reach anything until an authenticator is set up', async () => {
    const officer = await p.account('province_officer', '130000-miit', { totp: false });
    const c = p.client();
    const login = await c.post('/api/auth/login', { email: officer.email, password: PASSWORD });
    assert.equal(login.status, 200);
    assert.equal(login.body.stage, 'totp_enrol');
    assert.equal(login.body.authenticated, false);
    const blocked = await c.get('/api/organizations');
    assert.equal(blocked.status, 401);
    assert.equal(blocked.body.code, 'sign_in_incomplete');

    const enrol = await c.post('/api/auth/totp/enrolment');
    assert.equal(enrol.status, 200);
    assert.match(enrol.body.otpauthUrl, /^otpauth:\/\/totp\//);
    assert.match(enrol.body.qrCode, /^data:image\/svg\+xml;base64,/);
    const wrong = await c.post('/api/auth/totp/enrolment/confirm', { code: '000000' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.errors[0].path, 'code');
    const confirmed = await c.post('/api/auth/totp/enrolment/confirm', { code: totpCode(enrol.body.secret, p.clock.now()) });
    assert.equal(confirmed.status, 200);
    assert.equal(confirmed.body.stage, 'full');
    assert.equal((await c.get('/api/organizations')).status, 200);
  });

  test('with an authenticator, the password alone is not enough, and a code cannot be replayed', async () => {
    const officer = await p.account('province_officer', '130000-miit');
    const c = p.client();
    const login = await c.post('/api/auth/login', { email: officer.email, password: PASSWORD });
    assert.equal(login.body.stage, 'totp');
    assert.equal((await c.get('/api/organizations')).status, 401);
    const code = totpCode(officer.totpSecret!, p.clock.now());
    assert.equal((await c.post('/api/auth/totp/verify', { code })).body.stage, 'full');

    const again = p.client();
    await again.post('/api/auth/login', { email: officer.email, password: PASSWORD });
    const replay = await again.post('/api/auth/totp/verify', { code });
    assert.equal(replay.status, 400, 'the same code is refused the second time');
  });

  test('staff may not turn two-factor off', async () => {
    const officer = await p.account('city_officer', '130100');
    const c = p.client();
    await c.signIn(officer);
    p.clock.advance(31_000);
    const r = await c.post('/api/auth/totp/disable', { code: totpCode(officer.totpSecret!, p.clock.now()) });
    assert.equal(r.status, 403);
  });

  test('every staff role is sent to enrolment; an applicant is not', async () => {
    for (const [role, org] of [
      ['city_officer', '130200'],
      ['task_force_reviewer', '370000-tf-ocean'],
      ['expert', '130000-experts'],
      ['finance_officer', '130000-finance'],
      ['auditor', '130000-audit'],
      ['administrator', 'PLATFORM'],
    ] as const) {
      const a = await p.account(role, org, { totp: false });
      const r = await p.client().post('/api/auth/login', { email: a.email, password: PASSWORD });
      assert.equal(r.body.stage, 'totp_enrol', role);
    }
    const applicant = await p.account('applicant', '130100');
    assert.equal((await p.client().post('/api/auth/login', { email: applicant.email, password: PASSWORD })).body.stage, 'full');
  });
});

describe('registration and passwords', () => {
  const units = async () => (await p.client().get('/api/public/recommending-units')).body.items as { id: string; name: string }[];

  test('an enterprise registers with a valid credit code and is signed in, under its city', async () => {
    const shijiazhuang = (await units()).find((u) => u.name === '石家庄市')!;
    const c = p.client();
    const r = await c.post('/api/auth/register', {
      email: 'Contact@Enterprise.example',
      password: 'Hebei-Gongye-Pingtai',
      displayName: '王经理',
      organizationName: '河北某智能制造有限公司',
      creditCode: '91330100799655058B',
      cityId: shijiazhuang.id,
    });
    assert.equal(r.status, 201);
    assert.equal(r.body.stage, 'full');
    assert.equal(r.body.user.email, 'contact@enterprise.example');
    assert.equal(r.body.user.role, 'applicant');
    const org = await c.get(`/api/organizations/${r.body.user.organization.id}`);
    assert.equal(org.body.creditCode, '91330100799655058B');
    assert.deepEqual(org.body.ancestors, ['河北省', '石家庄市']);

    const again = await p.client().post('/api/auth/register', {
      email: 'other@enterprise.example',
      password: 'Hebei-Gongye-Pingtai',
      displayName: '李四',
      organizationName: '重复单位',
      creditCode: '91330100799655058B',
      cityId: shijiazhuang.id,
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.errors[0].path, 'creditCode');
    assert.equal(again.body.errors[0].code, 'credit_code_taken');
  });

  test('field errors name the field in Chinese and English, all at once', async () => {
    const shijiazhuang = (await units()).find((u) => u.name === '石家庄市')!;
    const r = await p.client().post('/api/auth/register', {
      email: 'someone@enterprise.example',
      password: 'short',
      displayName: '王经理',
      organizationName: '河北某公司',
      creditCode: '91350100M000100Y44',
      cityId: shijiazhuang.id,
    });
    assert.equal(r.status, 400);
    assert.equal(r.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    const byCode = Object.fromEntries(r.body.errors.map((e: any) => [e.code, e.messages]));
    assert.deepEqual(byCode.credit_code_check_character, {
      'zh-CN': '统一社会信用代码：第 18 位校验码应为“3”而不是“4”：请核对前 17 位是否输错',
      en: 'Unified social credit code: the check character (18th) should be “3”, not “4”: check the first 17 characters for a typo',
    });
    assert.deepEqual(byCode.password_too_short, { 'zh-CN': '密码：至少 12 个字符', en: 'Password: at least 12 characters' });
    assert.ok(byCode.password_classes);

    const schema = await p.client().post('/api/auth/register', { email: 'not-an-email', password: 'x' });
    assert.equal(schema.status, 400);
    const email = schema.body.errors.find((e: any) => e.path === 'email');
    assert.equal(email.messages['zh-CN'], '电子邮箱：格式不正确，例如 name@example.com');
    const city = schema.body.errors.find((e: any) => e.path === 'cityId');
    assert.equal(city.messages['zh-CN'], '所在地市：必填');
  });

  test('password reset by an e-mailed token, usable once', async () => {
    const account = await p.account('applicant', '130100');
    const c = p.client();
    assert.equal((await c.post('/api/auth/password-reset/request', { email: account.email })).status, 202);
    assert.equal((await c.post('/api/auth/password-reset/request', { email: 'nobody@nowhere.example' })).status, 202, 'same answer for unknown addresses');
    const mail = (await p.deps.uow.read((r) => r.outbox.list({ page: 1, pageSize: 50, order: 'desc' }))).rows.find((m) => m.to === account.email)!;
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.body)![1]!);
    const weak = await c.post('/api/auth/password-reset', { token, newPassword: 'password1234' });
    assert.equal(weak.status, 400);
    assert.ok(weak.body.errors.some((e: any) => e.code === 'password_common'));
    assert.equal((await c.post('/api/auth/password-reset', { token, newPassword: 'New-Lantern-River-77' })).status, 200);
    assert.equal((await c.post('/api/auth/password-reset', { token, newPassword: 'Another-Lantern-88' })).status, 400, 'token used up');
    assert.equal((await c.signIn(account, 'New-Lantern-River-77')).status, 200);
  });

  test('a staff password older than 90 days must be changed before anything else', async () => {
    const officer = await p.account('city_officer', '130100');
    p.clock.advance(91 * 86_400_000);
    const c = p.client();
    const r = await c.signIn(officer);
    assert.equal(r.body.stage, 'password_change');
    assert.equal((await c.get('/api/organizations')).status, 401);
    const changed = await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Fresh-Spring-Rain-2026' });
    assert.equal(changed.status, 200);
    assert.equal(changed.body.stage, 'full');
    assert.equal((await c.get('/api/organizations')).status, 200);
  });
});
