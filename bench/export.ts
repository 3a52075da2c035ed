/**
 * Export: a city's recommendation table of `rows` projects (Hebei 2021, its official layout 001 附件5)
 * to .xlsx and .docx by the platform's generators (src/adapters/documents/recommendation-table.ts),
 * each in a process of its own (bench/export-child.ts): time, size, and peak resident memory above
 * what the process held before the table was made, the median of `repeats` runs (each a fresh process).
 * Baseline, in the same run: the same cells written as CSV, in the same way; ratioToBaseline = format
 * time / CSV time.
 */
import { execFile } from 'node:child_process';
import { log } from './lib/log.ts';
import { EXPORT_PROGRAM } from './lib/export-table.ts';
import { ROOT } from './lib/server.ts';
import { ratio, round } from './lib/stats.ts';

export interface FormatFigures {
  ms: number;
  kb: number;
  peakRssMb: number;
  /** Peak resident memory above the process's before the table was made. */
  peakDeltaMb: number;
  ratioToBaseline: number | null;
}

export interface ExportFigures {
  program: string;
  rows: number;
  repeats: number;
  xlsx: FormatFigures;
  docx: FormatFigures;
  baseline: { format: 'csv'; ms: number; kb: number; peakDeltaMb: number };
}

interface ChildAnswer {
  ms: number;
  bytes: number;
  peakRssMb: number;
  peakDeltaMb: number;
}

function child(format: string, rows: number): Promise<ChildAnswer> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/export-child.ts', format, String(rows)], { cwd: ROOT, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`export of ${format} failed: ${err.message}\n${stderr.slice(-2000)}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildAnswer);
      } catch {
        reject(new Error(`export of ${format} printed no figures: ${stdout.slice(-500)} ${stderr.slice(-500)}`));
      }
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Each format `repeats` times, interleaved (so a busy moment of the machine spreads over all three); medians. */
async function measured(rows: number, repeats: number): Promise<Record<'csv' | 'xlsx' | 'docx', ChildAnswer>> {
  const runs: Record<'csv' | 'xlsx' | 'docx', ChildAnswer[]> = { csv: [], xlsx: [], docx: [] };
  for (let i = 0; i < repeats; i++) for (const f of ['csv', 'xlsx', 'docx'] as const) runs[f].push(await child(f, rows));
  const mid = (xs: ChildAnswer[]): ChildAnswer => ({ ms: median(xs.map((x) => x.ms)), bytes: xs[0]!.bytes, peakRssMb: median(xs.map((x) => x.peakRssMb)), peakDeltaMb: median(xs.map((x) => x.peakDeltaMb)) });
  return { csv: mid(runs.csv), xlsx: mid(runs.xlsx), docx: mid(runs.docx) };
}

export async function runExport(rows: number, repeats: number): Promise<ExportFigures> {
  log(`export: ${rows}-row recommendation table, ${repeats} run(s) per format`);
  const { csv, xlsx, docx } = await measured(rows, repeats);
  const figures = (a: ChildAnswer): FormatFigures => ({ ms: round(a.ms), kb: Math.round(a.bytes / 1024), peakRssMb: round(a.peakRssMb), peakDeltaMb: round(a.peakDeltaMb), ratioToBaseline: ratio(a.ms, csv.ms) });
  return {
    program: EXPORT_PROGRAM,
    rows,
    repeats,
    xlsx: figures(xlsx),
    docx: figures(docx),
    baseline: { format: 'csv', ms: round(csv.ms), kb: Math.round(csv.bytes / 1024), peakDeltaMb: round(csv.peakDeltaMb) },
  };
}
