import { Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconFileExport, IconFileImport } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ImportHistory } from './import-history.tsx';

/** Import & export: where to bring guests in (and take them out), and the imports run so far. */
export function ImportExportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canImport = hasPermission(user, 'imports:write');
  const canSeeImports = hasPermission(user, 'imports:read');
  const canSeeGuests = hasPermission(user, 'guests:read');
  if (!canSeeImports && !canSeeGuests) {
    return (
      <>
        <PageHeader title={t('nav.importExport')} description={t('sections.importExport')} />
        <ForbiddenState />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('nav.importExport')} description={t('sections.importExport')} />
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Choice
            icon={<IconFileImport size={24} />}
            title={t('imports.hub.importTitle')}
            description={t('imports.hub.importDescription')}
            action={
              canImport ? (
                <Button
                  component={Link}
                  to="/guests/import"
                  rightSection={<IconArrowRight size={16} />}
                  data-testid="hub-import"
                >
                  {t('imports.hub.importAction')}
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('imports.hub.importNotAllowed')}
                </Text>
              )
            }
          />
          <Choice
            icon={<IconFileExport size={24} />}
            title={t('imports.hub.exportTitle')}
            description={t('imports.hub.exportDescription')}
            action={
              canSeeGuests ? (
                <Button component={Link} to="/guests" variant="default" rightSection={<IconArrowRight size={16} />}>
                  {t('imports.hub.exportAction')}
                </Button>
              ) : null
            }
          />
        </SimpleGrid>
        {canSeeImports ? <ImportHistory /> : null}
      </Stack>
    </>
  );
}

function Choice(props: { icon: ReactNode; title: string; description: string; action: ReactNode }) {
  return (
    <Card>
      <Stack gap="sm" h="100%" justify="space-between">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="md" variant="light" color="teal">
            {props.icon}
          </ThemeIcon>
          <Stack gap={4}>
            <Title order={4}>{props.title}</Title>
            <Text size="sm" c="dimmed">
              {props.description}
            </Text>
          </Stack>
        </Group>
        <Group justify="flex-end">{props.action}</Group>
      </Stack>
    </Card>
  );
}
