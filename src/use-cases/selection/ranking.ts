/**
 * The ranking of a call's applications under expert review: each application's experts' submitted
 * totals combined by the program's aggregation rule, then ranked per direction with the program's
 * tie-breakers and the threshold (the call's, or else the definition's). Shared by the province's
 * scores view and the decision step.
 */
import { DomainError } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import { aggregateExplained, rankApplications, type Aggregate, type RankingItem, type RankingResult } from '../../core/selection/scoring.ts';
import type { ApplicationRow, AssignmentRow, Repositories } from '../ports.ts';
import { CALL, loadOrThrow, publishedDefinition } from '../applicants/common.ts';

/** The scoring settings of a program; a program without them has no expert review to rank. */
export function scoringOf(definition: ProgramDefinition): NonNullable<ProgramDefinition['scoring']> {
  if (!definition.scoring) {
    throw new DomainError('conflict', 'no_expert_review', { 'zh-CN': '本项目未规定专家评审（评分规则）', en: 'This program has no expert review (no scoring settings)' });
  }
  return definition.scoring;
}

/** Assignments that count towards an application's score: all but those the expert declined for a conflict. */
export const countingAssignments = (rows: readonly AssignmentRow[]) => rows.filter((a) => a.status !== 'declined_conflict');

/** The priority rules the applicant met at submission (the rule evaluation stored with the application). */
export function prioritiesOf(app: ApplicationRow): string[] {
  const e = app.eligibility as { priorities?: unknown } | null;
  return Array.isArray(e?.priorities) ? e.priorities.filter((p): p is string => typeof p === 'string') : [];
}

export interface ApplicationScore {
  application: ApplicationRow;
  assignments: AssignmentRow[];
  /** Null until every counting assignment is submitted (and there is at least one). */
  aggregate: Aggregate | null;
  submitted: number;
  assigned: number;
}

/** Every application in expert review (or the given states) with its assignments and, when complete, its aggregate. */
export async function scoresOfCall(repos: Repositories, callId: string, states: readonly string[] = ['expert_review']): Promise<{ definition: ProgramDefinition; scores: ApplicationScore[] }> {
  const call = loadOrThrow(await repos.calls.findById(callId), CALL);
  const definition = publishedDefinition(call.programCode, call.programVersion, call.definition);
  const scoring = scoringOf(definition);
  const applications = await repos.selection.applicationsOfCall(callId, states);
  const byApp = new Map<string, AssignmentRow[]>();
  for (const a of await repos.assignments.forCall(callId)) {
    const list = byApp.get(a.applicationId);
    if (list) list.push(a);
    else byApp.set(a.applicationId, [a]);
  }
  const scores = applications.map((application) => {
    const assignments = byApp.get(application.id) ?? [];
    const counting = countingAssignments(assignments);
    const done = counting.filter((a) => a.status === 'submitted' && a.total !== null);
    const complete = counting.length > 0 && done.length === counting.length;
    return {
      application,
      assignments,
      aggregate: complete ? aggregateExplained(scoring.aggregation, done.map((a) => a.total!)) : null,
      submitted: done.length,
      assigned: counting.length,
    };
  });
  return { definition, scores };
}

/**
 * The ranking of a call: applications in expert review whose every assignment is submitted are
 * ranked by their aggregate score; `incomplete` lists the ids of those still missing scores.
 */
export async function rankingOfCall(repos: Repositories, callId: string): Promise<{ ranking: RankingResult; incomplete: string[] }> {
  const { definition, scores } = await scoresOfCall(repos, callId);
  const items: RankingItem[] = [];
  const incomplete: string[] = [];
  for (const s of scores) {
    if (!s.aggregate) {
      incomplete.push(s.application.id);
      continue;
    }
    items.push({
      applicationId: s.application.id,
      directions: s.application.directions,
      score: s.aggregate.score,
      priorities: prioritiesOf(s.application),
      submittedAt: s.application.submittedAt ?? s.application.createdAt,
    });
  }
  const { threshold } = await repos.selection.callQuotas(callId);
  const ranking = rankApplications(definition, items, threshold === null ? {} : { threshold });
  return { ranking, incomplete };
}
