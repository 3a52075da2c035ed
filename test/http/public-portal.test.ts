/**
 * The public portal's API without a session: published calls (status read at the server's clock,
 * open first, filters, sorts, pages, the call's text and rules, blank forms) and published final
 * lists (only formally published ones, only the projects still on them, only public fields). Draft
 * calls, drafted or merely published notices, and removed projects never appear; neither do phones,
 * e-mails or credit codes. Calls are made through the API; the notices in their three states are
 * put in place through the repositories (the selection that produces them is test/http/notices.test.ts's).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROFILE, REQUIRED, submittedApplication } from '../support/applicants.ts';
import { startPlatform, type Client, type TestPlatform } from '../support/platform.ts';

let p: TestPlatform;
let anonymous: Client;
const DAY = 86_400_000;

interface MadeCall {
  key: string;
  id: string;
  title: string;
  programCode: string;
  provinceCode: string;
  opensAt: Date;
  deadlineAt: Date;
  published: boolean;
}
const calls: MadeCall[] = [];
const callOf = (key: string) => calls.find((c) => c.key === key)!;
/** Application ids on call A: a1 and a2 stay on its final list, a3 is removed after an objection. */
const apps: Record<string, string> = {};
/** Notice ids by state. */
const notices: Record<'draft' | 'published' | 'finalA' | 'finalB2', string> = { draft: '', published: '', finalA: '', finalB2: '' };
const CREDIT_CODE = '91130100MA0PUBLIC9';
const setClock = (iso: string) => p.clock.advance(Date.parse(iso) - p.clock.now().getTime());

/** A Shanghai wall-clock time as an instant ("24:00" is the end of the day). */
const at = (date: string, time: string) => (time === '24:00' ? new Date(Date.parse(`${date}T00:00:00+08:00`) + DAY) : new Date(`${date}T${time}:00+08:00`));

async function makeCall(officer: Client, key: string, c: { programCode: string; provinceCode: string; title: string; opensOn: string; deadlineDate: string; deadlineTime?: string; publish: boolean; materials?: string }) {
  const r = await officer.post('/api/calls', { programCode: c.programCode, programVersion: 1, title: c.title, opensOn: c.opensOn, deadlineDate: c.deadlineDate, deadlineTime: c.deadlineTime ?? '17:00', materials: c.materials ?? '' });
  assert.equal(r.status, 201, `create ${key}: ${JSON.stringify(r.body)}`);
  if (c.publish) assert.equal((await officer.post(`/api/calls/${r.body.id}/publish`)).status, 200, `publish ${key}`);
  calls.push({ key, id: r.body.id, title: c.title, programCode: c.programCode, provinceCode: c.provinceCode, opensAt: at(c.opensOn, '00:00'), deadlineAt: at(c.deadlineDate, c.deadlineTime ?? '17:00'), published: c.publish });
}

