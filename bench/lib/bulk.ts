/**
 * Bulk data for the lists benchmark, written with SQL in large batches (unnest of arrays,
 * generate_series): past calls of every application program, enterprises with Chinese names spread
 * over every recommending unit of the three provinces (the provincial capitals get more), applications
 * with Chinese project names in realistic states, and audit records shaped like the ones the surge
 * wrote. The audit records are sealed with placeholder hashes in the same transaction, under the
 * sealer's advisory lock, so the server's sealer has nothing to catch up on (the chain does not verify
 * over them; the benchmark does not need it to).
 */
import pg from 'pg';
import { log } from './log.ts';
import { seededRandom } from './stats.ts';

/** The sealer's advisory lock (src/adapters/postgres/audit-trail.ts). */
const SEALER_LOCK = 7_720_001;

export const TRADE_NAMES = [
  '恒瑞', '华信', '金泰', '宏达', '中科', '天成', '鼎盛', '瑞丰', '新兴', '永安', '博远', '汇通', '精诚', '海川', '东方',
  '北辰', '长城', '联创', '智达', '卓越', '凯盛', '隆基', '正泰', '安泰', '宝丰', '晨光', '德润', '丰源', '国泰', '和信',
  '佳禾', '嘉诚', '九洲', '力拓', '明阳', '南华', '鹏程', '启航', '荣盛', '润泽', '森远', '盛世', '泰和', '万通', '伟业',
  '祥瑞', '鑫源', '亚太', '银河', '远航', '泽众', '振华', '中联', '众诚', '卓远', '冀东', '燕赵', '齐鲁', '荆楚', '江汉',
];
export const TRADES = ['智能装备', '精密机械', '钢铁', '化工', '新材料', '电子科技', '汽车零部件', '纺织', '食品', '医药', '建材', '电气', '能源', '物流', '软件', '信息技术'];
const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司'];
export const PROJECT_KINDS = [
  '基于工业互联网的智能工厂建设项目',
  '数字化车间改造项目',
  '工业互联网平台建设项目',
  '5G+工业互联网融合应用项目',
  '标识解析二级节点建设项目',
  '设备上云与预测性维护项目',
  '供应链协同平台项目',
  '能耗在线监测与碳管理项目',
  '网络化协同制造项目',
  '个性化定制平台项目',
  '安全生产数字化赋能项目',
  '工业大数据分析平台项目',
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇', '军', '杰', '涛', '明', '超', '华'];

const OPEN_STATES: [string, number][] = [
  ['draft', 30],
  ['submitted', 35],
  ['city_review', 15],
  ['returned', 5],
  ['withdrawn', 3],
  ['rejected', 2],
  ['city_passed', 10],
];
const CLOSED_STATES: [string, number][] = [
  ['selected', 8],
  ['not_selected', 12],
  ['not_shortlisted', 8],
  ['shortlisted', 3],
  ['expert_review', 6],
  ['policy_passed', 5],
  ['policy_rejected', 8],
  ['recommended', 12],
  ['city_passed', 12],
  ['rejected', 15],
  ['withdrawn', 5],
  ['returned', 2],
  ['submitted', 4],
];

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((a, [, w]) => a + w, 0);
  let x = rnd() * total;
  for (const [v, w] of weighted) {
    x -= w;
    if (x < 0) return v;
  }
  return weighted.at(-1)![0];
}

interface Program {
  id: string;
  code: string;
  version: number;
  provinceCode: string;
  name: string;
  formId: string;
  directions: string[];
}

interface Unit {
  id: string;
  code: string;
  name: string;
  provinceCode: string;
  division: string;
}

export interface BulkResult {
  calls: number;
  enterprises: number;
  applications: number;
  auditRecords: number;
  seconds: { calls: number; enterprises: number; applications: number; audit: number; analyze: number };
  /** Terms the searches use, all drawn from the generated names. */
  terms: { projectKind: string; tradeName: string; enterpriseName: string; cityProjectKind: string };
}

