import { Anchor, Breadcrumbs, Card, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ImportHistory } from './import-history.tsx';
import { ImportWizard } from './import-wizard.tsx';

/** Guests → Import: bring guests in from a CSV or Excel file, then the list of past imports. */
export function ImportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canRead = hasPermission(user, 'imports:read');
  const canWrite = hasPermission(user, 'imports:write');
  return (
    <>
      <Breadcrumbs mb="xs" separatorMargin={6} fz="sm">
        <Anchor component={Link} to="/guests" size="sm">
          {t('nav.guests')}
        </Anchor>
        <Anchor component={Link} to="/import-export" size="sm">
          {t('nav.importExport')}
        </Anchor>
      </Breadcrumbs>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      {canRead ? (
        <Stack gap="xl">
          {canWrite ? (
            <Card>
              <ImportWizard />
            </Card>
          ) : null}
          <ImportHistory />
        </Stack>
      ) : (
        <ForbiddenState />
      )}
    </>
  );
}