before(async () => {
  p = await startPlatform({ programs: true });
  anonymous = p.client({ ip: '10.9.0.1' });
  const provinceAccount = await p.account('province_officer', '130000-miit');
  const hebei = p.client();
  await hebei.signIn(provinceAccount);
  const hubei = p.client();
  await hubei.signIn(await p.account('province_officer', '420000-miit'));

  // At 2 March 2026 (the test clock's start): A closes on 10 March, so it can take applications now.
  await makeCall(hebei, 'A', { programCode: 'hebei-2016-internet-plus', provinceCode: '130000', title: '2026年第一批“互联网+”制造业试点示范申报通知', opensOn: '2026-03-01', deadlineDate: '2026-03-10', publish: true });
  for (const [i, letter] of ['1', '2', '3'].entries()) apps[`a${letter}`] = await submittedApplication(p, callOf('A').id, '130100', `门户测试${letter}号公司`, ['130102', '130104', '130105'][i]!);
  await makeCall(hebei, 'B', { programCode: 'hebei-2016-internet-plus', provinceCode: '130000', title: '2026年第二批“互联网+”制造业试点示范申报通知', opensOn: '2026-03-01', deadlineDate: '2026-04-30', publish: true, materials: '请登录平台在线填报，并上传申报书、营业执照和两化融合评估报告。' });
  await makeCall(hebei, 'B2', { programCode: 'hebei-2021-ii-key-projects', provinceCode: '130000', title: '2026年工业互联网重点项目申报通知', opensOn: '2026-03-01', deadlineDate: '2026-04-20', publish: true });
  await makeCall(hebei, 'C', { programCode: 'hebei-2016-internet-plus', provinceCode: '130000', title: '2026年第三批“互联网+”制造业试点示范申报通知（预告）', opensOn: '2026-05-01', deadlineDate: '2026-06-30', deadlineTime: '24:00', publish: true });
  await makeCall(hebei, 'D', { programCode: 'hebei-2016-internet-plus', provinceCode: '130000', title: '草稿中的申报通知不应公开', opensOn: '2026-03-01', deadlineDate: '2026-05-31', publish: false });
  await makeCall(hubei, 'H', { programCode: 'hubei-2020-dual-innovation', provinceCode: '420000', title: '湖北省制造业“双创”平台申报通知', opensOn: '2026-03-01', deadlineDate: '2026-05-31', publish: true });

  // Notices in each state: a draft (on D), one published but not yet final (on B), two final lists (A, B2).
  const now = p.clock.now();
  const fields = (n: string, city: string) => ({ organizationName: `门户测试${n}号公司`, projectName: `门户测试${n}号公司智能工厂项目`, cityName: city, direction: '2.2 工业互联网平台', creditCode: CREDIT_CODE, score: '91.5' });
  await p.deps.uow.transaction(async (r) => {
    const make = async (callKey: string, title: string) => r.notices.insert({ callId: callOf(callKey).id, title, body: '现予以公示。', decisionNote: '内部备注：统筹平衡', contact: JSON.stringify({ name: '张科长', phone: '0311-87801234', email: 'zhang@miit.example' }), createdBy: provinceAccount.id, now });
    notices.draft = await make('D', '草稿公示不应公开');
    await r.notices.addItem(notices.draft, apps.a1!, 1, { ...fields('草稿', '石家庄市'), projectName: '草稿名单项目' });
    notices.published = await make('B', '第二批拟入选名单的公示');
    await r.notices.addItem(notices.published, apps.a2!, 1, { ...fields('公示中', '石家庄市'), projectName: '公示中名单项目' });
    await r.notices.update(notices.published, { status: 'published', publishedAt: now, startDate: '2026-03-03', endDate: '2026-03-09', endsAt: at('2026-03-09', '24:00'), provisional: false }, now);
    notices.finalA = await make('A', '第一批拟入选名单的公示');
    await r.notices.addItem(notices.finalA, apps.a1!, 1, fields('1', '石家庄市'));
    await r.notices.addItem(notices.finalA, apps.a2!, 2, fields('2', '石家庄市'));
    await r.notices.addItem(notices.finalA, apps.a3!, 3, fields('3', '石家庄市'));
    await r.notices.markRemoved(notices.finalA, apps.a3!);
    await r.notices.update(notices.finalA, { status: 'final', publishedAt: now, startDate: '2026-03-03', endDate: '2026-03-09', endsAt: at('2026-03-09', '24:00'), finalDocumentNumber: '冀工信〔2026〕11号', finalPublishedAt: at('2026-03-12', '10:00') }, now);
    notices.finalB2 = await make('B2', '重点项目拟支持名单的公示');
    await r.notices.addItem(notices.finalB2, apps.a2!, 1, { ...fields('重点', '唐山市'), organizationName: '唐山重点项目企业', projectName: '唐山钢铁工业互联网平台项目' });
    await r.notices.update(notices.finalB2, { status: 'final', publishedAt: now, startDate: '2026-03-03', endDate: '2026-03-09', endsAt: at('2026-03-09', '24:00'), finalDocumentNumber: '冀工信〔2026〕12号', finalPublishedAt: at('2026-03-13', '10:00') }, now);
  });
  // Read on 15 March at 09:00: A has closed, B, B2 and H are open, C opens on 1 May.
  setClock('2026-03-15T09:00:00+08:00');
});
after(() => p.close());

