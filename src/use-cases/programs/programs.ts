/**
 * Program definitions in the database: versions loaded from programs/*.json, drafts cloned and
 * edited by province officers, publication (only of a definition whose rules type-check), the
 * difference between versions, and the eligibility check ("try it") on saved sample applicants.
 */
import { canonicalJson } from '../../core/audit-chain.ts';
import { DomainError, notFound } from '../../core/errors.ts';
import { diffDefinitions } from '../../core/programs/diff.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { evaluateRules, type Evaluation } from '../../core/programs/rule-engine.ts';
import { validateDefinition, type DefinitionProblem } from '../../core/programs/validate.ts';
import type { Deps, ProgramVersionRow, Repositories, RequestContext } from '../ports.ts';
import { authorize, recordAudit } from '../support.ts';

const PROGRAM = { 'zh-CN': '计划版本', en: 'Program version' };
const SYSTEM: RequestContext = { actor: null, sessionId: null, ip: null, userAgent: 'system', requestId: null };

export interface SampleInput {
  applicant: Record<string, unknown>;
  application: Record<string, unknown>;
  today?: string;
}

/** Shanghai's calendar date now, as the rules' `today`. */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Loads definition files: a version the database lacks is added as published; one it has is left
 * as it is (a published version never changes — a changed file needs a new version number).
 */
export async function syncProgramFiles(deps: Deps, definitions: readonly ProgramDefinition[], samples: Record<string, { name: string; input: SampleInput }[]>): Promise<{ added: string[]; conflicts: string[] }> {
  return deps.uow.transaction(async (repos) => {
    const added: string[] = [];
    const conflicts: string[] = [];
    const now = deps.clock.now();
    for (const d of definitions) {
      const programId = await repos.programs.ensureProgram(d.code, d.provinceCode);
      const existing = await repos.programs.findVersion(d.code, d.version);
      if (!existing) {
        await repos.programs.insertVersion({ programId, version: d.version, status: 'published', definition: d, basedOnVersion: null, createdBy: null, publishedBy: null, publishedAt: now });
        await recordAudit(repos, SYSTEM, deps.clock, { action: 'program.version_loaded', entityType: 'program_version', entityId: `${d.code}@${d.version}`, after: { code: d.code, version: d.version } });
        added.push(`${d.code}@${d.version}`);
      } else if (existing.status === 'published' && canonicalJson(existing.definition) !== canonicalJson(d)) {
        conflicts.push(`${d.code}@${d.version}`);
      }
      for (const s of samples[d.code] ?? []) await repos.programs.upsertSample(programId, s.name, s.input);
    }
    return { added, conflicts };
  });
}

async function provincePath(repos: Repositories, provinceCode: string): Promise<string[]> {
  const province = await repos.organizations.findByCode(provinceCode);
  return province ? province.path : [];
}

async function loadVersion(repos: Repositories, code: string, version: number): Promise<ProgramVersionRow> {
  const row = await repos.programs.findVersion(code, version);
  if (!row) throw notFound(PROGRAM);
  return row;
}

export async function listPrograms(deps: Deps, ctx: RequestContext) {
  authorize(ctx, 'program.read');
  const rows = await deps.uow.read((r) => r.programs.listVersions());
  const byCode = new Map<string, ProgramVersionRow[]>();
  for (const r of rows) byCode.set(r.code, [...(byCode.get(r.code) ?? []), r]);
  return [...byCode.values()].map((versions) => {
    const published = versions.find((v) => v.status === 'published');
    const shown = (published ?? versions[0]!).definition as Partial<ProgramDefinition>;
    return { code: versions[0]!.code, provinceCode: versions[0]!.provinceCode, name: shown.name, kind: shown.kind, issuer: shown.issuer, versions };
  });
}

export async function getProgramVersion(deps: Deps, ctx: RequestContext, code: string, version: number): Promise<{ row: ProgramVersionRow; problems: DefinitionProblem[] }> {
  authorize(ctx, 'program.read');
  const row = await deps.uow.read((r) => loadVersion(r, code, version));
  return { row, problems: row.status === 'draft' ? validateDefinition(row.definition).problems : [] };
}

/** A new draft: a copy of an existing version under the next version number. */
export async function createDraft(deps: Deps, ctx: RequestContext, code: string, fromVersion: number): Promise<ProgramVersionRow> {
  return deps.uow.transaction(async (repos) => {
    await repos.programs.lockProgram(code);
    const source = await loadVersion(repos, code, fromVersion);
    const acting = authorize(ctx, 'program.manage', { organizationPath: await provincePath(repos, source.provinceCode) });
    const versions = await repos.programs.listVersions(code);
    const next = Math.max(...versions.map((v) => v.version)) + 1;
    const definition = { ...(source.definition as object), version: next };
    await repos.programs.insertVersion({ programId: source.programId, version: next, status: 'draft', definition, basedOnVersion: fromVersion, createdBy: acting.actor.accountId, publishedBy: null, publishedAt: null });
    await recordAudit(repos, acting, deps.clock, { action: 'program.draft_created', entityType: 'program_version', entityId: `${code}@${next}`, after: { basedOn: fromVersion } });
    return loadVersion(repos, code, next);
  });
}

