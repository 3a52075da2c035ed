/**
 * Program statistics and the map, over the applications the actor may read (statistics.read: a city
 * officer sees its own city's subtree, the province its province). Reading aggregates changes nothing
 * and names no single organization, so it leaves no audit record; the exports do (export-jobs.ts).
 */
import type { Scope } from '../../core/access-policy.ts';
import type { Messages } from '../../core/errors.ts';
import { divisionName, sectionName } from '../../core/statistics/industry.ts';
import { foldIntoAreas, mapAreaCode, type MapArea, type MapUnitValue } from '../../core/statistics/map.ts';
import { emptyCounts, FUNNEL_LABELS, FUNNEL_STAGES, roundDays, STAGE_SPAN_LABELS, type StageCounts } from '../../core/statistics/stages.ts';
import type { Money, StatisticsView } from '../../core/statistics/tables.ts';
import type { Deps, Repositories, RequestContext } from '../ports.ts';
import { authorizeList, type ActingContext } from '../support.ts';
import type { CityAggregate, CityUnit, FilterOptions, StatisticsFilters } from './ports.ts';

const NO_MONEY: Money = { committedFen: 0, disbursedFen: 0, recoverableFen: 0, recoveredFen: 0 };

export interface StatisticsResult extends StatisticsView {
  filters: StatisticsFilters;
  options: FilterOptions & { cities: { id: string; code: string; name: string }[]; directions: { code: string; name: Messages }[] };
}

interface DirectionNode {
  code: string;
  name: Messages;
  children?: DirectionNode[] | undefined;
}

/** Every direction code of a program's tree with its name. */
function directionNames(tree: unknown): Map<string, Messages> {
  const out = new Map<string, Messages>();
  const walk = (nodes: DirectionNode[]) => {
    for (const d of nodes) {
      out.set(d.code, d.name);
      if (d.children) walk(d.children);
    }
  };
  if (Array.isArray(tree)) walk(tree as DirectionNode[]);
  return out;
}

/** The province whose cities the figures are laid out over: the program's, else the actor's own (none for the platform). */
async function provinceOf(repos: Repositories, acting: ActingContext, programs: FilterOptions['programs'], f: StatisticsFilters): Promise<string | undefined> {
  const program = f.programCode ? programs.find((p) => p.code === f.programCode) : undefined;
  if (program) return program.provinceCode;
  const provinceId = acting.actor.organizationPath[1];
  if (!provinceId) return undefined;
  return (await repos.organizations.findById(provinceId))?.divisionCode ?? undefined;
}

/** Every city in reach, with its figures (zero when it has no application under the filters). */
function withEveryCity(cities: CityUnit[], aggregates: CityAggregate[], f: StatisticsFilters): CityAggregate[] {
  const byId = new Map(aggregates.map((a) => [a.cityId, a]));
  const listed = cities
    .filter((c) => !f.cityId || c.id === f.cityId)
    .map((c) => byId.get(c.id) ?? { cityId: c.id, cityCode: c.code, cityName: c.name, divisionCode: c.divisionCode, coveredDivisionCodes: c.coveredDivisionCodes, counts: emptyCounts(), money: NO_MONEY });
  // A city outside the laid-out province (another province's program in the platform's view) still shows.
  const extra = aggregates.filter((a) => !listed.some((c) => c.cityId === a.cityId));
  return [...listed, ...extra];
}

