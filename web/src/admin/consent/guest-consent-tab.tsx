import { Badge, Button, Card, Group, HoverCard, Modal, Select, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import {
  CONSENT_CHANNELS,
  purposeName,
  useConsentPurposes,
  useConsentWordings,
  useGuestConsents,
  useRecordConsent,
  type ConsentChannel,
  type ConsentStatus,
  type GuestConsent,
} from './consent.api.ts';

/** P-4: the guest's consent ledger, newest first, and recording a change with the wording read out. */
export function GuestConsentTab({ guestId, canWrite }: { guestId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const consents = useGuestConsents(guestId);
  const purposes = useConsentPurposes();
  const [recording, setRecording] = useState<ConsentStatus | null>(null);

  return (
    <Stack gap="md">
      <Card>
        <Group justify="space-between">
          <Group gap="sm">
            <IconShieldCheck size={22} color="var(--mantine-color-teal-6)" />
            <div>
              <Text fw={600}>{t('consent.marketing')}</Text>
              <Text size="sm" c="dimmed">
                {t('consent.derivedHint')}
              </Text>
            </div>
            {consents.data ? (
              <Badge color={consents.data.marketingConsent ? 'teal' : 'gray'} data-testid="consent-derived">
                {consents.data.marketingConsent ? t('consent.status.granted') : t('consent.status.none')}
              </Badge>
            ) : null}
          </Group>
          {canWrite ? (
            <Group gap="xs">
              <Button variant="light" onClick={() => setRecording('granted')} data-testid="consent-grant">
                {t('consent.recordGrant')}
              </Button>
              <Button
                variant="light"
                color="red"
                onClick={() => setRecording('withdrawn')}
                data-testid="consent-withdraw"
              >
                {t('consent.recordWithdraw')}
              </Button>
            </Group>
          ) : null}
        </Group>
      </Card>
      {consents.isPending ? (
        <Skeleton h={120} />
      ) : consents.data?.items.length ? (
        <Card p={0}>
          <Table striped highlightOnHover data-testid="consent-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consent.columns.when')}</Table.Th>
                <Table.Th>{t('consent.columns.channel')}</Table.Th>
                <Table.Th>{t('consent.columns.purpose')}</Table.Th>
                <Table.Th>{t('consent.columns.status')}</Table.Th>
                <Table.Th>{t('consent.columns.source')}</Table.Th>
                <Table.Th>{t('consent.columns.who')}</Table.Th>
                <Table.Th>{t('consent.columns.wording')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {consents.data.items.map((c) => (
                <ConsentRow
                  key={c.id}
                  consent={c}
                  purpose={purposeName(purposes.data?.items, c.purpose, i18n.language)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ) : (
        <Card py={40}>
          <Text c="dimmed" size="sm" ta="center">
            {t('consent.empty')}
          </Text>
        </Card>
      )}
      {recording ? (
        <RecordConsentModal guestId={guestId} status={recording} onClose={() => setRecording(null)} />
      ) : null}
    </Stack>
  );
}

function ConsentRow({ consent: c, purpose }: { consent: GuestConsent; purpose: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const who =
    c.actor.name ??
    (c.actor.type === 'customer'
      ? t('consent.actors.customer')
      : t(`consent.actors.${c.actor.type === 'api_key' ? 'api_key' : 'system'}`));
  return (
    <Table.Tr data-testid="consent-row">
      <Table.Td>{format.dateTime(c.at)}</Table.Td>
      <Table.Td>{t(`consent.channels.${c.channel}`)}</Table.Td>
      <Table.Td>{purpose}</Table.Td>
      <Table.Td>
        <Badge color={c.status === 'granted' ? 'teal' : 'red'} variant="light">
          {t(`consent.status.${c.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {t(`consent.sources.${c.source}`)}
        {c.migrated ? (
          <Text size="xs" c="dimmed">
            {t('consent.migrated')}
          </Text>
        ) : null}
        {c.fromMergedProfile ? (
          <Text size="xs" c="dimmed">
            {t('consent.fromMerged')}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{who}</Text>
        {c.ip ? (
          <Text size="xs" c="dimmed">
            {t('consent.ip', { ip: c.ip })}
          </Text>
        ) : null}
        {c.reference ? (
          <Text size="xs" c="dimmed">
            {c.reference}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {c.wording ? (
          <HoverCard width={320} shadow="md" withinPortal>
            <HoverCard.Target>
              <Badge variant="outline" style={{ cursor: 'help' }} data-testid="consent-wording">
                {c.wording.version === null
                  ? t('consent.wordingCustom')
                  : t('consent.version', { version: c.wording.version })}
                {c.wording.language ? ` · ${c.wording.language.toUpperCase()}` : ''}
              </Badge>
            </HoverCard.Target>
            <HoverCard.Dropdown>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {c.wording.text}
              </Text>
            </HoverCard.Dropdown>
          </HoverCard>
        ) : (
          <Text size="xs" c="dimmed">
            {t('consent.noWording')}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function RecordConsentModal({
  guestId,
  status,
  onClose,
}: {
  guestId: string;
  status: ConsentStatus;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const purposes = useConsentPurposes();
  const wordings = useConsentWordings();
  const record = useRecordConsent(guestId);
  const [channel, setChannel] = useState<ConsentChannel>('email');
  const [purpose, setPurpose] = useState('marketing');
  const [language, setLanguage] = useState(['en', 'es', 'fr'].includes(i18n.language) ? i18n.language : 'en');
  const wording = wordings.data?.items.find((w) => w.current && w.purpose === purpose && w.language === language);

  const save = () =>
    record.mutate(
      {
        channel,
        purpose,
        status,
        ...(wording ? { wording: { text: wording.text, version: wording.version, language } } : {}),
      },
      {
        onSuccess: () => {
          notifySuccess(t('consent.recorded'));
          onClose();
        },
        onError: notifyError,
      },
    );

  return (
    <Modal
      opened
      onClose={onClose}
      title={status === 'granted' ? t('consent.recordGrant') : t('consent.recordWithdraw')}
    >
      <Stack>
        <Select
          label={t('consent.columns.channel')}
          data={CONSENT_CHANNELS.map((c) => ({ value: c, label: t(`consent.channels.${c}`) }))}
          value={channel}
          onChange={(v) => v && setChannel(v)}
          allowDeselect={false}
          data-testid="consent-channel"
        />
        <Select
          label={t('consent.columns.purpose')}
          data={(purposes.data?.items ?? [{ key: 'marketing', builtIn: true, names: {} }]).map((p) => ({
            value: p.key,
            label: purposeName(purposes.data?.items, p.key, i18n.language),
          }))}
          value={purpose}
          onChange={(v) => v && setPurpose(v)}
          allowDeselect={false}
        />
        <Select
          label={t('consent.wordingLanguage')}
          data={['en', 'es', 'fr'].map((l) => ({ value: l, label: t(`consent.languages.${l}`) }))}
          value={language}
          onChange={(v) => v && setLanguage(v)}
          allowDeselect={false}
        />
        <Card withBorder bg="var(--mantine-color-gray-0)">
          <Text size="xs" c="dimmed" mb={4}>
            {wording ? t('consent.readOut', { version: wording.version }) : t('consent.noWordingYet')}
          </Text>
          {wording ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="consent-read-out">
              {wording.text}
            </Text>
          ) : null}
        </Card>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            loading={record.isPending}
            onClick={save}
            color={status === 'granted' ? 'teal' : 'red'}
            data-testid="consent-save"
          >
            {t('consent.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
