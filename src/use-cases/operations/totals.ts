/**
 * The province's operating totals at a month, for the target plan: 002's targets of enterprises on the
 * cloud (万家企业上云), industrial apps (培育10000个工业APP) and device networking read these figures.
 * Each organization counts with its latest report up to the month (the latest revision of it), the same
 * definition the industry operation view uses (src/core/operations/aggregate.ts).
 */
import { latestUpTo, totalsOf } from '../../core/operations/aggregate.ts';
import type { Repositories } from '../ports.ts';

export interface OperationTotals {
  /** Organizations whose figures are counted. */
  reporters: number;
  devices: number;
  users: number;
  apps: number;
  cloudEnterprises: number;
}

/** Runs inside the caller's unit of work (`repos`); the caller has authorized the read. */
export async function operationTotals(repos: Repositories, q: { provinceId: string; month: string }): Promise<OperationTotals> {
  const facts = await repos.operations.reportFacts({ kind: 'all' }, { upTo: q.month, provinceId: q.provinceId });
  const t = totalsOf(latestUpTo(facts, q.month));
  return { reporters: t.reporters, devices: t.connectedDevices, users: t.platformUsers, apps: t.industrialApps, cloudEnterprises: t.cloudEnterprises };
}