function leaves(nodes: { code: string; children?: unknown[] }[], level: number, depth = 1): string[] {
  return nodes.flatMap((n) => (depth < level && n.children?.length ? leaves(n.children as { code: string; children?: unknown[] }[], level, depth + 1) : [n.code]));
}

async function programs(c: pg.Client): Promise<Program[]> {
  const r = await c.query<{ id: string; code: string; version: number; province_code: string; definition: { kind: string; name: { 'zh-CN': string }; directionLevel?: number; directions: { code: string }[]; forms: { id: string; filledBy?: string }[] } }>(
    `select p.id, p.code, v.version, p.province_code, v.definition from program p
     join program_version v on v.program_id = p.id and v.status = 'published'
     where v.version = (select max(version) from program_version w where w.program_id = p.id and w.status = 'published')`,
  );
  return r.rows
    .filter((x) => x.definition.kind === 'application_program')
    .map((x) => ({
      id: String(x.id),
      code: x.code,
      version: x.version,
      provinceCode: x.province_code,
      name: x.definition.name['zh-CN'],
      formId: (x.definition.forms.find((f) => !f.filledBy || f.filledBy === 'applicant') ?? { id: 'application' }).id,
      directions: leaves(x.definition.directions, x.definition.directionLevel ?? 1),
    }));
}

async function units(c: pg.Client): Promise<Unit[]> {
  const r = await c.query<{ id: string; code: string; name: string; province_code: string; division_code: string | null; covered: string[] }>(
    `select o.id, o.code, o.name, p.code as province_code, o.division_code, o.covered_division_codes as covered
     from organization o join organization p on p.id = o.path[2]
     where o.kind = 'city' order by p.code, o.code`,
  );
  return r.rows.map((u) => ({
    id: String(u.id),
    code: u.code,
    name: u.name,
    provinceCode: u.province_code,
    division: u.division_code ? (u.division_code.endsWith('00') ? `${u.division_code.slice(0, 4)}02` : u.division_code) : (u.covered[0] ?? '130000'),
  }));
}

const shortCity = (name: string) => name.replace(/(土家族苗族自治州|林区|新区|市)$/, '');

/** The year in Beijing time. */
const shanghaiYear = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();

/**
 * Fills the database behind `url` with `applications` applications and `auditRecords` audit records.
 * `auditTemplates` are rows the platform wrote (action, entity type, role, after), copied round robin.
 */
