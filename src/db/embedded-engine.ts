import { Worker } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import {
  handleRequest,
  openPglite,
  serializeError,
  type EngineRequest,
  type EngineResult,
  type SerializedDbError,
} from './pglite-engine.mjs';

/** The embedded PostgreSQL (PGlite), either in a worker thread (server) or in-process (tests). */
export interface EmbeddedEngine {
  request(req: EngineRequest): Promise<EngineResult>;
  /** Every NOTIFY the session receives (after LISTEN), once its transaction commits. */
  onNotification(listener: (channel: string, payload: string) => void): () => void;
  close(): Promise<void>;
}

/** An error from the database carrying PostgreSQL's SQLSTATE fields, as node-pg's does. */
export class EmbeddedDbError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  constructor(e: SerializedDbError) {
    super(e.message);
    this.name = 'DatabaseError';
    Object.assign(this, e);
  }
}

/** Where the embedded database lives and how much buffer cache it gets. */
export interface EngineOptions {
  dataDir?: string;
  loadDataDir?: Uint8Array;
  /** PostgreSQL's shared_buffers, e.g. '384MB' (PostgreSQL's default when absent). */
  sharedBuffers?: string;
}

/** Runs PGlite inside a worker thread: its synchronous WASM work never blocks the event loop. */
export async function startWorkerEngine(options: EngineOptions): Promise<EmbeddedEngine> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir: options.dataDir, loadDataDir: options.loadDataDir, sharedBuffers: options.sharedBuffers },
  });
  const pending = new Map<number, { resolve: (r: EngineResult) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | undefined;
  const notified = new Set<(channel: string, payload: string) => void>();

  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  type WorkerMessage =
    | { id: number; ok: boolean; result?: EngineResult; error?: SerializedDbError; notification?: undefined }
    | { notification: { channel: string; payload: string } };
  worker.on('message', (msg: WorkerMessage) => {
    if (msg.notification) {
      for (const listener of notified) listener(msg.notification.channel, msg.notification.payload);
      return;
    }
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result ?? {});
    else p.reject(new EmbeddedDbError(msg.error ?? { message: 'unknown database error' }));
  });
  const failAll = (err: Error) => {
    failure = err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  worker.on('error', (err) => failAll(err));
  worker.on('exit', (code) => failAll(new Error(`embedded database worker exited (code ${code})`)));
  await ready;

  return {
    request(req) {
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<EngineResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ ...req, id });
      });
    },
    onNotification(listener) {
      notified.add(listener);
      return () => notified.delete(listener);
    },
    async close() {
      if (failure) return;
      const id = nextId++;
      await new Promise<EngineResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'close', id });
      });
      await worker.terminate();
    },
  };
}

/** Runs PGlite in this thread (tests and short CLI commands, where blocking is harmless). */
export async function startInlineEngine(options: EngineOptions): Promise<EmbeddedEngine> {
  const db: PGlite = await openPglite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir ? new Blob([options.loadDataDir]) : undefined,
    sharedBuffers: options.sharedBuffers,
  });
  return {
    async request(req) {
      try {
        return await handleRequest(db, req);
      } catch (err) {
        throw new EmbeddedDbError(serializeError(err));
      }
    },
    onNotification: (listener) => db.onNotification(listener),
    async close() {
      if (!db.closed) await db.close();
    },
  };
}
