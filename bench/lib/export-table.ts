/** The export benchmark's table: Hebei 2021 key projects with Chinese names, and the CSV baseline. */
import { readFileSync } from 'node:fs';
import { recommendationLayout, type RecommendationRow, type RecommendationTableInput } from '../../src/adapters/documents/recommendation-table.ts';
import { programDefinition } from '../../src/core/programs/definition.ts';
import { PROJECT_KINDS, TRADE_NAMES, TRADES } from './bulk.ts';

export const EXPORT_PROGRAM = 'hebei-2021-ii-key-projects';

const CATEGORIES = ['mode-application', 'industry-regional-platform', 'experience-center'];
const DIRECTIONS = ['1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '4.1', '4.2', '5.1'];

/** The table input: rows of Hebei 2021 key projects with Chinese names, as a city would send them. */
export function exportInput(rows: number): RecommendationTableInput {
  const definition = programDefinition.parse(JSON.parse(readFileSync(new URL(`../../programs/${EXPORT_PROGRAM}.v1.json`, import.meta.url), 'utf8')));
  const list: RecommendationRow[] = Array.from({ length: rows }, (_, i) => {
    const short = `${TRADE_NAMES[i % TRADE_NAMES.length]}${TRADES[Math.floor(i / TRADE_NAMES.length) % TRADES.length]}`;
    return {
      rank: i + 1,
      organizationName: `石家庄${short}第${i + 1}有限公司`,
      creditCode: `91130100MA${String(i).padStart(7, '0')}X`,
      projectName: `${short}${PROJECT_KINDS[i % PROJECT_KINDS.length]}`,
      directions: [DIRECTIONS[i % DIRECTIONS.length]!],
      category: CATEGORIES[i % CATEGORIES.length]!,
      cityName: '石家庄市',
      plannedInvestmentFen: 1_000_000_000 + i * 137_000,
      contactName: '王工',
      contactPhone: `1391234${String(i % 10_000).padStart(4, '0')}`,
      fields: { initialReview: '经初审，申报材料齐全，项目建设内容符合申报指南要求，同意推荐。', materialsComplete: true },
    };
  });
  return {
    definition,
    recommendingUnit: { name: '石家庄市工业和信息化局' },
    documentNumber: '石工信字〔2026〕88号',
    contact: { name: '李华', phone: '0311-86681234' },
    rows: list,
    generatedAt: new Date(),
  };
}

/** The baseline: the same cells as CSV (RFC 4180 quoting), from the same layout. */
export function csvOf(input: RecommendationTableInput): Buffer {
  const layout = recommendationLayout(input);
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [layout.columns.map((c) => cell(c.header)).join(','), ...layout.rows.map((r) => r.map(cell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
