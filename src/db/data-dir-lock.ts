import { spawn } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * An exclusive lock on an embedded data dir (PGlite has none: two processes on one dir lose
 * commits). It is an flock(2) on `clientela.lock` inside the dir: the lock belongs to the file's
 * inode, so every path to the dir (a symlink, a bind mount, another container's volume mount, any
 * network or PID namespace on the same kernel) meets the same lock, and the kernel frees it when
 * the holder dies, even on kill -9 — no stale lock to clean. Node has no flock, so `flock(1)`
 * (util-linux, busybox) takes it on a descriptor this process opened and hands down: the lock then
 * lives with this process's descriptor, and the helper exits at once (docs/decisions/0013).
 * The holder writes who it is into the file so a refused opener can name it. Without `flock(1)`
 * (macOS, Windows) a socket file in the dir plays the same role.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

export interface LockHolder {
  pid: number;
  role: string;
  port?: number;
}

/** What the holder writes into the lock file: enough to find it from another host or container. */
interface HolderRecord extends LockHolder {
  host?: string;
  bootId?: string;
  since?: string;
}

export const LOCK_FILE = 'clientela.lock';

/** Takes the data dir's lock, or throws a conflict naming the process that holds it. */
export async function acquireDataDirLock(dataDir: string, holder: LockHolder): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const fd = openSync(file, 'a+');
  let locked: boolean | 'unsupported';
  try {
    locked = await flockNonBlocking(fd);
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  if (locked === 'unsupported') {
    closeSync(fd);
    return acquireSocketLock(dataDir, holder);
  }
  if (!locked) {
    closeSync(fd);
    throw lockedError(dataDir, readHolder(file));
  }
  const record: HolderRecord = { ...holder, host: os.hostname(), bootId: bootId(), since: new Date().toISOString() };
  ftruncateSync(fd, 0);
  writeSync(fd, `${JSON.stringify(record)}\n`, 0);
  let released = false;
  return {
    release: () => {
      if (released) return Promise.resolve();
      released = true;
      ftruncateSync(fd, 0);
      closeSync(fd); // closing the last descriptor of the open file releases the flock
      return Promise.resolve();
    },
  };
}

/**
 * flock(LOCK_EX|LOCK_NB) on `fd` through `flock(1)`: the helper gets the descriptor as its fd 3
 * (same open file description), locks it and exits; the lock stays with our descriptor.
 */
function flockNonBlocking(fd: number): Promise<boolean | 'unsupported'> {
  return new Promise((resolve, reject) => {
    const child = spawn('flock', ['--exclusive', '--nonblock', '3'], { stdio: ['ignore', 'ignore', 'pipe', fd] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') resolve('unsupported');
      else reject(err);
    });
    child.on('exit', (code) => {
      if (code === 0) resolve(true);
      else if (code === 1) resolve(false);
      else reject(new Error(`flock exited with ${code}: ${stderr.trim()}`));
    });
  });
}

function readHolder(file: string): HolderRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as HolderRecord;
  } catch {
    return undefined; // the holder has not written itself yet
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

function lockedError(dataDir: string, other: HolderRecord | undefined): AppError {
  const who = other
    ? `${other.role} (pid ${other.pid}${other.port ? `, port ${other.port}` : ''})` +
      `${other.host && other.host !== os.hostname() ? ` on host ${other.host}` : ''}` +
      `${other.since ? ` since ${other.since}` : ''}`
    : 'another process';
  return new AppError(
    'conflict',
    'data_dir_locked',
    `The data directory ${dataDir} is in use by ${who}. ` +
      'Only one process may open the embedded database: stop it first, or use the running server (its HTTP API).',
  );
}

// Fallback without flock(1): a Unix socket file inside the dir (one listener per file; it answers
// who holds it). A file nobody answers on was left by a crashed process and is replaced.
async function acquireSocketLock(dataDir: string, holder: LockHolder): Promise<DataDirLock> {
  const address = path.join(realpathSync(dataDir), '.clientela.lock.sock');
  const server = net.createServer((socket) => socket.end(JSON.stringify(holder)));
  try {
    await listen(server, address);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const other = await askHolder(address);
    if (other) throw lockedError(dataDir, other);
    unlinkSync(address);
    await listen(server, address);
  }
  server.unref();
  return { release: () => new Promise((resolve) => server.close(() => resolve())) };
}

function listen(server: net.Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function askHolder(address: string): Promise<LockHolder | undefined> {
  return new Promise((resolve) => {
    const socket = net.connect(address);
    let data = '';
    const done = (v: LockHolder | undefined) => {
      socket.destroy();
      resolve(v);
    };
    socket.setTimeout(1000, () => done(undefined));
    socket.on('data', (d) => (data += d.toString()));
    socket.on('end', () => {
      try {
        done(JSON.parse(data) as LockHolder);
      } catch {
        done(undefined);
      }
    });
    socket.on('error', () => done(undefined));
  });
}
