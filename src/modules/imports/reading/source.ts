import { createReadStream } from 'node:fs';

/**
 * Where the bytes of an uploaded file come from. A function, not a stream: detection reads the
 * file once to learn its encoding, then the parser reads it again, so nothing is held in memory.
 */
export type ByteSource = () => AsyncIterable<Uint8Array>;

/** A byte source over a file on disk (read in 64 KiB chunks). */
export function fileSource(path: string): ByteSource {
  return () => createReadStream(path, { highWaterMark: 64 * 1024 });
}

/** A byte source over bytes already in memory (tests, small uploads). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return async function* () {
    yield bytes;
  };
}

/** The first `limit` bytes of a source (or fewer when the file is shorter). */
export async function readHead(source: ByteSource, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source()) {
    chunks.push(Buffer.from(chunk));
    length += chunk.length;
    if (length >= limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}
