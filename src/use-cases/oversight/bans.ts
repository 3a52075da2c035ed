/**
 * Application bans: the list for the province, and the ban in force for the applicant's pre-check and
 * submission (the rule input `applicant.bannedUntil`, plus the ban's own blocking rule where a frozen
 * definition has none — see src/core/oversight/ban.ts rulesWithBan).
 */
import { addDays, shanghaiDate } from '../../core/calendar.ts';
import type { Deps, ListQuery, Repositories, RequestContext } from '../ports.ts';
import { authorizeList } from '../support.ts';
import type { BanRow } from './ports.ts';

export { rulesWithBan } from '../../core/oversight/ban.ts';

/** The ban in force today over this program, with its last day (what `applicant.bannedUntil` carries) and citation. */
export async function activeBanOf(repos: Repositories, organizationId: string, programCode: string, today: string): Promise<{ lastDay: string; citation: string; untilDate: string } | null> {
  const ban = await repos.oversight.activeBan(organizationId, programCode, today);
  return ban ? { lastDay: addDays(ban.untilDate, -1), citation: ban.citation, untilDate: ban.untilDate } : null;
}

export interface BanView extends BanRow {
  lastDay: string;
  active: boolean;
}

export const banView = (b: BanRow, today: string): BanView => ({ ...b, lastDay: addDays(b.untilDate, -1), active: b.fromDate <= today && today < b.untilDate });

export async function listBans(deps: Deps, ctx: RequestContext, q: ListQuery & { status?: 'active' | 'expired'; q?: string }): Promise<{ rows: BanView[]; total: number; today: string }> {
  const { scope } = authorizeList(ctx, 'oversight.manage');
  const today = shanghaiDate(deps.clock.now());
  const { rows, total } = await deps.uow.read((repos) => repos.oversight.listBans(scope, { ...q, today }));
  return { rows: rows.map((b) => banView(b, today)), total, today };
}
