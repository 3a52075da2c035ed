/** One quantified target of a target plan (src/core/programs/definition.ts `target`), as parsed. */
import type { ProgramDefinition } from '../programs/definition.ts';

export type Target = ProgramDefinition['targets'][number];
