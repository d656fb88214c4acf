import { inflateSync } from 'node:zlib';
import { CP1252_80_9F } from '../../src/modules/companies/receipt-pdf.ts';

/**
 * The text of a PDF made with pdfkit's standard fonts, for assertions: every content stream is
 * inflated (FlateDecode) and the hex strings of its `TJ`/`Tj` operators decoded as WinAnsi
 * (Windows-1252), one line per text operator. Not a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const body = pdf.subarray(start, end);
    streams.push(m[1]!.includes('/FlateDecode') ? inflateSync(body).toString('latin1') : body.toString('latin1'));
  }
  const lines: string[] = [];
  for (const s of streams) {
    for (const op of s.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hex = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('') : op[2]!;
      const bytes = [...Buffer.from(hex, 'hex')];
      lines.push(bytes.map((b) => (b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b))).join(''));
    }
  }
  return lines.join('\n');
}
