import { Anchor, Badge, FileInput, Group } from '@mantine/core';
import { IconFileTypePdf, IconPaperclip, IconPhoto } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api.ts';

/** A file as a message lists it (issue 16, M-3). */
export interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** A file as the API takes it with a message. */
export interface AttachmentUpload {
  fileName: string;
  contentBase64: string;
}

/** The types the server accepts (it checks the content; this only narrows the browser's file chooser). */
const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,application/pdf';

const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve((reader.result as string).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });

/** The chosen files in the form the API takes. */
export async function toUploads(files: File[]): Promise<AttachmentUpload[]> {
  return Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await base64Of(f) })));
}

/** A refused file's error, translated and naming the file (the server names it by its position). */
export function useAttachmentError(error: unknown, files: File[]): string | undefined {
  const { t } = useTranslation();
  if (!isApiError(error)) return undefined;
  const field = (f: string | undefined) => (f ?? '').replace(/^body\./, '');
  const detail = error.details.find((d) => field(d.field).startsWith('attachments'));
  if (!detail) return undefined;
  const index = Number(field(detail.field).split('.')[1]);
  const name = Number.isInteger(index) ? files[index]?.name : undefined;
  const text = t(`errors.${error.code}`, { defaultValue: error.message });
  return name ? `${name}: ${text}` : text;
}

/** The file picker of a message: images and PDF, several at once. */
export function AttachmentPicker({
  value,
  onChange,
  error,
}: {
  value: File[];
  onChange: (files: File[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <FileInput
      multiple
      clearable
      accept={ACCEPT}
      value={value}
      onChange={onChange}
      label={t('attachments.label')}
      description={t('attachments.hint')}
      placeholder={t('attachments.placeholder')}
      leftSection={<IconPaperclip size={16} />}
      error={error}
      data-testid="attachment-picker"
    />
  );
}

const sizeOf = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

/** A message's files as chips, each a download link (`hrefOf` gives the thread's download route). */
export function AttachmentChips({
  attachments,
  hrefOf,
}: {
  attachments: Attachment[];
  hrefOf: (a: Attachment) => string;
}) {
  const { t } = useTranslation();
  if (attachments.length === 0) return null;
  return (
    <Group gap={6} mt={6} data-testid="attachment-chips">
      {attachments.map((a) => (
        <Badge
          key={a.id}
          variant="outline"
          color="gray"
          tt="none"
          leftSection={a.contentType === 'application/pdf' ? <IconFileTypePdf size={12} /> : <IconPhoto size={12} />}
        >
          <Anchor
            href={hrefOf(a)}
            download={a.fileName}
            size="xs"
            aria-label={t('attachments.download', { name: a.fileName })}
            data-testid="attachment-link"
          >
            {a.fileName} · {sizeOf(a.size)}
          </Anchor>
        </Badge>
      ))}
    </Group>
  );
}
