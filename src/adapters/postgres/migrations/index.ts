/**
 * The migrations, in order. Forward-only: a migration that has been released is never edited;
 * a change is a new file with the next number.
 */
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_programs.ts';
import * as m0003 from './0003_applications.ts';
import * as m0004 from './0004_selection.ts';
import * as m0005 from './0005_implementation.ts';
import * as m0006 from './0006_funding.ts';
import * as m0007 from './0007_oversight.ts';
import * as m0008 from './0008_reminders_and_materials.ts';
import * as m0009 from './0009_program_version_name.ts';
import * as m0010 from './0010_target_reports.ts';
import * as m0011 from './0011_export_jobs.ts';
import * as m0012 from './0012_operation_reports.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_programs': m0002,
  '0003_applications': m0003,
  '0004_selection': m0004,
  '0005_implementation': m0005,
  '0006_funding': m0006,
  '0007_oversight': m0007,
  '0008_reminders_and_materials': m0008,
  '0009_program_version_name': m0009,
  '0010_target_reports': m0010,
  '0011_export_jobs': m0011,
  '0012_operation_reports': m0012,
};
