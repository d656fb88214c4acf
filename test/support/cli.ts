import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { TEST_DATABASE_URL } from './db.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/clientela.mjs', import.meta.url).pathname;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `bin/clientela.mjs …args` as a child process with this process's environment plus `env`
 * (logs silent unless `env` says otherwise); answers its exit code and output, never throws on a failure.
 */
export async function runClientela(
  args: string[],
  env: Record<string, string> = {},
  options: { timeout?: number } = {},
): Promise<CliResult> {
  try {
    const r = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      ...options,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs one statement as the administrator of TEST_DATABASE_URL (to create and drop scratch databases). */
export async function adminQuery(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  await c.query(text);
  await c.end();
}

/** A new empty database on TEST_DATABASE_URL's server, for a CLI run to migrate: its URL and its drop. */
export async function createScratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `clientela_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const u = new URL(TEST_DATABASE_URL!);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => adminQuery(`drop database if exists ${name} with (force)`) };
}
