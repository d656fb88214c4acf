import { Card, EmptyState } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../shared/page-header.tsx';

/** Placeholder for a section that is planned but not built yet. */
export function ComingSoonPage({ section }: { section: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} description={t(`sections.${section}`)} />
      <Card py={64} data-testid="coming-soon">
        <EmptyState
          icon={<IconTools size={28} />}
          variant="light"
          title={t('comingSoon.title')}
          description={t('comingSoon.description')}
        />
      </Card>
    </>
  );
}
