/**
 * What the statistics use cases need from storage: aggregates computed in the database over the
 * applications an actor may read (src/adapters/postgres/statistics-repositories.ts), the detail rows
 * of a large export, and the queue of background export jobs. Money is integer fen.
 */
import type { Actor, Scope } from '../../core/access-policy.ts';
import type { StageCounts, StageSpanId } from '../../core/statistics/stages.ts';

/** The filters every figure is computed under (all optional; together they narrow). */
export interface StatisticsFilters {
  programCode?: string | undefined;
  callId?: string | undefined;
  /** The call's year (the year it opens, Asia/Shanghai). */
  year?: number | undefined;
  /** A recommending unit (city) organization id. */
  cityId?: string | undefined;
  /** A direction code of the program (an application counts under each direction it chose). */
  direction?: string | undefined;
  /** A GB/T 4754 prefix of the applicant's class code: C, C34, C3421. */
  industry?: string | undefined;
  /** YYYY-MM-DD, inclusive: the day the application was submitted (created, for a draft), Asia/Shanghai. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface MoneyFigures {
  /** Subsidy amounts decided (subsidy.award_fen). */
  committedFen: number;
  /** Tranches paid. */
  disbursedFen: number;
  /** Recoveries decided (receivables). */
  recoverableFen: number;
  /** Repayments received against them. */
  recoveredFen: number;
}

export interface CityAggregate {
  cityId: string;
  cityCode: string;
  cityName: string;
  divisionCode: string | null;
  coveredDivisionCodes: string[];
  counts: StageCounts;
  money: MoneyFigures;
}

export interface DirectionAggregate {
  programCode: string;
  direction: string;
  counts: StageCounts;
}

export interface IndustryAggregate {
  section: string | null;
  division: string | null;
  counts: StageCounts;
}

export interface StageTimeAggregate {
  id: StageSpanId;
  /** Applications that both entered and left the stage. */
  n: number;
  medianDays: number | null;
  p90Days: number | null;
}

/** A recommending unit (city) in the actor's reach. */
export interface CityUnit {
  id: string;
  code: string;
  name: string;
  divisionCode: string | null;
  coveredDivisionCodes: string[];
  provinceCode: string | null;
}

export interface FilterOptions {
  programs: { code: string; name: { 'zh-CN': string; en: string }; provinceCode: string; directions: unknown }[];
  calls: { id: string; title: string; programCode: string; year: number }[];
  years: number[];
}

/** One application as the full export lists it. */
export interface ExportRow {
  id: string;
  programCode: string;
  callTitle: string;
  organizationName: string;
  creditCode: string | null;
  cityName: string | null;
  projectName: string;
  directions: string[];
  industryCode: string | null;
  state: string;
  states: string[];
  hasFinalScore: boolean;
  projectStatus: string | null;
  agreementSigned: boolean;
  accepted: boolean;
  submittedAt: Date | null;
  createdAt: Date;
  money: MoneyFigures;
}

export type ExportJobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ExportJobRow {
  id: string;
  kind: 'applications';
  filters: StatisticsFilters;
  requestedBy: string;
  /** The requester's reach when they asked: the job reads what they could read. */
  actor: Actor & { name: string };
  status: ExportJobStatus;
  rowsDone: number;
  rowsTotal: number | null;
  attempts: number;
  storageKey: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface StatisticsRepository {
  totals(scope: Scope, f: StatisticsFilters): Promise<{ counts: StageCounts; money: MoneyFigures }>;
  byCity(scope: Scope, f: StatisticsFilters): Promise<CityAggregate[]>;
  byDirection(scope: Scope, f: StatisticsFilters): Promise<DirectionAggregate[]>;
  byIndustry(scope: Scope, f: StatisticsFilters): Promise<IndustryAggregate[]>;
  stageTimes(scope: Scope, f: StatisticsFilters): Promise<StageTimeAggregate[]>;
  /** The recommending units (kind city) the scope reaches, optionally of one province (by division code). */
  cities(scope: Scope, provinceCode?: string): Promise<CityUnit[]>;
  options(scope: Scope, programCode?: string): Promise<FilterOptions>;
  countRows(scope: Scope, f: StatisticsFilters): Promise<number>;
  /** The next page of detail rows in id order (keyset: ids after `afterId`). */
  exportRows(scope: Scope, f: StatisticsFilters, afterId: string | null, limit: number): Promise<ExportRow[]>;

  insertJob(row: { kind: 'applications'; filters: StatisticsFilters; requestedBy: string; actor: ExportJobRow['actor']; now: Date }): Promise<string>;
  findJob(id: string): Promise<ExportJobRow | undefined>;
  /**
   * Takes the oldest queued job (or a running one whose runner stopped reporting before `staleBefore`)
   * and marks it running for `workerId`; SKIP LOCKED, so two servers never take the same job.
   */
  claimJob(workerId: string, now: Date, staleBefore: Date): Promise<ExportJobRow | undefined>;
  reportProgress(id: string, rowsDone: number, rowsTotal: number, now: Date): Promise<void>;
  finishJob(id: string, patch: { status: 'done' | 'failed'; storageKey?: string | null; fileName?: string | null; sizeBytes?: number | null; error?: string | null }, now: Date): Promise<void>;
}

/** One streamed spreadsheet: rows go out as they come, the file is handed back at the end. */
export interface SheetStream {
  addRows(rows: readonly (string | number | null)[][]): Promise<void>;
  /** Closes the workbook; the content is then read once (chunks) and `cleanup` removes any temporary file. */
  finish(): Promise<{ sizeBytes: number; chunks: AsyncIterable<Uint8Array>; cleanup(): Promise<void> }>;
}

/** Writes large exports (src/adapters/documents/statistics-xlsx.ts): exceljs's streaming writer. */
export interface ExportWriter {
  open(sheetName: string, title: string, headers: readonly string[]): Promise<SheetStream>;
}