async function compute(repos: Repositories, acting: ActingContext, scope: Scope, f: StatisticsFilters): Promise<StatisticsResult> {
  const options = await repos.statistics.options(scope, f.programCode);
  const provinceCode = await provinceOf(repos, acting, options.programs, f);
  const [totals, cityRows, directionRows, industryRows, times, cities] = await Promise.all([
    repos.statistics.totals(scope, f),
    repos.statistics.byCity(scope, f),
    repos.statistics.byDirection(scope, f),
    repos.statistics.byIndustry(scope, f),
    repos.statistics.stageTimes(scope, f),
    repos.statistics.cities(scope, provinceCode),
  ]);
  const names = new Map(options.programs.map((p) => [p.code, directionNames(p.directions)]));
  const cityUnits = withEveryCity(cities, cityRows, f);

  const sections = new Map<string | null, StageCounts>();
  for (const r of industryRows) {
    const sum = sections.get(r.section) ?? emptyCounts();
    for (const s of FUNNEL_STAGES) sum[s] += r.counts[s];
    sections.set(r.section, sum);
  }
  const chosen = f.programCode ? names.get(f.programCode) : undefined;

  return {
    filters: f,
    totals: totals.counts,
    money: totals.money,
    funnel: FUNNEL_STAGES.map((stage) => ({ stage, label: FUNNEL_LABELS[stage], count: totals.counts[stage] })),
    byCity: cityUnits.map((c) => ({ cityId: c.cityId, cityCode: c.cityCode, cityName: c.cityName, counts: c.counts, money: c.money })),
    byDirection: directionRows.map((d) => ({ ...d, name: names.get(d.programCode)?.get(d.direction) ?? { 'zh-CN': d.direction, en: d.direction } })),
    bySection: [...sections].map(([section, counts]) => ({ section, name: sectionName(section), counts })),
    byIndustry: industryRows.map((r) => ({ ...r, name: divisionName(r.section, r.division) })),
    stageTimes: times.map((t) => ({ id: t.id, label: STAGE_SPAN_LABELS[t.id], n: t.n, medianDays: roundDays(t.medianDays), p90Days: roundDays(t.p90Days) })),
    options: {
      ...options,
      cities: cities.map((c) => ({ id: c.id, code: c.code, name: c.name })),
      directions: chosen ? [...chosen].map(([code, name]) => ({ code, name })) : [],
    },
  };
}

/** Every figure of the statistics page under the filters. */
export async function getStatistics(deps: Deps, ctx: RequestContext, f: StatisticsFilters): Promise<StatisticsResult> {
  const { ctx: acting, scope } = authorizeList(ctx, 'statistics.read');
  return deps.uow.read((repos) => compute(repos, acting, scope, f));
}

export const MAP_MEASURES = ['applications', 'selected', 'committedFen', 'disbursedFen'] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

/** A city's value of a measure: applications are those submitted (drafts are not yet applications to the city). */
const measureOf = (c: CityAggregate, m: MapMeasure) => (m === 'applications' ? c.counts.submitted : m === 'selected' ? c.counts.selected : c.money[m]);

export interface MapResult {
  provinceCode: string | null;
  measure: MapMeasure;
  total: number;
  areas: MapArea[];
}

/** The map's figures: one value per prefecture-level city of the province, with the units drawn inside it. */
export async function getStatisticsMap(deps: Deps, ctx: RequestContext, f: StatisticsFilters, measure: MapMeasure): Promise<MapResult> {
  const { ctx: acting, scope } = authorizeList(ctx, 'statistics.read');
  return deps.uow.read(async (repos) => {
    const options = await repos.statistics.options(scope, f.programCode);
    const provinceCode = await provinceOf(repos, acting, options.programs, f);
    const [cityRows, cities] = await Promise.all([repos.statistics.byCity(scope, f), repos.statistics.cities(scope, provinceCode)]);
    const cityUnits = withEveryCity(cities, cityRows, f);
    const units: MapUnitValue[] = cityUnits.map((c) => ({
      cityId: c.cityId,
      cityCode: c.cityCode,
      name: c.cityName,
      areaCode: provinceCode && mapAreaCode(c)?.startsWith(provinceCode.slice(0, 2)) ? mapAreaCode(c) : null,
      value: measureOf(c, measure),
    }));
    const areas = foldIntoAreas(units);
    return { provinceCode: provinceCode ?? null, measure, total: areas.reduce((s, a) => s + a.value, 0), areas };
  });
}