/** Everything a public response must never carry, whatever it is. */
function assertNothingPersonal(body: unknown, what: string) {
  const text = JSON.stringify(body);
  for (const secret of [PROFILE.contacts[0]!.mobile, PROFILE.contacts[0]!.email, PROFILE.legalRepresentative, PROFILE.address, CREDIT_CODE, '内部备注', '91.5']) {
    assert.ok(!text.includes(secret), `${what} must not contain ${secret}`);
  }
  for (const key of ['creditCode', 'phone', 'email', 'mobile', 'applicationId', 'score', 'finalScore', 'decisionNote', 'definition', 'expression', 'contacts']) {
    assert.ok(!text.includes(`"${key}"`), `${what} must not carry the key ${key}`);
  }
}

/** The expected order of `sort=status`, computed here from the records: open by deadline, upcoming by opening, closed latest first. */
function expectedStatusOrder(list: MadeCall[], now: Date): string[] {
  const rank = (c: MadeCall) => (now < c.opensAt ? 1 : now < c.deadlineAt ? 0 : 2);
  return [...list]
    .sort((x, y) => rank(x) - rank(y) || (rank(x) === 0 ? +x.deadlineAt - +y.deadlineAt : rank(x) === 1 ? +x.opensAt - +y.opensAt : +y.deadlineAt - +x.deadlineAt) || Number(y.id) - Number(x.id))
    .map((c) => c.id);
}

