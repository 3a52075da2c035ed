/**
 * Whether a recommending unit (a city) may recommend a set of applications: its quota (指标), the
 * per-category limits (e.g. 001 四.4: at most one municipal comprehensive platform per city) and
 * the program's total. Pure: the use case re-runs it inside the transaction that holds the row
 * locks, with the counts it read there; this function only decides.
 */
import type { Messages } from '../errors.ts';
import type { ProgramDefinition } from '../programs/definition.ts';

export interface RecommendedItem {
  applicationId: string;
  /** The application's category (e.g. 001's material type), when the program has categories. */
  category?: string | null | undefined;
}

export interface RecommendationInput {
  /** The recommending unit's division code (the key of the quota table). */
  cityCode: string;
  /** The call's quota table (city code → number), used when the definition leaves the table `editable`. */
  quotaTable?: Readonly<Record<string, number>> | undefined;
  /** The city's whole recommendation list as it would stand (it replaces what the city sent before). */
  recommended: readonly RecommendedItem[];
  /**
   * What the *other* recommending units of the call hold now (this city's excluded): needed for
   * the program's total and for per-category province totals; those checks are skipped without it.
   */
  provinceTotals?: { recommended: number; byCategory?: Readonly<Record<string, number>> | undefined } | undefined;
}

export type QuotaViolationCode =
  | 'duplicate_application'
  | 'city_quota_not_set'
  | 'city_quota_exceeded'
  | 'category_per_city_exceeded'
  | 'category_total_exceeded'
  | 'total_exceeded';

export interface QuotaViolation {
  code: QuotaViolationCode;
  messages: Messages;
  /** The definition clause that sets the limit; null when the definition gives none. */
  citation: string | null;
  limit?: number;
  count?: number;
  category?: string;
  /** The applications concerned (the duplicates, or the items of an over-full category). */
  applicationIds?: string[];
}

export interface QuotaStatus {
  city: {
    /** null: the definition sets no per-city quota, or the table has no number for this city (see `source`). */
    limit: number | null;
    /** Where the number came from; null with a per-city clause present means it is not set yet. */
    source: 'call' | 'definition' | 'default' | null;
    used: number;
    remaining: number | null;
    citation: string | null;
  } | null;
  categories: {
    category: string;
    label: Messages;
    perCityMax: number | null;
    used: number;
    remaining: number | null;
    totalMax: number | null;
    /** Province-wide, this city's included; null without `provinceTotals`. */
    provinceUsed: number | null;
    provinceRemaining: number | null;
    citation: string;
  }[];
  total: { max: number | null; min: number | null; used: number | null; remaining: number | null; citation: string | null } | null;
}

const remaining = (limit: number | null, used: number | null) => (limit === null || used === null ? null : Math.max(0, limit - used));

/** The label of a category value as the program's forms offer it (a select option), else the value itself. */
export function categoryLabel(def: Pick<ProgramDefinition, 'forms'>, category: string): Messages {
  for (const form of def.forms) {
    for (const section of form.sections) {
      for (const field of section.fields) {
        const option = field.options?.find((o) => o.value === category);
        if (option) return option.label;
      }
    }
  }
  return { 'zh-CN': category, en: category };
}

function cityQuota(def: Pick<ProgramDefinition, 'quotas'>, input: RecommendationInput): { limit: number | null; source: 'call' | 'definition' | 'default' | null } {
  const perCity = def.quotas.perCity;
  if (!perCity) return { limit: null, source: null };
  const fromCall = perCity.editable ? input.quotaTable?.[input.cityCode] : undefined;
  if (fromCall !== undefined) return { limit: fromCall, source: 'call' };
  const fromDefinition = perCity.table[input.cityCode];
  if (fromDefinition !== undefined) return { limit: fromDefinition, source: 'definition' };
  if (perCity.default !== undefined) return { limit: perCity.default, source: 'default' };
  return { limit: null, source: null };
}

/**
 * How much of each limit the list uses and what is left. The city's quota is the call's number
 * when the definition leaves the table editable, else the definition's table, else its default.
 */
