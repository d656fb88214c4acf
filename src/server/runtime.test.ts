import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.ts';
import { createLogger } from '../core/logger.ts';
import { startTestServer } from '../../test/support/test-server.ts';
import { startServer } from './runtime.ts';

describe('embedded server', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('answers a health check while the database works on a heavy query', async () => {
    let heavyDone = false;
    const heavy = sql`select count(*) from generate_series(1, 15000000)`
      .execute(server.runtime.database.system)
      .then(() => {
        heavyDone = true;
      });
    await new Promise((r) => setTimeout(r, 50));
    const answers: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${server.url}/api/v1/health`);
      expect(await res.json()).toEqual({ status: 'ok' });
      answers.push(heavyDone);
    }
    await heavy;
    // Every health answer came back while the heavy query was still running: the embedded
    // engine works in its own thread and the event loop stayed free.
    expect(answers).toEqual([false, false, false, false, false]);
    expect(heavyDone).toBe(true);
  });

  it('refuses a second server on the same data dir with a clear message', async () => {
    const dataDir = server.dataDir;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', CLIENTELA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    await expect(startServer(config, createLogger('silent'))).rejects.toThrow(
      /data directory .* is in use by clientela server \(pid \d+/,
    );
  });
});
