/**
 * `npm run policy:coverage [-- --json]`: for each source policy, every article or numbered paragraph
 * with what implements it, or why it is not machine-enforceable; the last line is `coverage: N/M`.
 * Exits non-zero when a definition is invalid.
 */
import { coverageOf, coverageText, withSource } from '../core/programs/coverage.ts';
import { latestVersions, readProgramFiles, sourceText } from '../adapters/programs/files.ts';

const files = readProgramFiles();
const invalid = files.filter((f) => f.problems.length);
for (const f of invalid) {
  console.error(`${f.file}:`);
  for (const p of f.problems) console.error(`  ${p.path}${p.ruleId ? ` [${p.ruleId}]` : ''}: ${p.message}`);
}
const reports = latestVersions(files).map((d) => {
  const r = withSource(coverageOf(d), sourceText(d.source.file));
  return {
    ...r,
    items: [...r.items, ...r.uncovered.map((ref) => ({ ref, implementedBy: [] as string[], status: 'uncovered' as const }))],
  };
});
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ programs: reports.map(({ uncovered: _u, ...r }) => r) }));
} else {
  console.log(coverageText(reports as never));
  for (const r of reports) for (const ref of r.uncovered) console.log(`  ✗ ${r.code}: ${ref} is not covered`);
}
process.exit(invalid.length ? 1 : 0);
