import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock, LOCK_FILE } from './data-dir-lock.ts';

const lockModule = new URL('./data-dir-lock.ts', import.meta.url).pathname;
const dirs: string[] = [];
const mounts: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientela-lock-'));
  dirs.push(dir);
  return dir;
}

/** Bind-mounts `source` on a new dir; undefined when this machine does not allow mounting. */
function bindMount(source: string): string | undefined {
  const target = tempDir();
  const r = spawnSync('mount', ['--bind', source, target], { encoding: 'utf8' });
  if (r.status !== 0) return undefined;
  mounts.push(target);
  return target;
}

/** A process holding the lock on `dir` until killed; `prefix` runs it (e.g. in another namespace). */
async function holdInChild(dir: string, prefix: string[] = []) {
  const args = [
    process.execPath,
    '--import',
    'tsx',
    '-e',
    `
      const { acquireDataDirLock } = await import(${JSON.stringify(lockModule)});
      await acquireDataDirLock(${JSON.stringify(dir)}, { pid: process.pid, role: 'child' });
      console.log('locked');
      setInterval(() => {}, 1000);
    `,
  ];
  const [cmd, ...rest] = [...prefix, ...args] as [string, ...string[]];
  const child = spawn(cmd, rest, { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
  });
  return {
    async kill() {
      const exited = new Promise((r) => child.on('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

afterAll(() => {
  for (const m of mounts.reverse()) spawnSync('umount', [m]);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('data dir lock', () => {
  it('lets one holder in and tells the next who holds it', async () => {
    const dir = tempDir();
    const first = await acquireDataDirLock(dir, { pid: 4242, role: 'clientela server', port: 3000 });
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: 4242, port: 3000 });
    await expect(acquireDataDirLock(dir, { pid: 1, role: 'cli' })).rejects.toThrow(
      /in use by clientela server \(pid 4242, port 3000\)/,
    );
    await first.release();
    const again = await acquireDataDirLock(dir, { pid: 2, role: 'cli' });
    await again.release();
  });

  it('is freed by the kernel when the holder is killed with SIGKILL', async () => {
    const dir = tempDir();
    const child = await holdInChild(dir);
    await expect(acquireDataDirLock(dir, { pid: 1, role: 'cli' })).rejects.toThrow(/in use by child/);
    await child.kill();
    const lock = await acquireDataDirLock(dir, { pid: 1, role: 'cli' });
    await lock.release();
  });

  it('refuses a second opener that reaches the same dir through a symlink', async () => {
    const dir = tempDir();
    const link = path.join(tempDir(), 'data-link');
    symlinkSync(dir, link);
    const first = await acquireDataDirLock(dir, { pid: 7, role: 'clientela server' });
    await expect(acquireDataDirLock(link, { pid: 8, role: 'cli' })).rejects.toThrow(/in use by clientela server/);
    await first.release();
    const viaLink = await acquireDataDirLock(link, { pid: 8, role: 'cli' });
    await expect(acquireDataDirLock(dir, { pid: 9, role: 'cli' })).rejects.toThrow(/in use by cli \(pid 8\)/);
    await viaLink.release();
  });

  it('refuses a second opener through a bind mount of the dir (skipped only where mounting is not allowed)', async (ctx) => {
    const dir = tempDir();
    const mounted = bindMount(dir);
    if (!mounted) return ctx.skip();
    const first = await acquireDataDirLock(dir, { pid: 7, role: 'clientela server' });
    await expect(acquireDataDirLock(mounted, { pid: 8, role: 'cli' })).rejects.toThrow(/in use by clientela server/);
    await first.release();
  });

  it('refuses an opener in another network namespace through a bind mount (two containers on one volume)', async (ctx) => {
    const dir = tempDir();
    const mounted = bindMount(dir);
    const canUnshare = spawnSync('unshare', ['--net', 'true']).status === 0;
    if (!mounted || !canUnshare) return ctx.skip();
    mkdirSync(path.join(dir, 'pgdata'), { recursive: true });
    const child = await holdInChild(mounted, ['unshare', '--net']);
    await expect(acquireDataDirLock(dir, { pid: 1, role: 'cli' })).rejects.toThrow(/in use by child \(pid \d+\)/);
    await child.kill();
    const lock = await acquireDataDirLock(dir, { pid: 1, role: 'cli' });
    await lock.release();
  });
});
