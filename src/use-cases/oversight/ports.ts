/** What the oversight use cases need from storage: titles, spot checks, sanctions and application bans. */
import type { Scope } from '../../core/access-policy.ts';
import type { ListQuery } from '../ports.ts';

export type Bilingual = { 'zh-CN': string; en: string };

export interface TitleRow {
  id: string;
  applicationId: string;
  organizationId: string;
  organizationName: string;
  cityName: string | null;
  programCode: string;
  programName: Bilingual;
  projectName: string;
  titleId: string;
  name: Bilingual;
  citation: string;
  /** Asia/Shanghai date YYYY-MM-DD. */
  awardedOn: string;
  status: 'active' | 'revoked';
  revokedOn: string | null;
  revokedReason: string | null;
  createdAt: Date;
}

export type Finding = 'ok' | 'issues' | 'fraud';

export interface SpotCheckRow {
  id: string;
  callId: string;
  callTitle: string;
  programCode: string;
  seed: string;
  minShare: number;
  stratifiedBy: 'city' | 'none';
  population: number;
  /** City id → { population, sampled }. */
  allocation: Record<string, { cityName: string; population: number; sampled: number }>;
  citation: string | null;
  createdBy: string | null;
  createdAt: Date;
}

export interface SpotCheckItemRow {
  id: string;
  spotCheckId: string;
  applicationId: string;
  cityId: string | null;
  cityName: string | null;
  organizationId: string;
  organizationName: string;
  projectName: string;
  finding: Finding | null;
  notes: string | null;
  recoveryId: string | null;
  recordedBy: string | null;
  recordedAt: Date | null;
}

export interface SanctionRow {
  id: string;
  applicationId: string;
  organizationId: string;
  sanctionId: string;
  trigger: string;
  effects: string[];
  message: Bilingual;
  citation: string;
  reason: string;
  decidedOn: string;
  spotCheckItemId: string | null;
  recoveryId: string | null;
  banId: string | null;
  revokedTitleIds: string[];
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
}

export interface BanRow {
  id: string;
  organizationId: string;
  organizationName: string;
  creditCode: string | null;
  sanctionRecordId: string | null;
  applicationId: string | null;
  /** 'all_programs', or the program code when the ban is of one program. */
  scope: 'all_programs' | 'this_program';
  programCode: string | null;
  /** Asia/Shanghai dates; the ban covers fromDate up to, not including, untilDate. */
  fromDate: string;
  untilDate: string;
  citation: string;
  createdAt: Date;
}

export interface OversightRepositories {
  insertTitle(row: Pick<TitleRow, 'applicationId' | 'titleId' | 'name' | 'citation' | 'awardedOn'> & { now: Date }): Promise<string>;
  titlesOfApplication(applicationId: string): Promise<TitleRow[]>;
  findTitle(id: string): Promise<TitleRow | undefined>;
  revokeTitle(id: string, reason: string, on: string, now: Date): Promise<void>;
  /** Titles still held (never revoked ones), newest first. */
  listPublicTitles(q: ListQuery & { q?: string; programCode?: string }): Promise<{ rows: TitleRow[]; total: number }>;

  insertSpotCheck(row: Omit<SpotCheckRow, 'id' | 'callTitle' | 'programCode' | 'createdAt'> & { now: Date }): Promise<string>;
  findSpotCheck(id: string): Promise<SpotCheckRow | undefined>;
  listSpotChecks(q: ListQuery & { callId?: string; provinceId?: string }): Promise<{ rows: SpotCheckRow[]; total: number }>;
  addSpotCheckItem(spotCheckId: string, applicationId: string): Promise<void>;
  spotCheckItems(spotCheckId: string): Promise<SpotCheckItemRow[]>;
  findSpotCheckItem(id: string): Promise<SpotCheckItemRow | undefined>;
  spotCheckItemsOfApplication(applicationId: string): Promise<(SpotCheckItemRow & { seed: string; checkCreatedAt: Date })[]>;
  updateSpotCheckItem(id: string, patch: Partial<Pick<SpotCheckItemRow, 'finding' | 'notes' | 'recoveryId' | 'recordedBy' | 'recordedAt'>>): Promise<void>;

  insertSanction(row: Omit<SanctionRow, 'id' | 'createdByName' | 'createdAt'> & { now: Date }): Promise<string>;
  sanctionsOfApplication(applicationId: string): Promise<SanctionRow[]>;
  setSanctionBan(sanctionRecordId: string, banId: string): Promise<void>;

  insertBan(row: Omit<BanRow, 'id' | 'organizationName' | 'creditCode' | 'createdAt'> & { now: Date }): Promise<string>;
  listBans(scope: Scope, q: ListQuery & { status?: 'active' | 'expired'; today: string; q?: string }): Promise<{ rows: BanRow[]; total: number }>;
  /** The ban in force on `today` that covers this program (the latest ending one), if any. */
  activeBan(organizationId: string, programCode: string, today: string): Promise<BanRow | undefined>;
}
