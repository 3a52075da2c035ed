/**
 * What goes into a city's recommendation table (推荐汇总表, 001 附件5 / 004 附件3): the city's list in
 * its order, each project with its enterprise, directions, category, planned investment and contact,
 * under the city's document number. The layout and the files are made by the document adapter
 * (src/adapters/documents/recommendation-table.ts); this use case only authorizes, loads and records
 * the read.
 */
import type { ProfileInput } from '../../../contracts/applicants.ts';
import { DomainError } from '../../core/errors.ts';
import type { ProgramDefinition } from '../../core/programs/definition.ts';
import type { ApplicationRow, Deps, Repositories, RequestContext } from '../ports.ts';
import { recordAudit } from '../support.ts';
import { getRecommendation } from './city.ts';

/** One project row of the table (the shape the document adapter's RecommendationRow takes). */
export interface RecommendationTableRow {
  rank: number;
  organizationName: string;
  creditCode: string | null;
  projectName: string;
  directions: string[];
  category: string | null;
  cityName: string | null;
  plannedInvestmentFen: number | null;
  contactName: string | null;
  contactPhone: string | null;
  fields: Record<string, unknown>;
}

export interface RecommendationTableData {
  definition: ProgramDefinition;
  recommendingUnit: { name: string };
  documentNumber: string | null;
  contact: null;
  rows: RecommendationTableRow[];
  generatedAt: Date;
  /** A file name without its extension, e.g. 石家庄市-推荐汇总表-2026年度…. */
  baseName: string;
}

/** The city's competent department as the table's recommending unit: 石家庄市 → 石家庄市工业和信息化局. */
export function recommendingUnitName(cityName: string): string {
  return /局$|委员会$|厅$/.test(cityName) ? cityName : `${cityName}工业和信息化局`;
}

/** The first whole number a form holds under this field id (e.g. plannedInvestment in fen). */
function formNumber(formData: ApplicationRow['formData'], fieldId: string): number | null {
  for (const values of Object.values(formData)) {
    const v = values?.[fieldId];
    if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  }
  return null;
}

/** Every form value by field id (the first form that has it wins), for the table's other columns. */
function formValues(formData: ApplicationRow['formData']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const values of Object.values(formData)) {
    for (const [k, v] of Object.entries(values ?? {})) if (!(k in out) && v !== null && v !== undefined && v !== '') out[k] = v;
  }
  return out;
}

async function contactOf(repos: Repositories, row: ApplicationRow): Promise<{ name: string | null; phone: string | null }> {
  const profile = row.profileVersionId ? await repos.profiles.findById(row.profileVersionId) : await repos.profiles.latest(row.organizationId);
  const first = (profile?.data as ProfileInput | undefined)?.contacts?.[0];
  return { name: first?.name ?? null, phone: first?.mobile ?? null };
}

/**
 * The table of a city's list: the signed-in city officer's own (no `cityId`, application.review),
 * or any city's for those who read the province's selection (selection.read). A list that has no
 * project yet is refused (an empty table is of no use to print and seal).
 */
export async function recommendationTable(deps: Deps, ctx: RequestContext, callId: string, cityId?: string): Promise<RecommendationTableData> {
  const view = await getRecommendation(deps, ctx, callId, cityId);
  const items = view.recommendation?.items ?? [];
  if (!items.length) throw new DomainError('conflict', 'recommendation_empty', { 'zh-CN': '推荐名单为空，没有可导出的推荐表', en: 'The list is empty; there is no table to export' });
  const byId = new Map(view.candidates.map((a) => [a.id, a]));
  const rows = await deps.uow.read(async (repos) => {
    const out: RecommendationTableRow[] = [];
    for (const item of [...items].sort((a, b) => a.rank - b.rank)) {
      const a = byId.get(item.applicationId) ?? (await repos.applications.findById(item.applicationId));
      if (!a) continue;
      const contact = await contactOf(repos, a);
      const review = (a.cityReview ?? null) as { decision?: string; reason?: string; checklist?: { checked: boolean }[] } | null;
      const fields = formValues(a.formData);
      out.push({
        rank: item.rank,
        organizationName: a.organizationName,
        creditCode: a.creditCode,
        projectName: a.projectName,
        directions: a.directions,
        category: item.category ?? a.category,
        cityName: a.cityName,
        plannedInvestmentFen: formNumber(a.formData, 'plannedInvestment'),
        contactName: contact.name,
        contactPhone: contact.phone,
        fields: {
          ...fields,
          // 001 附件5: the city's initial review and its check of the materials (四.5).
          initialReview: review?.decision === 'pass' ? review.reason || '初审通过' : (review?.reason ?? ''),
          materialsComplete: review ? (review.checklist ?? []).every((c) => c.checked) : null,
          // 004 附件3: 主要内容及推荐理由 — the city's recommendation where its form has one, else the project's narrative.
          contentAndReasons: fields.cityRecommendation ?? fields.narrative ?? fields.summary ?? '',
        },
      });
    }
    return out;
  });
  const now = deps.clock.now();
  await deps.uow.transaction((repos) =>
    recordAudit(repos, ctx, deps.clock, {
      action: 'recommendation.table_generated',
      entityType: 'recommendation',
      entityId: view.recommendation!.id,
      organizationId: view.city.id,
      after: { items: rows.length },
    }),
  );
  const baseName = `${view.city.name}-推荐汇总表-${view.callTitle}`.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
  return {
    definition: view.definition,
    recommendingUnit: { name: recommendingUnitName(view.city.name) },
    documentNumber: view.recommendation?.documentNumber ?? null,
    contact: null,
    rows,
    generatedAt: now,
    baseName,
  };
}
