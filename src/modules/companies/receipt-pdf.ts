import PDFDocument from 'pdfkit';
import type { CompanyReceipt } from './account-company-receipt.ts';

/**
 * The company receipt as a PDF (pdfkit). It uses the standard Helvetica, whose WinAnsi encoding
 * (Windows-1252) covers Spanish and French (á é í ó ú ñ ç à è ê ë î ï ô ù û ü œ €, « », –, —):
 * nothing to embed. A letter outside it is written without its accent when it has one (ő → o,
 * ę → e, the narrow space of French amounts → a space), else as "?" (ł, Greek, Cyrillic), instead of
 * the broken glyph pdfkit would otherwise emit.
 */

/** Windows-1252's 0x80–0x9F (Node's TextDecoder reads them as Latin-1 controls); "\0" = unassigned. */
export const CP1252_80_9F = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';

const WIN_ANSI = new Set([
  ...Array.from({ length: 0x5f }, (_, i) => String.fromCharCode(0x20 + i)),
  ...CP1252_80_9F.replaceAll('\0', ''),
  ...Array.from({ length: 0x60 }, (_, i) => String.fromCharCode(0xa0 + i)),
]);

/** The text in characters Helvetica/WinAnsi can show. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    if (WIN_ANSI.has(ch)) {
      out += ch;
      continue;
    }
    const base = [...ch.normalize('NFKD')].filter((c) => WIN_ANSI.has(c)).join('');
    out += base || (/\s/.test(ch) ? ' ' : '?');
  }
  return out;
}

const MARGIN = 56;
const LABEL_WIDTH = 130;

/** Lays the receipt out on one A4 page (more when there are many travellers) and answers the file. */
export function renderReceiptPdf(r: CompanyReceipt, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    compress: options.compress ?? true,
    lang: r.lang,
    info: { Title: toWinAnsi(`${r.title} ${r.reference}`), Author: toWinAnsi(r.hotelName) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const t = toWinAnsi;
  const width = doc.page.width - 2 * MARGIN;
  doc
    .font('Helvetica-Bold')
    .fontSize(20)
    .text(t(`${r.title} — ${r.hotelName}`), { width });
  doc.moveDown(1).fontSize(11).text(t(r.billedToLabel));
  doc.font('Helvetica');
  for (const l of r.billedTo) doc.text(t(l), { width });
  doc.moveDown(1.5);
  const row = ([label, value]: [string, string], bold = false) => {
    const y = doc.y;
    doc.font('Helvetica-Bold').text(t(label), MARGIN, y, { width: LABEL_WIDTH - 10 });
    const labelBottom = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').text(t(value), MARGIN + LABEL_WIDTH, y, {
      width: width - LABEL_WIDTH,
    });
    doc.y = Math.max(doc.y, labelBottom) + 4;
  };
  for (const l of r.lines) row(l);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(MARGIN + width, doc.y)
    .strokeColor('#999999')
    .stroke();
  doc.y += 6;
  row(r.total, true);
  row(r.issued);
  doc.end();
  return done;
}
