/** Program definitions kept as files: programs/<code>.v<version>.json, with the source texts in programs/sources/. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { validateDefinition, type DefinitionProblem } from '../../core/programs/validate.ts';

export const PROGRAMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../programs');

export interface ProgramFile {
  file: string;
  definition?: ProgramDefinition;
  problems: DefinitionProblem[];
}

export function readProgramFile(file: string): ProgramFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return { file, problems: [{ path: '', message: `not valid JSON: ${(err as Error).message}` }] };
  }
  return { file, ...validateDefinition(raw) };
}

/** Every definition file in the folder, sorted by code then version. */
export function readProgramFiles(dir = PROGRAMS_DIR): ProgramFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /\.v\d+\.json$/.test(f))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((f) => readProgramFile(path.join(dir, f)));
}

/** The newest version of each program. */
export function latestVersions(files: readonly ProgramFile[]): ProgramDefinition[] {
  const byCode = new Map<string, ProgramDefinition>();
  for (const f of files) {
    const d = f.definition;
    if (d && (byCode.get(d.code)?.version ?? 0) < d.version) byCode.set(d.code, d);
  }
  return [...byCode.values()];
}

export function sourceText(file: string, dir = PROGRAMS_DIR): string | null {
  const p = path.join(dir, 'sources', file);
  return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : null;
}

/** Saved sample applicants per program code (programs/samples/<code>.json), for trying rules. */
export function readSamples(dir = PROGRAMS_DIR): Record<string, { name: string; input: { applicant: Record<string, unknown>; application: Record<string, unknown>; today?: string } }[]> {
  const folder = path.join(dir, 'samples');
  if (!fs.existsSync(folder)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(folder, f), 'utf8'))]),
  );
}

/** Every valid definition file (all versions) with the samples, for loading into the database. */
export function programFilesToLoad(dir = PROGRAMS_DIR) {
  const files = readProgramFiles(dir);
  return { files, definitions: files.flatMap((f) => (f.definition && f.problems.length === 0 ? [f.definition] : [])), samples: readSamples(dir) };
}
