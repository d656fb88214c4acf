import iconv from 'iconv-lite';
import type { ByteSource } from './source.ts';

/** The text encodings a CSV file is read in. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** The file starts with a byte-order mark (skipped when decoding). */
  bom: boolean;
}

const BOMS: Array<[TextEncoding, number[]]> = [
  ['utf-8', [0xef, 0xbb, 0xbf]],
  ['utf-16le', [0xff, 0xfe]],
  ['utf-16be', [0xfe, 0xff]],
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return bytes.every((byte, i) => head[i] === byte);
}

/**
 * Learns a file's encoding: a byte-order mark decides (UTF-8, UTF-16 LE/BE: Excel's "Unicode
 * text"); without one, the whole file is run through a strict streaming UTF-8 decoder, and the
 * first invalid sequence means Windows-1252 (Excel's "CSV" on Windows). Pure ASCII is UTF-8.
 * Reads the file once in chunks, keeping nothing.
 */
export async function detectEncoding(source: ByteSource): Promise<DetectedEncoding> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of source()) {
      if (first) {
        first = false;
        const bom = BOMS.find(([, bytes]) => startsWith(chunk, bytes));
        if (bom) return { encoding: bom[0], bom: true };
      }
      utf8.decode(chunk, { stream: true });
    }
    utf8.decode();
  } catch (err) {
    if (err instanceof TypeError) return { encoding: 'windows-1252', bom: false };
    throw err;
  }
  return { encoding: 'utf-8', bom: false };
}

/**
 * Decodes a byte source into text chunks with iconv-lite (which strips the BOM). Node's own
 * TextDecoder is not used for Windows-1252: Node 20 decodes that label as ISO-8859-1, turning
 * 0x80 (€), 0x9C (œ) and Excel's curly quotes into control characters.
 */
export async function* decodeSource(source: ByteSource, encoding: TextEncoding): AsyncIterable<string> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for await (const chunk of source()) {
    const text = decoder.write(Buffer.from(chunk));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
