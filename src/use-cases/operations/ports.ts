/** What the operation-data use cases need from storage: reports with their revisions, capacity lines, API tokens. */
import type { Scope } from '../../core/access-policy.ts';
import type { CapacityLine, ReportFacts } from '../../core/operations/aggregate.ts';
import type { OperationFigures } from '../../core/operations/report.ts';
import type { ListQuery } from '../ports.ts';

export interface OperationReportRow extends OperationFigures {
  id: string;
  organizationId: string;
  month: string;
  revision: number;
  latest: boolean;
  industryCode: string | null;
  source: 'form' | 'api';
  tokenId: string | null;
  submittedBy: string | null;
  submittedByName: string | null;
  createdAt: Date;
}

export interface ApiTokenRow {
  id: string;
  organizationId: string;
  name: string;
  /** The first characters of the token, to tell tokens apart (the token itself is never stored). */
  prefix: string;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** An organization that reports (it has a selected project), with its latest report. */
export interface ReporterRow {
  organizationId: string;
  organizationName: string;
  cityId: string | null;
  cityName: string | null;
  industryCode: string | null;
  /** Asia/Shanghai date of its first (unrevoked) selection. */
  firstSelectedOn: string;
  latestMonth: string | null;
  connectedDevices: number | null;
  platformUsers: number | null;
  industrialApps: number | null;
  cloudEnterprises: number | null;
  overdue: boolean;
}

export interface ReporterQuery extends ListQuery {
  q?: string;
  cityId?: string;
  /** A GB/T 4754 prefix (C, C35, C3511). */
  industry?: string;
  overdueOnly?: boolean;
  sort?: 'organizationName' | 'cityName' | 'latestMonth' | 'connectedDevices';
  /** Overdue means no report for the month before this one (YYYY-MM). */
  lastMonth: string;
  /** Under this province only (the map and the view are per province). */
  provinceId?: string;
}

export interface OperationRepositories {
  /** Asia/Shanghai date of the organization's first selection of a project not revoked, or null. */
  firstSelectedOn(organizationId: string): Promise<string | null>;
  /** Adds a revision of the month (the next number), flags it latest and unflags the one before; returns its id. */
  insertReport(row: { organizationId: string; month: string; figures: OperationFigures; source: 'form' | 'api'; tokenId: string | null; submittedBy: string | null; now: Date }): Promise<string>;
  findReport(id: string): Promise<OperationReportRow | undefined>;
  /** The latest revision of each month of an organization, newest month first. */
  monthsOf(organizationId: string, q: ListQuery): Promise<{ rows: (OperationReportRow & { revisions: number })[]; total: number }>;
  /** Every revision of one month, newest first. */
  revisionsOf(organizationId: string, month: string): Promise<OperationReportRow[]>;
  /** The latest revision of the latest month before `month`, for prefilling the form. */
  latestBefore(organizationId: string, month: string): Promise<OperationReportRow | undefined>;

  /** The latest revision of every month up to `upTo`, of the organizations in scope (and filters). */
  reportFacts(scope: Scope, q: { upTo: string; provinceId?: string; cityId?: string; industry?: string }): Promise<ReportFacts[]>;
  /** Capacity lines of each organization's latest report up to `upTo`. */
  capacityLines(scope: Scope, q: { upTo: string; provinceId?: string }): Promise<CapacityLine[]>;
  reporters(scope: Scope, q: ReporterQuery): Promise<{ rows: ReporterRow[]; total: number }>;

  insertToken(row: { organizationId: string; name: string; hash: string; prefix: string; createdBy: string; now: Date }): Promise<string>;
  tokens(organizationId: string): Promise<ApiTokenRow[]>;
  findToken(id: string): Promise<ApiTokenRow | undefined>;
  /** The token with this digest, revoked or not. */
  findTokenByHash(hash: string): Promise<ApiTokenRow | undefined>;
  touchToken(id: string, now: Date): Promise<void>;
  revokeToken(id: string, by: string, now: Date): Promise<void>;
}
