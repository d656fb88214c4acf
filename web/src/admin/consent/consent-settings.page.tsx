import {
  Badge,
  Button,
  Card,
  Group,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  purposeName,
  useConsentPurposes,
  useConsentWordings,
  usePublishWording,
  useSavePurpose,
} from './consent.api.ts';

const LANGUAGES = ['en', 'es', 'fr'] as const;

/** Settings → Consent: the purposes guests consent to, and the versioned wording shown to them (P-4). */
export function ConsentSettingsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canEdit = hasPermission(user, 'settings:write');
  return (
    <>
      <PageHeader title={t('nav.consent')} description={t('sections.consent')} />
      <Stack gap="xl">
        <PurposesCard canEdit={canEdit} />
        <WordingsCard canEdit={canEdit} />
      </Stack>
    </>
  );
}

function PurposesCard({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const purposes = useConsentPurposes();
  const save = useSavePurpose();
  const [key, setKey] = useState('');
  const [names, setNames] = useState<Record<string, string>>({ en: '', es: '', fr: '' });
  const add = () =>
    save.mutate(
      { key: key.trim(), names: Object.fromEntries(Object.entries(names).filter(([, v]) => v.trim())), isNew: true },
      {
        onSuccess: () => {
          notifySuccess(t('consent.settings.purposeAdded'));
          setKey('');
          setNames({ en: '', es: '', fr: '' });
        },
        onError: notifyError,
      },
    );
  return (
    <Card>
      <Title order={4} mb="xs">
        {t('consent.settings.purposes')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('consent.settings.purposesHint')}
      </Text>
      {purposes.isPending ? (
        <Skeleton h={60} />
      ) : (
        <Table data-testid="consent-purposes">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consent.settings.key')}</Table.Th>
              {LANGUAGES.map((l) => (
                <Table.Th key={l}>{t(`consent.languages.${l}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {purposes.data?.items.map((p) => (
              <Table.Tr key={p.key}>
                <Table.Td>
                  <Group gap="xs">
                    <Text size="sm" ff="monospace">
                      {p.key}
                    </Text>
                    {p.builtIn ? <Badge size="xs">{t('consent.settings.builtIn')}</Badge> : null}
                  </Group>
                </Table.Td>
                {LANGUAGES.map((l) => (
                  <Table.Td key={l}>{p.names[l] ?? '—'}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit ? (
        <Group mt="md" align="flex-end">
          <TextInput
            label={t('consent.settings.key')}
            placeholder="surveys"
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            w={140}
          />
          {LANGUAGES.map((l) => (
            <TextInput
              key={l}
              label={t(`consent.languages.${l}`)}
              value={names[l]}
              onChange={(e) => setNames({ ...names, [l]: e.currentTarget.value })}
            />
          ))}
          <Button onClick={add} loading={save.isPending} disabled={!key.trim() || !names.en?.trim()}>
            {t('consent.settings.addPurpose')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

function WordingsCard({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const purposes = useConsentPurposes();
  const wordings = useConsentWordings();
  const publish = usePublishWording();
  const [purpose, setPurpose] = useState('marketing');
  const [language, setLanguage] = useState<string>('en');
  const [text, setText] = useState('');
  const submit = () =>
    publish.mutate(
      { purpose, language, text: text.trim() },
      {
        onSuccess: (w) => {
          notifySuccess(t('consent.settings.published', { version: w.version }));
          setText('');
        },
        onError: notifyError,
      },
    );
  return (
    <Card>
      <Title order={4} mb="xs">
        {t('consent.settings.wordings')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('consent.settings.wordingsHint')}
      </Text>
      {canEdit ? (
        <Stack mb="lg">
          <Group>
            <Select
              label={t('consent.columns.purpose')}
              data={(purposes.data?.items ?? []).map((p) => ({
                value: p.key,
                label: purposeName(purposes.data?.items, p.key, i18n.language),
              }))}
              value={purpose}
              onChange={(v) => v && setPurpose(v)}
              allowDeselect={false}
            />
            <Select
              label={t('consent.wordingLanguage')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`consent.languages.${l}`) }))}
              value={language}
              onChange={(v) => v && setLanguage(v)}
              allowDeselect={false}
            />
          </Group>
          <Textarea
            label={t('consent.settings.text')}
            autosize
            minRows={2}
            maxLength={4000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            data-testid="wording-text"
          />
          <Group justify="flex-end">
            <Button onClick={submit} loading={publish.isPending} disabled={!text.trim()} data-testid="wording-publish">
              {t('consent.settings.publish')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {wordings.isPending ? (
        <Skeleton h={60} />
      ) : wordings.data?.items.length ? (
        <Table data-testid="consent-wordings">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('consent.columns.purpose')}</Table.Th>
              <Table.Th>{t('consent.wordingLanguage')}</Table.Th>
              <Table.Th>{t('consent.columns.wording')}</Table.Th>
              <Table.Th>{t('consent.settings.text')}</Table.Th>
              <Table.Th>{t('consent.settings.published_at')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {wordings.data.items.map((w) => (
              <Table.Tr key={w.id}>
                <Table.Td>{purposeName(purposes.data?.items, w.purpose, i18n.language)}</Table.Td>
                <Table.Td>{w.language.toUpperCase()}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {t('consent.version', { version: w.version })}
                    {w.current ? (
                      <Badge size="xs" color="teal">
                        {t('consent.settings.current')}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                    {w.text}
                  </Text>
                </Table.Td>
                <Table.Td>{format.dateTime(w.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('consent.settings.noWordings')}
        </Text>
      )}
    </Card>
  );
}
