/**
 * The target plans (program definitions of kind `target_plan`) an actor may read, and the one a request
 * names. A plan belongs to its province: the policy's record for `targets.read` and `targets.report`
 * is the province's organization.
 */
import { can } from '../../core/access-policy.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import type { Target } from '../../core/targets/target.ts';
import { leadOrganizationCodes } from '../../core/targets/reports.ts';
import { publishedDefinition } from '../applicants/common.ts';
import type { OrganizationRow, Repositories } from '../ports.ts';
import type { ActingContext } from '../support.ts';

export interface LoadedPlan {
  code: string;
  version: number;
  definition: ProgramDefinition;
  province: OrganizationRow;
}

export const PLAN = { 'zh-CN': '目标计划', en: 'Target plan' };
export const TARGET = { 'zh-CN': '目标', en: 'Target' };

/** Every published target plan at its newest published version, with its province. */
async function publishedPlans(repos: Repositories): Promise<LoadedPlan[]> {
  const newest = new Map<string, { code: string; version: number; definition: unknown }>();
  for (const v of await repos.programs.listVersions()) {
    if (v.status !== 'published' || (v.definition as { kind?: string } | null)?.kind !== 'target_plan') continue;
    if ((newest.get(v.code)?.version ?? 0) < v.version) newest.set(v.code, v);
  }
  const out: LoadedPlan[] = [];
  for (const v of [...newest.values()].sort((a, b) => a.code.localeCompare(b.code))) {
    const definition = publishedDefinition(v.code, v.version, v.definition);
    const province = await repos.organizations.findByCode(definition.provinceCode);
    if (province) out.push({ code: v.code, version: v.version, definition, province });
  }
  return out;
}

/**
 * The plans the actor may do `action` on, and the one asked for (by default the plan of the actor's
 * own province, else the first). Refused when the actor may read none, or not the one named.
 */
export async function planFor(repos: Repositories, acting: ActingContext, action: 'targets.read' | 'targets.report', code?: string): Promise<{ plan: LoadedPlan; plans: LoadedPlan[] }> {
  const all = await publishedPlans(repos);
  const plans = all.filter((p) => can(acting.actor, action, { organizationPath: p.province.path }));
  if (code) {
    const named = all.find((p) => p.code === code);
    if (!named) throw notFound(PLAN);
    if (!plans.includes(named)) throw forbidden();
    return { plan: named, plans };
  }
  const own = plans.find((p) => p.province.id === acting.actor.organizationPath[1]) ?? plans[0];
  if (!own) throw all.length ? forbidden() : notFound(PLAN);
  return { plan: own, plans };
}

export function targetOf(plan: LoadedPlan, targetId: string): Target {
  const t = plan.definition.targets.find((x) => x.id === targetId);
  if (!t) throw notFound(TARGET);
  return t;
}

/**
 * May this actor record a figure for the target? Administrators may; a province officer only for a
 * target their own department leads (002 names a 牵头单位 per task).
 */
export function mayReport(acting: ActingContext, organizationCode: string | null, plan: LoadedPlan, t: Target): boolean {
  if (t.measure.kind !== 'reported' || !can(acting.actor, 'targets.report', { organizationPath: plan.province.path })) return false;
  if (acting.actor.role === 'administrator') return true;
  return organizationCode !== null && leadOrganizationCodes(t, plan.definition.provinceCode).includes(organizationCode);
}
