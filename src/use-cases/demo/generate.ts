/**
 * The demo population (issue 7, Build 6): fills every application program with a realistic generated
 * population, so a newcomer's first look shows every screen at work — hundreds of enterprises over the
 * province's cities, for each program a past call whose whole lifecycle has run (city review,
 * recommendation, task-force opinions, policy review, expert assignment and scores, decision, public
 * notice with objections, final list, agreements, quarterly progress, acceptance with rectification,
 * subsidies and disbursements, a spot check and a sanction) and the current open call with applications
 * in its early stages.
 *
 * Everything is done through the use cases, the same functions the HTTP routes call, as real accounts of
 * the right roles, so every invariant, timeline event and audit record holds. Time passes on the
 * generator's own clock (`{ ...deps, clock }`), starting about eighteen months ago and moving forward
 * through an agenda of timed actions, never past the real now. The same seed gives the same population;
 * a second run on a populated database does nothing and says so.
 */
import type { ProfileInput } from '../../../contracts/applicants.ts';
import type { ImplementationPlan } from '../../../contracts/implementation.ts';
import { applicantFacts, applicationFacts, profileSource } from '../../core/applications/facts.ts';
import { fillFromProfile, formsFor } from '../../core/applications/form-data.ts';
import { APPLICATION_STATES } from '../../core/applications/lifecycle.ts';
import { addDays, shanghaiDate, startOfShanghaiDate, type HolidaySchedules } from '../../core/calendar.ts';
import { DomainError } from '../../core/errors.ts';
import { pick, seededRandom } from '../../core/oversight/prng.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { evaluateRules } from '../../core/programs/rule-engine.ts';
import type { Role } from '../../core/roles.ts';
import { createAccount } from '../accounts/accounts.ts';
import { createApplication, returnForRevision, saveDraft, startCityReview, submitApplication, withdrawApplication } from '../applicants/applications.ts';
import { completeUpload, createUpload, putChunk } from '../applicants/attachments.ts';
import { createCall, publishCall } from '../applicants/calls.ts';
import { publishedDefinition } from '../applicants/common.ts';
import { seedDemoCalls } from '../applicants/demo.ts';
import { saveProfile } from '../applicants/profile.ts';
import { registerApplicant } from '../auth/register-applicant.ts';
import { disburseTranche, getFunds } from '../funding/funds.ts';
import { addInvoice } from '../funding/invoices.ts';
import { recordRepayment } from '../funding/recovery.ts';
import { fixSubsidy } from '../funding/subsidy.ts';
import { decideAcceptance, requestAcceptance } from '../implementation/acceptance.ts';
import { reviewPlan, savePlan, signAgreement } from '../implementation/agreement.ts';
import { addVisit, commentReport, listReports, submitReport } from '../implementation/progress.ts';
import { expenseCategories } from '../implementation/projects.ts';
import { imposeSanction } from '../oversight/sanctions.ts';
import { drawSpotCheck, recordFinding } from '../oversight/spot-checks.ts';
import type { AccountRow, Deps, OrganizationRow, PasswordHasher, RequestContext } from '../ports.ts';
import { addAssignment, applyAssignmentRun, getAssignmentRun, settleAssignmentRuns, startAssignmentRun, type AssignmentSolver } from '../selection/assignment.ts';
import { cityChecklist, decideCityReview, recommend, submitRecommendation } from '../selection/city.ts';
import { confirmDecision, getDecision } from '../selection/decision.ts';
import { createExpert } from '../selection/experts.ts';
import { publishFinalList } from '../selection/final-list.ts';
import { submitReport as submitOperationReport } from '../operations/report-operations.ts';
import { getNotice, publishNotice, saveNoticeDraft } from '../selection/notice.ts';
import { handleObjection, submitObjection } from '../selection/objections.ts';
import { decidePolicyReview, recordTaskForceOpinion, setCallQuotas } from '../selection/province.ts';
import { closeScoring, declareConflict, rubricOf, savePanel, submitScore } from '../selection/scoring.ts';
import { recordAudit } from '../support.ts';
import { Agenda, SimulatedClock } from './agenda.ts';
import { demoFileFor } from './files.ts';
import { demoInvoice, FORM_BUILDERS, type DemoEnterprise, type DraftedForm } from './forms.ts';
import { between, brand, companyName, creditCode, EXPERT_EMPLOYERS, EXPERT_TITLES, INDUSTRIES, mobile, personName, pickOne, PLACES, weighted, type Random } from './names.ts';

