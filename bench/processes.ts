import { type ChildProcess, execFileSync, spawn } from 'node:child_process';

/** Shared by the benchmarks: the CLI and a production server as child processes. */

/** Runs `npx clientela …` with the given environment; returns its stdout. */
export function cli(env: Record<string, string>, ...cmd: string[]): string {
  return execFileSync('node', ['bin/clientela.mjs', ...cmd], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Starts `src/server/main.ts` on `port` and waits until it is ready. */
export async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn('node', ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('the server did not start');
}
