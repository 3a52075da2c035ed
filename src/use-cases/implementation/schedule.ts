/** The progress-report schedule: the end of every quarter (or year, if the program says so) of the implementation period. */
import type { ProgramDefinition } from '../../core/programs/definition.ts';

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/** The reports due from the quarter (or year) the project starts in to the one it ends in: period label and due date (YYYY-MM-DD). */
export function reportSchedule(definition: Pick<ProgramDefinition, 'stages'>, from: string, to: string): { period: string; dueDate: string }[] {
  const yearly = definition.stages.some((s) => s.type === 'implementation' && s.recurrence === 'yearly');
  const out: { period: string; dueDate: string }[] = [];
  const end = to < from ? from : to;
  for (let year = Number(from.slice(0, 4)); year <= Number(end.slice(0, 4)); year++) {
    if (yearly) {
      out.push({ period: `${year}`, dueDate: `${year}-12-31` });
      continue;
    }
    QUARTER_ENDS.forEach((q, i) => {
      const due = `${year}-${q}`;
      const quarterStart = `${year}-${String(i * 3 + 1).padStart(2, '0')}-01`;
      if (due >= from && quarterStart <= end) out.push({ period: `${year}Q${i + 1}`, dueDate: due });
    });
  }
  return out;
}