export interface DemoPopulationOptions {
  /** Any text; the same seed gives the same population. */
  seed?: string;
  /** How many enterprises in all (spread over the provinces by their number of programs); default 300. */
  enterprises?: number;
  /** Runs the expert assignment (the HTTP routes' worker solver in production). */
  solver: AssignmentSolver;
  /** The holiday schedules the notice periods are counted over (src/adapters/reference/holidays.ts). */
  schedules: HolidaySchedules;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface DemoPopulationSummary {
  skipped: boolean;
  reason: string | null;
  enterprises: number;
  experts: number;
  accounts: number;
  actions: number;
  programs: Record<string, { calls: number; applications: Record<string, number>; projects: Record<string, number> }>;
  /**
   * Per program, the stages the generator could not reach through the use cases, and why (a gap of the
   * definition or of the platform, to be closed there: the generator never goes around a use case).
   */
  gaps: Record<string, { stages: string[]; reason: string }[]>;
}

/** The audit action that marks a database as populated (and makes the generator a no-op). */
export const POPULATED = 'demo.population_generated';
/** E-mail domain of every generated account (reserved by RFC 2606: mail to it goes nowhere). */
export const DEMO_DOMAIN = 'demo-population.example';
/** How far back the population's history starts. */
const HISTORY_DAYS = 540;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const THRESHOLD = 75;
const SYSTEM: RequestContext = { actor: null, sessionId: null, ip: null, userAgent: 'demo-population', requestId: null };
/** A password that passes the policy; only its one hash is stored, for every generated account, and it is never printed. */
const UNUSED_PASSWORD = 'Demo-Population-Unused-7';

type PastFate = 'draft' | 'withdrawn' | 'returned' | 'rejected' | 'not_recommended' | 'policy_rejected' | 'not_shortlisted' | 'removed' | 'selected';
type CurrentFate = 'draft' | 'submitted' | 'city_review' | 'returned' | 'rejected' | 'city_passed' | 'recommended';
type ProjectFate = 'implementing' | 'overdue' | 'acceptance_requested' | 'initial_accepted' | 'rectifying' | 'accepted' | 'accepted_second' | 'failed' | 'fraud';

interface Enterprise extends DemoEnterprise {
  provinceCode: string;
  creditCode: string;
  ctx: RequestContext;
  profile: ProfileInput;
}

interface Staff {
  ctx: RequestContext;
  name: string;
}

interface DemoApp {
  enterprise: Enterprise;
  call: 'past' | 'current';
  fate: PastFate | CurrentFate;
  projectFate: ProjectFate | null;
  /** Returned once by the city and submitted again. */
  returnedOnce: boolean;
  id: string;
  revision: number;
  projectName: string;
  formData: Record<string, Record<string, unknown>>;
  base: number;
}

interface ProgramRun {
  code: string;
  version: number;
  definition: ProgramDefinition;
  provinceCode: string;
  province: Staff;
  finance: Staff;
  cities: Map<string, Staff & { org: OrganizationRow }>;
  pastCallId: string;
  currentCallId: string | null;
  apps: DemoApp[];
}

const ctxOf = (account: AccountRow, org: OrganizationRow): RequestContext => ({
  actor: { accountId: account.id, name: account.displayName, role: account.role, organizationId: org.id, organizationPath: org.path },
  sessionId: null,
  ip: '10.20.0.1',
  userAgent: 'demo-population',
  requestId: null,
});

/** The fates of n applications: at least one of each (as far as n goes), then by share, the rest the last fate. */
function fates<T extends string>(random: Random, n: number, spec: readonly [T, number][], rest: T): T[] {
  const out: T[] = [];
  for (const [fate] of spec) if (out.length < n) out.push(fate);
  for (const [fate, share] of spec) {
    const extra = Math.round(n * share) - 1;
    for (let i = 0; i < extra && out.length < n; i++) out.push(fate);
  }
  while (out.length < n) out.push(rest);
  return pick(random, out, out.length);
}

export async function generateDemoPopulation(deps: Deps, options: DemoPopulationOptions): Promise<DemoPopulationSummary> {
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 'demo';
  const random = seededRandom(seed);
  const total = Math.max(1, options.enterprises ?? 300);

  const marker = await deps.uow.read((repos) => repos.audit.list({ page: 1, pageSize: 1, order: 'desc', action: POPULATED }));
  if (marker.total > 0) {
    log('demo population: already generated on this database; nothing to do');
    return { skipped: true, reason: 'already_populated', enterprises: 0, experts: 0, accounts: 0, actions: 0, programs: {}, gaps: {} };
  }
  const partial = await deps.uow.read((repos) => repos.accounts.findByEmail(`province.130000@${DEMO_DOMAIN}`));
  if (partial) throw new Error('demo population: a partly generated population is in this database (an earlier run stopped); start again from an empty data folder');

  // The current open call of every program (idempotent; the server's start has usually made them already).
  await seedDemoCalls(deps);

  const realNow = deps.clock.now().getTime();
  const start = startOfShanghaiDate(shanghaiDate(new Date(realNow - HISTORY_DAYS * DAY))).getTime();
  const clock = new SimulatedClock(start);
  const sharedHash = await deps.passwords.hash(UNUSED_PASSWORD);
  const oneHash: PasswordHasher = { hash: async () => sharedHash, verify: deps.passwords.verify };
  const d: Deps = { ...deps, clock, passwords: oneHash };
  // The last action is two minutes before the real now: the population never acts in the future.
  const agenda = new Agenda(clock, realNow - 2 * MINUTE);
  const day = (n: number, hour = 10, minute = 0) => start + n * DAY + hour * HOUR + minute * MINUTE;
  const today = () => shanghaiDate(clock.now());
  const jitter = () => between(random, 0, 50) * MINUTE;
  let accounts = 0;

  const admin = await deps.uow.read(async (repos) => {
    const { rows } = await repos.accounts.list({ kind: 'all' }, { role: 'administrator', status: 'active', page: 1, pageSize: 1, order: 'asc', sort: 'createdAt' });
    const a = rows[0];
    if (!a) return null;
    return ctxOf(a, (await repos.organizations.findById(a.organizationId))!);
  });
  if (!admin) throw new Error('demo population: needs an administrator account (the demo accounts, SEED_DEMO=true) to create the officers and experts');

  async function staff(role: Exclude<Role, 'applicant'>, orgCode: string, email: string, name: string): Promise<Staff & { org: OrganizationRow }> {
    const org = (await deps.uow.read((repos) => repos.organizations.findByCode(orgCode)))!;
    const { account } = await createAccount(d, admin!, { email, displayName: name, role, organizationId: org.id });
    accounts += 1;
    const fresh = (await deps.uow.read((repos) => repos.organizations.findById(org.id)))!;
    return { ctx: ctxOf(account, fresh), name, org: fresh };
  }

  // ——— The programs and their provinces ———
  const versions = await deps.uow.read((repos) => repos.programs.listVersions());
  const latest = new Map<string, (typeof versions)[number]>();
  for (const v of versions) if (v.status === 'published' && (!latest.has(v.code) || latest.get(v.code)!.version < v.version)) latest.set(v.code, v);
  const programs: { code: string; version: number; definition: ProgramDefinition; provinceCode: string }[] = [];
  for (const v of [...latest.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const definition = publishedDefinition(v.code, v.version, v.definition);
    if (definition.kind !== 'application_program') continue;
    if (!FORM_BUILDERS[v.code] || !PLACES[v.provinceCode]) {
      log(`demo population: no generator for ${v.code}; left out`);
      continue;
    }
    if (!(await deps.uow.read((repos) => repos.organizations.findByCode(v.provinceCode)))) continue;
    programs.push({ code: v.code, version: v.version, definition, provinceCode: v.provinceCode });
  }
  const provinces = [...new Set(programs.map((p) => p.provinceCode))];

  // ——— Staff of each province: an officer, a finance officer, one officer per city, the experts ———
  const provinceStaff = new Map<string, { province: Staff; finance: Staff; cities: Map<string, Staff & { org: OrganizationRow }>; experts: Map<string, Staff>; taskForces: Map<string, Staff> }>();
  let expertCount = 0;
  clock.moveTo(day(0, 9));
  for (const p of provinces) {
    const province = await staff('province_officer', `${p}-miit`, `province.${p}@${DEMO_DOMAIN}`, `${personName(random)}（省厅）`);
    const finance = await staff('finance_officer', `${p}-finance`, `finance.${p}@${DEMO_DOMAIN}`, `${personName(random)}（省财政厅）`);
    const cities = new Map<string, Staff & { org: OrganizationRow }>();
    for (const place of PLACES[p]!) {
      const org = await deps.uow.read((repos) => repos.organizations.findByCode(place.unitCode));
      if (!org) continue;
      cities.set(place.unitCode, await staff('city_officer', place.unitCode, `city.${place.unitCode.toLowerCase()}@${DEMO_DOMAIN}`, `${personName(random)}（${org.name}工信局）`));
    }
    const experts = new Map<string, Staff>();
    const tags = programs.filter((x) => x.provinceCode === p).flatMap((x) => x.definition.directions.flatMap((dir) => [dir.code, ...(dir.children ?? []).map((c) => c.code)]));
    for (let i = 1; i <= 20; i++) {
      const name = personName(random);
      const email = `expert.${p}.${String(i).padStart(2, '0')}@${DEMO_DOMAIN}`;
      const account = await staff('expert', `${p}-experts`, email, name);
      const row = await createExpert(d, province.ctx, {
        name,
        title: pickOne(random, EXPERT_TITLES),
        organizationName: pickOne(random, EXPERT_EMPLOYERS[p]!),
        creditCode: null,
        cityName: null,
        tags: pick(random, [...new Set(tags)], 4),
        phone: mobile(random),
        email,
      });
      experts.set(row.id, { ctx: account.ctx, name });
      expertCount += 1;
    }
    provinceStaff.set(p, { province, finance, cities, experts, taskForces: new Map() });
  }
  log(`demo population: ${accounts} officer and expert accounts, ${expertCount} experts`);

  // ——— Enterprises, registered and with complete profiles, spread over the cities ———
  const share = (p: string) => programs.filter((x) => x.provinceCode === p).length / programs.length;
  const enterprises = new Map<string, Enterprise[]>();
  const usedCodes = new Set<string>();
  const usedNames = new Set<string>();
  let serial = 0;
  for (const p of provinces) {
    const n = Math.max(16, Math.round(total * share(p)));
    const list: Enterprise[] = [];
    for (let i = 0; i < n; i++) {
      const place = weighted(random, PLACES[p]!);
      const city = provinceStaff.get(p)!.cities.get(place.unitCode);
      if (!city) continue;
      const industry = pickOne(random, INDUSTRIES);
      let b = brand(random);
      let name = companyName(random, place, industry, b);
      while (usedNames.has(name)) {
        b = brand(random);
        name = companyName(random, place, industry, b);
      }
      usedNames.add(name);
      const divisionCode = pickOne(random, place.counties);
      let code = creditCode(random, divisionCode);
      while (usedCodes.has(code)) code = creditCode(random, divisionCode);
      usedCodes.add(code);
      serial += 1;
      const contactName = personName(random);
      const employees = between(random, 80, 4000);
      const profile: ProfileInput = {
        name,
        divisionCode,
        address: `${city.org.name.replace(/市$/, '')}市${pickOne(random, ['经济技术开发区', '高新技术产业开发区', '工业园区', '装备制造产业园'])}${pickOne(random, ['创业路', '科技大道', '工业街', '兴业路', '开发大道'])}${between(random, 1, 299)}号`,
        legalForm: 'enterprise',
        independentLegalPerson: true,
        independentAccounting: true,
        localStatisticsAndTax: true,
        legalRepresentative: personName(random),
        contacts: [{ name: contactName, position: '信息化部部长', mobile: mobile(random), email: `contact.${serial}@${DEMO_DOMAIN}` }],
        industryCode: industry.code,
        employees,
        integrationLevel: between(random, 2, 4),
        itTeamSize: between(random, 10, 80),
        credentials: random() < 0.35 ? [{ code: 'integration_management_certified', obtainedOn: `${between(random, 2017, 2022)}-0${between(random, 1, 9)}-15`, note: '两化融合管理体系评定证书', evidenceIds: [] }] : [],
        financialYear: Number(shanghaiDate(new Date(start)).slice(0, 4)) - 1,
        annualSalesFen: employees * between(random, 40, 160) * 1_000_000,
        annualProfitFen: employees * between(random, 2, 12) * 1_000_000,
        declarations: { badRecords: false, safetyAccident: false, lastMajorAccidentDate: '', underInvestigation: false, goodCredit: true, soundFinances: true },
      };
      const e: Enterprise = {
        name,
        short: b,
        unitCode: place.unitCode,
        unitDivisionCode: city.org.divisionCode ?? divisionCode,
        divisionCode,
        address: profile.address,
        industry,
        legalRepresentative: profile.legalRepresentative,
        contactName,
        contactMobile: profile.contacts[0]!.mobile,
        contactEmail: profile.contacts[0]!.email,
        employees,
        annualSalesFen: profile.annualSalesFen,
        provinceCode: p,
        creditCode: code,
        profile,
        ctx: SYSTEM,
      };
      list.push(e);
      const email = `enterprise.${serial}@${DEMO_DOMAIN}`;
      agenda.at(day(1, 8) + serial * MINUTE, `register ${name}`, async () => {
        await registerApplicant(d, { ...SYSTEM, ip: '10.20.0.2' }, { email, password: UNUSED_PASSWORD, displayName: contactName, organizationName: name, creditCode: code, cityId: city.org.id, phone: profile.contacts[0]!.mobile });
        const row = await deps.uow.read(async (repos) => {
          const account = (await repos.accounts.findByEmail(email))!;
          return { account, org: (await repos.organizations.findById(account.organizationId))! };
        });
        e.ctx = ctxOf(row.account, row.org);
        accounts += 1;
        await saveProfile(d, e.ctx, { profile, baseVersion: 0 });
      });
    }
    enterprises.set(p, list);
  }
  log(`demo population: ${serial} enterprises`);

  // ——— Per program: the past call and its applications ———
  const runs: ProgramRun[] = [];
  const gaps: DemoPopulationSummary['gaps'] = {};
  for (const prog of programs) {
    const s = provinceStaff.get(prog.provinceCode)!;
    const def = prog.definition;
    const run: ProgramRun = { code: prog.code, version: prog.version, definition: def, provinceCode: prog.provinceCode, province: s.province, finance: s.finance, cities: s.cities, pastCallId: '', currentCallId: null, apps: [] };
    runs.push(run);
    const year = shanghaiDate(new Date(start)).slice(0, 4);
    clock.moveTo(day(0, 11));
    const call = await createCall(d, s.province.ctx, {
      programCode: prog.code,
      programVersion: prog.version,
      title: `关于组织申报${year}年度${def.name['zh-CN']}的通知`,
      documentNumber: `${prog.provinceCode === '130000' ? '冀工信' : prog.provinceCode === '370000' ? '鲁工信' : '鄂经信'}函〔${year}〕${between(random, 20, 180)}号`,
      opensOn: addDays(shanghaiDate(new Date(start)), 2),
      deadlineDate: addDays(shanghaiDate(new Date(start)), 32),
      deadlineTime: '17:00',
      materials: '请按申报指南要求在平台完成网上申报并上传全部材料，逾期不予受理。',
    });
    await publishCall(d, s.province.ctx, call.row.id);
    run.pastCallId = call.row.id;
    const current = await deps.uow.read(async (repos) => {
      const province = await repos.organizations.findByCode(prog.provinceCode);
      const { rows } = await repos.calls.list({ page: 1, pageSize: 20, order: 'desc', sort: 'opensAt', provinceId: province!.id, publishedOnly: true, programCode: prog.code, now: new Date(realNow), status: 'open' });
      return rows[0];
    });
    run.currentCallId = current?.id ?? null;

    const pool = enterprises.get(prog.provinceCode)!;
    const eligible = pool.filter((e) => eligibleFor(prog.code, e));
    // A form the program's own rules refuse whatever is entered is a gap of the definition: drafts only.
    const probe = FORM_BUILDERS[prog.code]!(seededRandom(`${seed}-probe-${prog.code}`), eligible[0]!, def, shanghaiDate(new Date(start)));
    const blocking = eligible[0] ? blockingRules(def, eligible[0], probe, shanghaiDate(new Date(start))) : [];
    const after = (type: string) => def.stages.slice(def.stages.findIndex((x) => x.type === type) + 1).map((x) => x.type).filter((x) => x !== 'closed');
    if (blocking.length) {
      gaps[prog.code] = [{ stages: after('drafting'), reason: `submission: the program's rules refuse every application its form can hold: ${blocking.join(', ')}` }];
      log(`demo population: ${prog.code}: ${gaps[prog.code]![0]!.reason}; only drafts are generated`);
    }
    if (def.subsidy?.kind === 'none' && def.stages.some((x) => x.type === 'subsidy')) {
      // 001 三 promises support but leaves the amounts to a later funds regulation: no subsidy rule, so no tranche.
      (gaps[prog.code] ??= []).push({ stages: ['subsidy'], reason: `subsidy: the program sets no subsidy rule (subsidy.kind none: ${def.subsidy.reason.slice(0, 40)}…), so no amount can be fixed or paid` });
    }
    const pastN = Math.min(eligible.length, Math.max(16, Math.round(eligible.length * 0.65)));
    const hasNotice = Boolean(def.publicNotice);
    const pastSpec: [PastFate, number][] = [
      ['draft', 0.05],
      ['withdrawn', 0.03],
      ['returned', 0.03],
      ['rejected', 0.07],
      ['not_recommended', 0.05],
      ['policy_rejected', 0.06],
      ['not_shortlisted', 0.14],
      ...(hasNotice && def.publicNotice?.objections ? ([['removed', 0.02]] as [PastFate, number][]) : []),
    ];
    const pastApplicants = pick(random, eligible, pastN);
    const pastFates = blocking.length ? Array.from({ length: pastN }, (): PastFate => 'draft') : fates(random, pastN, pastSpec, 'selected');
    const projectFates = hasProjects(def) && def.acceptance ? fates(random, pastFates.filter((f) => f === 'selected').length, PROJECT_SPEC, 'accepted') : [];
    pastApplicants.forEach((e, i) => {
      const fate = pastFates[i]!;
      run.apps.push({
        enterprise: e,
        call: 'past',
        fate,
        projectFate: fate === 'selected' ? (def.acceptance ? (projectFates.pop() ?? 'accepted') : random() < 0.3 ? 'overdue' : 'implementing') : null,
        returnedOnce: ['selected', 'not_shortlisted', 'policy_rejected'].includes(fate) && random() < 0.12,
        id: '',
        revision: 0,
        projectName: '',
        formData: {},
        base: fate === 'not_shortlisted' ? between(random, 56, 68) : between(random, 81, 94),
      });
    });
    if (run.currentCallId) {
      // An enterprise the fraud sanction will ban (000 第十七条, all programs) does not apply again.
      const banned = new Set(runs.flatMap((r) => r.apps.filter((a) => a.projectFate === 'fraud').map((a) => a.enterprise)));
      const open = eligible.filter((e) => !banned.has(e));
      const currentN = Math.min(open.length, Math.max(7, Math.round(eligible.length * 0.25)));
      const currentFates = blocking.length ? Array.from({ length: currentN }, (): CurrentFate => 'draft') : fates<CurrentFate>(random, currentN, [['draft', 0.2], ['submitted', 0.2], ['city_review', 0.12], ['returned', 0.1], ['rejected', 0.08], ['city_passed', 0.15]], 'recommended');
      pick(random, open, currentN).forEach((e, i) =>
        run.apps.push({ enterprise: e, call: 'current', fate: currentFates[i]!, projectFate: null, returnedOnce: false, id: '', revision: 0, projectName: '', formData: {}, base: 0 }),
      );
    }
  }

  // ——— Drafting and submission ———
  async function attach(ctx: RequestContext, applicationId: string, requirementId: string, types: readonly string[], label: string, purpose: 'application' | 'acceptance' = 'application') {
    const file = demoFileFor(types, requirementId, label);
    const upload = await createUpload(d, ctx, { purpose, applicationId, requirementId, fileName: `${label}.${file.extension}`, sizeBytes: file.bytes.byteLength });
    await putChunk(d, ctx, upload.id, 0, file.bytes);
    return completeUpload(d, ctx, upload.id);
  }

  async function draft(run: ProgramRun, app: DemoApp, callId: string) {
    const e = app.enterprise;
    const view = await createApplication(d, e.ctx, callId);
    app.id = view.row.id;
    const form = FORM_BUILDERS[run.code]!(random, e, run.definition, today());
    app.projectName = form.projectName;
    const saved = await saveDraft(d, e.ctx, app.id, { revision: view.row.revision, formData: form.formData });
    app.revision = saved.revision;
    app.formData = form.formData;
    for (const f of formsFor(run.definition, form.formData)) {
      for (const a of f.attachments) if (a.required === true) await attach(e.ctx, app.id, a.id, a.types, a.name['zh-CN']);
    }
  }

  const submit = (app: DemoApp) => submitApplication(d, app.enterprise.ctx, app.id, { revision: app.revision, commitment: { signatoryName: app.enterprise.legalRepresentative } });

  for (const run of runs) {
    for (const app of run.apps.filter((a) => a.call === 'past')) {
      const t = day(between(random, 3, 27), between(random, 8, 16), between(random, 0, 59));
      agenda.at(t, `draft ${run.code}`, async () => {
        await draft(run, app, run.pastCallId);
        if (app.fate === 'draft') return;
        agenda.at(clock.now().getTime() + between(random, 1, 40) * HOUR, `submit ${run.code}`, async () => {
          await submit(app);
          if (app.fate === 'withdrawn') agenda.at(clock.now().getTime() + DAY, 'withdraw', async () => void (await withdrawApplication(d, app.enterprise.ctx, app.id, '企业战略调整，暂缓实施该项目')));
        });
      });
    }
    if (!gaps[run.code]?.[0]?.reason.startsWith('submission')) pastSelection(run);
  }

  // ——— The city's review, recommendation, and the province's selection of the past call ———
  function city(run: ProgramRun, app: DemoApp) {
    return run.cities.get(app.enterprise.unitCode)!;
  }
  const checklist = () => cityChecklist().map((c) => ({ id: c.id, checked: true, note: '' }));
  const reviewed = (a: DemoApp) => !['draft', 'withdrawn'].includes(a.fate);
  const recommended = (a: DemoApp) => ['policy_rejected', 'not_shortlisted', 'removed', 'selected'].includes(a.fate);
  const scored = (a: DemoApp) => ['not_shortlisted', 'removed', 'selected'].includes(a.fate);

  function pastSelection(run: ProgramRun) {
    const past = () => run.apps.filter((a) => a.call === 'past');
    const def = run.definition;
    agenda.at(day(35, 9), `city review ${run.code}`, async () => {
      for (const app of past().filter(reviewed)) {
        await startCityReview(d, city(run, app).ctx, app.id);
        if (app.fate === 'returned' || app.returnedOnce) {
          await returnForRevision(d, city(run, app).ctx, app.id, { comment: '营业执照扫描件不清晰，请重新上传并补充项目投资明细', fieldComments: {} });
        }
      }
    });
    agenda.at(day(38, 14), `resubmissions ${run.code}`, async () => {
      for (const app of past().filter((a) => a.returnedOnce)) {
        const saved = await saveDraft(d, app.enterprise.ctx, app.id, { revision: app.revision, formData: app.formData });
        app.revision = saved.revision;
        await submit(app);
      }
    });
    agenda.at(day(40, 10), `city decisions ${run.code}`, async () => {
      for (const app of past().filter((a) => a.returnedOnce)) await startCityReview(d, city(run, app).ctx, app.id);
      for (const app of past().filter((a) => reviewed(a) && a.fate !== 'returned')) {
        const reject = app.fate === 'rejected';
        await decideCityReview(d, city(run, app).ctx, app.id, { decision: reject ? 'reject' : 'pass', reason: reject ? '项目建设内容与申报方向不符，投资额证明材料不足' : '', checklist: checklist() });
      }
    });
    agenda.at(day(43, 10), `quotas ${run.code}`, async () => {
      const quotaTable: Record<string, number> = {};
      for (const app of past().filter((a) => recommended(a) || a.fate === 'not_recommended')) quotaTable[app.enterprise.unitCode] ??= 0;
      for (const app of past().filter(recommended)) quotaTable[app.enterprise.unitCode]! += 1;
      for (const k of Object.keys(quotaTable)) quotaTable[k] = Math.max(1, quotaTable[k]!);
      await setCallQuotas(d, run.province.ctx, run.pastCallId, { quotaTable, threshold: THRESHOLD });
    });
    agenda.at(day(45, 15), `recommendations ${run.code}`, async () => {
      const byCity = new Map<string, DemoApp[]>();
      for (const app of past().filter(recommended)) byCity.set(app.enterprise.unitCode, [...(byCity.get(app.enterprise.unitCode) ?? []), app]);
      let n = between(random, 10, 40);
      for (const [unit, apps] of [...byCity].sort(([a], [b]) => a.localeCompare(b))) {
        const officer = run.cities.get(unit)!;
        for (const app of apps) await recommend(d, officer.ctx, run.pastCallId, app.id);
        await submitRecommendation(d, officer.ctx, run.pastCallId, `${officer.org.name.replace(/(市|新区)$/, '')}工信字〔${today().slice(0, 4)}〕${n++}号`);
      }
    });
    if (def.taskForceRouting) {
      agenda.at(day(48, 10), `task force opinions ${run.code}`, async () => {
        for (const app of past().filter(recommended)) {
          const routed = await deps.uow.read((repos) => repos.selection.taskForceOpinion(app.id));
          if (!routed) continue;
          const reviewer = await taskForceReviewer(run.provinceCode, routed.departmentId);
          const supports = app.fate !== 'policy_rejected';
          await recordTaskForceOpinion(d, reviewer.ctx, app.id, {
            supports,
            opinion: supports ? '平台定位清晰，建设运营主体明确，同意推荐参加专家评审' : '平台尚处建设初期，接入设备和用户数量不足，不建议支持',
          });
        }
      });
    }
    agenda.at(day(50, 10), `policy review ${run.code}`, async () => {
      for (const app of past().filter(recommended)) {
        const reject = app.fate === 'policy_rejected';
        await decidePolicyReview(d, run.province.ctx, app.id, { decision: reject ? 'reject' : 'pass', reason: reject ? '项目已获得其他财政资金支持，不符合申报条件' : '' });
      }
    });
    agenda.at(day(52, 10), `expert assignment ${run.code}`, async () => {
      const started = await startAssignmentRun(d, run.province.ctx, run.pastCallId, {}, options.solver);
      await settleAssignmentRuns();
      const done = await getAssignmentRun(d, run.province.ctx, started.id);
      if (done.status !== 'done') throw new Error(`assignment run ${done.status}: ${done.error ?? ''}`);
      await applyAssignmentRun(d, run.province.ctx, started.id);
      agenda.at(day(53, 9), `declarations ${run.code}`, () => declarations(run));
    });
    agenda.at(day(56, 9), `scores ${run.code}`, () => scores(run));
    if (def.scoring?.defenseHearing) {
      agenda.at(day(58, 9), `defense hearings ${run.code}`, async () => {
        let slot = day(58, 9);
        for (const app of past().filter(scored)) {
          await savePanel(d, run.province.ctx, app.id, {
            consensus: app.fate === 'not_shortlisted' ? '项目创新性一般，示范推广价值有限' : '项目基础扎实，模式创新明显，具有示范推广价值',
            defense: { slotAt: new Date(slot).toISOString(), place: '省工业和信息化厅第三会议室', attended: true, outcome: app.fate === 'not_shortlisted' ? '答辩表现一般' : '答辩通过' },
          });
          slot += 20 * MINUTE;
        }
      });
    }
    agenda.at(day(60, 10), `decision ${run.code}`, async () => {
      await closeScoring(d, run.province.ctx, run.pastCallId);
      const decision = await getDecision(d, run.province.ctx, run.pastCallId);
      await confirmDecision(d, run.province.ctx, run.pastCallId, { shortlist: decision.entries.filter((e) => e.proposed).map((e) => e.applicationId), reasons: {} });
      // A program without a notice (001) publishes the decided list directly.
      if (run.definition.publicNotice) agenda.at(day(61, 9), `notice ${run.code}`, () => notice(run));
      else agenda.at(day(67, 10), `final list ${run.code}`, () => finalList(run));
    });
  }

  async function taskForceReviewer(provinceCode: string, departmentId: string): Promise<Staff> {
    const forces = provinceStaff.get(provinceCode)!.taskForces;
    const known = forces.get(departmentId);
    if (known) return known;
    const org = (await deps.uow.read((repos) => repos.organizations.findById(departmentId)))!;
    const made = await staff('task_force_reviewer', org.code, `taskforce.${org.code}@${DEMO_DOMAIN}`, `${personName(random)}（${org.name}）`);
    forces.set(departmentId, made);
    return made;
  }

  async function declarations(run: ProgramRun) {
    const experts = provinceStaff.get(run.provinceCode)!.experts;
    const assignments = await deps.uow.read((repos) => repos.assignments.forCall(run.pastCallId));
    for (const a of assignments.filter((x) => x.status === 'assigned')) {
      const conflict = random() < 0.05;
      await declareConflictAs(experts.get(a.expertId)!, a.id, conflict);
      if (!conflict) continue;
      // The province puts another expert on it, the first one free of conflicts.
      const taken = new Set((await deps.uow.read((repos) => repos.assignments.forApplication(a.applicationId))).map((x) => x.expertId));
      for (const expertId of [...experts.keys()].filter((id) => !taken.has(id))) {
        try {
          await addAssignment(d, run.province.ctx, run.pastCallId, { applicationId: a.applicationId, expertId });
        } catch (err) {
          if (err instanceof DomainError && err.code === 'conflict_of_interest') continue;
          throw err;
        }
        const added = (await deps.uow.read((repos) => repos.assignments.forApplication(a.applicationId))).find((x) => x.expertId === expertId)!;
        await declareConflictAs(experts.get(expertId)!, added.id, false);
        break;
      }
    }
  }

  async function declareConflictAs(expert: Staff, assignmentId: string, conflict: boolean) {
    await declareConflict(d, expert.ctx, assignmentId, { conflict, relation: conflict ? '近三年曾为该企业提供技术咨询服务' : '' });
  }

  async function scores(run: ProgramRun) {
    const experts = provinceStaff.get(run.provinceCode)!.experts;
    const byId = new Map(run.apps.map((a) => [a.id, a]));
    const rubric = rubricOf(run.definition);
    const assignments = await deps.uow.read((repos) => repos.assignments.forCall(run.pastCallId));
    let t = clock.now().getTime();
    for (const a of assignments.filter((x) => x.status === 'accepted')) {
      const app = byId.get(a.applicationId)!;
      const values = Object.fromEntries(rubric.map((c) => [c.id, Math.max(0, Math.min(c.max, Math.round(((app.base + between(random, -4, 4)) * c.max) / 100)))]));
      t += between(random, 3, 40) * MINUTE;
      clock.moveTo(t);
      await submitScore(d, experts.get(a.expertId)!.ctx, a.id, { scores: values, comment: app.base >= THRESHOLD ? '项目建设目标明确，技术方案可行，示范效应较好' : '项目创新性不足，预期效益论证不充分' });
    }
  }

  async function notice(run: ProgramRun) {
    const ctx = run.province.ctx;
    const current = await getNotice(d, ctx, run.pastCallId, options.schedules);
    await saveNoticeDraft(d, ctx, run.pastCallId, { title: current.notice.title, body: current.notice.body, contact: { name: run.province.name.replace(/（.*$/, ''), phone: `0${run.provinceCode === '130000' ? '311' : run.provinceCode === '370000' ? '531' : '27'}-8${between(random, 1000000, 9999999)}`, email: null } }, options.schedules);
    const published = await publishNotice(d, ctx, run.pastCallId, options.schedules);
    const endsAt = Date.parse(published.period!.endsAt);
    if (run.definition.publicNotice?.objections) {
      const position = (id: string | undefined) => published.items.find((i) => i.applicationId === id)?.position ?? null;
      // Every application meant to be taken off the list gets an objection that is upheld; one on the list is dismissed.
      const objections: { app: DemoApp | undefined; upheld: boolean; content: string }[] = [
        ...run.apps
          .filter((a) => a.call === 'past' && a.fate === 'removed')
          .map((app) => ({ app, upheld: true, content: '该企业申报材料中所附的两化融合评估报告出具时间早于企业成立时间，材料真实性存疑，请予核查。' })),
        { app: run.apps.find((a) => a.call === 'past' && a.fate === 'selected'), upheld: false, content: '该项目建设内容与本企业去年申报的项目高度相似，怀疑存在重复申报，请核查。' },
      ];
      let ip = 10;
      for (const o of objections.filter((x) => x.app)) {
        agenda.at(clock.now().getTime() + between(random, 20, 48) * HOUR, 'objection', async () => {
          const filed = await submitObjection(d, { ...SYSTEM, ip: `203.0.113.${ip++}` }, published.notice.id, { name: personName(random), contact: mobile(random), content: o.content, itemPosition: position(o.app!.id), attachment: null });
          agenda.at(clock.now().getTime() + DAY, 'objection investigated', async () => void (await handleObjection(d, ctx, filed.id, { status: 'investigating', outcome: '', removeApplicationId: null })));
          agenda.at(Math.min(endsAt + 2 * HOUR, clock.now().getTime() + 3 * DAY), 'objection concluded', async () => {
            await handleObjection(d, ctx, filed.id, o.upheld
              ? { status: 'upheld', outcome: '经核查，反映问题属实，取消该项目入选资格', removeApplicationId: o.app!.id }
              : { status: 'dismissed', outcome: '经核查，两个项目建设内容不同，反映问题不属实', removeApplicationId: null });
          });
        });
      }
    }
    agenda.at(endsAt + DAY + HOUR, `final list ${run.code}`, () => finalList(run));
  }

  async function finalList(run: ProgramRun) {
    const year = today().slice(0, 4);
    await publishFinalList(d, run.province.ctx, run.pastCallId, `${run.provinceCode === '130000' ? '冀工信信推' : run.provinceCode === '370000' ? '鲁工信发' : '鄂经信办'}〔${year}〕${between(random, 30, 200)}号`, options.schedules);
    const selected = run.apps.filter((a) => a.call === 'past' && a.fate === 'selected');
    if (hasProjects(run.definition)) for (const app of selected) agenda.at(clock.now().getTime() + between(random, 5, 15) * DAY + jitter(), 'plan', () => plan(run, app));
    // Only an enterprise with a project reports operating figures (004's list starts none).
    if (hasProjects(run.definition)) for (const app of selected) operationReports(app);
  }

  // ——— Monthly operating figures of the selected platforms and enterprises (003 三（一）) ———
  const PRODUCTS = [
    ['数控机床', '台'],
    ['工业机器人', '台'],
    ['汽车零部件', '万件'],
    ['钢材', '吨'],
    ['电子元器件', '万只'],
    ['化工原料', '吨'],
    ['食品饮料', '吨'],
    ['纺织服装', '万件'],
  ] as const;
  /** From the month of selection to last month, reported on the 5th of the month after; about one in seven stops early (overdue). */
  function operationReports(app: DemoApp) {
    const e = app.enterprise;
    const first = today().slice(0, 7);
    const last = shanghaiDate(new Date(realNow)).slice(0, 7);
    const stopsEarly = random() < 0.15;
    const [product, unit] = pickOne(random, PRODUCTS);
    let devices = between(random, 200, 3000);
    let users = between(random, 20, 800);
    let apps = between(random, 5, 120);
    let cloud = between(random, 10, 400);
    let capacity = between(random, 500, 20_000);
    const effects = { operatingCost: -between(random, 500, 2500), upgradeCycle: -between(random, 1000, 3500), productivity: between(random, 500, 3000), defectRate: -between(random, 500, 3500), energyEfficiency: between(random, 300, 1500) };
    for (let month = first; month < last; month = nextMonth(month)) {
      if (stopsEarly && nextMonth(month) === last) break;
      const figures = { month, connectedDevices: devices, platformUsers: users, industrialApps: apps, cloudEnterprises: cloud, productLines: [{ productName: product, industryCode: e.profile.industryCode, unit, monthlyCapacity: capacity }], effects, note: null };
      agenda.at(startOfShanghaiDate(`${nextMonth(month)}-05`).getTime() + between(random, 9, 17) * HOUR, 'operation report', async () => void (await submitOperationReport(d, e.ctx, figures)));
      const grow = (n: number, most: number) => n + Math.round((n * between(random, 0, most)) / 100);
      devices = grow(devices, 6);
      users = grow(users, 8);
      apps = grow(apps, 5);
      cloud = grow(cloud, 7);
      capacity = grow(capacity, 3);
    }
  }

  // ——— Projects: plan, agreement, quarterly reports, invoices, acceptance, money ———
  const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];
  /** The quarter end on or after `date`. */
  const quarterEnd = (date: string) => `${date.slice(0, 4)}-${QUARTER_ENDS.find((q) => `${date.slice(0, 4)}-${q}` >= date)}`;
  const nowDate = shanghaiDate(new Date(realNow));

  function endDateFor(fate: ProjectFate): string {
    if (fate === 'implementing' || fate === 'overdue') return quarterEnd(addDays(nowDate, between(random, 120, 300)));
    const before = { acceptance_requested: 45, initial_accepted: 70, rectifying: 60, accepted: 180, accepted_second: 220, failed: 220, fraud: 200 }[fate];
    return quarterEnd(addDays(nowDate, -before - 90));
  }

  async function plan(run: ProgramRun, app: DemoApp) {
    const e = app.enterprise;
    const fate = app.projectFate ?? 'implementing';
    const startDate = addDays(today(), 10);
    const endDate = endDateFor(fate) > startDate ? endDateFor(fate) : quarterEnd(addDays(startDate, 200));
    const categories = expenseCategories(run.definition).map((c) => c.code);
    const lines = categories.length ? categories : ['platform', 'software', 'operation'];
    const input: ImplementationPlan & { submit: boolean } = {
      goals: `建成${app.projectName.replace(/项目$/, '')}，实现关键设备联网、生产数据实时采集和业务系统集成，形成可复制推广的工业互联网应用模式。`,
      startDate,
      endDate,
      milestones: [
        { name: '完成方案设计和设备选型', dueDate: addDays(startDate, 60) < endDate ? addDays(startDate, 60) : endDate },
        { name: '完成系统部署和联调', dueDate: addDays(startDate, 150) < endDate ? addDays(startDate, 150) : endDate },
        { name: '系统上线试运行并通过验收', dueDate: endDate },
      ],
      budget: lines.map((category) => ({ category, amountFen: between(random, 100, 1500) * 1_000_000 })),
      indicators: [
        { name: '设备联网率', target: '90', unit: '%' },
        { name: '生产效率提升', target: '20', unit: '%' },
      ],
      submit: true,
    };
    await savePlan(d, e.ctx, app.id, input);
    const returned = random() < 0.15;
    agenda.at(clock.now().getTime() + between(random, 2, 5) * DAY, 'plan review', async () => {
      if (returned) {
        await reviewPlan(d, run.province.ctx, app.id, { decision: 'return', comment: '绩效指标须量化，请补充投资构成明细' });
        await savePlan(d, e.ctx, app.id, input);
      }
      await reviewPlan(d, run.province.ctx, app.id, { decision: 'approve', comment: '' });
      agenda.at(clock.now().getTime() + between(random, 2, 6) * DAY, 'agreement', async () => {
        await signAgreement(d, run.province.ctx, app.id, { signedOn: today(), signatories: { province: run.province.name.replace(/（.*$/, ''), enterprise: e.legalRepresentative } });
        await implementation(run, app, endDate);
      });
    });
  }

  async function implementation(run: ProgramRun, app: DemoApp, endDate: string) {
    const e = app.enterprise;
    const fate = app.projectFate ?? 'implementing';
    const formula = run.definition.subsidy?.kind === 'formula';
    const categories = expenseCategories(run.definition).map((c) => c.code);
    const reports = await listReports(d, e.ctx, app.id);
    const due = reports.filter((r) => r.dueDate < nowDate);
    // Overdue projects leave their latest one or two reports unsent.
    const skip = fate === 'overdue' ? between(random, 1, 2) : 0;
    due.slice(0, Math.max(0, due.length - skip)).forEach((r, i) => {
      const at = startOfShanghaiDate(addDays(r.dueDate, -between(random, 0, 8))).getTime() + 15 * HOUR + jitter();
      agenda.at(Math.max(at, clock.now().getTime() + HOUR), 'progress report', async () => {
        if (formula) await addInvoice(d, e.ctx, app.id, demoInvoice(random, i, addDays(today(), -between(random, 1, 20)), categories));
        await submitReport(d, e.ctx, app.id, r.id, {
          milestones: [{ name: '完成方案设计和设备选型', status: i === 0 ? 'in_progress' : 'done', note: '' }],
          spentFen: (i + 1) * between(random, 80, 300) * 1_000_000,
          problems: random() < 0.3 ? '部分进口设备到货延迟，已调整实施计划' : '无',
        });
        if (random() < 0.3) agenda.at(clock.now().getTime() + between(random, 2, 7) * DAY, 'report comment', async () => void (await commentReport(d, city(run, app).ctx, app.id, r.id, 'city', '进展符合计划，请加快系统联调进度')));
      });
    });
    if (random() < 0.4) {
      agenda.at(clock.now().getTime() + between(random, 60, 150) * DAY, 'guidance visit', async () =>
        void (await addVisit(d, city(run, app).ctx, app.id, 'city', { visitDate: today(), place: e.address, participants: `${city(run, app).name.replace(/（.*$/, '')}、企业项目负责人${e.contactName}`, notes: '现场查看了智能产线建设情况，项目按计划推进' })),
      );
    }
    if (run.definition.subsidy?.kind === 'officer_entered') {
      agenda.at(clock.now().getTime() + between(random, 20, 40) * DAY, 'award', async () => {
        const listed = app.formData.application?.listedNationalPlatform === true;
        await fixSubsidy(d, run.province.ctx, app.id, { awardFen: between(random, 200, listed ? 2000 : 900) * 1_000_000, awardForm: 'reward' });
        if (random() < 0.75) agenda.at(clock.now().getTime() + between(random, 10, 25) * DAY, 'disbursement', () => disburseAll(run, app, 1));
      });
    }
    if (run.definition.acceptance) acceptance(run, app, endDate, fate);
  }

  let voucher = 0;
  async function disburseAll(run: ProgramRun, app: DemoApp, max: number) {
    const funds = await getFunds(d, run.province.ctx, app.id);
    for (const t of funds.tranches.filter((x) => x.releasable).slice(0, max)) {
      voucher += 1;
      await disburseTranche(d, run.finance.ctx, t.id, { paidOn: today(), voucherNumber: `PZ${today().replace(/-/g, '')}${String(voucher).padStart(4, '0')}` });
    }
  }

  function acceptance(run: ProgramRun, app: DemoApp, endDate: string, fate: ProjectFate) {
    const e = app.enterprise;
    if (fate === 'implementing' || fate === 'overdue') return;
    const materials = run.definition.acceptance!.materials;
    const request = async (note: string) => {
      const files = [];
      for (const m of materials) files.push({ id: m.id, attachmentId: (await attach(e.ctx, app.id, m.id, ['pdf'], m.name['zh-CN'], 'acceptance')).id });
      await requestAcceptance(d, e.ctx, app.id, { materials: files, note });
    };
    const cityStep = run.definition.acceptance!.sequence.includes('initial_acceptance');
    const decide = async (by: 'city' | 'province', passed: boolean, rectificationDays?: number) => {
      const officer = by === 'city' ? city(run, app) : run.province;
      const acceptedBy = run.definition.acceptance!.acceptedBy;
      const experts = by === acceptedBy && by === 'province' ? [...provinceStaff.get(run.provinceCode)!.experts.values()].slice(0, 3).map((x) => ({ name: x.name, opinion: passed ? '同意通过验收' : '建设内容未全部完成' })) : [];
      await decideAcceptance(d, officer.ctx, app.id, by, {
        passed,
        opinion: passed ? '项目完成了实施方案确定的建设内容，绩效指标达到预期，同意通过' : '部分建设内容未完成，绩效指标未达到协议约定，须限期整改',
        experts,
        ...(rectificationDays ? { rectificationDeadline: addDays(today(), rectificationDays) } : {}),
      });
    };
    const final = run.definition.acceptance!.acceptedBy;
    const requestAt = Math.max(startOfShanghaiDate(addDays(endDate, between(random, 5, 15))).getTime() + 10 * HOUR, clock.now().getTime() + DAY);
    agenda.at(requestAt, 'acceptance request', async () => {
      await request('项目已按实施方案完成全部建设内容，申请验收');
      const t0 = clock.now().getTime();
      if (fate === 'acceptance_requested') return;
      if (cityStep) agenda.at(t0 + 8 * DAY, 'initial acceptance', async () => void (await decide('city', true)));
      if (fate === 'initial_accepted') return;
      const first = t0 + 20 * DAY + jitter();
      const passFirst = fate === 'accepted' || fate === 'fraud';
      // Where the program allows no rectification (001 三), a failed acceptance is final.
      const canRectify = run.definition.acceptance!.rectification.allowed;
      agenda.at(first, 'acceptance', async () => {
        await decide(final, passFirst, passFirst || !canRectify ? undefined : fate === 'rectifying' ? 150 : 60);
        if (passFirst) return funding(run, app, fate);
        if (fate === 'rectifying' || !canRectify) return;
        agenda.at(clock.now().getTime() + 35 * DAY, 'rectified', async () => {
          await request('已按验收意见完成整改，申请再次验收');
          agenda.at(clock.now().getTime() + 15 * DAY, 'second acceptance', async () => {
            const passed = fate === 'accepted_second';
            await decide(final, passed);
            if (passed) await funding(run, app, fate);
          });
        });
      });
    });
  }

  const funded: { run: ProgramRun; app: DemoApp }[] = [];
  async function funding(run: ProgramRun, app: DemoApp, fate: ProjectFate) {
    if (run.definition.subsidy?.kind !== 'formula') return;
    agenda.at(clock.now().getTime() + between(random, 3, 8) * DAY, 'subsidy', async () => {
      await fixSubsidy(d, run.province.ctx, app.id, { cityMatchingRatioBp: pickOne(random, [3000, 5000, 5000, 10000]) });
      funded.push({ run, app });
      agenda.at(clock.now().getTime() + between(random, 8, 15) * DAY, 'first tranche', async () => {
        await disburseAll(run, app, 1);
        if (fate === 'fraud' || random() < 0.6) agenda.at(clock.now().getTime() + between(random, 10, 25) * DAY, 'second tranche', () => disburseAll(run, app, 1));
      });
    });
  }

  // ——— Oversight: a spot check near the end, with findings and the sanction ———
  for (const run of runs) {
    if (!hasProjects(run.definition) || !run.apps.some((a) => a.fate === 'selected')) continue;
    agenda.at(realNow - 18 * DAY, `spot check ${run.code}`, async () => {
      const check = await drawSpotCheck(d, run.province.ctx, { callId: run.pastCallId, seed: `${seed}-${run.code}`, minShare: Math.max(run.definition.spotCheck?.minShare ?? 0, 3000) });
      const fraud = run.apps.find((a) => a.projectFate === 'fraud');
      let issues = false;
      for (const item of check.items) {
        if (item.applicationId === fraud?.id) continue;
        const funds = await getFunds(d, run.province.ctx, item.applicationId);
        if (!issues && funds.recoverableFen > 0) {
          issues = true;
          await recordFinding(d, run.province.ctx, item.id, { finding: 'issues', notes: '部分票据与项目建设内容关联性不足', recoveryAmountFen: Math.max(100, Math.round(funds.recoverableFen / 10)) });
          if (run.definition.sanctions.some((s) => s.id === 'misuse-of-funds') && run.definition.subsidy?.kind === 'officer_entered') {
            await imposeSanction(d, run.province.ctx, item.applicationId, { sanctionId: 'misuse-of-funds', reason: '抽查发现部分补助资金用于非项目支出', spotCheckItemId: item.id });
          }
        } else {
          await recordFinding(d, run.province.ctx, item.id, { finding: 'ok', notes: '项目建设内容与实施方案一致，资金使用规范' });
        }
      }
      if (fraud?.id && run.definition.sanctions.some((s) => s.id === 'fraud')) {
        const item = check.items.find((i) => i.applicationId === fraud.id);
        if (item) await recordFinding(d, run.province.ctx, item.id, { finding: 'fraud', notes: '验收材料中的部分发票经税务部门核验系伪造' });
        const view = await imposeSanction(d, run.province.ctx, fraud.id, { sanctionId: 'fraud', reason: item ? '抽查发现验收材料中的发票系伪造' : '经群众举报核查，验收材料中的发票系伪造', spotCheckItemId: item?.id ?? null });
        const recoveryId = view.sanctions.at(-1)?.recoveryId;
        if (recoveryId) {
          const recoveries = await deps.uow.read((repos) => repos.funding.recoveries(fraud.id));
          const due = recoveries.find((r) => r.id === recoveryId)!.amountFen;
          agenda.at(clock.now().getTime() + 7 * DAY, 'repayment', async () => {
            voucher += 1;
            await recordRepayment(d, run.finance.ctx, { recoveryId, amountFen: Math.max(1, Math.round(due / 2)), paidOn: today(), voucherNumber: `HK${today().replace(/-/g, '')}${String(voucher).padStart(4, '0')}` });
          });
        }
      }
    });
  }

  // ——— The current open call: drafts, submissions and the city's first reviews, today ———
  const window0 = realNow - 10 * HOUR;
  for (const run of runs) {
    if (!run.currentCallId) continue;
    const callId = run.currentCallId;
    const opensAt = (await deps.uow.read((repos) => repos.calls.findById(callId)))!.opensAt.getTime();
    const from = Math.max(window0, opensAt + MINUTE);
    const span = realNow - 3 * MINUTE - from;
    const apps = run.apps.filter((a) => a.call === 'current');
    if (run.definition.quotas.perCity) {
      agenda.at(from, `current quotas ${run.code}`, async () => {
        const quotaTable = Object.fromEntries([...run.cities.keys()].sort().map((unit) => [unit, between(random, 3, 8)]));
        await setCallQuotas(d, run.province.ctx, callId, { quotaTable, threshold: THRESHOLD });
      });
    }
    apps.forEach((app, i) => {
      agenda.at(from + Math.floor((span * 0.5 * (i + 1)) / (apps.length + 1)), `current draft ${run.code}`, async () => {
        await draft(run, app, callId);
        if (app.fate !== 'draft') await submit(app);
      });
    });
    agenda.at(from + Math.floor(span * 0.7), `current city review ${run.code}`, async () => {
      for (const app of apps.filter((a) => !['draft', 'submitted'].includes(a.fate))) {
        const officer = city(run, app);
        await startCityReview(d, officer.ctx, app.id);
        if (app.fate === 'returned') await returnForRevision(d, officer.ctx, app.id, { comment: '请补充项目投资构成明细和两化融合评估报告', fieldComments: {} });
        else if (app.fate === 'rejected') await decideCityReview(d, officer.ctx, app.id, { decision: 'reject', reason: '申报单位近两年发生过安全生产事故，不符合申报条件', checklist: checklist() });
        else if (app.fate !== 'city_review') await decideCityReview(d, officer.ctx, app.id, { decision: 'pass', reason: '', checklist: checklist() });
      }
      const byCity = new Map<string, DemoApp[]>();
      for (const app of apps.filter((a) => a.fate === 'recommended')) byCity.set(app.enterprise.unitCode, [...(byCity.get(app.enterprise.unitCode) ?? []), app]);
      for (const [unit, list] of byCity) {
        const officer = run.cities.get(unit)!;
        for (const app of list) await recommend(d, officer.ctx, callId, app.id);
        await submitRecommendation(d, officer.ctx, callId, `${officer.org.name.replace(/(市|新区)$/, '')}工信字〔${today().slice(0, 4)}〕${between(random, 50, 90)}号`);
      }
    });
  }

  log(`demo population: running the agenda from ${new Date(start).toISOString().slice(0, 10)}`);
  await agenda.run((done, pending, at) => log(`demo population: ${done} actions done, ${pending} pending, simulated time ${at.toISOString().slice(0, 16)}`));

  // ——— The summary, and the mark that the database is populated ———
  const summary: DemoPopulationSummary = { skipped: false, reason: null, enterprises: serial, experts: expertCount, accounts, actions: agenda.done, programs: {}, gaps };
  await deps.uow.read(async (repos) => {
    for (const run of runs) {
      const applications: Record<string, number> = {};
      const projects: Record<string, number> = {};
      for (const callId of [run.pastCallId, run.currentCallId].filter((x): x is string => Boolean(x))) {
        for (const a of await repos.selection.applicationsOfCall(callId, APPLICATION_STATES)) applications[a.state] = (applications[a.state] ?? 0) + 1;
        for (const p of (await repos.projects.list({ kind: 'all' }, { page: 1, pageSize: 1000, order: 'asc', sort: 'updatedAt', callId })).rows) projects[p.status] = (projects[p.status] ?? 0) + 1;
      }
      summary.programs[run.code] = { calls: run.currentCallId ? 2 : 1, applications, projects };
    }
  });
  await deps.uow.transaction((repos) => recordAudit(repos, SYSTEM, deps.clock, { action: POPULATED, entityType: 'platform', entityId: null, after: { seed, enterprises: serial, experts: expertCount, accounts, actions: agenda.done } }));
  log(`demo population: done — ${serial} enterprises, ${expertCount} experts, ${accounts} accounts, ${agenda.done} actions (${agenda.dropped} left for the future)`);
  return summary;
}

/** The blocking rules a drafted form meets with the enterprise's profile and every required attachment present. */
function blockingRules(def: ProgramDefinition, e: Enterprise, form: DraftedForm, today: string): string[] {
  const formData = fillFromProfile(def, form.formData, profileSource(e.profile, e.creditCode));
  const present = new Set(formsFor(def, formData).flatMap((f) => f.attachments.filter((a) => a.required === true).map((a) => a.id)));
  const evaluation = evaluateRules(def, { applicant: applicantFacts(e.profile, ''), application: applicationFacts(def, formData, present).facts, today });
  return evaluation.outcomes.filter((o) => o.blocking).map((o) => `${o.ruleId} (${o.citation})`);
}

/** Project fates of the selected applications of a program with acceptance (one of each first). */
const PROJECT_SPEC: readonly [ProjectFate, number][] = [
  ['fraud', 0.05],
  ['failed', 0.05],
  ['rectifying', 0.08],
  ['accepted_second', 0.08],
  ['initial_accepted', 0.08],
  ['acceptance_requested', 0.08],
  ['overdue', 0.12],
  ['implementing', 0.15],
];

/** "2026-12" → "2027-01". */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Programs whose final list starts projects. */
const hasProjects = (def: ProgramDefinition) => def.stages.some((s) => s.type === 'implementation');

/** The program's own entry conditions on the profile that the generator's enterprises may not meet (industry). */
function eligibleFor(code: string, e: { industry: { code: string } }): boolean {
  if (code === 'hebei-2021-ii-key-projects') return /^(B|C|D|I6[45])/.test(e.industry.code);
  if (code === 'hubei-2020-dual-innovation') return /^(C|I6[345])/.test(e.industry.code);
  return true;
}