export function remainingQuota(def: Pick<ProgramDefinition, 'quotas' | 'forms'>, input: RecommendationInput): QuotaStatus {
  const used = new Set(input.recommended.map((r) => r.applicationId)).size;
  const perCity = def.quotas.perCity;
  const q = cityQuota(def, input);
  const city = perCity ? { ...q, used, remaining: remaining(q.limit, used), citation: perCity.citation ?? null } : null;
  const ids = new Set<string>();
  const byCategory = new Map<string, number>();
  for (const r of input.recommended) {
    if (ids.has(r.applicationId)) continue;
    ids.add(r.applicationId);
    if (r.category) byCategory.set(r.category, (byCategory.get(r.category) ?? 0) + 1);
  }
  const categories = def.quotas.perCategory.map((c) => {
    const inCity = byCategory.get(c.category) ?? 0;
    const elsewhere = input.provinceTotals?.byCategory?.[c.category];
    const provinceUsed = input.provinceTotals ? inCity + (elsewhere ?? 0) : null;
    const totalMax = c.totalMax ?? null;
    return {
      category: c.category,
      label: categoryLabel(def, c.category),
      perCityMax: c.perCityMax ?? null,
      used: inCity,
      remaining: remaining(c.perCityMax ?? null, inCity),
      totalMax,
      provinceUsed,
      provinceRemaining: remaining(totalMax, provinceUsed),
      citation: c.citation,
    };
  });
  const t = def.quotas.total;
  const totalUsed = input.provinceTotals ? input.provinceTotals.recommended + used : null;
  const total = t ? { max: t.max ?? null, min: t.min ?? null, used: totalUsed, remaining: remaining(t.max ?? null, totalUsed), citation: t.citation ?? null } : null;
  return { city, categories, total };
}

/**
 * Every reason the city may not recommend this list, in a fixed order (duplicates, the city's
 * quota, the categories in the definition's order, the program's total); empty when it may.
 * A per-city clause with no number for this city is a violation: the province must enter the
 * call's table (e.g. 001 四.4, 附件1) before cities recommend.
 */
export function checkRecommendation(def: Pick<ProgramDefinition, 'quotas' | 'forms'>, input: RecommendationInput): QuotaViolation[] {
  const out: QuotaViolation[] = [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const r of input.recommended) (seen.has(r.applicationId) ? duplicates : seen).add(r.applicationId);
  if (duplicates.size) {
    out.push({
      code: 'duplicate_application',
      messages: { 'zh-CN': `推荐名单中有重复的申报：${[...duplicates].join('、')}`, en: `The list names an application more than once: ${[...duplicates].join(', ')}` },
      citation: null,
      applicationIds: [...duplicates],
    });
  }
  const status = remainingQuota(def, input);
  const { city } = status;
  if (city && city.limit === null) {
    out.push({
      code: 'city_quota_not_set',
      messages: {
        'zh-CN': `本批次尚未设定该地区（${input.cityCode}）的推荐指标，请省厅先录入指标分配表`,
        en: `No quota is set for this recommending unit (${input.cityCode}) in this call; the province must enter the quota table first`,
      },
      citation: city.citation,
    });
  } else if (city && city.limit !== null && city.used > city.limit) {
    out.push({
      code: 'city_quota_exceeded',
      messages: { 'zh-CN': `推荐 ${city.used} 项，超出本地区推荐指标 ${city.limit} 项`, en: `${city.used} recommended, over this unit's quota of ${city.limit}` },
      citation: city.citation,
      limit: city.limit,
      count: city.used,
    });
  }
  for (const c of status.categories) {
    const items = [...new Set(input.recommended.filter((r) => r.category === c.category).map((r) => r.applicationId))];
    if (c.perCityMax !== null && c.used > c.perCityMax) {
      out.push({
        code: 'category_per_city_exceeded',
        messages: {
          'zh-CN': `“${c.label['zh-CN']}”每个地区限推荐 ${c.perCityMax} 项，现为 ${c.used} 项`,
          en: `At most ${c.perCityMax} “${c.label.en}” per recommending unit; the list has ${c.used}`,
        },
        citation: c.citation,
        limit: c.perCityMax,
        count: c.used,
        category: c.category,
        applicationIds: items,
      });
    }
    if (c.totalMax !== null && c.provinceUsed !== null && c.provinceUsed > c.totalMax) {
      out.push({
        code: 'category_total_exceeded',
        messages: {
          'zh-CN': `“${c.label['zh-CN']}”全省限 ${c.totalMax} 项，加上本地区推荐后为 ${c.provinceUsed} 项`,
          en: `At most ${c.totalMax} “${c.label.en}” in the province; with this list there would be ${c.provinceUsed}`,
        },
        citation: c.citation,
        limit: c.totalMax,
        count: c.provinceUsed,
        category: c.category,
        applicationIds: items,
      });
    }
  }
  const t = status.total;
  if (t && t.max !== null && t.used !== null && t.used > t.max) {
    out.push({
      code: 'total_exceeded',
      messages: { 'zh-CN': `全省推荐总数限 ${t.max} 项，加上本地区推荐后为 ${t.used} 项`, en: `At most ${t.max} recommendations in the province; with this list there would be ${t.used}` },
      citation: t.citation,
      limit: t.max,
      count: t.used,
    });
  }
  return out;
}
