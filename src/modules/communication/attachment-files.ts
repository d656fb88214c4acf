import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm, stat, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError, invalid } from '../../core/errors.ts';
import { fileAreaPath } from '../../core/file-store.ts';

/**
 * Thread attachments (issue 16, M-3): images and PDF only, recognised by their first bytes (the
 * name and the declared type are never trusted), size- and count-limited, kept in the files area
 * "attachments" under a random storage key. Five fixed signatures are checked here rather than
 * through a dependency: the accepted set is closed, and everything else (SVG, HTML, executables,
 * archives) must be refused, which an allow-list of signatures does by construction.
 */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const EXTENSIONS: Record<AttachmentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** The type of a file from its content, or undefined when it is none of the accepted ones. */
export function sniffType(b: Buffer): AttachmentType | undefined {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf';
  return undefined;
}

/**
 * The sender's file name made safe to show and to put in a Content-Disposition: no folders, no
 * control characters, no leading dots, at most 150 characters. It is never used as a path.
 */
export function safeFileName(raw: string, type: AttachmentType): string {
  const base = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/\\/g, '/')
    .split('/')
    .pop()!
    .replace(/["<>:|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 150);
  return base || `attachment.${EXTENSIONS[type]}`;
}

/** An attachment as sent with a message (JSON): the file's name and its bytes in base64. */
export const AttachmentUpload = z.strictObject({
  fileName: z.string().min(1).max(255),
  contentBase64: z
    .string()
    .min(1)
    .max(80 * 1024 * 1024)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type AttachmentUploadInput = z.infer<typeof AttachmentUpload>;
/** The `attachments` field of the routes that take files (the count limit is checked by the service). */
export const AttachmentUploads = z.array(AttachmentUpload).max(20).optional();

export interface AttachmentLimits {
  maxBytes: number;
  maxFiles: number;
}

/** The request body a route with attachments must accept: every file at its largest, in base64. */
export const attachmentBodyLimit = (l: AttachmentLimits) => l.maxFiles * Math.ceil(l.maxBytes / 3) * 4 + 1024 * 1024;

/** A file that passed the checks, not stored yet. */
export interface CheckedFile {
  fileName: string;
  contentType: AttachmentType;
  bytes: Buffer;
  sha256: string;
}

/** One file checked: its type from its content, its size under the limit. */
export function checkFile(name: string, bytes: Buffer, limits: AttachmentLimits, field: string): CheckedFile {
  const type = sniffType(bytes);
  const shown = safeFileName(name, type ?? 'application/pdf');
  if (bytes.length > limits.maxBytes) {
    const mb = Math.floor(limits.maxBytes / (1024 * 1024));
    throw new AppError('too_large', 'attachment_too_large', `“${shown}” is larger than ${mb} MB`, [
      { field, message: `${shown}: larger than ${mb} MB` },
    ]);
  }
  if (!type || bytes.length === 0)
    throw invalid('attachment_type_refused', `“${shown}” is not an image (JPEG, PNG, GIF, WebP) or a PDF`, [
      { field, message: `${shown}: only JPEG, PNG, GIF, WebP images and PDF files are accepted` },
    ]);
  return {
    fileName: safeFileName(name, type),
    contentType: type,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Every file of a message checked before anything is stored: one refused file refuses the message. */
export function checkUploads(uploads: AttachmentUploadInput[] | undefined, limits: AttachmentLimits): CheckedFile[] {
  if (!uploads?.length) return [];
  if (uploads.length > limits.maxFiles)
    throw invalid('too_many_attachments', `At most ${limits.maxFiles} files per message`, [
      { field: 'attachments', message: `at most ${limits.maxFiles} files` },
    ]);
  return uploads.map((u, i) =>
    checkFile(u.fileName, Buffer.from(u.contentBase64, 'base64'), limits, `attachments.${i}`),
  );
}

/** A checked file written to the files area, under a random key. */
export interface StagedFile extends CheckedFile {
  storageKey: string;
}

/** Writes checked files under random names (owner-only); the rows are inserted by the caller's transaction. */
export async function stageFiles(files: CheckedFile[]): Promise<StagedFile[]> {
  const staged: StagedFile[] = [];
  try {
    for (const f of files) {
      const storageKey = `att_${randomBytes(24).toString('hex')}`;
      await writeFile(fileAreaPath('attachments', storageKey), f.bytes, { mode: 0o600, flag: 'wx' });
      staged.push({ ...f, storageKey });
    }
  } catch (err) {
    await removeFiles(staged.map((s) => s.storageKey));
    throw err;
  }
  return staged;
}

/** Deletes stored files (missing ones are no error); answers how many keys were given. */
export async function removeFiles(keys: string[]): Promise<number> {
  for (const key of keys) await rm(fileAreaPath('attachments', key), { force: true });
  return keys.length;
}

/**
 * Awaits `work` (the transaction storing the rows of `staged`) and deletes the staged files when it
 * fails: a refused or rolled-back message leaves no file behind.
 */
export async function keepingFiles<T>(staged: StagedFile[], work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    await removeFiles(staged.map((s) => s.storageKey));
    throw err;
  }
}

/** A stored file to send: its stream and size (undefined when the file is gone). */
export async function openStoredFile(storageKey: string): Promise<{ stream: Readable; size: number } | undefined> {
  const file = fileAreaPath('attachments', storageKey);
  const info = await stat(file).catch(() => undefined);
  if (!info) return undefined;
  return { stream: createReadStream(file), size: info.size };
}
