import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  ScrollArea,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDeviceFloppy, IconRestore } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf, notifyError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  EMAIL_EVENTS,
  EMAIL_LANGUAGES,
  useEmailTemplate,
  useResetTemplate,
  useSaveTemplate,
  useTemplatePreview,
  type EmailEvent,
  type EmailLanguage,
  type EmailTemplate,
  type TemplateDraft,
} from './email.api.ts';

type Field = 'subject' | 'bodyText' | 'bodyHtml';

/** Settings → E-mail templates (M-4): the wording of every message, per event and language. */
export function EmailTemplatesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [event, setEvent] = useState<EmailEvent>('booking.confirmation');
  const [language, setLanguage] = useState<EmailLanguage>('en');
  const canRead = hasPermission(user, 'settings:read');

  return (
    <>
      <PageHeader title={t('nav.emailTemplates')} description={t('sections.emailTemplates')} />
      {canRead ? (
        <Stack gap="md">
          <Card>
            <Group align="flex-end" gap="lg" wrap="wrap">
              <Select
                label={t('email.templates.event')}
                data={EMAIL_EVENTS.map((value) => ({ value, label: t(`email.events.${value}`) }))}
                value={event}
                onChange={(value) => value && setEvent(value)}
                allowDeselect={false}
                w={340}
                data-testid="email-template-event"
              />
              <Stack gap={4}>
                <Text size="sm" fw={500}>
                  {t('email.templates.language')}
                </Text>
                <SegmentedControl
                  data={EMAIL_LANGUAGES.map((value) => ({ value, label: t(`email.languages.${value}`) }))}
                  value={language}
                  onChange={(value) => setLanguage(value)}
                  data-testid="email-template-language"
                />
              </Stack>
              <Text size="sm" c="dimmed" maw={420}>
                {t(`email.eventDescriptions.${event}`)}
              </Text>
            </Group>
          </Card>
          <TemplateEditor key={`${event}/${language}`} event={event} language={language} />
        </Stack>
      ) : (
        <ForbiddenState />
      )}
    </>
  );
}

function TemplateEditor({ event, language }: { event: EmailEvent; language: EmailLanguage }) {
  const { t } = useTranslation();
  const template = useEmailTemplate(event, language);

  if (template.isError) {
    if (isApiError(template.error) && template.error.status === 403) return <ForbiddenState />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(template.error)}
      </Alert>
    );
  }
  if (template.isPending) {
    return (
      <Grid>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Skeleton h={520} radius="md" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Skeleton h={520} radius="md" />
        </Grid.Col>
      </Grid>
    );
  }
  return (
    <TemplateForm
      key={template.data.updatedAt ?? 'default'}
      event={event}
      language={language}
      template={template.data}
    />
  );
}

const draftOf = (template: EmailTemplate): TemplateDraft => ({
  subject: template.subject,
  bodyText: template.bodyText,
  bodyHtml: template.bodyHtml,
});

