import { Button, Card, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../shared/page-header.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Card py={64}>
        <EmptyState
          icon={<IconMapOff size={28} />}
          variant="light"
          color="gray"
          description={t('notFound.description')}
        >
          <EmptyState.Actions>
            <Button component={Link} to="/">
              {t('notFound.backHome')}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      </Card>
    </>
  );
}

/** Shown in place of a page the signed-in user's role does not allow. */
export function ForbiddenState() {
  const { t } = useTranslation();
  return (
    <Card py={64} data-testid="forbidden">
      <EmptyState
        icon={<IconMapOff size={28} />}
        variant="light"
        color="orange"
        title={t('forbidden.title')}
        description={t('forbidden.description')}
      />
    </Card>
  );
}
