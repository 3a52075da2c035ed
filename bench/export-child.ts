/**
 * Child process of the export benchmark: makes one recommendation table of `rows` projects in one
 * format and prints one JSON line with the time, the size and the memory it took. A process of its
 * own per format, so the peak resident memory (maxRSS) belongs to that format alone.
 *
 * Usage: node --import tsx bench/export-child.ts <xlsx|docx|csv> <rows>
 */
import { recommendationDocx, recommendationXlsx } from '../src/adapters/documents/recommendation-table.ts';
import { csvOf, exportInput } from './lib/export-table.ts';

const [format, rowsArg] = process.argv.slice(2);
const input = exportInput(Number(rowsArg));
const rssBefore = process.memoryUsage().rss;
const started = performance.now();
const bytes = format === 'xlsx' ? await recommendationXlsx(input) : format === 'docx' ? await recommendationDocx(input) : csvOf(input);
const ms = performance.now() - started;
const peak = process.resourceUsage().maxRSS * 1024;
console.log(JSON.stringify({ format, rows: input.rows.length, ms, bytes: bytes.byteLength, rssBeforeMb: rssBefore / 2 ** 20, peakRssMb: peak / 2 ** 20, peakDeltaMb: (peak - rssBefore) / 2 ** 20 }));
