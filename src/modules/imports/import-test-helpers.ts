/**
 * Test helpers for imports (used by the imports tests only): a multipart body built by hand, and
 * running the queued import jobs through the real worker function.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.ts';
import type { DB } from '../../db/schema.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { importJobHandlers } from './import-run.job.ts';

/** A multipart/form-data body with one file and text fields. */
export function multipartBody(
  file: { name: string; content: Buffer | string; type?: string } | undefined,
  fields: Record<string, string> = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----clientela${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Runs queued import jobs until none is due (the worker's own claim-and-run). */
export async function drainImportJobs(system: Kysely<DB>, config: Pick<Config, 'database' | 'imports'>) {
  const handlers = importJobHandlers(config);
  let n = 0;
  while (await runNextJob(system, handlers)) n++;
  return n;
}
