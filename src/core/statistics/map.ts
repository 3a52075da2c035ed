/**
 * The province map draws prefecture-level cities (echarts 4.9.0's province GeoJSON, one feature per
 * city keyed by its GB/T 2260 code). Some recommending units are not prefecture-level: 定州 and 辛集
 * are county-level cities under the 保定 and 石家庄 prefixes, and 雄安新区 has no code and covers three
 * 保定 counties (shared/REFERENCE.md b). On the map they are drawn inside the city whose prefix they
 * carry, and listed beside it, so the map's figures add up to the province's.
 */

export interface RecommendingUnitRef {
  divisionCode: string | null;
  coveredDivisionCodes: readonly string[];
}

/** The prefecture-level code (e.g. 130600) of the map area a recommending unit is drawn in, or null. */
export function mapAreaCode(unit: RecommendingUnitRef): string | null {
  const code = unit.divisionCode ?? unit.coveredDivisionCodes[0] ?? null;
  return code && /^\d{6}$/.test(code) ? `${code.slice(0, 4)}00` : null;
}

export interface MapUnitValue {
  cityId: string;
  cityCode: string;
  name: string;
  areaCode: string | null;
  value: number;
}

export interface MapArea {
  code: string;
  /** The prefecture-level unit's own name when it is a unit here, else the code. */
  name: string;
  /** The recommending unit that is the prefecture-level city itself (the click target), if any. */
  cityId: string | null;
  value: number;
  /** Every recommending unit drawn in this area (the city itself first). */
  units: MapUnitValue[];
}

/** Folds the recommending units' values into the map's areas, in code order. Units with no area are left out. */
export function foldIntoAreas(units: readonly MapUnitValue[]): MapArea[] {
  const areas = new Map<string, MapArea>();
  for (const u of units) {
    if (!u.areaCode) continue;
    const area = areas.get(u.areaCode) ?? { code: u.areaCode, name: u.areaCode, cityId: null, value: 0, units: [] };
    area.value += u.value;
    if (u.cityCode === u.areaCode) {
      area.cityId = u.cityId;
      area.name = u.name;
      area.units.unshift(u);
    } else area.units.push(u);
    areas.set(u.areaCode, area);
  }
  return [...areas.values()].sort((a, b) => a.code.localeCompare(b.code));
}
