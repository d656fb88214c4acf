import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/core/logger.ts';

/** A real process logger (same redaction as production) whose lines are kept for a test to read. */
export function captureLogger(level = 'debug'): { logger: Logger; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { logger: createLogger(level, false, stream), text: () => lines.join('') };
}
