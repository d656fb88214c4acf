import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

describe('embedded engine settings', () => {
  it('gives a file database the configured buffer cache, in the worker thread too', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'clientela-cache-'));
    try {
      for (const thread of ['main', 'worker'] as const) {
        const db = await openDatabase({
          kind: 'embedded',
          dir: path.join(dir, thread),
          thread,
          sharedBuffers: '200MB',
        });
        try {
          const r = await sql<{ sharedBuffers: string }>`show shared_buffers`.execute(db.system);
          expect(r.rows[0]?.sharedBuffers).toBe('200MB');
        } finally {
          await db.close();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
