import ExcelJS from 'exceljs';
import type { ExportWriter, WriterOptions } from './writer.ts';

/**
 * XLSX through ExcelJS's streaming WorkbookWriter: each row is committed (written out) as soon as it
 * is added, so memory holds a page, not the sheet. Values are text cells (never formulas: ExcelJS
 * writes a string as a string), without shared strings or styles, which would be kept in memory.
 */
export function openXlsxWriter({ path, fields }: WriterOptions): ExportWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Guests');
  sheet.addRow([...fields]).commit();
  return {
    async writePage(rows) {
      for (const cells of rows) sheet.addRow(cells.map((c) => (c === '' ? null : c))).commit();
      // Let the zip stream flush what the page produced.
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
    async abort() {
      try {
        sheet.commit();
        await workbook.commit();
      } catch {
        // The file is deleted by the caller anyway.
      }
    },
  };
}
