import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { startServer } from '../../src/server/runtime.ts';
import { OWNER } from './app.ts';

/**
 * A real server on a free port with a fresh embedded database in a temp dir (or on
 * TEST_DATABASE_URL's server), serving the built UI — for browser tests.
 */
export async function startTestServer(env: Record<string, string | undefined> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'clientela-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    CLIENTELA_DATA_DIR: dataDir,
    CLIENTELA_ADMIN_EMAIL: OWNER.email,
    CLIENTELA_ADMIN_PASSWORD: OWNER.password,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const runtime = await startServer(config, createLogger('silent'));
  return {
    url: runtime.url,
    admin: { ...OWNER },
    dataDir,
    runtime,
    async close() {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
