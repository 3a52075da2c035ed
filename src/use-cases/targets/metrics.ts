/**
 * The computed metrics of target plans (`measure: { kind: 'computed', metric }`): metric name → how the
 * platform counts it from its own records, for a province on a date. A new metric is one entry here
 * (e.g. one fed by the platforms' monthly operating data); a metric whose facts the platform does not
 * hold stays `reported` in the plan.
 *
 * What counts, and why (the plans are 002; the program files are in programs/):
 *
 * - Pilot-demonstration projects (002 一（三） "完成100个“互联网＋先进制造业”试点示范项目", 三（二）
 *   "每年培育30个示范项目") are the projects of the pilot-demonstration programs: Hebei's
 *   "互联网+"制造业试点示范 (000, hebei-2016-internet-plus) and Hubei's 制造业"双创"平台试点示范 (004,
 *   hubei-2020-dual-innovation). Hebei's 2021 key projects (001) are a project library from which
 *   pilots are later chosen (001 一), not pilots themselves, so they do not count here.
 *   - selected: on a published final list (正式发文公布, 000 第七条) of a call in the plan's province,
 *     not removed from it, the project not revoked by a sanction (000 第十七条);
 *   - accepted: the project passed the province's acceptance (000 第十条), status `accepted`.
 * - Platforms by tier (002 二（二）: 100 enterprise-level, 5 industry-facing and 20 region-facing
 *   platforms by 2020) are the final-listed platform projects of Hebei's 2021 key projects (001 一:
 *   direction 2 工业互联网平台): direction 2.1 企业级工业互联网平台 is enterprise-level; direction 2.2
 *   行业（区域）级工业互联网平台 is region-facing when entered as a 市级工业互联网综合平台 (category
 *   municipal-comprehensive-platform: one city's comprehensive platform, 001 四.4) and industry-facing
 *   otherwise (001 does not split 行业 from 区域 further; an industry-regional-platform is counted as
 *   industry-facing, never twice). Shandong's 个十百 tiers (003 三（一）: comprehensive, cross-industry,
 *   specific industry/region/scenario) are Shandong's and are not 002's tiers.
 *
 * - Industrial apps and enterprises on the cloud (002 二（二） "培育工业APP 10000个", 二（四）
 *   "推动1万家企业上云") are read from the monthly operating figures the selected platforms report
 *   (003 三（一）; src/use-cases/operations/totals.ts): each platform's latest report up to the month of
 *   the date, summed over the province. They are what the platforms on this platform report, a floor
 *   of the province's figure; a platform not on the platform is not counted.
 *
 * Counts are cumulative up to the date, except a target counted "each year" (`perYear`), which counts
 * only within its target year.
 */
import { addDays, startOfShanghaiDate } from '../../core/calendar.ts';
import { operationTotals } from '../operations/totals.ts';
import type { Repositories } from '../ports.ts';

/** The count on `asOf` (YYYY-MM-DD, Asia/Shanghai, the whole day included), from `since` (a date) when given. */
export type MetricCount = (repos: Repositories, provinceId: string, asOf: string, since?: string) => Promise<number>;

export interface Metric {
  count: MetricCount;
  /** Counted within the target's year only (002 三（二） "每年"). */
  perYear?: boolean;
}

export const PILOT_PROGRAMS = ['hebei-2016-internet-plus', 'hubei-2020-dual-innovation'] as const;
export const PLATFORM_PROGRAMS = ['hebei-2021-ii-key-projects'] as const;
export const MUNICIPAL_PLATFORM = 'municipal-comprehensive-platform';

/** The first instant after the Shanghai day `asOf`. */
export const endOfDay = (asOf: string) => startOfShanghaiDate(addDays(asOf, 1));
const startOf = (since?: string) => (since ? startOfShanghaiDate(since) : null);

export const METRICS: Readonly<Record<string, Metric>> = {
  pilot_projects_accepted: { count: (r, provinceId, asOf) => r.targets.countAccepted({ provinceId, programCodes: PILOT_PROGRAMS, until: endOfDay(asOf) }) },
  pilot_projects_selected: { perYear: true, count: (r, provinceId, asOf, since) => r.targets.countFinalListed({ provinceId, programCodes: PILOT_PROGRAMS, until: endOfDay(asOf), since: startOf(since) }) },
  'platforms_selected.enterprise': { count: (r, provinceId, asOf) => r.targets.countFinalListed({ provinceId, programCodes: PLATFORM_PROGRAMS, directions: ['2.1'], until: endOfDay(asOf) }) },
  'platforms_selected.industry': {
    count: (r, provinceId, asOf) => r.targets.countFinalListed({ provinceId, programCodes: PLATFORM_PROGRAMS, directions: ['2.2'], excludeCategories: [MUNICIPAL_PLATFORM], until: endOfDay(asOf) }),
  },
  'platforms_selected.regional': {
    count: (r, provinceId, asOf) => r.targets.countFinalListed({ provinceId, programCodes: PLATFORM_PROGRAMS, directions: ['2.2'], categories: [MUNICIPAL_PLATFORM], until: endOfDay(asOf) }),
  },
  'operations.industrial_apps': { count: async (r, provinceId, asOf) => (await operationTotals(r, { provinceId, month: asOf.slice(0, 7) })).apps },
  'operations.cloud_enterprises': { count: async (r, provinceId, asOf) => (await operationTotals(r, { provinceId, month: asOf.slice(0, 7) })).cloudEnterprises },
};
