import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFileDownload, IconShieldLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import { notifyError, notifySuccess } from '../../shared/errors.ts';

/** Saves the customer's own personal-data document as `my-data-<account>-<date>.json`. */
async function downloadMyData(): Promise<void> {
  const doc = await api.get<{ subject: { id: string } }>('/account/personal-data');
  const blob = new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `my-data-${doc.subject.id}-${new Date().toISOString().slice(0, 10)}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Download my data" (P-3): the account's own copy of what the hotel holds that it can prove is its own. */
export function MyDataCard() {
  const { t } = useTranslation();
  const download = useMutation({ mutationFn: downloadMyData });
  return (
    <Card withBorder radius="lg" p="lg" mt="lg" data-testid="my-data-card">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
        <Group align="flex-start" wrap="nowrap" gap="md" maw={560}>
          <ThemeIcon size={42} radius="md" variant="light" color="indigo">
            <IconShieldLock size={22} />
          </ThemeIcon>
          <Stack gap={4}>
            <Title order={4}>{t('privacyAccess.myData.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('privacyAccess.myData.description')}
            </Text>
          </Stack>
        </Group>
        <Button
          variant="light"
          leftSection={<IconFileDownload size={18} />}
          loading={download.isPending}
          data-testid="download-my-data"
          onClick={() =>
            download.mutate(undefined, {
              onSuccess: () => notifySuccess(t('privacyAccess.myData.done')),
              onError: notifyError,
            })
          }
        >
          {t('privacyAccess.myData.action')}
        </Button>
      </Group>
    </Card>
  );
}
