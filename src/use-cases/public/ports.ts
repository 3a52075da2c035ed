/**
 * What the public portal needs from storage (src/adapters/postgres/public-repositories.ts): published
 * calls and published final lists, read without a session. Every query here is restricted to what is
 * already public — a draft call, an unpublished notice or a list not yet formally published never
 * comes back, whatever the caller asks for.
 */
import type { ListQuery } from '../ports.ts';

export type Bilingual = { 'zh-CN': string; en: string };

/** Open now, not yet open, or past its deadline (read at `now`, by the server's clock). */
export type PublicCallStatus = 'open' | 'upcoming' | 'closed';

export interface PublicCallRow {
  id: string;
  title: string;
  documentNumber: string | null;
  materials: string;
  opensAt: Date;
  deadlineAt: Date;
  publishedAt: Date | null;
  programCode: string;
  programVersion: number;
  /** The published definition the call runs under (only read for one call, not for lists). */
  definition: unknown;
  programName: Bilingual;
  issuer: string;
  provinceCode: string;
  provinceName: Bilingual;
}

export interface PublicCallQuery extends ListQuery {
  provinceCode?: string | undefined;
  programCode?: string | undefined;
  status?: PublicCallStatus | undefined;
  q?: string | undefined;
  /** `status`: open first (closing soonest first), then upcoming (opening soonest first), then closed (latest first). */
  sort: 'status' | 'deadlineAt' | 'opensAt' | 'publishedAt' | 'title';
  now: Date;
}

export interface PublicFinalListRow {
  /** The notice's id: a final list is the notice once formally published. */
  id: string;
  callId: string;
  callTitle: string;
  noticeTitle: string;
  programCode: string;
  programName: Bilingual;
  issuer: string;
  provinceCode: string;
  provinceName: Bilingual;
  documentNumber: string;
  publishedAt: Date;
  /** Projects on the list (those removed after an objection are not). */
  itemCount: number;
}

export interface PublicFinalListQuery extends ListQuery {
  provinceCode?: string | undefined;
  programCode?: string | undefined;
  /** Matches the document number, the call's title, and the enterprises and projects on the list. */
  q?: string | undefined;
}

export interface PublicListItemRow {
  position: number;
  /** As stored when the notice was drafted; the use case picks the public keys. */
  publicFields: Record<string, string>;
}

export interface PortalRepositories {
  calls(q: PublicCallQuery): Promise<{ rows: PublicCallRow[]; total: number }>;
  /** A published call, or undefined (a draft is as absent as a missing one). */
  findCall(id: string): Promise<PublicCallRow | undefined>;
  finalLists(q: PublicFinalListQuery): Promise<{ rows: PublicFinalListRow[]; total: number }>;
  /** A formally published final list, or undefined. */
  findFinalList(id: string): Promise<PublicFinalListRow | undefined>;
  /** The list's projects in order, without those removed after an objection. */
  finalListItems(noticeId: string): Promise<PublicListItemRow[]>;
  /** Provinces and programs that have at least one published call (the portal's filters). */
  options(): Promise<{ provinces: { code: string; name: Bilingual }[]; programs: { code: string; name: Bilingual }[] }>;
}
