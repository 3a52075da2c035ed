/**
 * Statistics as .xlsx: one table of the screen (a small workbook in memory), and the large export
 * written row by row with exceljs's streaming writer into a temporary file, so a province's tens of
 * thousands of rows never sit in memory at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Table } from '../../core/statistics/tables.ts';
import type { ExportWriter, SheetStream } from '../../use-cases/statistics/ports.ts';

const FONT = { name: '宋体', size: 11 } as const;

/** One statistics table as a workbook: the title in the first row, headers in the second, then the rows. */
export async function statisticsTableXlsx(table: Table, lang: 'zh-CN' | 'en' = 'zh-CN'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ii-programs';
  const sheet = workbook.addWorksheet(table.title[lang].slice(0, 31));
  sheet.addRow([table.title[lang]]).font = { ...FONT, bold: true, size: 14 };
  const header = sheet.addRow(table.headers);
  header.font = { ...FONT, bold: true };
  for (const row of table.rows) sheet.addRow(row).font = FONT;
  sheet.columns.forEach((c, i) => (c.width = i === 0 ? 28 : 14));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The streaming writer of the background export. */
export const streamingExportWriter: ExportWriter = {
  async open(sheetName, title, headers): Promise<SheetStream> {
    const file = path.join(os.tmpdir(), `statistics-export-${randomUUID()}.xlsx`);
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.columns = headers.map((_h, i) => ({ width: i === 3 || i === 6 ? 36 : 16 }));
    const titleRow = sheet.addRow([title]);
    titleRow.font = { ...FONT, bold: true, size: 14 };
    titleRow.commit();
    const headerRow = sheet.addRow([...headers]);
    headerRow.font = { ...FONT, bold: true };
    headerRow.commit();
    const remove = () => fs.promises.rm(file, { force: true });
    return {
      async addRows(rows) {
        for (const r of rows) sheet.addRow([...r]).commit();
      },
      async finish() {
        sheet.commit();
        await workbook.commit();
        const { size } = await fs.promises.stat(file);
        return { sizeBytes: size, chunks: fs.createReadStream(file), cleanup: remove };
      },
    };
  },
};
