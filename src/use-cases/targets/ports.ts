/** What the target-plan use cases need from storage: reported values and the counts behind computed ones. */

export interface TargetReportRow {
  id: string;
  programCode: string;
  programVersion: number;
  targetId: string;
  /** 2026Q3 or 2026. */
  period: string;
  value: number;
  note: string;
  evidence: string;
  organizationId: string | null;
  organizationName: string | null;
  reportedBy: string | null;
  reportedByName: string | null;
  /** The earlier report of the same period this one replaced. */
  supersedes: string | null;
  /** Set when a later report of the same period replaced this one. */
  supersededAt: Date | null;
  createdAt: Date;
}

/**
 * Which final-listed applications a count takes: calls of these programs in the province, optionally
 * only those choosing one of `directions`, with (or without) one of the categories.
 */
export interface SelectionFilter {
  provinceId: string;
  programCodes: readonly string[];
  directions?: readonly string[];
  categories?: readonly string[];
  excludeCategories?: readonly string[];
}

export interface TargetRepositories {
  /** The current (not superseded) reports of a plan. */
  currentReports(programCode: string): Promise<TargetReportRow[]>;
  /** Every report of a target, superseded ones too, by period then as recorded. */
  reportHistory(programCode: string, targetId: string): Promise<TargetReportRow[]>;
  /** Serializes reports of one target and period until the transaction ends; returns the current one. */
  lockPeriod(programCode: string, targetId: string, period: string): Promise<TargetReportRow | undefined>;
  supersede(id: string, now: Date): Promise<void>;
  insertReport(row: Omit<TargetReportRow, 'id' | 'organizationName' | 'supersededAt' | 'createdAt'> & { now: Date }): Promise<string>;
  /**
   * Applications on a published final list (not removed from it) whose list was published before
   * `until` and, when given, on or after `since`; projects revoked by a sanction no longer count.
   */
  countFinalListed(filter: SelectionFilter & { until: Date; since?: Date | null }): Promise<number>;
  /** Projects accepted (status accepted) before `until`. */
  countAccepted(filter: SelectionFilter & { until: Date }): Promise<number>;
}
