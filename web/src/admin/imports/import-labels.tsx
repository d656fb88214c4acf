import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportAuthor, ImportProblem, ImportRun, ImportStatus } from './import.types.ts';

/** Texts that turn the import API's codes into words, in the current language. */
export function useImportLabels() {
  const { t, i18n } = useTranslation();
  const known = (key: string) => i18n.exists(key);
  return {
    field: (field: string) => (known(`imports.fields.${field}`) ? t(`imports.fields.${field}`) : field),
    /** The recognised system's name ("PrestaShop / QloApps customer export"); the server's own if not translated. */
    format: (formatId: string | null | undefined, fallback?: string | null) =>
      formatId && known(`imports.formats.${formatId}`) ? t(`imports.formats.${formatId}`) : (fallback ?? ''),
    kind: (kind: string) => (known(`imports.kinds.${kind}`) ? t(`imports.kinds.${kind}`) : kind.toUpperCase()),
    encoding: (encoding: string | null) => {
      if (!encoding) return t('imports.detected.notApplicable');
      const key = `imports.encodings.${encoding.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
      return known(key) ? t(key) : encoding;
    },
    delimiter: (delimiter: string | null) => {
      if (!delimiter) return t('imports.detected.notApplicable');
      const name = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' }[delimiter];
      return name ? t(`imports.delimiters.${name}`) : delimiter;
    },
    problem: (problem: ImportProblem) =>
      known(`imports.problems.${problem.code}`) ? t(`imports.problems.${problem.code}`) : problem.message,
    /** The author's name when the server gives it; "You" for the signed-in user; else what they are. */
    author: (author: ImportAuthor | null | undefined, me: { id: string; name: string }) => {
      if (author?.name) return author.name;
      if (author?.type === 'staff' && author.id === me.id) return me.name;
      const typeKey = `privacyAccess.actorTypes.${author?.type ?? ''}`;
      return author?.type && known(typeKey) ? t(typeKey) : t('imports.history.unknownAuthor');
    },
  };
}

const STATUS_COLORS: Record<ImportStatus, string> = { queued: 'gray', running: 'blue', done: 'teal', failed: 'red' };

export function StatusBadge({ run }: { run: Pick<ImportRun, 'status'> }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[run.status] ?? 'gray'} data-testid="import-status">
      {t(`imports.status.${run.status}`)}
    </Badge>
  );
}
