/**
 * Platform operation data (003 三（一）): the monthly report (form and API), its revisions, API tokens,
 * the industry operation view, the reporting organizations and the capacity map. The report's figures
 * are loosely typed here on purpose: the core (src/core/operations/report.ts) checks them and answers
 * with field-level messages in both languages, the same for the form and the API.
 */
import { z } from 'zod';
import { id, listQuery, pageOf } from './common.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month' });
const loose = z.unknown();

export const effectsInput = z.object({
  operatingCost: loose.optional(),
  upgradeCycle: loose.optional(),
  productivity: loose.optional(),
  defectRate: loose.optional(),
  energyEfficiency: loose.optional(),
});

/** A month's figures. Counts are whole numbers ≥ 0; effects are basis points against the baseline (−2000 = −20%), null when not measured. */
export const reportInput = z.object({
  month: loose,
  connectedDevices: loose,
  platformUsers: loose,
  industrialApps: loose,
  cloudEnterprises: loose,
  productLines: z.array(z.object({ productName: loose, industryCode: loose, unit: loose, monthlyCapacity: loose })).optional(),
  effects: effectsInput.optional(),
  note: z.string().nullable().optional(),
});
export type ReportInput = z.infer<typeof reportInput>;

export const productLine = z.object({ productName: z.string(), industryCode: z.string(), unit: z.string(), monthlyCapacity: z.number().int() });
const effects = z.object({
  operatingCost: z.number().int().nullable(),
  upgradeCycle: z.number().int().nullable(),
  productivity: z.number().int().nullable(),
  defectRate: z.number().int().nullable(),
  energyEfficiency: z.number().int().nullable(),
});

export const report = z.object({
  id,
  month: z.string(),
  revision: z.number().int(),
  latest: z.boolean(),
  industryCode: z.string().nullable(),
  connectedDevices: z.number().int(),
  platformUsers: z.number().int(),
  industrialApps: z.number().int(),
  cloudEnterprises: z.number().int(),
  productLines: z.array(productLine),
  effects,
  note: z.string().nullable(),
  source: z.enum(['form', 'api']),
  tokenId: z.string().nullable(),
  submittedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type OperationReport = z.infer<typeof report>;

export const myReportsQuery = listQuery.extend({ order: z.enum(['asc', 'desc']).default('desc'), pageSize: z.coerce.number().int().min(1).max(100).default(24) });
export const myReports = pageOf(report.extend({ revisions: z.number().int() })).extend({ firstMonth: z.string().nullable(), currentMonth: z.string() });
export const monthParams = z.object({ month });
export const myMonth = z.object({ revisions: z.array(report), previous: report.nullable() });

// ——— Tokens ———

export const tokenInput = z.object({ name: z.string().trim().min(1).max(60) });
export const apiToken = z.object({ id, name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
export const tokenList = z.object({ items: z.array(apiToken) });
export const createdToken = z.object({ token: z.string(), item: apiToken });
export const idParams = z.object({ id });

// ——— Views ———

const totals = z.object({
  reporters: z.number().int(),
  connectedDevices: z.number().int(),
  platformUsers: z.number().int(),
  industrialApps: z.number().int(),
  cloudEnterprises: z.number().int(),
  averageEffects: effects,
});
const province = z.object({ id, code: z.string(), name: z.string() }).nullable();
/** A GB/T 4754 prefix: a section (C), division (C35), group or class. */
const industry = z.string().trim().toUpperCase().regex(/^[A-T](\d{2,4})?$/, { error: 'industryCode' });

export const viewQuery = z.object({ from: month.optional(), to: month.optional(), cityId: id.optional(), industry: industry.optional(), provinceCode: z.string().max(20).optional() });
export const operationView = z.object({
  province,
  from: z.string(),
  to: z.string(),
  lastMonth: z.string(),
  totals,
  series: z.array(totals.extend({ month: z.string() })),
  byIndustry: z.array(totals.extend({ key: z.string(), name: z.string() })),
  byCity: z.array(totals.extend({ key: z.string(), name: z.string() })),
  reporters: z.number().int(),
  overdue: z.number().int(),
  goals: z.array(z.object({ key: z.string(), goalBp: z.number().int(), citation: z.string() })),
});

const boolish = z.enum(['true', 'false']).transform((v) => v === 'true');
export const reporterQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  cityId: id.optional(),
  industry: industry.optional(),
  overdueOnly: boolish.optional(),
  sort: z.enum(['organizationName', 'cityName', 'latestMonth', 'connectedDevices']).optional(),
  provinceCode: z.string().max(20).optional(),
});
export const reporter = z.object({
  id,
  organizationName: z.string(),
  cityId: z.string().nullable(),
  cityName: z.string().nullable(),
  industryCode: z.string().nullable(),
  firstSelectedOn: z.string(),
  latestMonth: z.string().nullable(),
  connectedDevices: z.number().int().nullable(),
  platformUsers: z.number().int().nullable(),
  industrialApps: z.number().int().nullable(),
  cloudEnterprises: z.number().int().nullable(),
  overdue: z.boolean(),
});
export const reporterPage = pageOf(reporter).extend({ lastMonth: z.string() });
export const exportQuery = viewQuery.extend({ q: reporterQuery.shape.q, overdueOnly: reporterQuery.shape.overdueOnly, sort: reporterQuery.shape.sort, order: z.enum(['asc', 'desc']).default('asc') });

export const capacityQuery = z.object({
  month: month.optional(),
  industry: industry.optional(),
  productName: z.string().trim().max(100).optional(),
  unit: z.string().trim().max(20).optional(),
  provinceCode: z.string().max(20).optional(),
});
export const capacityMap = z.object({
  province,
  month: z.string(),
  industries: z.array(z.object({ code: z.string(), name: z.string(), lines: z.number().int() })),
  products: z.array(z.string()),
  units: z.array(z.object({ unit: z.string(), lines: z.number().int() })),
  unit: z.string().nullable(),
  cities: z.array(z.object({ cityId: z.string(), cityName: z.string(), divisionCode: z.string().nullable(), total: z.number().int(), enterprises: z.number().int(), lines: z.number().int() })),
  total: z.number().int(),
});
export const cityParams = z.object({ cityId: z.string().regex(/^(\d+|-)$/) });
export const capacityCity = z.object({
  items: z.array(z.object({ organizationId: id, organizationName: z.string(), month: z.string(), productName: z.string(), industryCode: z.string(), unit: z.string(), monthlyCapacity: z.number().int() })),
});

export type MyReports = z.infer<typeof myReports>;
export type MyMonth = z.infer<typeof myMonth>;
export type ApiToken = z.infer<typeof apiToken>;
export type CreatedToken = z.infer<typeof createdToken>;
export type OperationViewData = z.infer<typeof operationView>;
export type OperationTotalsData = OperationViewData['totals'];
export type Reporter = z.infer<typeof reporter>;
export type ReporterPage = z.infer<typeof reporterPage>;
export type CapacityMapData = z.infer<typeof capacityMap>;
export type CapacityCityData = z.infer<typeof capacityCity>;
/** The effects in the order 003 二 lists them. */
export const EFFECT_KEYS = ['operatingCost', 'upgradeCycle', 'productivity', 'defectRate', 'energyEfficiency'] as const;
export type EffectKeyName = (typeof EFFECT_KEYS)[number];
