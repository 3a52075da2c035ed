/**
 * The large export (every application under the filters, with its stage and money) as a background
 * job: an officer asks (audited), any server's background jobs claim it (SKIP LOCKED: one runner per
 * job), stream the rows into an .xlsx, report progress as they go, and store the file; only the
 * officer who asked may see the job and download the file (audited). The job reads with the reach the
 * officer had when asking, never more.
 */
import { mayAttempt, scopeFor } from '../../core/access-policy.ts';
import { shanghaiDateTime } from '../../core/calendar.ts';
import { DomainError, notFound, type Messages } from '../../core/errors.ts';
import { STATE_LABELS, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { FUNNEL_LABELS, reachedStages } from '../../core/statistics/stages.ts';
import { fenToWan } from '../../core/statistics/tables.ts';
import type { Deps, RequestContext } from '../ports.ts';
import { authorizeList, recordAudit } from '../support.ts';
import type { ExportJobRow, ExportRow, ExportWriter, StatisticsFilters } from './ports.ts';

const JOB: Messages = { 'zh-CN': '导出任务', en: 'Export job' };
const SYSTEM: RequestContext = { actor: null, sessionId: null, ip: null, userAgent: 'background-job', requestId: null };

const PROJECT_STATUS: Record<string, string> = {
  agreement_pending: '待签订协议',
  implementing: '实施中',
  acceptance_requested: '已申请验收',
  initial_accepted: '初验通过',
  rectifying: '整改中',
  accepted: '验收通过',
  failed: '验收不通过',
  revoked: '已撤销',
};

export const EXPORT_HEADERS = [
  '申报编号',
  '计划',
  '申报批次',
  '申报单位',
  '统一社会信用代码',
  '所属地市',
  '项目名称',
  '方向',
  '行业代码',
  '当前状态',
  '已到达阶段',
  '项目状态',
  '提交时间',
  '已确定补助（万元）',
  '已拨付（万元）',
  '应收回（万元）',
  '已收回（万元）',
] as const;

/** One application as a row of the export (the furthest stage by the same rules as the funnel). */
export function exportCells(r: ExportRow): (string | number | null)[] {
  const stages = reachedStages({ states: r.states, hasFinalScore: r.hasFinalScore, project: r.projectStatus ? { status: r.projectStatus, agreementSigned: r.agreementSigned, accepted: r.accepted } : null });
  const furthest = stages.filter((s) => s !== 'failedOrRevoked').at(-1)!;
  return [
    r.id,
    r.programCode,
    r.callTitle,
    r.organizationName,
    r.creditCode,
    r.cityName,
    r.projectName,
    r.directions.join('、'),
    r.industryCode,
    STATE_LABELS[r.state as ApplicationState]?.['zh-CN'] ?? r.state,
    FUNNEL_LABELS[furthest]['zh-CN'],
    r.projectStatus ? (PROJECT_STATUS[r.projectStatus] ?? r.projectStatus) : null,
    r.submittedAt ? shanghaiDateTime(r.submittedAt) : null,
    fenToWan(r.money.committedFen),
    fenToWan(r.money.disbursedFen),
    fenToWan(r.money.recoverableFen),
    fenToWan(r.money.recoveredFen),
  ];
}

export interface ExportJobView {
  id: string;
  status: ExportJobRow['status'];
  rowsDone: number;
  rowsTotal: number | null;
  fileName: string | null;
  sizeBytes: number | null;
  error: string | null;
  filters: StatisticsFilters;
  createdAt: Date;
  finishedAt: Date | null;
}

const viewOf = (j: ExportJobRow): ExportJobView => ({
  id: j.id,
  status: j.status,
  rowsDone: j.rowsDone,
  rowsTotal: j.rowsTotal,
  fileName: j.fileName,
  sizeBytes: j.sizeBytes,
  error: j.error,
  filters: j.filters,
  createdAt: j.createdAt,
  finishedAt: j.finishedAt,
});

/** Queues the export of every application under the filters; the audit record names the filters. */
export async function requestExport(deps: Deps, ctx: RequestContext, filters: StatisticsFilters): Promise<ExportJobView> {
  const { ctx: acting } = authorizeList(ctx, 'statistics.read');
  return deps.uow.transaction(async (repos) => {
    const id = await repos.statistics.insertJob({ kind: 'applications', filters, requestedBy: acting.actor.accountId, actor: acting.actor, now: deps.clock.now() });
    await recordAudit(repos, ctx, deps.clock, { action: 'statistics.export.request', entityType: 'export_job', entityId: id, after: { kind: 'applications', filters } });
    return viewOf((await repos.statistics.findJob(id))!);
  });
}

/** The job, for the one who asked; anyone else is told it does not exist. */
async function ownJob(deps: Deps, ctx: RequestContext, id: string): Promise<ExportJobRow> {
  const { ctx: acting } = authorizeList(ctx, 'statistics.read');
  const job = await deps.uow.read((repos) => repos.statistics.findJob(id));
  if (!job || job.requestedBy !== acting.actor.accountId) throw notFound(JOB);
  return job;
}

export async function getExportJob(deps: Deps, ctx: RequestContext, id: string): Promise<ExportJobView> {
  return viewOf(await ownJob(deps, ctx, id));
}

/** The finished file, for the one who asked (audited). */
export async function downloadExport(deps: Deps, ctx: RequestContext, id: string): Promise<{ stream: ReadableStream<Uint8Array>; sizeBytes: number; fileName: string }> {
  const job = await ownJob(deps, ctx, id);
  if (job.status !== 'done' || !job.storageKey) {
    throw new DomainError('conflict', 'export_not_ready', { 'zh-CN': '导出文件尚未生成完成，请稍后再试', en: 'The export file is not ready yet; try again shortly' }, [], { jobStatus: job.status });
  }
  await deps.uow.transaction((repos) => recordAudit(repos, ctx, deps.clock, { action: 'statistics.export.download', entityType: 'export_job', entityId: id, after: { fileName: job.fileName } }));
  const { stream, sizeBytes } = await deps.files.open(job.storageKey);
  return { stream, sizeBytes, fileName: job.fileName ?? `export-${id}.xlsx` };
}

export interface RunOptions {
  /** Names the runner in the job row (host and process), for operators. */
  workerId: string;
  batchSize?: number;
  /** A running job whose runner has not reported for this long is taken over. */
  staleAfterMs?: number;
  /** At most this many jobs per call. */
  maxJobs?: number;
}

/** Runs one claimed job to its end; a failure is recorded on the job (and audited), not thrown. */
async function runJob(deps: Deps, writer: ExportWriter, job: ExportJobRow, batchSize: number): Promise<void> {
  // Outside a transaction: each progress report is seen at once by the officer polling the job.
  const repo = await deps.uow.read(async (repos) => repos.statistics);
  let cleanup: (() => Promise<void>) | null = null;
  try {
    // The officer's reach when asking; an account whose role lost the action gets nothing.
    if (!mayAttempt(job.actor, 'statistics.read')) throw new Error('the requester may no longer read statistics');
    const scope = scopeFor(job.actor, 'statistics.read');
    const total = await repo.countRows(scope, job.filters);
    await repo.reportProgress(job.id, 0, total, deps.clock.now());
    const stamp = shanghaiDateTime(deps.clock.now());
    const sheet = await writer.open('申报明细', `申报明细（导出时间 ${stamp}，共 ${total} 条）`, EXPORT_HEADERS);
    let done = 0;
    let after: string | null = null;
    for (;;) {
      const rows = await repo.exportRows(scope, job.filters, after, batchSize);
      if (rows.length === 0) break;
      await sheet.addRows(rows.map(exportCells));
      done += rows.length;
      after = rows.at(-1)!.id;
      await repo.reportProgress(job.id, done, Math.max(total, done), deps.clock.now());
    }
    const file = await sheet.finish();
    cleanup = file.cleanup;
    const key = `exports/${job.id}`;
    await deps.files.put(key, file.chunks, file.sizeBytes);
    const fileName = `申报明细-${stamp.slice(0, 10)}-${job.id}.xlsx`;
    await deps.uow.transaction(async (repos) => {
      await repos.statistics.finishJob(job.id, { status: 'done', storageKey: key, fileName, sizeBytes: file.sizeBytes }, deps.clock.now());
      await recordAudit(repos, SYSTEM, deps.clock, { action: 'statistics.export.complete', entityType: 'export_job', entityId: job.id, organizationId: job.actor.organizationId, after: { rows: done, sizeBytes: file.sizeBytes } });
    });
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    await deps.uow.transaction(async (repos) => {
      await repos.statistics.finishJob(job.id, { status: 'failed', error: error.slice(0, 500) }, deps.clock.now());
      await recordAudit(repos, SYSTEM, deps.clock, { action: 'statistics.export.fail', entityType: 'export_job', entityId: job.id, organizationId: job.actor.organizationId, after: { error: error.slice(0, 500) } });
    });
  } finally {
    await cleanup?.();
  }
}

/** Claims and runs queued export jobs, one at a time; returns the ids of the jobs this call ran. */
export async function runExportJobs(deps: Deps, writer: ExportWriter, opts: RunOptions): Promise<string[]> {
  const ran: string[] = [];
  const max = opts.maxJobs ?? 5;
  while (ran.length < max) {
    const now = deps.clock.now();
    const job = await deps.uow.read((repos) => repos.statistics.claimJob(opts.workerId, now, new Date(now.getTime() - (opts.staleAfterMs ?? 10 * 60_000))));
    if (!job) break;
    await runJob(deps, writer, job, opts.batchSize ?? 500);
    ran.push(job.id);
  }
  return ran;
}
