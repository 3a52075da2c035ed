/**
 * The city's recommendation page: the published calls of its province, each with the city's own
 * applications by state and its list (draft, submitted or returned, its size and the quota).
 */
import type { Deps, ListQuery, RecommendationRow, RequestContext } from '../ports.ts';
import { callStatus, type CallView } from '../applicants/calls.ts';
import { publishedDefinition } from '../applicants/common.ts';
import { authorizeList } from '../support.ts';

export interface CityCallView extends CallView {
  counts: Record<string, number>;
  candidates: number;
  recommendation: RecommendationRow | null;
  quota: number | null;
}

/** States in which an application has passed the city review. */
const PASSED = ['city_passed', 'recommended', 'policy_passed', 'policy_rejected', 'expert_review', 'shortlisted', 'not_shortlisted', 'selected', 'not_selected'];

export async function listCityCalls(deps: Deps, ctx: RequestContext, q: ListQuery & { q?: string; programCode?: string; sort: 'deadlineAt' | 'opensAt' | 'title' }): Promise<{ rows: CityCallView[]; total: number }> {
  const { ctx: acting } = authorizeList(ctx, 'application.review');
  const cityId = acting.actor.organizationId;
  const provinceId = acting.actor.organizationPath[1];
  const now = deps.clock.now();
  return deps.uow.read(async (repos) => {
    const city = await repos.organizations.findById(cityId);
    const { rows, total } = await repos.calls.list({ ...q, ...(provinceId ? { provinceId } : {}), publishedOnly: true, now });
    const counts = await repos.selection.stateCounts(
      rows.map((r) => r.id),
      cityId,
    );
    const out: CityCallView[] = [];
    for (const row of rows) {
      const mine: Record<string, number> = {};
      for (const c of counts) if (c.callId === row.id) mine[c.state] = c.n;
      const recommendation = (await repos.recommendations.find(row.id, cityId)) ?? null;
      const { quotaTable } = await repos.selection.callQuotas(row.id);
      const definition = publishedDefinition(row.programCode, row.programVersion, row.definition);
      const code = city?.code ?? '';
      const quota = quotaTable[code] ?? definition.quotas.perCity?.table[code] ?? definition.quotas.perCity?.default ?? null;
      out.push({
        row,
        status: callStatus(row, now),
        myApplicationId: null,
        counts: mine,
        candidates: PASSED.reduce((n, s) => n + (mine[s] ?? 0), 0),
        recommendation,
        quota,
      });
    }
    return { rows: out, total };
  });
}
