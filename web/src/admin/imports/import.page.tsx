import { Alert, Anchor, Breadcrumbs, Button, Card, Group, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ImportHistory } from './import-history.tsx';
import { ImportWizard } from './import-wizard.tsx';
import { useImport } from './imports.api.ts';

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
              <ResumableWizard />
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

/** The wizard, or a past import opened from the history (`?import=<id>`): its check or its result. */
function ResumableWizard() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const id = params.get('import');
  const resume = useImport(id);
  const clear = () => setParams({}, { replace: true });
  if (!id) return <ImportWizard key="new" />;
  if (resume.isError) {
    return (
      <Stack>
        <Alert color="red" title={t('errors.title')}>
          {describeError(resume.error)}
        </Alert>
        <Group>
          <Button variant="default" onClick={clear}>
            {t('imports.actions.another')}
          </Button>
        </Group>
      </Stack>
    );
  }
  if (!resume.data) return <Skeleton h={320} radius="md" />;
  return <ImportWizard key={id} resume={resume.data} onReset={clear} />;
}
