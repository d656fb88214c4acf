import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from './errors.ts';

/**
 * Files Clientela keeps for a while (import uploads, import error reports, export files), under
 * `CLIENTELA_FILES_DIR` (default `<data dir>/files`), one folder per area. Every file here can hold
 * personal data: each area is listed in the privacy registry with the run that deletes its files.
 * Configured once by the composition roots (app, worker, CLI) from the typed config.
 */
export type FileArea = 'imports' | 'exports' | 'attachments';

let root: string | undefined;

export function configureFileStore(dir: string): void {
  root = path.resolve(dir);
}

/** The folder of an area, created (owner-only) when missing. */
export function fileAreaDir(area: FileArea): string {
  if (!root) throw new Error('file store not configured: call configureFileStore(config.filesDir) at start-up');
  const dir = path.join(root, area);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The path of a file of an area; the name is an id the caller made (never user input). */
export function fileAreaPath(area: FileArea, name: string): string {
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(name) || name.startsWith('.')) {
    throw new AppError('invalid', 'invalid_file_name', 'Invalid file name.');
  }
  return path.join(fileAreaDir(area), name);
}
