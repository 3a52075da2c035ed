/**
 * The province's selection page: the published calls of the province, each with its applications
 * by state and every recommending unit's list (not started, draft, submitted or returned).
 */
import type { Deps, ListQuery, RecommendationRow, RequestContext } from '../ports.ts';
import { callStatus, type CallView } from '../applicants/calls.ts';
import { publishedDefinition } from '../applicants/common.ts';
import { authorizeList } from '../support.ts';

export interface SelectionCallView extends CallView {
  counts: Record<string, number>;
  cities: { city: { id: string; name: string; code: string }; recommendation: RecommendationRow | null; quota: number | null }[];
}

export async function listSelectionCalls(deps: Deps, ctx: RequestContext, q: ListQuery & { q?: string; programCode?: string; sort: 'deadlineAt' | 'opensAt' | 'title' }): Promise<{ rows: SelectionCallView[]; total: number }> {
  const { ctx: acting } = authorizeList(ctx, 'selection.read');
  // Province staff see their province's calls; the platform's administrators and auditors every province's.
  const provinceId = acting.actor.organizationPath[1];
  const now = deps.clock.now();
  return deps.uow.read(async (repos) => {
    const { rows, total } = await repos.calls.list({ ...q, ...(provinceId ? { provinceId } : {}), publishedOnly: true, now });
    const counts = await repos.selection.stateCounts(rows.map((r) => r.id));
    const units = await repos.organizations.recommendingUnits();
    const out: SelectionCallView[] = [];
    for (const row of rows) {
      const mine: Record<string, number> = {};
      for (const c of counts) if (c.callId === row.id) mine[c.state] = c.n;
      const lists = new Map((await repos.recommendations.forCall(row.id)).map((r) => [r.cityId, r]));
      const { quotaTable } = await repos.selection.callQuotas(row.id);
      const definition = publishedDefinition(row.programCode, row.programVersion, row.definition);
      const cities = units
        .filter((u) => u.path.includes(row.provinceId))
        .map((u) => ({
          city: { id: u.id, name: u.name, code: u.code },
          recommendation: lists.get(u.id) ?? null,
          quota: quotaTable[u.code] ?? definition.quotas.perCity?.table[u.code] ?? definition.quotas.perCity?.default ?? null,
        }));
      out.push({ row, status: callStatus(row, now), myApplicationId: null, counts: mine, cities });
    }
    return { rows: out, total };
  });
}
