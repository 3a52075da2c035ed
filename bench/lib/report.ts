/** The human-readable report: one table per benchmark, each with its same-run baseline ratio. */
import { displayWidth } from '../../src/adapters/documents/recommendation-layout.ts';
import type { AssignmentResultFigures } from '../assignment.ts';
import type { ExportFigures } from '../export.ts';
import type { CaseResult, ListsResult } from '../lists.ts';
import type { SurgeResult } from '../surge.ts';

const pad = (s: string, width: number, right = false) => {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(s)));
  return right ? fill + s : s + fill;
};

export function table(title: string, header: string[], rows: (string | number | null)[][]): string {
  const cells = rows.map((r) => r.map((c) => (c === null ? '—' : String(c))));
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => pad(c, widths[i]!, i > 0)).join('  ');
  return [`\n${title}`, line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function surgeTable(title: string, s: SurgeResult): string {
  const errors = s.errorSamples.length ? `\nfirst errors:\n${s.errorSamples.map((e) => `- ${e}`).join('\n')}` : '';
  return `${table(
    `${title} — ${s.completed}/${s.enterprises} applications, ${s.concurrency} clients, attachment ${s.attachmentKb} KiB`,
    ['figure', 'server', 'baseline (direct writes)'],
    [
      ['applications per second', s.submissionsPerSecond, s.baseline.writesPerSecond],
      ['ratio to baseline', s.ratioToBaseline, 1],
      ['submit request p50 / p95 / p99 (ms)', `${s.latencyMs.submit.p50} / ${s.latencyMs.submit.p95} / ${s.latencyMs.submit.p99}`, `${s.baseline.latencyMs.p50} / ${s.baseline.latencyMs.p95} / ${s.baseline.latencyMs.p99}`],
      ['whole application p50 / p95 / p99 (ms)', `${s.latencyMs.application.p50} / ${s.latencyMs.application.p95} / ${s.latencyMs.application.p99}`, null],
      ['errors', s.errors, null],
      ['server memory at start / peak (MB)', `${s.server.rssAtStartMb} / ${s.server.peakMemoryMb}`, null],
      ['server CPU per application (ms)', s.server.cpuMsPerApplication, null],
      ['wall time (s)', s.wallSeconds, s.baseline.wallSeconds],
    ],
  )}${errors}`;
}

function caseRows(cases: CaseResult[]): (string | number | null)[][] {
  return cases.map((c) => [c.name, c.total, c.http.n, c.http.p50, c.http.p95, c.baseline.p95, c.ratioToBaseline]);
}

export function listsTables(l: ListsResult): string {
  const header = ['case', 'rows', 'n', 'p50 ms', 'p95 ms', 'in-process p95 ms', 'ratio'];
  const parts = [
    table(`Lists — ${l.data.applications} applications, ${l.data.auditRecords} audit records (HTTP, one request at a time; baseline: the use case in-process)`, header, caseRows(l.lists)),
    table('Search (q, Chinese)', header, caseRows(l.search)),
  ];
  if (l.slow.length) parts.push(`\nSlow (p95 > ${l.slowMs} ms):\n${l.slow.map((s) => `- ${s.name}: p95 ${s.p95} ms\n  ${s.sql.slice(0, 200)}…\n  plan: ${s.plan ?? '—'}`).join('\n')}`);
  return parts.join('\n');
}

export function assignmentTable(a: AssignmentResultFigures): string {
  return (
    table(
      `Assignment — ${a.applications} applications × ${a.experts} experts, ${a.perApplication} each, loads ${a.loadBounds.min}–${a.loadBounds.max}, ${a.conflicts.total} conflicts`,
      ['solver', 'feasible', 'objective', 'time ms', 'gap to bound'],
      [
        ['assignOptimal (min-cost flow)', String(a.optimal.feasible), a.optimal.objective, a.optimal.ms, a.gapToBound],
        ['assignGreedy (baseline)', String(a.greedy.feasible), a.greedy.objective, a.greedy.ms, a.greedyGapToBound],
        [`bound (${a.boundMethod ?? 'none'})`, null, a.bound, a.lp.ok ? a.lp.ms : (a.lagrangian?.ms ?? null), null],
      ],
    ) +
    `\nratio to baseline: objective ×${a.ratioToBaseline.objective}, time ×${a.ratioToBaseline.time}` +
    (a.lp.ok ? '' : `\nHiGHS LP bound (${a.lp.variables} variables) failed after ${a.lp.ms} ms: ${a.lp.error}`)
  );
}

export function exportTable(e: ExportFigures): string {
  return table(
    `Export — ${e.rows}-row recommendation table (${e.program})`,
    ['format', 'time ms', 'size KB', 'peak RSS MB', 'peak above start MB', 'ratio to CSV'],
    [
      ['xlsx', e.xlsx.ms, e.xlsx.kb, e.xlsx.peakRssMb, e.xlsx.peakDeltaMb, e.xlsx.ratioToBaseline],
      ['docx', e.docx.ms, e.docx.kb, e.docx.peakRssMb, e.docx.peakDeltaMb, e.docx.ratioToBaseline],
      ['csv (baseline)', e.baseline.ms, e.baseline.kb, null, e.baseline.peakDeltaMb, 1],
    ],
  );
}
