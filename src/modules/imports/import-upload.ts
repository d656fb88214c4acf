import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError, invalid } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { removeUpload, uploadPath } from './import-file.ts';
import { ImportFormFields, type ImportRequest } from './import-run.schemas.ts';
import { ImportMapping } from './reading/index.ts';

/** An upload written to disk with the form's fields. */
export interface ReceivedUpload {
  uploadName: string;
  fileName: string;
  size: number;
  request: ImportRequest;
}

const tooLarge = (maxBytes: number) =>
  new AppError('too_large', 'import_file_too_large', `The file is larger than ${Math.round(maxBytes / 1048576)} MB.`);

/**
 * Reads a multipart import request: streams the `file` part to the imports area (never whole in
 * memory; over `maxBytes` it is deleted and the answer is 413) and checks the text fields.
 */
export async function receiveUpload(req: FastifyRequest, maxBytes: number): Promise<ReceivedUpload> {
  if (!req.isMultipart()) {
    throw invalid('import_not_multipart', 'Send the file as multipart/form-data with the field "file".');
  }
  const fields: Record<string, string> = {};
  let upload: { uploadName: string; fileName: string; size: number } | undefined;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw invalid('import_unexpected_file', 'Send exactly one file, in the field "file".');
        }
        const uploadName = newId('upl');
        upload = { uploadName, fileName: cleanFileName(part.filename), size: 0 };
        await pipeline(part.file, createWriteStream(uploadPath(uploadName), { mode: 0o600 }));
        if (part.file.truncated) throw tooLarge(maxBytes);
        upload.size = part.file.bytesRead;
      } else {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : String(part.value);
      }
    }
    if (!upload) throw invalid('import_file_missing', 'Send the file in the multipart field "file".');
    return { ...upload, request: parseFields(fields) };
  } catch (err) {
    if (upload) removeUpload(upload.uploadName);
    throw mapMultipartError(err, maxBytes);
  }
}

function parseFields(fields: Record<string, string>): ImportRequest {
  const parsed = ImportFormFields.safeParse(fields);
  if (!parsed.success) {
    throw invalid(
      'validation_failed',
      'The form fields are not valid.',
      parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'form', message: i.message })),
    );
  }
  const { dryRun, mapping, onExisting } = parsed.data;
  let mappingValue: ImportMapping | undefined;
  if (mapping !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(mapping);
    } catch {
      throw invalid('validation_failed', 'The mapping is not JSON.', [{ field: 'mapping', message: 'not JSON' }]);
    }
    const checked = ImportMapping.safeParse(json);
    if (!checked.success) {
      throw invalid(
        'validation_failed',
        'The mapping is not valid.',
        checked.error.issues.slice(0, 20).map((i) => ({ field: `mapping.${i.path.join('.')}`, message: i.message })),
      );
    }
    mappingValue = checked.data;
  }
  return {
    dryRun: dryRun === 'true',
    onExisting: onExisting ?? 'enrich',
    ...(mappingValue ? { mapping: mappingValue } : {}),
  };
}

/** A file name to show (never used as a path): no control characters, at most 200 characters. */
function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex -- control characters are removed from the name shown
  const clean = (name ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'upload').slice(0, 200);
}

function mapMultipartError(err: unknown, maxBytes: number): unknown {
  if (err instanceof AppError) return err;
  const e = err as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(maxBytes);
  if (typeof e.code === 'string' && e.code.startsWith('FST_') && (e.statusCode ?? 500) < 500) {
    const kind = e.statusCode === 413 ? 'too_large' : 'invalid';
    return new AppError(kind, 'import_form_invalid', e.message ?? 'The multipart form is not valid.');
  }
  // A client that stops sending, a malformed multipart body: the form could not be read.
  if (e.message && /multipart|boundary|Unexpected end|premature|aborted/i.test(e.message)) {
    return invalid('import_form_invalid', 'The multipart form could not be read.');
  }
  return err;
}
