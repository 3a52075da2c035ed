/**
 * Totals of operating figures over organizations: what the industry operation view, the capacity map and
 * the target plan (002's cloud, app and networking targets) show. One definition throughout: an
 * organization counts with its latest report up to the month in question (the latest revision of that
 * month), so a month nobody has reported yet carries the previous figures forward rather than dropping
 * to zero. Pure.
 */
import { EFFECTS, type CountKey, type EffectKey } from './report.ts';

export interface ReportFacts {
  organizationId: string;
  cityId: string | null;
  cityName: string | null;
  /** The enterprise's GB/T 4754 class when it reported (from its profile), or null. */
  industryCode: string | null;
  month: string;
  connectedDevices: number;
  platformUsers: number;
  industrialApps: number;
  cloudEnterprises: number;
  effects: Record<EffectKey, number | null>;
}

export interface Totals {
  /** Organizations counted. */
  reporters: number;
  connectedDevices: number;
  platformUsers: number;
  industrialApps: number;
  cloudEnterprises: number;
  /** Mean change in basis points over those that measured it (rounded to a whole basis point), null if none. */
  averageEffects: Record<EffectKey, number | null>;
}

const COUNTS: CountKey[] = ['connectedDevices', 'platformUsers', 'industrialApps', 'cloudEnterprises'];

/** Each organization's latest report with month ≤ `month`. */
export function latestUpTo<T extends { organizationId: string; month: string }>(rows: readonly T[], month: string): T[] {
  const best = new Map<string, T>();
  for (const r of rows) {
    if (r.month > month) continue;
    const held = best.get(r.organizationId);
    if (!held || r.month > held.month) best.set(r.organizationId, r);
  }
  return [...best.values()];
}

/** Halves away from zero, so a mean reduction rounds the same way as a mean increase (Math.round does not). */
const roundHalfAway = (x: number) => Math.sign(x) * Math.round(Math.abs(x));

export function totalsOf(rows: readonly ReportFacts[]): Totals {
  const t: Totals = { reporters: rows.length, connectedDevices: 0, platformUsers: 0, industrialApps: 0, cloudEnterprises: 0, averageEffects: {} as Totals['averageEffects'] };
  for (const r of rows) for (const k of COUNTS) t[k] += r[k];
  for (const e of EFFECTS) {
    const values = rows.map((r) => r.effects[e.key]).filter((v): v is number => v !== null);
    t.averageEffects[e.key] = values.length ? roundHalfAway(values.reduce((s, v) => s + v, 0) / values.length) : null;
  }
  return t;
}

/** The totals at each month (carrying each organization's latest report forward). */
export function seriesOf(rows: readonly ReportFacts[], months: readonly string[]): (Totals & { month: string })[] {
  return months.map((month) => ({ month, ...totalsOf(latestUpTo(rows, month)) }));
}

/** The GB/T 4754 division (大类) of a code: C3511 → C35; null stays null. */
export const industryDivision = (code: string | null): string | null => (code ? code.slice(0, 3) : null);

/** Totals by a key (city, industry division), largest number of connected devices first. */
export function groupTotals(rows: readonly ReportFacts[], keyOf: (r: ReportFacts) => { key: string; name: string }): ({ key: string; name: string } & Totals)[] {
  const groups = new Map<string, { name: string; rows: ReportFacts[] }>();
  for (const r of rows) {
    const { key, name } = keyOf(r);
    const g = groups.get(key) ?? { name, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, name: g.name, ...totalsOf(g.rows) }))
    .sort((a, b) => b.connectedDevices - a.connectedDevices || a.key.localeCompare(b.key));
}

// ——— Capacity (行业产能地图, 003 三（一）) ———

export interface CapacityLine {
  organizationId: string;
  organizationName: string;
  cityId: string | null;
  cityName: string | null;
  cityDivisionCode: string | null;
  month: string;
  productName: string;
  industryCode: string;
  unit: string;
  monthlyCapacity: number;
}

export interface CapacityChoice {
  /** A GB/T 4754 code prefix: a section (C), division (C35), group or class. */
  industry: string | null;
  productName: string | null;
  unit: string | null;
}

export interface CapacityMap {
  industries: { code: string; lines: number }[];
  products: string[];
  units: { unit: string; lines: number }[];
  /** The unit the totals are in: capacities in different units are never added. */
  unit: string | null;
  cities: { cityId: string; cityName: string; divisionCode: string | null; total: number; enterprises: number; lines: number }[];
  total: number;
}

const matches = (l: CapacityLine, c: CapacityChoice) => (!c.industry || l.industryCode.startsWith(c.industry)) && (!c.productName || l.productName === c.productName);

/**
 * Capacity by city for an industry (and product line): the lines of the chosen unit (the most common
 * one when none is chosen) summed per city. `lines` are the latest report's lines of each organization.
 */
export function capacityByCity(lines: readonly CapacityLine[], choice: CapacityChoice): CapacityMap {
  const divisions = new Map<string, number>();
  for (const l of lines) {
    const d = l.industryCode.slice(0, 3);
    divisions.set(d, (divisions.get(d) ?? 0) + 1);
  }
  const inIndustry = lines.filter((l) => !choice.industry || l.industryCode.startsWith(choice.industry));
  const products = [...new Set(inIndustry.map((l) => l.productName))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const chosen = inIndustry.filter((l) => matches(l, choice));
  const unitCounts = new Map<string, number>();
  for (const l of chosen) unitCounts.set(l.unit, (unitCounts.get(l.unit) ?? 0) + 1);
  const units = [...unitCounts.entries()].map(([unit, n]) => ({ unit, lines: n })).sort((a, b) => b.lines - a.lines || a.unit.localeCompare(b.unit));
  const unit = choice.unit && unitCounts.has(choice.unit) ? choice.unit : (units[0]?.unit ?? null);
  const cities = new Map<string, { cityId: string; cityName: string; divisionCode: string | null; total: number; orgs: Set<string>; lines: number }>();
  for (const l of chosen) {
    if (l.unit !== unit) continue;
    const key = l.cityId ?? '-';
    const c = cities.get(key) ?? { cityId: key, cityName: l.cityName ?? '—', divisionCode: l.cityDivisionCode, total: 0, orgs: new Set<string>(), lines: 0 };
    c.total += l.monthlyCapacity;
    c.orgs.add(l.organizationId);
    c.lines += 1;
    cities.set(key, c);
  }
  const rows = [...cities.values()]
    .map(({ orgs, ...c }) => ({ ...c, enterprises: orgs.size }))
    .sort((a, b) => b.total - a.total || a.cityName.localeCompare(b.cityName, 'zh-CN'));
  return {
    industries: [...divisions.entries()].map(([code, n]) => ({ code, lines: n })).sort((a, b) => a.code.localeCompare(b.code)),
    products,
    units,
    unit,
    cities: rows,
    total: rows.reduce((s, c) => s + c.total, 0),
  };
}

/** The chosen lines of one city (for the list that opens when the city is clicked). */
export function capacityOfCity(lines: readonly CapacityLine[], cityId: string, choice: CapacityChoice): CapacityLine[] {
  return lines
    .filter((l) => (l.cityId ?? '-') === cityId && matches(l, choice) && (!choice.unit || l.unit === choice.unit))
    .sort((a, b) => b.monthlyCapacity - a.monthlyCapacity || a.organizationName.localeCompare(b.organizationName, 'zh-CN'));
}