export async function seedBulk(url: string, opts: { applications: number; auditRecords: number; seed?: number }): Promise<BulkResult> {
  const rnd = seededRandom(opts.seed ?? 20_261_201);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const seconds = { calls: 0, enterprises: 0, applications: 0, audit: 0, analyze: 0 };
  const timed = async <T>(key: keyof typeof seconds, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const v = await work();
    seconds[key] = Math.round((performance.now() - t) / 100) / 10;
    return v;
  };
  try {
    const progs = await programs(c);
    const all = await units(c);
    const now = new Date();
    const year = shanghaiYear(now);

    // Calls: five past years of every application program, besides the open one seeded at preparation.
    const calls = await timed('calls', async () => {
      for (const p of progs) {
        const province = (await c.query<{ id: string }>('select id from organization where code = $1', [p.provinceCode])).rows[0]!;
        for (let y = year - 5; y < year; y++) {
          const opens = new Date(`${y}-04-01T00:00:00+08:00`);
          const deadline = new Date(`${y}-06-30T17:00:00+08:00`);
          await c.query(
            `insert into program_call (program_id, program_version, province_id, title, document_number, materials, opens_at, deadline_at, status, published_at, created_at, updated_at)
             values ($1, $2, $3, $4, $5, $6, $7, $8, 'published', $7, $7, $7)`,
            [p.id, p.version, province.id, `关于组织申报${y}年度${p.name}的通知`, `工信〔${y}〕${10 + (y % 50)}号`, '请按要求在平台完成网上申报。', opens, deadline],
          );
        }
      }
      const r = await c.query<{ id: string; code: string; province_code: string; opens_at: Date; deadline_at: Date }>(
        `select c.id, p.code, p.province_code, c.opens_at, c.deadline_at from program_call c join program p on p.id = c.program_id where c.status = 'published' order by c.id`,
      );
      return r.rows.map((x) => ({ id: String(x.id), program: progs.find((p) => p.code === x.code)!, provinceCode: x.province_code, opensAt: x.opens_at, deadlineAt: x.deadline_at })).filter((x) => x.program);
    });

    // Enterprises: a quarter as many as applications, each applying to up to four calls of its province.
    const enterpriseCount = Math.max(1, Math.ceil(opts.applications / 4));
    const provinces = [...new Set(all.map((u) => u.provinceCode))];
    // Each province gets a third; within it, the k-th unit (by code, the capital first) a share ∝ 1/k^0.6.
    const weights = all.map((u) => {
      const mine = all.filter((v) => v.provinceCode === u.provinceCode);
      const norm = mine.reduce((a, _, i) => a + 1 / (i + 1) ** 0.6, 0);
      return 1 / (mine.indexOf(u) + 1) ** 0.6 / norm / provinces.length;
    });
    const weighted = all.map((_, k) => [k, weights[k]!] as [number, number]);
    const perCityCounter = new Map<string, number>();
    const enterprises: { id: string; unit: Unit; name: string; short: string }[] = [];
    // 智能工厂 is in one project kind in twelve, 数字化车间 likewise, 恒瑞 in one enterprise name in sixty.
    let terms = { projectKind: '智能工厂', tradeName: TRADE_NAMES[0]!, enterpriseName: '', cityProjectKind: '数字化车间' };
    await timed('enterprises', async () => {
      const ids = (await c.query<{ id: string }>(`select nextval('organization_id_seq')::text as id from generate_series(1, $1)`, [enterpriseCount])).rows.map((r) => r.id);
      const cols = { id: [] as string[], parent: [] as string[], code: [] as string[], name: [] as string[], division: [] as string[], credit: [] as string[], address: [] as string[], contact: [] as string[], phone: [] as string[] };
      for (let i = 0; i < enterpriseCount; i++) {
        const unit = all[pick(rnd, weighted)]!;
        const n = perCityCounter.get(unit.id) ?? 0;
        perCityCounter.set(unit.id, n + 1);
        // Mixed radix over (trade name, trade, suffix): names are unique within a city up to 2,880 enterprises.
        const tn = TRADE_NAMES[(n * 7) % TRADE_NAMES.length]!;
        const tr = TRADES[Math.floor(n / TRADE_NAMES.length) % TRADES.length]!;
        const sf = SUFFIXES[Math.floor(n / (TRADE_NAMES.length * TRADES.length)) % SUFFIXES.length]!;
        const short = `${tn}${tr}`;
        const name = `${shortCity(unit.name)}${short}${sf}`;
        enterprises.push({ id: ids[i]!, unit, name, short });
        cols.id.push(ids[i]!);
        cols.parent.push(unit.id);
        cols.code.push(`BULK-${ids[i]}`);
        cols.name.push(name);
        cols.division.push(unit.division);
        cols.credit.push(`91${unit.division}MA${Number(ids[i]).toString(36).toUpperCase().padStart(7, '0')}X`.slice(0, 18));
        cols.address.push(`${unit.name}${TRADES[i % TRADES.length]}产业园${(i % 200) + 1}号`);
        cols.contact.push(`${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 5) % GIVEN.length]}`);
        cols.phone.push(`139${String(10_000_000 + ((i * 7919) % 89_999_999)).padStart(8, '0')}`);
      }
      for (let s = 0; s < enterpriseCount; s += 10_000) {
        const sl = (a: string[]) => a.slice(s, s + 10_000);
        await c.query(
          `insert into organization (id, parent_id, path, code, kind, name, division_code, credit_code, address, contact_name, contact_phone)
           select u.id, u.parent, p.path || u.id, u.code, 'enterprise', u.name, u.division, u.credit, u.address, u.contact, u.phone
           from unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             as u(id, parent, code, name, division, credit, address, contact, phone)
           join organization p on p.id = u.parent`,
          [sl(cols.id), sl(cols.parent), sl(cols.code), sl(cols.name), sl(cols.division), sl(cols.credit), sl(cols.address), sl(cols.contact), sl(cols.phone)],
        );
      }
      const hebei = enterprises.find((e) => e.unit.code === '130100') ?? enterprises[0]!;
      terms = { ...terms, enterpriseName: hebei.name };
    });

    // Applications: enterprise j % E, its (j / E)-th call of its province, in a state that fits the call.
    const callsOf = new Map<string, typeof calls>();
    for (const p of provinces) callsOf.set(p, calls.filter((x) => x.provinceCode === p));
    const summary = '本项目依托工业互联网平台，建设覆盖研发设计、生产制造、经营管理和运维服务的数字化系统，实现设备联网率、数据采集率和生产效率的显著提升。';
    await timed('applications', async () => {
      const batch = 5_000;
      for (let s = 0; s < opts.applications; s += batch) {
        const cols = { call: [] as string[], program: [] as string[], version: [] as number[], org: [] as string[], state: [] as string[], form: [] as string[], project: [] as string[], directions: [] as string[], submitted: [] as (Date | null)[], created: [] as Date[], updated: [] as Date[], commitment: [] as (string | null)[] };
        for (let j = s; j < Math.min(opts.applications, s + batch); j++) {
          const e = enterprises[j % enterpriseCount]!;
          const list = callsOf.get(e.unit.provinceCode)!;
          const call = list[(Number(e.id) + Math.floor(j / enterpriseCount)) % list.length]!;
          const open = call.deadlineAt > now;
          const state = pick(rnd, open ? OPEN_STATES : CLOSED_STATES);
          const windowEnd = Math.min(call.deadlineAt.getTime(), now.getTime());
          const created = new Date(call.opensAt.getTime() + rnd() * Math.max(1, windowEnd - call.opensAt.getTime()));
          const submitted = state === 'draft' ? null : new Date(Math.min(windowEnd, created.getTime() + rnd() * 10 * 86_400_000));
          const updated = new Date(Math.min(now.getTime(), (submitted ?? created).getTime() + (open ? rnd() * 3 : rnd() * 120) * 86_400_000));
          const project = `${e.short}${PROJECT_KINDS[Math.floor(rnd() * PROJECT_KINDS.length)]}`;
          const direction = call.program.directions[j % call.program.directions.length]!;
          const investment = (500 + Math.floor(rnd() * 20_000)) * 1_000_000; // 500 – 20,500 万元, in fen
          cols.call.push(call.id);
          cols.program.push(call.program.id);
          cols.version.push(call.program.version);
          cols.org.push(e.id);
          cols.state.push(state);
          cols.form.push(
            JSON.stringify({
              [call.program.formId]: {
                projectName: project,
                direction: [direction],
                startDate: created.toISOString().slice(0, 10),
                completionDate: `${shanghaiYear(created) + 2}-06-30`,
                completableInPeriod: true,
                plannedInvestment: investment,
                summary,
              },
            }),
          );
          cols.project.push(project);
          cols.directions.push(`{"${direction}"}`);
          cols.submitted.push(submitted);
          cols.created.push(created);
          cols.updated.push(updated);
          cols.commitment.push(submitted ? JSON.stringify({ signatoryName: `${SURNAMES[j % SURNAMES.length]}${GIVEN[j % GIVEN.length]}`, acceptedAt: submitted.toISOString(), ip: '10.0.0.1', text: `${e.name}承诺所填信息真实有效。` }) : null);
        }
        await c.query(
          `insert into application (call_id, program_id, program_version, organization_id, state, form_data, revision, project_name, directions, submitted_at, created_at, updated_at, commitment)
           select u.call, u.program, u.version, u.org, u.state, u.form::jsonb, 3, u.project, u.directions::text[], u.submitted, u.created, u.updated, u.commitment::jsonb
           from unnest($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::timestamptz[], $12::text[])
             as u(call, program, version, org, state, form, project, directions, submitted, created, updated, commitment)`,
          [cols.call, cols.program, cols.version, cols.org, cols.state, cols.form, cols.project, cols.directions, cols.submitted, cols.created, cols.updated, cols.commitment],
        );
        if ((s + batch) % 25_000 === 0 || s + batch >= opts.applications) log(`lists: ${Math.min(opts.applications, s + batch)} / ${opts.applications} applications`);
      }
    });

    // Audit records: copied round robin from what the platform wrote (or a fixed set), pointing at the
    // bulk applications, one every ~30 s over the last year; sealed in the same transaction.
    await timed('audit', async () => {
      await c.query('begin');
      try {
        await c.query('select pg_advisory_xact_lock($1)', [SEALER_LOCK]);
        await c.query(`create temp table bench_app on commit drop as select row_number() over (order by id) as n, id, organization_id from application where organization_id in (select id from organization where code like 'BULK-%')`);
        await c.query('create unique index on bench_app(n)');
        await c.query(
          `create temp table bench_tpl on commit drop as
           select row_number() over (order by action) - 1 as n, action, entity_type, actor_role, after, user_agent from (
             select distinct on (action) action, entity_type, actor_role, after, user_agent from audit_event
             where actor_id is not null and entity_type in ('application', 'organization')
             order by action, id) t`,
        );
        let templates = Number((await c.query<{ n: string }>('select count(*)::text as n from bench_tpl')).rows[0]!.n);
        if (templates < 3) {
          await c.query(`insert into bench_tpl (n, action, entity_type, actor_role, after, user_agent) values
            (0, 'application.created', 'application', 'applicant', '{"state":"draft"}', 'Mozilla/5.0'),
            (1, 'application.submitted', 'application', 'applicant', '{"state":"submitted","revision":3}', 'Mozilla/5.0'),
            (2, 'profile.saved', 'organization', 'applicant', '{"version":1}', 'Mozilla/5.0'),
            (3, 'application.read', 'application', 'city_officer', null, 'Mozilla/5.0')`);
          templates = 4;
        }
        const apps = Number((await c.query<{ n: string }>('select count(*)::text as n from bench_app')).rows[0]!.n);
        const start = new Date(now.getTime() - opts.auditRecords * 30_000);
        const chunk = 250_000;
        for (let s = 0; s < opts.auditRecords; s += chunk) {
          await c.query(
            `insert into audit_event (occurred_at, actor_id, actor_name, actor_role, organization_id, action, entity_type, entity_id, before, after, ip, user_agent, request_id)
             select $1::timestamptz + g * interval '30 seconds', 1000000 + a.organization_id, '申报人' || a.organization_id, t.actor_role, a.organization_id, t.action, t.entity_type,
                    case when t.entity_type = 'organization' then a.organization_id::text else a.id::text end,
                    null, t.after, '10.' || (g % 250) || '.' || (g % 199) || '.' || (g % 97), t.user_agent, md5(g::text)
             from generate_series($2::bigint, $3::bigint) g
             join bench_app a on a.n = 1 + (g * 7919) % $4
             join bench_tpl t on t.n = g % $5`,
            [start, s + 1, Math.min(opts.auditRecords, s + chunk), apps, templates],
          );
          log(`lists: ${Math.min(opts.auditRecords, s + chunk)} / ${opts.auditRecords} audit records`);
        }
        const last = (await c.query<{ seal_no: string | null }>('select max(seal_no)::text as seal_no from audit_seal')).rows[0]!.seal_no ?? '0';
        await c.query(
          `insert into audit_seal (seal_no, event_id, prev_hash, hash, algorithm)
           select $1::bigint + row_number() over (order by e.id), e.id, md5('p' || e.id) || md5(e.id::text || 'p'), md5('h' || e.id) || md5(e.id::text || 'h'), 'SM3'
           from audit_event e where not exists (select 1 from audit_seal s where s.event_id = e.id)`,
          [last],
        );
        await c.query('commit');
      } catch (err) {
        await c.query('rollback');
        throw err;
      }
    });
    await timed('analyze', () => c.query('analyze'));
    return { calls: calls.length, enterprises: enterpriseCount, applications: opts.applications, auditRecords: opts.auditRecords, seconds, terms };
  } finally {
    await c.end();
  }
}
