import { AppError } from '../../core/errors.ts';
import { checkFile, type AttachmentLimits, type CheckedFile } from './attachment-files.ts';

/**
 * The files of a received e-mail, checked like uploads. A mail cannot be answered with a 400, so a
 * refused file (wrong type, too large, past the count limit) is left out and named at the end of
 * the message, for staff to ask for it another way; the message itself is kept.
 */
export function checkInboundFiles(
  files: { fileName: string; bytes: Buffer }[],
  limits: AttachmentLimits,
): { checked: CheckedFile[]; refusedNote: string } {
  const checked: CheckedFile[] = [];
  const refused: string[] = [];
  files.forEach((f, i) => {
    try {
      if (checked.length >= limits.maxFiles)
        throw new AppError('invalid', 'too_many_attachments', `${f.fileName || `file ${i + 1}`}: too many files`);
      checked.push(checkFile(f.fileName, f.bytes, limits, `attachments.${i}`));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      refused.push(err.details[0]?.message ?? err.message);
    }
  });
  const refusedNote = refused.map((r) => `\n\n[Attachment not kept: ${r}]`).join('');
  return { checked, refusedNote };
}
