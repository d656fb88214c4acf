import { Box, Button, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';

const ACCEPT =
  '.csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface FileDropProps {
  onFile: (file: File) => void;
  /** Uploading: the area shows a loader and takes no new file. */
  busy: boolean;
  fileName?: string;
}

/** A drop area for one CSV or Excel file: drag it in, or click to pick it. */
export function FileDrop({ onFile, busy, fileName }: FileDropProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const onDrag = (event: DragEvent<HTMLDivElement>, entering: boolean) => {
    event.preventDefault();
    event.stopPropagation();
    if (!busy) setOver(entering);
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    onDrag(event, false);
    const file = event.dataTransfer.files[0];
    if (file && !busy) onFile(file);
  };

  return (
    <Box
      role="button"
      tabIndex={0}
      aria-label={t('imports.upload.pick')}
      onClick={() => !busy && input.current?.click()}
      onKeyDown={(event) => {
        if ((event.key === 'Enter' || event.key === ' ') && !busy) {
          event.preventDefault();
          input.current?.click();
        }
      }}
      onDragEnter={(event) => onDrag(event, true)}
      onDragOver={(event) => onDrag(event, true)}
      onDragLeave={(event) => onDrag(event, false)}
      onDrop={onDrop}
      data-testid="import-drop"
      data-over={over || undefined}
      style={{
        cursor: busy ? 'progress' : 'pointer',
        border: `2px dashed var(--mantine-color-${over ? 'teal-6' : 'gray-4'})`,
        borderRadius: 'var(--mantine-radius-md)',
        background: over ? 'var(--mantine-color-teal-0)' : 'var(--mantine-color-gray-0)',
        padding: '48px 24px',
        transition: 'background 120ms, border-color 120ms',
      }}
    >
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        hidden
        data-testid="import-file"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
      <Stack align="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light" color="teal">
          {busy ? <Loader size={26} color="teal" /> : <IconFileSpreadsheet size={30} />}
        </ThemeIcon>
        <Text fw={600} size="lg" ta="center">
          {busy ? t('imports.upload.reading', { name: fileName ?? '' }) : t('imports.upload.title')}
        </Text>
        <Text size="sm" c="dimmed" ta="center" maw={520}>
          {t('imports.upload.hint')}
        </Text>
        {busy ? null : (
          <Group>
            {/* A look, not a second control: the whole area is the button. */}
            <Button component="span" variant="light" leftSection={<IconUpload size={16} />}>
              {t('imports.upload.pick')}
            </Button>
          </Group>
        )}
      </Stack>
    </Box>
  );
}
