import { Alert, Button, Card, Group, Radio, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { describeError, notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { type IdentitySettings, useIdentitySettings, useSaveIdentitySettings } from './identity-settings.api.ts';

/** Settings → Identity (issue 14): balanced / cautious automatic merges, and match on name alone. */
export function IdentitySettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canEdit = hasPermission(user, 'settings:write');
  const settings = useIdentitySettings();
  const save = useSaveIdentitySettings();
  const [mode, setMode] = useState<IdentitySettings['mode']>('balanced');
  const [nameAlone, setNameAlone] = useState(false);
  useEffect(() => {
    if (!settings.data) return;
    setMode(settings.data.mode);
    setNameAlone(settings.data.matchOnNameAlone);
  }, [settings.data]);

  if (!hasPermission(user, 'settings:read')) return <ForbiddenState />;
  if (settings.isError) {
    if (isApiError(settings.error) && settings.error.status === 403) return <ForbiddenState />;
    return <Alert color="red">{describeError(settings.error)}</Alert>;
  }
  return (
    <>
      <PageHeader title={t('identitySettings.title')} description={t('identitySettings.description')} />
      {!settings.data ? (
        <Skeleton h={240} />
      ) : (
        <Stack maw={760} data-testid="identity-settings">
          {canEdit ? null : <Alert color="gray">{t('identitySettings.readOnly')}</Alert>}
          <Card>
            <Radio.Group
              label={t('identitySettings.modeLabel')}
              value={mode}
              onChange={(v) => setMode(v === 'cautious' ? 'cautious' : 'balanced')}
            >
              <Stack gap="xs" mt="xs">
                <Radio
                  value="balanced"
                  disabled={!canEdit}
                  label={t('identitySettings.balanced')}
                  description={t('identitySettings.balancedHint')}
                  data-testid="identity-mode-balanced"
                />
                <Radio
                  value="cautious"
                  disabled={!canEdit}
                  label={t('identitySettings.cautious')}
                  description={t('identitySettings.cautiousHint')}
                  data-testid="identity-mode-cautious"
                />
              </Stack>
            </Radio.Group>
            <Text size="sm" c="dimmed" mt="md">
              {t('identitySettings.hardRules')}
            </Text>
          </Card>
          <Card>
            <Switch
              label={t('identitySettings.nameAlone')}
              description={t('identitySettings.nameAloneHint')}
              checked={nameAlone}
              disabled={!canEdit}
              onChange={(e) => setNameAlone(e.currentTarget.checked)}
              data-testid="identity-name-alone"
            />
          </Card>
          {save.error ? <Alert color="red">{describeError(save.error)}</Alert> : null}
          {canEdit ? (
            <Group>
              <Button
                loading={save.isPending}
                data-testid="identity-save"
                onClick={() =>
                  save.mutate(
                    { mode, matchOnNameAlone: nameAlone },
                    { onSuccess: () => notifySuccess(t('identitySettings.saved')) },
                  )
                }
              >
                {t('identitySettings.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </>
  );
}
