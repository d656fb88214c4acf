import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AppError } from '../core/errors.ts';

/**
 * An OS-level, exclusive lock on an embedded data dir (PGlite has none: two processes on one
 * dir lose commits). On Linux it is a listening socket in the abstract namespace, named after
 * the dir: the kernel allows one listener and frees it when the process dies, even on kill -9,
 * so there is no stale lock to clean. Elsewhere a socket file in the dir plays the same role.
 * The socket answers who holds it, so a second process can say so clearly.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

export interface LockHolder {
  pid: number;
  role: string;
  port?: number;
}

export async function acquireDataDirLock(dataDir: string, holder: LockHolder): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const address = lockAddress(dataDir);
  const server = net.createServer((socket) => {
    socket.end(JSON.stringify(holder));
  });
  try {
    await listen(server, address);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const other = await askHolder(address);
    if (!other && process.platform !== 'linux') {
      // A socket file left by a crashed process: nobody answers, so it is stale.
      unlinkSync(address);
      await listen(server, address);
      return { release: () => close(server) };
    }
    const who = other
      ? `${other.role} (pid ${other.pid}${other.port ? `, port ${other.port}` : ''})`
      : 'another process';
    throw new AppError(
      'conflict',
      'data_dir_locked',
      `The data directory ${dataDir} is in use by ${who}. ` +
        'Only one process may open the embedded database: stop it first, or use the running server (its HTTP API).',
    );
  }
  server.unref();
  return { release: () => close(server) };
}

function lockAddress(dataDir: string): string {
  const real = realpathSync(dataDir);
  if (process.platform === 'linux') {
    return `\0clientela-${createHash('sha256').update(real).digest('hex').slice(0, 32)}`;
  }
  return path.join(real, '.clientela.lock.sock');
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

function close(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
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
