import { Alert, Button, Card, Group, NumberInput, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { usePrivacySettings, useRetentionPreview, useSavePrivacySettings } from './privacy.api.ts';

const DEFAULT_YEARS = 5;

/** Settings → Privacy (P-6): the retention rule with its preview, and the backups' lifetime. */
export function PrivacySettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canEdit = hasPermission(user, 'settings:write');
  const settings = usePrivacySettings();
  const save = useSavePrivacySettings();
  const [enabled, setEnabled] = useState(false);
  const [years, setYears] = useState<number>(DEFAULT_YEARS);
  const [backupDays, setBackupDays] = useState(30);
  useEffect(() => {
    if (!settings.data) return;
    setEnabled(settings.data.retentionYears !== null);
    setYears(settings.data.retentionYears ?? DEFAULT_YEARS);
    setBackupDays(settings.data.backupDays);
  }, [settings.data]);
  const validYears = Number.isInteger(years) && years >= 1 && years <= 20 ? years : null;
  const preview = useRetentionPreview(validYears);

  if (!hasPermission(user, 'settings:read')) return <ForbiddenState />;
  if (settings.isError) {
    if (isApiError(settings.error) && settings.error.status === 403) return <ForbiddenState />;
    return <Alert color="red">{describeError(settings.error)}</Alert>;
  }
  const errors = fieldErrorsOf(save.error);
  const generalError = save.error && !Object.keys(errors).length ? describeError(save.error) : null;
  return (
    <>
      <PageHeader title={t('privacyFlows.settings.title')} description={t('privacyFlows.settings.description')} />
      {!settings.data ? (
        <Skeleton h={320} />
      ) : (
        <Stack maw={760} data-testid="privacy-settings">
          {canEdit ? null : <Alert color="gray">{t('privacyFlows.settings.readOnly')}</Alert>}
          <Card>
            <Stack gap="md">
              <Group gap="xs">
                <IconShieldLock size={20} />
                <Title order={5}>{t('privacyFlows.settings.retentionTitle')}</Title>
              </Group>
              <Switch
                label={t('privacyFlows.settings.retentionSwitch')}
                checked={enabled}
                disabled={!canEdit}
                onChange={(e) => setEnabled(e.currentTarget.checked)}
                data-testid="retention-enabled"
              />
              <NumberInput
                label={t('privacyFlows.settings.years')}
                description={t('privacyFlows.settings.yearsHint')}
                min={1}
                max={20}
                allowDecimal={false}
                maw={220}
                value={years}
                disabled={!canEdit}
                error={errors.retentionYears}
                onChange={(v) => setYears(typeof v === 'number' ? v : Number(v))}
                data-testid="retention-years"
              />
              {enabled ? null : (
                <Text size="sm" c="dimmed">
                  {t('privacyFlows.settings.retentionOff')}
                </Text>
              )}
              <Alert color={enabled ? 'orange' : 'blue'} title={t('privacyFlows.settings.previewTitle')}>
                {preview.data && validYears ? (
                  <Stack gap={4} data-testid="retention-preview">
                    <Text size="sm" fw={600}>
                      {t('privacyFlows.settings.preview', { count: preview.data.guests, years: preview.data.years })}
                    </Text>
                    {preview.data.blocked ? (
                      <Text size="sm">
                        {t('privacyFlows.settings.previewBlocked', { count: preview.data.blocked })}
                      </Text>
                    ) : null}
                    <Text size="sm">{t('privacyFlows.settings.job')}</Text>
                  </Stack>
                ) : (
                  <Skeleton h={40} />
                )}
              </Alert>
              <div>
                <Text size="sm" fw={600}>
                  {t('privacyFlows.settings.activityTitle')}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('privacyFlows.settings.activity')}
                </Text>
              </div>
            </Stack>
          </Card>
          <Card>
            <NumberInput
              label={t('privacyFlows.settings.backupDays')}
              description={t('privacyFlows.settings.backupDaysHint')}
              min={0}
              max={3650}
              allowDecimal={false}
              maw={260}
              value={backupDays}
              disabled={!canEdit}
              error={errors.backupDays}
              onChange={(v) => setBackupDays(typeof v === 'number' ? v : Number(v))}
              data-testid="backup-days"
            />
          </Card>
          {generalError ? <Alert color="red">{generalError}</Alert> : null}
          {canEdit ? (
            <Group>
              <Button
                loading={save.isPending}
                data-testid="privacy-save"
                onClick={() =>
                  save.mutate(
                    { retentionYears: enabled ? years : null, backupDays },
                    { onSuccess: () => notifySuccess(t('privacyFlows.settings.saved')) },
                  )
                }
              >
                {t('privacyFlows.settings.save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      )}
    </>
  );
}
