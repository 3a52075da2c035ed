/**
 * Program statistics: the funnel by stage, by city / direction / industry, money, time in each stage,
 * the map's figures per city, the per-table .xlsx exports and the background export job.
 * Filters travel as strings and are checked by src/core/statistics/filters.ts (field-level messages).
 */
import { z } from 'zod';
import { id, messages } from './common.ts';

const text = (max: number) => z.string().max(max).optional();

/** The filters of every statistics endpoint (all optional). */
export const statisticsFilters = z.object({
  programCode: text(100),
  callId: text(20),
  /** The call's year, e.g. 2026. */
  year: text(4),
  /** A recommending unit (city) organization id. */
  cityId: text(20),
  direction: text(40),
  /** A GB/T 4754 prefix: C, C34, C3421. */
  industry: text(5),
  /** YYYY-MM-DD: submitted (created, for drafts) on or after / on or before. */
  from: text(10),
  to: text(10),
});
export type StatisticsFiltersInput = z.infer<typeof statisticsFilters>;

export const FUNNEL_STAGE_KEYS = ['drafted', 'submitted', 'cityPassed', 'recommended', 'policyPassed', 'scored', 'onNotice', 'selected', 'agreementSigned', 'accepted', 'failedOrRevoked'] as const;
export const stageCounts = z.object(Object.fromEntries(FUNNEL_STAGE_KEYS.map((k) => [k, z.number().int()])) as Record<(typeof FUNNEL_STAGE_KEYS)[number], z.ZodNumber>);
export type StageCountsOut = z.infer<typeof stageCounts>;

export const money = z.object({ committedFen: z.number().int(), disbursedFen: z.number().int(), recoverableFen: z.number().int(), recoveredFen: z.number().int() });
export type MoneyOut = z.infer<typeof money>;

export const statisticsView = z.object({
  filters: z.record(z.string(), z.unknown()),
  totals: stageCounts,
  money,
  funnel: z.array(z.object({ stage: z.enum(FUNNEL_STAGE_KEYS), label: messages, count: z.number().int() })),
  byCity: z.array(z.object({ cityId: id, cityCode: z.string(), cityName: z.string(), counts: stageCounts, money })),
  byDirection: z.array(z.object({ programCode: z.string(), direction: z.string(), name: messages, counts: stageCounts })),
  bySection: z.array(z.object({ section: z.string().nullable(), name: messages, counts: stageCounts })),
  byIndustry: z.array(z.object({ section: z.string().nullable(), division: z.string().nullable(), name: messages, counts: stageCounts })),
  stageTimes: z.array(z.object({ id: z.string(), label: messages, n: z.number().int(), medianDays: z.number().nullable(), p90Days: z.number().nullable() })),
  options: z.object({
    programs: z.array(z.object({ code: z.string(), name: messages, provinceCode: z.string() })),
    calls: z.array(z.object({ id, title: z.string(), programCode: z.string(), year: z.number().int() })),
    years: z.array(z.number().int()),
    cities: z.array(z.object({ id, code: z.string(), name: z.string() })),
    directions: z.array(z.object({ code: z.string(), name: messages })),
  }),
});
export type StatisticsViewOut = z.infer<typeof statisticsView>;

export const MAP_MEASURE_KEYS = ['applications', 'selected', 'committedFen', 'disbursedFen'] as const;
export const mapQuery = statisticsFilters.extend({ measure: z.enum(MAP_MEASURE_KEYS).default('applications') });

const mapUnit = z.object({ cityId: id, cityCode: z.string(), name: z.string(), areaCode: z.string().nullable(), value: z.number() });
export const statisticsMap = z.object({
  provinceCode: z.string().nullable(),
  measure: z.enum(MAP_MEASURE_KEYS),
  total: z.number(),
  areas: z.array(z.object({ code: z.string(), name: z.string(), cityId: id.nullable(), value: z.number(), units: z.array(mapUnit) })),
});
export type StatisticsMapOut = z.infer<typeof statisticsMap>;

export const TABLE_KEYS = ['funnel', 'byCity', 'byDirection', 'byIndustry', 'money', 'moneyByCity', 'stageTimes'] as const;
export const tableExportQuery = statisticsFilters.extend({ table: z.enum(TABLE_KEYS), lang: z.enum(['zh-CN', 'en']).default('zh-CN') });

export const exportJob = z.object({
  id,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  fileName: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  error: z.string().nullable(),
  filters: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportJobOut = z.infer<typeof exportJob>;
/** The body of a new export: the filters it runs under. */
export const exportJobInput = z.object({ filters: statisticsFilters.default({}) });
export const exportJobParams = z.object({ id });
