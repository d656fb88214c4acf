import { Alert, Anchor, Button, Card, Group, NumberInput, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useSaveSiteSettings, useSiteSettings } from './booking-site.api.ts';

/** Settings → Booking site: the host names the public site answers on, and the rooms per checkout. */
export function BookingSiteSettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canEdit = hasPermission(user, 'settings:write');
  const settings = useSiteSettings();
  const save = useSaveSiteSettings();
  const [hosts, setHosts] = useState('');
  const [maxRooms, setMaxRooms] = useState(5);
  useEffect(() => {
    if (!settings.data) return;
    setHosts(settings.data.hosts.join('\n'));
    setMaxRooms(settings.data.maxRoomsPerCheckout);
  }, [settings.data]);

  if (settings.isError) {
    if (isApiError(settings.error) && settings.error.status === 403) return <ForbiddenState />;
    return <Alert color="red">{describeError(settings.error)}</Alert>;
  }
  const errors = fieldErrorsOf(save.error);
  const hostList = hosts
    .split(/[\s,]+/)
    .map((h) => h.trim())
    .filter(Boolean);
  const generalError = save.error && !Object.keys(errors).length ? describeError(save.error) : null;
  return (
    <>
      <PageHeader title={t('nav.bookingSite')} description={t('bookingSiteAdmin.description')} />
      {!settings.data ? (
        <Skeleton h={260} />
      ) : (
        <Stack maw={760} data-testid="booking-site-settings">
          <Card>
            <Stack gap="sm">
              <Textarea
                label={t('bookingSiteAdmin.hosts.label')}
                description={t('bookingSiteAdmin.hosts.description')}
                placeholder="book.hotel-example.com"
                autosize
                minRows={3}
                value={hosts}
                disabled={!canEdit}
                error={errors.hosts ?? Object.entries(errors).find(([k]) => k.startsWith('hosts.'))?.[1]}
                onChange={(e) => setHosts(e.currentTarget.value)}
                data-testid="site-hosts"
              />
              <Text size="sm" c="dimmed">
                {t('bookingSiteAdmin.hosts.fallback')}{' '}
                <Anchor href="/book" target="_blank" size="sm">
                  /book
                </Anchor>
              </Text>
            </Stack>
          </Card>
          <Card>
            <NumberInput
              label={t('bookingSiteAdmin.maxRooms.label')}
              description={t('bookingSiteAdmin.maxRooms.description')}
              min={1}
              max={10}
              value={maxRooms}
              disabled={!canEdit}
              error={errors.maxRoomsPerCheckout}
              onChange={(v) => setMaxRooms(Math.min(10, Math.max(1, Number(v) || 1)))}
              data-testid="site-max-rooms"
            />
          </Card>
          {generalError ? <Alert color="red">{generalError}</Alert> : null}
          {canEdit ? (
            <Group justify="flex-end">
              <Button
                loading={save.isPending}
                data-testid="save-site-settings"
                onClick={() =>
                  save.mutate(
                    { hosts: hostList, maxRoomsPerCheckout: maxRooms },
                    { onSuccess: () => notifySuccess(t('bookingSiteAdmin.saved')) },
                  )
                }
              >
                {t('actions.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </>
  );
}
