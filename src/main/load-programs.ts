import type { Logger } from 'pino';
import { programFilesToLoad } from '../adapters/programs/files.ts';
import type { Deps } from '../use-cases/ports.ts';
import { syncProgramFiles } from '../use-cases/programs/programs.ts';

/** Loads programs/*.json into the database at start; an invalid file is reported and skipped. */
export async function loadProgramFiles(deps: Deps, logger: Pick<Logger, 'info' | 'warn' | 'error'>): Promise<void> {
  const { files, definitions, samples } = programFilesToLoad();
  for (const f of files.filter((x) => x.problems.length)) logger.error({ file: f.file, problems: f.problems }, 'program definition file is invalid; not loaded');
  const { added, conflicts } = await syncProgramFiles(deps, definitions, samples);
  if (added.length) logger.info({ added }, 'program versions loaded');
  for (const c of conflicts) logger.warn({ version: c }, 'a published program version differs from its file; the database copy stands (give the file a new version number)');
}
