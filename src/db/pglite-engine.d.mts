import type { PGlite } from '@electric-sql/pglite';

export type EngineRequest =
  | { type: 'query'; sql: string; params?: unknown[] }
  | { type: 'exec'; sql: string }
  | { type: 'dump' }
  | { type: 'close' };

export interface EngineResult {
  rows?: Record<string, unknown>[];
  affectedRows?: number;
  tarball?: Uint8Array;
}

export interface SerializedDbError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  severity?: string;
}

export const parsers: Record<number, (x: string) => unknown>;
export function openPglite(options: { dataDir?: string; loadDataDir?: Blob; sharedBuffers?: string }): Promise<PGlite>;
export function serializeError(err: unknown): SerializedDbError;
export function handleRequest(db: PGlite, req: EngineRequest): Promise<EngineResult>;