const published = () => calls.filter((c) => c.published);
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('public calls', () => {
  test('only published calls, open first (closing soonest), then upcoming, then closed; no session needed', async () => {
    const r = await anonymous.get('/api/public/calls?pageSize=50');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.total, published().length, 'every published call, and only those');
    assert.deepEqual(ids(r.body), expectedStatusOrder(published(), p.clock.now()));
    assert.ok(!ids(r.body).includes(callOf('D').id), 'the draft is not listed');
    assert.deepEqual(r.body.items.map((c: { status: string }) => c.status), ['open', 'open', 'open', 'upcoming', 'closed']);
    assertNothingPersonal(r.body, 'the list of calls');
  });

  test('status, program, province and text filters; every filter on the server with its total', async () => {
    const now = p.clock.now();
    const expect = (pred: (c: MadeCall) => boolean) => expectedStatusOrder(published().filter(pred), now);
    const cases: [string, (c: MadeCall) => boolean][] = [
      ['status=open', (c) => c.opensAt <= now && now < c.deadlineAt],
      ['status=upcoming', (c) => now < c.opensAt],
      ['status=closed', (c) => c.deadlineAt <= now],
      ['programCode=hebei-2021-ii-key-projects', (c) => c.programCode === 'hebei-2021-ii-key-projects'],
      ['provinceCode=420000', (c) => c.provinceCode === '420000'],
      ['provinceCode=130000&status=open', (c) => c.provinceCode === '130000' && c.opensAt <= now && now < c.deadlineAt],
      [`q=${encodeURIComponent('第二批')}`, (c) => c.title.includes('第二批')],
      [`q=${encodeURIComponent('草稿')}`, () => false],
    ];
    for (const [query, pred] of cases) {
      const r = await anonymous.get(`/api/public/calls?${query}`);
      assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`);
      assert.deepEqual(ids(r.body), expect(pred), query);
      assert.equal(r.body.total, expect(pred).length, `${query}: total`);
    }
    const bad = await anonymous.get('/api/public/calls?status=draft&provinceCode=hebei');
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.errors.map((e: { path: string }) => e.path).sort(), ['provinceCode', 'status'], 'field-level errors');
  });

  test('sorts and pages on the server', async () => {
    const byTitle = [...published()].sort((x, y) => (x.title < y.title ? -1 : x.title > y.title ? 1 : Number(x.id) - Number(y.id))).map((c) => c.id);
    assert.deepEqual(ids((await anonymous.get('/api/public/calls?sort=title&order=asc')).body), byTitle);
    const byDeadline = [...published()].sort((x, y) => +y.deadlineAt - +x.deadlineAt || Number(y.id) - Number(x.id)).map((c) => c.id);
    assert.deepEqual(ids((await anonymous.get('/api/public/calls?sort=deadlineAt&order=desc')).body), byDeadline);
    const all = expectedStatusOrder(published(), p.clock.now());
    const page2 = await anonymous.get('/api/public/calls?page=2&pageSize=2');
    assert.deepEqual(ids(page2.body), all.slice(2, 4), 'the second page of two');
    assert.equal(page2.body.total, all.length);
    assert.equal(page2.body.page, 2);
    const page3 = await anonymous.get('/api/public/calls?page=3&pageSize=2');
    assert.deepEqual(ids(page3.body), all.slice(4, 6), 'the last page');
  });

  test('dates as a notice words them, and the days left for an open call', async () => {
    const items = (await anonymous.get('/api/public/calls?pageSize=50')).body.items as { id: string; remainingDays: number | null; deadlineDate: string; deadlineTime: string; opensOn: string; status: string }[];
    const now = p.clock.now().getTime();
    for (const c of items) {
      const made = calls.find((m) => m.id === c.id)!;
      const open = c.status === 'open';
      assert.equal(c.remainingDays, open ? Math.floor((made.deadlineAt.getTime() - now) / DAY) : null, `remaining days of ${made.key}`);
    }
    const b = items.find((c) => c.id === callOf('B').id)!;
    assert.equal(b.remainingDays, 46, '15 March 09:00 to 30 April 17:00 is 46 whole days');
    assert.deepEqual([b.opensOn, b.deadlineDate, b.deadlineTime], ['2026-03-01', '2026-04-30', '17:00']);
    const c = items.find((x) => x.id === callOf('C').id)!;
    assert.deepEqual([c.deadlineDate, c.deadlineTime], ['2026-06-30', '24:00'], 'a midnight deadline is 24:00 of the last day');
  });

  test('one call: its text, program, directions, rules with citations, materials and blank forms', async () => {
    const r = await anonymous.get(`/api/public/calls/${callOf('B').id}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const d = r.body;
    assert.equal(d.title, callOf('B').title);
    assert.equal(d.materials, '请登录平台在线填报，并上传申报书、营业执照和两化融合评估报告。');
    assert.equal(d.programName['zh-CN'], '河北省“互联网+”制造业试点示范');
    assert.equal(d.status, 'open');
    const version = await p.deps.uow.read((repos) => repos.programs.findVersion('hebei-2016-internet-plus', 1));
    const definition = version!.definition as { rules: { id: string; citation: string }[]; directions: { code: string }[]; issuer: string };
    assert.deepEqual(d.rules.map((x: { id: string; citation: string }) => [x.id, x.citation]), definition.rules.map((x) => [x.id, x.citation]), 'every rule with its citation');
    assert.deepEqual(d.directions.map((x: { code: string }) => x.code), definition.directions.map((x) => x.code));
    assert.equal(d.issuer, definition.issuer);
    for (const id of REQUIRED) assert.ok(d.attachments.some((a: { id: string; required: boolean }) => a.id === id && a.required), `required attachment ${id}`);
    assert.ok(d.templates.length >= 1, 'at least one blank form');
    assertNothingPersonal(d, 'a call');
    const docx = await anonymous.binary('GET', d.templates[0].path);
    assert.equal(docx.status, 200, `the blank form downloads: ${JSON.stringify(docx.body)}`);
    assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a .docx (zip) file');
    assert.match(docx.headers.get('content-disposition') ?? '', /docx/);
    assert.equal((await anonymous.get(`/api/public/calls/${callOf('B').id}/forms/no-such-form/template.docx`)).status, 404);
  });

  test('a draft or missing call is 404 (and its forms too); a malformed id is a field error', async () => {
    for (const path of [`/api/public/calls/${callOf('D').id}`, '/api/public/calls/999999', `/api/public/calls/${callOf('D').id}/forms/application/template.docx`]) {
      const r = await anonymous.get(path);
      assert.equal(r.status, 404, path);
      assert.ok(!JSON.stringify(r.body).includes('草稿中的申报通知'), `${path} says nothing of the draft`);
    }
    const bad = await anonymous.get('/api/public/calls/abc');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].path, 'id');
  });

  test('the filters offer the provinces and programs that have published calls', async () => {
    const r = await anonymous.get('/api/public/options');
    assert.equal(r.status, 200);
    assert.deepEqual(r.body.provinces.map((x: { code: string }) => x.code), ['130000', '420000']);
    assert.deepEqual(r.body.programs.map((x: { code: string }) => x.code), [...new Set(published().map((c) => c.programCode))].sort());
    assert.equal(r.body.provinces[0].name['zh-CN'], '河北省');
  });
});