const frozen = () =>
  new DomainError('conflict', 'version_published', { 'zh-CN': '该版本已发布，不能修改；请复制为新草稿后修改', en: 'This version is published and cannot change; clone it into a new draft' });

/** Saves a draft's definition (it may still have problems; they are returned, not refused). */
export async function updateDraft(deps: Deps, ctx: RequestContext, code: string, version: number, definition: Record<string, unknown>): Promise<{ row: ProgramVersionRow; problems: DefinitionProblem[] }> {
  return deps.uow.transaction(async (repos) => {
    const row = await loadVersion(repos, code, version);
    const acting = authorize(ctx, 'program.manage', { organizationPath: await provincePath(repos, row.provinceCode) });
    if (row.status !== 'draft') throw frozen();
    const next = { ...definition, code, version };
    await repos.programs.updateDraft(row.programId, version, next, deps.clock.now());
    await recordAudit(repos, acting, deps.clock, {
      action: 'program.draft_updated',
      entityType: 'program_version',
      entityId: `${code}@${version}`,
      after: { changes: diffDefinitions(row.definition, next).slice(0, 50) },
    });
    return { row: await loadVersion(repos, code, version), problems: validateDefinition(next).problems };
  });
}

/** Publishes a draft; refused, naming each problem (and rule id), when it does not validate. */
export async function publishVersion(deps: Deps, ctx: RequestContext, code: string, version: number): Promise<ProgramVersionRow> {
  return deps.uow.transaction(async (repos) => {
    const row = await loadVersion(repos, code, version);
    const acting = authorize(ctx, 'program.manage', { organizationPath: await provincePath(repos, row.provinceCode) });
    if (row.status !== 'draft') throw frozen();
    const { definition, problems } = validateDefinition(row.definition);
    if (problems.length || !definition) {
      throw new DomainError(
        'validation',
        'definition_invalid',
        { 'zh-CN': `计划定义有 ${problems.length} 处问题，不能发布`, en: `The definition has ${problems.length} problem(s) and cannot be published` },
        problems.map((p) => ({
          path: p.path,
          code: p.ruleId ? 'rule_invalid' : 'definition_invalid',
          messages: p.ruleId ? { 'zh-CN': `规则 ${p.ruleId}：${p.message}`, en: `Rule ${p.ruleId}: ${p.message}` } : { 'zh-CN': `${p.path}：${p.message}`, en: `${p.path}: ${p.message}` },
        })),
        { problems },
      );
    }
    await repos.programs.publish(row.programId, version, definition, acting.actor.accountId, deps.clock.now());
    await recordAudit(repos, acting, deps.clock, { action: 'program.published', entityType: 'program_version', entityId: `${code}@${version}`, before: { status: 'draft' }, after: { status: 'published' } });
    return loadVersion(repos, code, version);
  });
}

export async function diffVersions(deps: Deps, ctx: RequestContext, code: string, from: number, to: number) {
  authorize(ctx, 'program.read');
  return deps.uow.read(async (repos) => {
    const a = await loadVersion(repos, code, from);
    const b = await loadVersion(repos, code, to);
    return diffDefinitions(a.definition, b.definition);
  });
}

export async function listSamples(deps: Deps, ctx: RequestContext, code: string) {
  authorize(ctx, 'program.read');
  return deps.uow.read((r) => r.programs.samples(code));
}

/** Runs a version's rules on an applicant and application (given, or a saved sample). */
export async function evaluateEligibility(deps: Deps, ctx: RequestContext, code: string, version: number, input: { sampleId?: string; sample?: SampleInput }): Promise<Evaluation> {
  authorize(ctx, 'program.read');
  const { row, sample } = await deps.uow.read(async (repos) => {
    const row = await loadVersion(repos, code, version);
    const samples = input.sampleId ? await repos.programs.samples(code) : [];
    return { row, sample: input.sample ?? (samples.find((s) => s.id === input.sampleId)?.input as SampleInput | undefined) };
  });
  if (!sample) throw notFound({ 'zh-CN': '样例申报单位', en: 'Sample applicant' });
  const { definition, problems } = validateDefinition(row.definition);
  const broken = definition ? problems.filter((p) => p.ruleId) : problems;
  if (broken.length || !definition) {
    throw new DomainError('validation', 'definition_invalid', { 'zh-CN': '有规则未通过类型检查，请先修正', en: 'Some rules do not type-check; fix them first' }, broken.map((p) => ({ path: p.path, code: 'rule_invalid', messages: { 'zh-CN': `规则 ${p.ruleId ?? p.path}：${p.message}`, en: `Rule ${p.ruleId ?? p.path}: ${p.message}` } })));
  }
  return evaluateRules({ code, version, rules: definition.rules }, { applicant: sample.applicant, application: sample.application, today: sample.today ?? shanghaiToday(deps.clock.now()) });
}
