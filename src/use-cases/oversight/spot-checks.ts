/**
 * Spot checks (001 三: 每年按不低于20%的比例抽查): the province draws a sample of a call's funded
 * projects, stratified by city, from a seed it records (or is given, to reproduce an earlier draw), then
 * records a finding per project — ok, issues, fraud — with notes, and an adjustment or recovery of funds.
 */
import { drawSample } from '../../core/oversight/spot-check.ts';
import { DomainError, fieldError, notFound, type Messages } from '../../core/errors.ts';
import { APPLICATION, CALL, loadOrThrow, publishedDefinition } from '../applicants/common.ts';
import { createRecovery } from '../funding/recovery.ts';
import type { Deps, ListQuery, ProjectStatus, Repositories, RequestContext } from '../ports.ts';
import { authorize, authorizeList, recordAudit } from '../support.ts';
import type { Finding, SpotCheckItemRow, SpotCheckRow } from './ports.ts';

/** Projects that have received (or are receiving) funds: signed, under way or through acceptance. */
export const FUNDED: readonly ProjectStatus[] = ['implementing', 'acceptance_requested', 'initial_accepted', 'rectifying', 'accepted'];

const SPOT_CHECK: Messages = { 'zh-CN': '抽查', en: 'Spot check' };
const ITEM: Messages = { 'zh-CN': '抽查项目', en: 'Sampled project' };

async function provinceRecord(repos: Repositories, provinceId: string): Promise<{ organizationPath: string[] }> {
  const province = await repos.organizations.findById(provinceId);
  return { organizationPath: province ? province.path : [provinceId] };
}

export interface SpotCheckView {
  check: SpotCheckRow;
  items: SpotCheckItemRow[];
}

export async function drawSpotCheck(deps: Deps, ctx: RequestContext, input: { callId: string; seed?: string | null; minShare?: number | null }): Promise<SpotCheckView> {
  authorize(ctx, 'oversight.manage');
  return deps.uow.transaction(async (repos) => {
    const call = loadOrThrow(await repos.calls.findById(input.callId), CALL);
    authorize(ctx, 'oversight.manage', await provinceRecord(repos, call.provinceId));
    const definition = publishedDefinition(call.programCode, call.programVersion, call.definition);
    const rule = definition.spotCheck;
    const minShare = input.minShare ?? rule?.minShare;
    if (minShare === undefined || minShare === null) {
      throw fieldError('minShare', 'required', { 'zh-CN': '抽查比例', en: 'Share to check' }, { 'zh-CN': '本项目未规定抽查比例，请填写', en: 'the program sets no share; enter one' });
    }
    if (rule && minShare < rule.minShare) {
      throw fieldError('minShare', 'below_minimum', { 'zh-CN': '抽查比例', en: 'Share to check' }, { 'zh-CN': `不得低于 ${rule.minShare / 100}%（${rule.citation}）`, en: `at least ${rule.minShare / 100}% (${rule.citation})` });
    }
    const selected = await repos.selection.applicationsOfCall(call.id, ['selected']);
    const projects = [];
    for (const a of selected) {
      const p = await repos.projects.findByApplication(a.id);
      if (p && FUNDED.includes(p.status)) projects.push({ id: p.applicationId, cityId: p.cityId ?? '', cityName: p.cityName ?? '' });
    }
    if (projects.length === 0) {
      throw new DomainError('conflict', 'nothing_to_sample', { 'zh-CN': '该批次尚无已获资金支持的项目，无法抽查', en: 'The call has no funded projects to sample yet' });
    }
    const seed = input.seed?.trim() || deps.tokens.random(8);
    const stratifiedBy = rule?.stratifiedBy ?? 'city';
    const sample = drawSample(projects, { minShare, stratifiedBy, seed });
    const allocation = Object.fromEntries(sample.strata.map((s) => [s.cityId || '-', { cityName: s.cityName, population: s.population, sampled: s.sampled }]));
    const acting = authorize(ctx, 'oversight.manage');
    const now = deps.clock.now();
    const id = await repos.oversight.insertSpotCheck({ callId: call.id, seed, minShare, stratifiedBy, population: sample.population, allocation, citation: rule?.citation ?? null, createdBy: acting.actor.accountId, now });
    for (const applicationId of sample.ids) await repos.oversight.addSpotCheckItem(id, applicationId);
    await recordAudit(repos, ctx, deps.clock, {
      action: 'spot_check.draw',
      entityType: 'spot_check',
      entityId: id,
      organizationId: call.provinceId,
      after: { callId: call.id, seed, minShare, stratifiedBy, population: sample.population, required: sample.required, allocation, sample: sample.ids, reproduced: Boolean(input.seed?.trim()) },
    });
    return { check: loadOrThrow(await repos.oversight.findSpotCheck(id), SPOT_CHECK), items: await repos.oversight.spotCheckItems(id) };
  });
}

