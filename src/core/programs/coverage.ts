/**
 * The coverage report: for each source policy, every article or numbered paragraph with what
 * implements it, or why it is not machine-enforceable.
 */
import type { ProgramDefinition } from './definition.ts';

export interface CoverageReport {
  code: string;
  source: string;
  covered: number;
  total: number;
  items: { ref: string; implementedBy: string[]; status: 'covered' | 'not-enforceable'; reason?: string }[];
}

export function coverageOf(d: ProgramDefinition): CoverageReport {
  const items = d.coverage.map((c) => ({ ref: c.ref, implementedBy: c.implementedBy, status: c.status, ...(c.reason ? { reason: c.reason } : {}) }));
  return { code: d.code, source: d.source.file, covered: items.filter((i) => i.status === 'covered').length, total: items.length, items };
}

/** The report as text, ending with `coverage: N/M` over all programs. */
export function coverageText(reports: readonly CoverageReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    lines.push(`${r.code} (${r.source}): ${r.covered}/${r.total}`);
    for (const i of r.items) {
      lines.push(i.status === 'covered' ? `  ✓ ${i.ref}: ${i.implementedBy.join(', ')}` : `  – ${i.ref}: not machine-enforceable — ${i.reason ?? ''}`);
    }
  }
  const covered = reports.reduce((n, r) => n + r.covered, 0);
  const total = reports.reduce((n, r) => n + r.total, 0);
  lines.push(`coverage: ${covered}/${total}`);
  return lines.join('\n');
}

const NUMERAL = '[一二三四五六七八九十百]+';

/**
 * The articles and numbered paragraphs of a source text, as coverage refs: "第五条（二）" for
 * documents in articles, "二（一）" for notices numbered 一、/（一）, "三（二）.1" for a numbered item
 * 1、 inside it, "附件1（二）" inside attachments. A heading with numbered parts is covered by its
 * parts; one without is a ref of its own.
 */
export function sourceStructure(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.replace(/^[\s\u3000]+/, ''));
  const article = new RegExp(`^(第${NUMERAL}条)`);
  const articleMode = lines.some((l) => article.test(l));
  const refs: string[] = [];
  let top: string | null = null;
  let sub: string | null = null;
  for (const line of lines) {
    const head = articleMode ? article.exec(line) : (new RegExp(`^(${NUMERAL})、`).exec(line) ?? /^(附件\s*\d+)/.exec(line));
    if (head) {
      top = head[1]!.replace(/\s+/g, '');
      sub = null;
      refs.push(top);
      continue;
    }
    if (!top) continue;
    const paragraph = new RegExp(`^[（(](${NUMERAL})[）)]`).exec(line);
    if (paragraph) {
      sub = `${top}（${paragraph[1]}）`;
      refs.push(sub);
      continue;
    }
    const item = /^(\d{1,2})\s*[、.．]/.exec(line);
    if (item) refs.push(`${sub ?? top}.${item[1]}`);
  }
  const unique = [...new Set(refs)];
  // A heading whose parts are listed is accounted for by them.
  return unique.filter((r) => !unique.some((o) => o !== r && (o.startsWith(`${r}（`) || o.startsWith(`${r}.`))));
}

/** Whether a coverage item accounts for a source ref: the same, a part of it, or the whole it is part of. */
export function accountsFor(itemRef: string, sourceRef: string): boolean {
  const within = (part: string, whole: string) => part === whole || part.startsWith(`${whole}（`) || part.startsWith(`${whole}.`);
  return within(itemRef, sourceRef) || within(sourceRef, itemRef);
}

/** Adds the source's refs that no coverage item accounts for, as uncovered items. */
export function withSource(report: CoverageReport, sourceText: string | null): CoverageReport & { uncovered: string[] } {
  if (sourceText === null) return { ...report, uncovered: [] };
  const uncovered = sourceStructure(sourceText).filter((ref) => !report.items.some((i) => accountsFor(i.ref, ref)));
  return { ...report, total: report.total + uncovered.length, uncovered };
}
