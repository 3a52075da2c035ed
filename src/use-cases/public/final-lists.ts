/**
 * Final lists (正式发文公布的名单) as the public reads them: the notices whose final list the
 * province has formally published, with the projects that stayed on it. Of each project only the
 * enterprise, the project, the city and the direction — the fixed public fields of the notice
 * (src/use-cases/selection/notice.ts FIXED_PUBLIC_KEYS); nothing else stored with the item.
 */
import { DomainError } from '../../core/errors.ts';
import type { Deps } from '../ports.ts';
import { finalListTitle } from '../selection/notice.ts';
import type { PublicFinalListQuery, PublicFinalListRow, PublicListItemRow } from './ports.ts';

export const notPublishedList = () => new DomainError('not_found', 'not_found', { 'zh-CN': '名单不存在或尚未正式公布', en: 'No such published final list' });

export interface PublicFinalListView {
  row: PublicFinalListRow;
  title: string;
}

export interface PublicFinalListItem {
  position: number;
  organizationName: string;
  projectName: string;
  cityName: string | null;
  direction: string;
}

export function presentListItem(item: PublicListItemRow): PublicFinalListItem {
  const f = item.publicFields;
  return { position: item.position, organizationName: f.organizationName ?? '', projectName: f.projectName ?? '', cityName: f.cityName || null, direction: f.direction ?? '' };
}

const withTitle = (row: PublicFinalListRow): PublicFinalListView => ({ row, title: finalListTitle(row.programName['zh-CN']) });

/** Published final lists, newest first unless asked otherwise, filtered and paged on the server. */
export async function listPublicFinalLists(deps: Deps, q: PublicFinalListQuery): Promise<{ rows: PublicFinalListView[]; total: number }> {
  return deps.uow.read(async (repos) => {
    const { rows, total } = await repos.portal.finalLists(q);
    return { rows: rows.map(withTitle), total };
  });
}

/** One published final list with its projects in order; anything not yet formally published reads as missing. */
export async function getPublicFinalList(deps: Deps, id: string): Promise<PublicFinalListView & { items: PublicFinalListItem[] }> {
  return deps.uow.read(async (repos) => {
    const row = await repos.portal.findFinalList(id);
    if (!row) throw notPublishedList();
    return { ...withTitle(row), items: (await repos.portal.finalListItems(id)).map(presentListItem) };
  });
}