describe('public final lists', () => {
  test('only formally published lists, newest first; a draft or a notice still on notice is not one', async () => {
    const r = await anonymous.get('/api/public/final-lists');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(ids(r.body), [notices.finalB2, notices.finalA], 'newest publication first');
    assert.equal(r.body.total, 2);
    const a = r.body.items[1];
    assert.equal(a.documentNumber, '冀工信〔2026〕11号');
    assert.equal(a.publishedAt, at('2026-03-12', '10:00').toISOString());
    assert.equal(a.itemCount, 2, 'the removed project is not counted');
    assert.equal(a.callId, callOf('A').id);
    assert.equal(a.title, '关于公布河北省“互联网+”制造业试点示范项目名单的通知');
    assert.deepEqual(ids((await anonymous.get('/api/public/final-lists?order=asc')).body), [notices.finalA, notices.finalB2]);
    assertNothingPersonal(r.body, 'the list of final lists');
  });

  test('filters and pages on the server', async () => {
    const cases: [string, string[]][] = [
      ['programCode=hebei-2021-ii-key-projects', [notices.finalB2]],
      ['provinceCode=420000', []],
      ['provinceCode=130000', [notices.finalB2, notices.finalA]],
      [`q=${encodeURIComponent('门户测试1号')}`, [notices.finalA]],
      [`q=${encodeURIComponent('门户测试3号')}`, []],
      [`q=${encodeURIComponent('12号')}`, [notices.finalB2]],
      [`q=${encodeURIComponent('公示中')}`, []],
    ];
    for (const [query, expected] of cases) {
      const r = await anonymous.get(`/api/public/final-lists?${query}`);
      assert.equal(r.status, 200, query);
      assert.deepEqual(ids(r.body), expected, query);
      assert.equal(r.body.total, expected.length, `${query}: total`);
    }
    const page2 = await anonymous.get('/api/public/final-lists?page=2&pageSize=1');
    assert.deepEqual(ids(page2.body), [notices.finalA]);
    assert.equal(page2.body.total, 2);
  });

  test('one list: its projects in order with enterprise, project, city and direction only', async () => {
    const r = await anonymous.get(`/api/public/final-lists/${notices.finalA}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(
      r.body.items.map((i: { position: number; projectName: string }) => [i.position, i.projectName]),
      [
        [1, '门户测试1号公司智能工厂项目'],
        [2, '门户测试2号公司智能工厂项目'],
      ],
      'the removed project is not on the list',
    );
    assert.deepEqual(Object.keys(r.body.items[0]).sort(), ['cityName', 'direction', 'organizationName', 'position', 'projectName']);
    assert.equal(r.body.items[0].cityName, '石家庄市');
    assertNothingPersonal(r.body, 'a final list');
  });

  test('a notice not yet final, a draft, or a missing id is 404', async () => {
    for (const id of [notices.published, notices.draft, '999999']) {
      const r = await anonymous.get(`/api/public/final-lists/${id}`);
      assert.equal(r.status, 404, `final list ${id}`);
    }
  });
});
