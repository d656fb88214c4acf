import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock } from './data-dir-lock.ts';

describe('data dir lock', () => {
  it('lets one holder in and tells the next who holds it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clientela-lock-'));
    const first = await acquireDataDirLock(dir, { pid: 4242, role: 'clientela server', port: 3000 });
    await expect(acquireDataDirLock(dir, { pid: 1, role: 'cli' })).rejects.toThrow(
      /in use by clientela server \(pid 4242, port 3000\)/,
    );
    await first.release();
    const again = await acquireDataDirLock(dir, { pid: 2, role: 'cli' });
    await again.release();
  });

  it('is freed by the kernel when the holder is killed with SIGKILL', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clientela-lock-'));
    const lockModule = new URL('./data-dir-lock.ts', import.meta.url).pathname;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
      const { acquireDataDirLock } = await import(${JSON.stringify(lockModule)});
      await acquireDataDirLock(${JSON.stringify(dir)}, { pid: process.pid, role: 'child' });
      console.log('locked');
      setInterval(() => {}, 1000);
    `,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve()),
    );
    await expect(acquireDataDirLock(dir, { pid: 1, role: 'cli' })).rejects.toThrow(/in use by child/);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const lock = await acquireDataDirLock(dir, { pid: 1, role: 'cli' });
    await lock.release();
  });
});
