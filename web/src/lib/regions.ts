/**
 * Provinces and their recommending units (cities and the units on a par with them), named in the
 * user's language, from the reference organization tree the platform starts with
 * (src/core/reference/organizations.ts) — the same list the server seeds.
 */
import { PLATFORM, recommendingUnitFor, type ReferenceOrganization } from '../../../src/core/reference/organizations.ts';
import type { Language } from '../i18n.ts';

export interface Region {
  code: string;
  name: string;
  nameEn: string;
}

const region = (o: ReferenceOrganization): Region => ({ code: o.code, name: o.name, nameEn: o.nameEn });
const PROVINCES = (PLATFORM.children ?? []).filter((o) => o.kind === 'province');

export const regionName = (r: Region, language: Language) => (language === 'en' ? r.nameEn : r.name);

export function provinces(): Region[] {
  return PROVINCES.map(region);
}

/** The province's name, or its code when the platform does not know it. */
export function provinceName(code: string, language: Language): string {
  const found = PROVINCES.find((p) => p.code === code);
  return found ? regionName(region(found), language) : code;
}

/** The recommending units of a province, in the reference order. */
export function recommendingUnitsOf(provinceCode: string): Region[] {
  return (PROVINCES.find((p) => p.code === provinceCode)?.children ?? []).filter((o) => o.kind === 'city').map(region);
}

/** The province an organization (by code) belongs to, or null when it is not in the reference tree. */
export function provinceOfOrganization(organizationCode: string): string | null {
  const inside = (node: ReferenceOrganization): boolean => node.code === organizationCode || (node.children ?? []).some(inside);
  return PROVINCES.find(inside)?.code ?? null;
}

const CITIES: ReferenceOrganization[] = PROVINCES.flatMap((p) => (p.children ?? []).filter((o) => o.kind === 'city'));

/**
 * The recommending unit (city) a registered division code belongs to, as the server decides it
 * (src/core/reference/organizations.ts recommendingUnitFor), or null outside the platform's provinces.
 */
export function recommendingUnitOfDivision(divisionCode: string): Region | null {
  if (!/^\d{6}$/.test(divisionCode)) return null;
  const unit = recommendingUnitFor(divisionCode, CITIES);
  return unit ? region(unit) : null;
}
