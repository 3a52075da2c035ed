/**
 * The decision (研究确定拟入选名单): from the experts' ranking the platform proposes the shortlist —
 * every application that reaches the threshold, in ranking order, within the program's total quota
 * and per-category totals — and the province officer confirms it, changing it where needed with a
 * reason for each change. Confirming moves every application in expert review to shortlisted or
 * not shortlisted, records the decision note (who, when, the ranking as it stood) with the draft
 * public notice, and tells the applicants and their cities. Refused while any score is missing.
 */
import { transition, type ApplicationState } from '../../core/applications/lifecycle.ts';
import { DomainError, type FieldError, type Messages } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import type { RankedApplication, RankingResult, TieBreak } from '../../core/selection/scoring.ts';
import type { ApplicationRow, Deps, Repositories, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { APPLICATION, loadOrThrow, notifyOrganization } from '../applicants/common.ts';
import { rankingOfCall } from './ranking.ts';
import { provinceCall, publicFieldsOf } from './notice.ts';

export interface DecisionEntry {
  applicationId: string;
  projectName: string;
  organizationName: string;
  cityName: string | null;
  direction: string | null;
  directionName: Messages | null;
  rank: number;
  score: number;
  aboveThreshold: boolean;
  proposed: boolean;
  shortlisted: boolean | null;
  reason: string | null;
  tieWithPrevious: TieBreak | null;
}

export interface DecisionView {
  callId: string;
  threshold: number | null;
  thresholdCitation: string | null;
  quota: { total: number | null; citation: string | null };
  entries: DecisionEntry[];
  incomplete: { applicationId: string; projectName: string; organizationName: string }[];
  decided: { at: string; by: string; shortlisted: number; leftOut: number } | null;
}

/** The decision note kept with the notice (JSON in public_notice.decision_note). */
interface DecisionNote {
  at: string;
  byId: string;
  byName: string;
  threshold: number | null;
  thresholdCitation: string | null;
  quota: { total: number | null; citation: string | null };
  entries: Omit<DecisionEntry, 'projectName' | 'organizationName' | 'cityName'>[];
}

type Flat = RankedApplication & { directionName: Messages | null };

/**
 * The proposal: above the threshold, best score first across directions (then rank within its
 * direction), while the total quota and each category's total allow.
 */
export function proposeShortlist(definition: ProgramDefinition, ranking: RankingResult, categoryOf: (applicationId: string) => string | null): Set<string> {
  const flat: Flat[] = ranking.rankings.flatMap((d) => d.entries.map((e) => ({ ...e, directionName: d.name })));
  const order = flat
    .map((e, i) => ({ e, i }))
    .filter(({ e }) => e.aboveThreshold)
    .sort((a, b) => b.e.score - a.e.score || a.e.rank - b.e.rank || a.i - b.i)
    .map(({ e }) => e);
  const total = definition.quotas.total?.max ?? null;
  const perCategory = new Map(definition.quotas.perCategory.filter((c) => c.totalMax !== undefined).map((c) => [c.category, c.totalMax!]));
  const counts = new Map<string, number>();
  const chosen = new Set<string>();
  for (const e of order) {
    if (total !== null && chosen.size >= total) break;
    const category = categoryOf(e.applicationId);
    const max = category === null ? undefined : perCategory.get(category);
    if (max !== undefined && (counts.get(category!) ?? 0) >= max) continue;
    chosen.add(e.applicationId);
    if (category !== null) counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return chosen;
}

function parseNote(stored: string | null): DecisionNote | null {
  if (!stored) return null;
  try {
    return JSON.parse(stored) as DecisionNote;
  } catch {
    return null;
  }
}

async function live(repos: Repositories, callId: string, definition: ProgramDefinition) {
  const { ranking, incomplete } = await rankingOfCall(repos, callId);
  const apps = new Map<string, ApplicationRow>();
  for (const a of await repos.selection.applicationsOfCall(callId, ['expert_review'])) apps.set(a.id, a);
  const proposal = proposeShortlist(definition, ranking, (id) => apps.get(id)?.category ?? null);
  const entries: DecisionEntry[] = ranking.rankings.flatMap((d) =>
    d.entries.map((e) => {
      const a = apps.get(e.applicationId);
      return {
        applicationId: e.applicationId,
        projectName: a?.projectName ?? '',
        organizationName: a?.organizationName ?? '',
        cityName: a?.cityName ?? null,
        direction: e.direction,
        directionName: d.name,
        rank: e.rank,
        score: e.score,
        aboveThreshold: e.aboveThreshold,
        proposed: proposal.has(e.applicationId),
        shortlisted: null,
        reason: null,
        tieWithPrevious: e.tieWithPrevious,
      };
    }),
  );
  return {
    ranking,
    entries,
    apps,
    incomplete: incomplete.map((id) => ({ applicationId: id, projectName: apps.get(id)?.projectName ?? '', organizationName: apps.get(id)?.organizationName ?? '' })),
  };
}

const quotaOf = (definition: ProgramDefinition) => ({ total: definition.quotas.total?.max ?? null, citation: definition.quotas.total?.citation ?? null });

/** The ranking with the proposed shortlist, or the decision as it was confirmed. */
export async function getDecision(deps: Deps, ctx: RequestContext, callId: string): Promise<DecisionView> {
  return deps.uow.read(async (repos) => {
    const { definition } = await provinceCall(repos, ctx, callId, 'selection.read');
    const notice = await repos.notices.findByCall(callId);
    const note = parseNote(notice?.decisionNote ?? null);
    if (note) {
      const entries: DecisionEntry[] = [];
      for (const e of note.entries) {
        const a = await repos.applications.findById(e.applicationId);
        entries.push({ ...e, projectName: a?.projectName ?? '', organizationName: a?.organizationName ?? '', cityName: a?.cityName ?? null });
      }
      const shortlisted = entries.filter((e) => e.shortlisted).length;
      return {
        callId,
        threshold: note.threshold,
        thresholdCitation: note.thresholdCitation,
        quota: note.quota,
        entries,
        incomplete: [],
        decided: { at: note.at, by: note.byName, shortlisted, leftOut: entries.length - shortlisted },
      };
    }
    const { ranking, entries, incomplete } = await live(repos, callId, definition);
    return { callId, threshold: ranking.threshold, thresholdCitation: ranking.thresholdCitation, quota: quotaOf(definition), entries, incomplete, decided: null };
  });
}

const projects = (name: string) => (name.endsWith('项目') ? name : `${name}项目`);

/** Confirms the shortlist: `shortlist` the ids to shortlist, `reasons` one for every change from the proposal. */
export async function confirmDecision(deps: Deps, ctx: RequestContext, callId: string, input: { shortlist: string[]; reasons: Record<string, string> }): Promise<DecisionView> {
  await deps.uow.transaction(async (repos) => {
    const { acting, definition, call } = await provinceCall(repos, ctx, callId, 'selection.manage');
    if (await repos.notices.findByCall(callId)) {
      throw new DomainError('conflict', 'decision_made', { 'zh-CN': '已作出入围决定，不能重复确认', en: 'The decision has already been made' });
    }
    const { ranking, entries, incomplete } = await live(repos, callId, definition);
    if (incomplete.length) {
      throw new DomainError(
        'conflict',
        'scores_incomplete',
        { 'zh-CN': `尚有 ${incomplete.length} 个项目的专家评分未完成，不能作出决定`, en: `${incomplete.length} application(s) still lack expert scores; the decision must wait` },
        [],
        { incomplete: incomplete.map((i) => i.applicationId) },
      );
    }
    if (!entries.length) throw new DomainError('conflict', 'nothing_to_decide', { 'zh-CN': '没有处于专家评审阶段的项目', en: 'No application is in expert review' });

    const known = new Set(entries.map((e) => e.applicationId));
    const chosen = new Set(input.shortlist);
    const fields: FieldError[] = [];
    const unknown = input.shortlist.filter((id) => !known.has(id));
    if (unknown.length) fields.push({ path: 'shortlist', code: 'unknown', messages: { 'zh-CN': `拟入选名单：不在本次排名中：${unknown.join('、')}`, en: `Shortlist: not in this ranking: ${unknown.join(', ')}` } });
    for (const e of entries) {
      const changed = chosen.has(e.applicationId) !== e.proposed;
      if (changed && (input.reasons[e.applicationId] ?? '').trim().length < 2) {
        fields.push({
          path: `reasons.${e.applicationId}`,
          code: 'required',
          messages: { 'zh-CN': `调整理由（${e.projectName}）：与建议名单不同，须说明理由`, en: `Reason (${e.projectName}): differs from the proposal, so a reason is required` },
        });
      }
    }
    if (fields.length) throw new DomainError('validation', 'validation_failed', { 'zh-CN': '决定内容有误，请按提示修改', en: 'The decision needs correcting' }, fields);
    const total = definition.quotas.total?.max;
    if (total !== undefined && chosen.size > total) {
      throw new DomainError('conflict', 'total_quota_exceeded', {
        'zh-CN': `拟入选 ${chosen.size} 个，超过本项目总数上限 ${total} 个${definition.quotas.total?.citation ? `（${definition.quotas.total.citation}）` : ''}`,
        en: `${chosen.size} shortlisted, more than the program's total of ${total}`,
      });
    }

    const now = deps.clock.now();
    const note: DecisionNote = {
      at: now.toISOString(),
      byId: acting.actor.accountId,
      byName: acting.actor.name,
      threshold: ranking.threshold,
      thresholdCitation: ranking.thresholdCitation,
      quota: quotaOf(definition),
      entries: entries.map((e) => ({
        applicationId: e.applicationId,
        direction: e.direction,
        directionName: e.directionName,
        rank: e.rank,
        score: e.score,
        aboveThreshold: e.aboveThreshold,
        proposed: e.proposed,
        shortlisted: chosen.has(e.applicationId),
        reason: chosen.has(e.applicationId) !== e.proposed ? input.reasons[e.applicationId]!.trim() : null,
        tieWithPrevious: e.tieWithPrevious,
      })),
    };
    const programName = definition.name['zh-CN'];
    const noticeId = await repos.notices.insert({
      callId,
      title: `关于${projects(programName)}拟入选名单的公示`,
      body: `根据${projects(programName)}遴选工作安排，经组织申报、地方推荐、专家评审等程序，拟确定以下项目入选，现予以公示。`,
      decisionNote: JSON.stringify(note),
      contact: null,
      createdBy: acting.actor.accountId,
      now,
    });
    // Shortlisted ones go on the notice in ranking order (best score first).
    let position = 0;
    const ordered = [...note.entries].sort((a, b) => b.score - a.score || a.rank - b.rank);
    for (const e of ordered) {
      const row = loadOrThrow(await repos.applications.findByIdForUpdate(e.applicationId), APPLICATION);
      const next = transition(e.shortlisted ? 'shortlist' : 'leave_out', row.state as ApplicationState);
      await repos.applications.update(row.id, { state: next }, now);
      await repos.selection.setFinalScore(row.id, e.score, now);
      const comment = `专家评审得分 ${e.score} 分，方向内排名第 ${e.rank} 位${e.reason ? `；调整理由：${e.reason}` : ''}`;
      await repos.applications.addEvent({ applicationId: row.id, fromState: row.state, toState: next, actorId: acting.actor.accountId, actorName: acting.actor.name, actorRole: acting.actor.role, comment, at: now });
      await recordAudit(repos, ctx, deps.clock, {
        action: e.shortlisted ? 'application.shortlisted' : 'application.not_shortlisted',
        entityType: 'application',
        entityId: row.id,
        organizationId: row.organizationId,
        before: { state: row.state },
        after: { state: next, score: e.score, rank: e.rank, proposed: e.proposed, reason: e.reason },
      });
      if (e.shortlisted) {
        position += 1;
        await repos.notices.addItem(noticeId, row.id, position, publicFieldsOf(definition, row));
      }
      const message = e.shortlisted
        ? {
            kind: 'application.shortlisted',
            ...(definition.publicNotice
              ? {
                  title: { 'zh-CN': '拟入选，将予公示', en: 'Shortlisted; a public notice follows' },
                  body: { 'zh-CN': `“${row.projectName}”经专家评审拟入选“${call.title}”，将在公示后确定。`, en: `“${row.projectName}” is shortlisted under “${call.title}”; it is final after the public notice.` },
                }
              : {
                  title: { 'zh-CN': '拟入选，待正式公布', en: 'Shortlisted; the final list follows' },
                  body: { 'zh-CN': `“${row.projectName}”经专家评审拟入选“${call.title}”，以正式公布的名单为准。`, en: `“${row.projectName}” is shortlisted under “${call.title}”; it is final once the list is published.` },
                }),
          }
        : {
            kind: 'application.not_shortlisted',
            title: { 'zh-CN': '未入围', en: 'Not shortlisted' },
            body: { 'zh-CN': `“${row.projectName}”经专家评审未入围“${call.title}”（得分 ${e.score} 分）。`, en: `“${row.projectName}” was not shortlisted under “${call.title}” (score ${e.score}).` },
          };
      const notice = { ...message, link: `/applications/${row.id}` };
      await notifyOrganization(repos, deps.clock, row.organizationId, notice, { email: true, publicUrl: deps.settings.publicUrl });
      const city = row.organizationPath.at(-2);
      if (city) await notifyOrganization(repos, deps.clock, city, notice, { role: 'city_officer' });
    }
    await recordAudit(repos, ctx, deps.clock, { action: 'call.decision', entityType: 'call', entityId: callId, organizationId: call.provinceId, after: { noticeId, ...note } });
  });
  return getDecision(deps, ctx, callId);
}