function TemplateForm({
  event,
  language,
  template,
}: {
  event: EmailEvent;
  language: EmailLanguage;
  template: EmailTemplate;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const user = useCurrentUser();
  const canWrite = hasPermission(user, 'settings:write');
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(template));
  const [withHtml, setWithHtml] = useState(template.bodyHtml !== null);
  const [saveErrors, setSaveErrors] = useState<Record<string, string>>({});
  const [confirmReset, setConfirmReset] = useState(false);
  const save = useSaveTemplate(event, language);
  const reset = useResetTemplate(event, language);
  const refs = {
    subject: useRef<HTMLInputElement>(null),
    bodyText: useRef<HTMLTextAreaElement>(null),
    bodyHtml: useRef<HTMLTextAreaElement>(null),
  };
  const lastField = useRef<Field>('bodyText');

  const effective: TemplateDraft = { ...draft, bodyHtml: withHtml ? (draft.bodyHtml ?? '') : null };
  const [debounced] = useDebouncedValue(effective, 350);
  const preview = useTemplatePreview(event, language, debounced);
  const previewErrors = preview.isError ? fieldErrorsOf(preview.error) : {};
  const errors = { ...previewErrors, ...saveErrors };
  const dirty =
    effective.subject !== template.subject ||
    effective.bodyText !== template.bodyText ||
    (effective.bodyHtml ?? null) !== (template.bodyHtml ?? null);

  useEffect(() => setSaveErrors({}), [draft, withHtml]);

  const change = (field: Field, value: string) => setDraft((d) => ({ ...d, [field]: value }));

  /** Inserts {{name}} where the cursor was in the last field used. */
  const insert = (name: string) => {
    const field = lastField.current === 'bodyHtml' && !withHtml ? 'bodyText' : lastField.current;
    const element = refs[field].current;
    const current = (field === 'bodyHtml' ? draft.bodyHtml : draft[field]) ?? '';
    const start = element?.selectionStart ?? current.length;
    const end = element?.selectionEnd ?? current.length;
    const token = `{{${name}}}`;
    change(field, current.slice(0, start) + token + current.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const onSave = () =>
    save.mutate(effective, {
      onSuccess: () => notifySuccess(t('email.templates.saved')),
      onError: (error) => {
        const fields = fieldErrorsOf(error);
        setSaveErrors(fields);
        if (!Object.keys(fields).length) notifyError(error);
      },
    });

  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card>
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={4}>{t('email.templates.editor')}</Title>
              {template.customised ? (
                <Tooltip
                  label={
                    template.updatedAt
                      ? t('email.templates.editedAt', { date: format.dateTime(template.updatedAt) })
                      : ''
                  }
                  disabled={!template.updatedAt}
                >
                  <Badge color="blue" variant="light" data-testid="email-template-state">
                    {t('email.templates.customised')}
                  </Badge>
                </Tooltip>
              ) : (
                <Badge color="gray" variant="light" data-testid="email-template-state">
                  {t('email.templates.default')}
                </Badge>
              )}
            </Group>
            <TextInput
              ref={refs.subject}
              label={t('email.templates.subject')}
              value={draft.subject}
              onChange={(e) => change('subject', e.currentTarget.value)}
              onFocus={() => (lastField.current = 'subject')}
              error={errors.subject}
              readOnly={!canWrite}
              data-testid="email-template-subject"
            />
            <Textarea
              ref={refs.bodyText}
              label={t('email.templates.bodyText')}
              value={draft.bodyText}
              onChange={(e) => change('bodyText', e.currentTarget.value)}
              onFocus={() => (lastField.current = 'bodyText')}
              error={errors.bodyText}
              autosize
              minRows={12}
              maxRows={28}
              readOnly={!canWrite}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              data-testid="email-template-body"
            />
            <Switch
              label={t('email.templates.withHtml')}
              description={t('email.templates.withHtmlHint')}
              checked={withHtml}
              onChange={(e) => setWithHtml(e.currentTarget.checked)}
              disabled={!canWrite}
            />
            {withHtml ? (
              <Textarea
                ref={refs.bodyHtml}
                label={t('email.templates.bodyHtml')}
                value={draft.bodyHtml ?? ''}
                onChange={(e) => change('bodyHtml', e.currentTarget.value)}
                onFocus={() => (lastField.current = 'bodyHtml')}
                error={errors.bodyHtml}
                autosize
                minRows={6}
                maxRows={20}
                readOnly={!canWrite}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
              />
            ) : null}
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {t('email.templates.placeholders')}
              </Text>
              <Text size="xs" c="dimmed">
                {canWrite ? t('email.templates.placeholdersHint') : t('email.templates.placeholdersReadOnly')}
              </Text>
              <Group gap={6} data-testid="email-template-placeholders">
                {template.placeholders.map((name) => (
                  <Tooltip key={name} label={t(`email.placeholders.${name}`, { defaultValue: name })}>
                    <UnstyledButton onClick={() => canWrite && insert(name)} aria-label={`{{${name}}}`}>
                      <Badge variant="outline" tt="none" style={{ cursor: canWrite ? 'pointer' : 'default' }}>
                        {`{{${name}}}`}
                      </Badge>
                    </UnstyledButton>
                  </Tooltip>
                ))}
              </Group>
            </Stack>
            {canWrite ? (
              <Group justify="space-between">
                <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconRestore size={16} />}
                  onClick={() => setConfirmReset(true)}
                  disabled={!template.customised}
                  data-testid="email-template-reset"
                >
                  {t('email.templates.reset')}
                </Button>
                <Group gap="sm">
                  {dirty ? (
                    <Button variant="default" onClick={() => setDraft(draftOf(template))}>
                      {t('email.templates.discard')}
                    </Button>
                  ) : null}
                  <Button
                    leftSection={<IconDeviceFloppy size={16} />}
                    onClick={onSave}
                    loading={save.isPending}
                    disabled={!dirty}
                    data-testid="email-template-save"
                  >
                    {t('email.templates.save')}
                  </Button>
                </Group>
              </Group>
            ) : null}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 6 }}>
        <Card h="100%">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>{t('email.templates.preview')}</Title>
              <Text size="xs" c="dimmed">
                {t('email.templates.previewHint')}
              </Text>
            </Group>
            {preview.isError && !Object.keys(previewErrors).length ? (
              <Alert color="red">{describeError(preview.error)}</Alert>
            ) : null}
            {preview.data ? (
              <Stack gap="xs" data-testid="email-template-preview" opacity={preview.isError ? 0.5 : 1}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t('email.templates.subject')}
                </Text>
                <Text fw={600} data-testid="email-preview-subject">
                  {preview.data.subject}
                </Text>
                <Card withBorder bg="var(--mantine-color-gray-0)" p="md">
                  <ScrollArea.Autosize mah={560}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="email-preview-body">
                      {preview.data.bodyText}
                    </Text>
                  </ScrollArea.Autosize>
                </Card>
                {preview.data.bodyHtml ? (
                  <>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                      {t('email.templates.htmlVersion')}
                    </Text>
                    <iframe
                      title={t('email.templates.htmlVersion')}
                      sandbox=""
                      srcDoc={preview.data.bodyHtml}
                      style={{
                        width: '100%',
                        minHeight: 260,
                        border: '1px solid var(--mantine-color-gray-3)',
                        borderRadius: 8,
                        background: 'white',
                      }}
                    />
                  </>
                ) : null}
              </Stack>
            ) : (
              <Skeleton h={360} />
            )}
          </Stack>
        </Card>
      </Grid.Col>
      <Modal
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title={t('email.templates.resetTitle')}
        centered
      >
        <Stack>
          <Text size="sm">{t('email.templates.resetConfirm')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmReset(false)}>
              {t('email.common.cancel')}
            </Button>
            <Button
              color="red"
              loading={reset.isPending}
              data-testid="email-template-reset-confirm"
              onClick={() =>
                reset.mutate(undefined, {
                  onSuccess: (fresh) => {
                    setConfirmReset(false);
                    setDraft(draftOf(fresh));
                    setWithHtml(fresh.bodyHtml !== null);
                    notifySuccess(t('email.templates.resetDone'));
                  },
                  onError: notifyError,
                })
              }
            >
              {t('email.templates.reset')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Grid>
  );
}