export async function listSpotChecks(deps: Deps, ctx: RequestContext, q: ListQuery & { callId?: string }): Promise<{ rows: SpotCheckRow[]; total: number }> {
  const { scope } = authorizeList(ctx, 'oversight.manage');
  if (scope.kind === 'none' || scope.kind === 'own') return { rows: [], total: 0 };
  const provinceId = scope.kind === 'subtree' ? scope.rootId : undefined;
  return deps.uow.read((repos) => repos.oversight.listSpotChecks({ ...q, provinceId }));
}

export async function getSpotCheck(deps: Deps, ctx: RequestContext, id: string): Promise<SpotCheckView> {
  authorize(ctx, 'oversight.manage');
  return deps.uow.read(async (repos) => {
    const check = loadOrThrow(await repos.oversight.findSpotCheck(id), SPOT_CHECK);
    const call = loadOrThrow(await repos.calls.findById(check.callId), CALL);
    authorize(ctx, 'oversight.manage', await provinceRecord(repos, call.provinceId));
    return { check, items: await repos.oversight.spotCheckItems(id) };
  });
}

/** A finding on one sampled project, with an optional adjustment or recovery of funds (a receivable). */
export async function recordFinding(
  deps: Deps,
  ctx: RequestContext,
  itemId: string,
  input: { finding: Finding; notes: string | null; recoveryAmountFen?: number | null },
): Promise<SpotCheckItemRow> {
  const acting = authorize(ctx, 'oversight.manage');
  return deps.uow.transaction(async (repos) => {
    const item = await repos.oversight.findSpotCheckItem(itemId);
    if (!item) throw notFound(ITEM);
    const app = loadOrThrow(await repos.applications.findById(item.applicationId), APPLICATION);
    authorize(ctx, 'oversight.manage', app);
    let recoveryId = item.recoveryId;
    if (input.recoveryAmountFen) {
      const call = loadOrThrow(await repos.calls.findById(app.callId), CALL);
      const definition = publishedDefinition(call.programCode, call.programVersion, call.definition);
      recoveryId = await createRecovery(deps, repos, ctx, {
        applicationId: app.id,
        amountFen: input.recoveryAmountFen,
        reason: { 'zh-CN': `抽查发现问题：${input.notes ?? ''}`.trim(), en: `Spot-check finding: ${input.notes ?? ''}`.trim() },
        citation: definition.spotCheck?.citation ?? null,
      });
    }
    const now = deps.clock.now();
    await repos.oversight.updateSpotCheckItem(itemId, { finding: input.finding, notes: input.notes, recoveryId, recordedBy: acting.actor.accountId, recordedAt: now });
    await recordAudit(repos, ctx, deps.clock, {
      action: 'spot_check.finding',
      entityType: 'spot_check_item',
      entityId: itemId,
      organizationId: app.organizationId,
      before: { finding: item.finding, notes: item.notes },
      after: { applicationId: app.id, finding: input.finding, notes: input.notes, recoveryId, recoveryAmountFen: input.recoveryAmountFen ?? null },
    });
    return loadOrThrow(await repos.oversight.findSpotCheckItem(itemId), ITEM);
  });
}
