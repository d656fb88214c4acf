import {
  Alert,
  Anchor,
  Avatar,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  List,
  LoadingOverlay,
  Radio,
  SimpleGrid,
  Skeleton,
  Stack,
  Stepper,
  Switch,
  Table,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconArrowRight,
  IconArrowsJoin,
  IconBan,
  IconCrown,
  IconId,
} from '@tabler/icons-react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { initialsOf, TagBadges, useGuestName } from '../guests/guest-display.tsx';
import type { Guest } from '../guests/guest.types.ts';
import { guestsQueryKey } from '../guests/guests.api.ts';
import { HistoryValue } from '../guests/history-value.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { showMergeDone } from './merge-done-notice.tsx';
import { describeMergeError } from './merge-undo.ts';
import { useMergeGuests, useMergePreview, type MergeFieldChoice, type MergePreview } from './merges.api.ts';

export const MAX_MERGE = 10;

/** The ids of `?ids=a,b,c`: distinct, non-empty, in the order given. */
function idsFrom(params: URLSearchParams): string[] {
  const raw = params.getAll('ids').flatMap((value) => value.split(','));
  return [...new Set(raw.map((id) => id.trim()).filter(Boolean))];
}

/** Keep the profile with the most bookings (then the oldest): usually the one staff know. */
function defaultSurvivor(guests: Guest[]): string | null {
  const sorted = [...guests].sort((a, b) => b.bookingCount - a.bookingCount || a.createdAt.localeCompare(b.createdAt));
  return sorted[0]?.id ?? null;
}

/** I-5: merge two to ten profiles — pick the one to keep, choose each conflicting value, preview, confirm. */
export function MergeWizardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const ids = useMemo(() => idsFrom(params), [params]);

  const header = (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/guests">
          {t('nav.guests')}
        </Anchor>
        <Anchor component={Link} to="/duplicates">
          {t('nav.duplicates')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {t('duplicates.merge.title')}
        </Text>
      </Breadcrumbs>
      <PageHeader title={t('duplicates.merge.title')} description={t('duplicates.merge.description')} />
    </>
  );
  if (!hasPermission(user, 'guests:write')) {
    return (
      <>
        {header}
        <ForbiddenState />
      </>
    );
  }
  if (ids.length < 2 || ids.length > MAX_MERGE) {
    return (
      <>
        {header}
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('duplicates.merge.badSelectionTitle')}>
          <Stack gap="sm" align="flex-start">
            <Text size="sm">{t('duplicates.merge.badSelection', { max: MAX_MERGE })}</Text>
            <Button component={Link} to="/guests" variant="default" size="compact-sm">
              {t('duplicates.merge.backToGuests')}
            </Button>
          </Stack>
        </Alert>
      </>
    );
  }
  return (
    <>
      {header}
      <MergeWizard key={ids.join(',')} ids={ids} />
    </>
  );
}

function MergeWizard({ ids }: { ids: string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const nameOf = useGuestName();
  const guestQueries = useQueries({
    queries: ids.map((id) => ({
      queryKey: [...guestsQueryKey, 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Guest>(`/guests/${encodeURIComponent(id)}`, signal),
    })),
  });
  const guests = guestQueries.every((q) => q.data) ? guestQueries.map((q) => q.data as Guest) : undefined;
  const failed = guestQueries.find((q) => q.isError);

  const [step, setStep] = useState(0);
  const [picked, setPicked] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const survivorId = picked ?? (guests ? defaultSurvivor(guests) : null);
  const request = step >= 1 && survivorId ? { guestIds: ids, survivorId, choices } : null;
  const preview = useMergePreview(request);
  const merge = useMergeGuests();

  if (failed) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeMergeError(failed.error)}
      </Alert>
    );
  }

  const confirm = () => {
    if (!request) return;
    merge.mutate(request, {
      onSuccess: ({ merge: done, guest }) => {
        showMergeDone(queryClient, done, nameOf(guest) || t('guests.unnamed'));
        void navigate(`/guests/${guest.id}`);
      },
    });
  };

  return (
    <Stack gap="lg">
      <Stepper
        active={step}
        onStepClick={(next) => next < step && setStep(next)}
        size="sm"
        allowNextStepsSelect={false}
      >
        <Stepper.Step label={t('duplicates.merge.step1')} description={t('duplicates.merge.step1Hint')} />
        <Stepper.Step label={t('duplicates.merge.step2')} description={t('duplicates.merge.step2Hint')} />
      </Stepper>

      {step === 0 ? (
        <>
          <Radio.Group value={survivorId} onChange={setPicked}>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: Math.min(ids.length, 3) }} spacing="md">
              {guests
                ? guests.map((guest) => <SurvivorCard key={guest.id} guest={guest} checked={guest.id === survivorId} />)
                : ids.map((id) => <Skeleton key={id} h={220} radius="md" />)}
            </SimpleGrid>
          </Radio.Group>
          <Group justify="space-between">
            <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => void navigate(-1)}>
              {t('actions.cancel')}
            </Button>
            <Button
              rightSection={<IconArrowRight size={16} />}
              disabled={!survivorId}
              onClick={() => {
                setChoices({});
                setStep(1);
              }}
              data-testid="merge-next"
            >
              {t('duplicates.merge.next')}
            </Button>
          </Group>
        </>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <FieldChoices
              preview={preview.data}
              choices={choices}
              loading={preview.isLoading}
              onChoose={(field, guestId) => setChoices((current) => ({ ...current, [field]: guestId }))}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md" pos="sticky" top={16}>
              {preview.isError ? (
                <Alert
                  color="red"
                  icon={<IconAlertTriangle size={18} />}
                  title={t('duplicates.merge.cannotTitle')}
                  data-testid="merge-error"
                >
                  {describeMergeError(preview.error)}
                </Alert>
              ) : (
                <ResultPreview preview={preview.data} refreshing={preview.isFetching} />
              )}
              {merge.isError ? (
                <Alert color="red" title={t('duplicates.merge.cannotTitle')}>
                  {describeMergeError(merge.error)}
                </Alert>
              ) : null}
              <Group justify="space-between">
                <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={() => setStep(0)}>
                  {t('duplicates.merge.back')}
                </Button>
                <Button
                  leftSection={<IconArrowsJoin size={16} />}
                  disabled={!preview.data || preview.isError || preview.isFetching}
                  loading={merge.isPending}
                  onClick={confirm}
                  data-testid="merge-confirm"
                >
                  {t('duplicates.merge.confirm', { count: ids.length })}
                </Button>
              </Group>
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function SurvivorCard({ guest, checked }: { guest: Guest; checked: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = useGuestName();
  return (
    <Radio.Card value={guest.id} radius="md" p="md" data-testid="merge-survivor" data-checked={checked || undefined}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={4} />
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="sm" wrap="nowrap">
            <Avatar radius="xl" color={checked ? 'teal' : 'gray'}>
              {initialsOf(guest)}
            </Avatar>
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Text fw={600} truncate data-testid="merge-survivor-name">
                {nameOf(guest) || t('guests.unnamed')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('duplicates.merge.createdOn', {
                  date: format.date(guest.createdAt),
                  source: t(`guests.source.${guest.source}`),
                })}
              </Text>
            </Stack>
          </Group>
          {guest.emails.map((email) => (
            <Text key={email.email} size="sm" truncate>
              {email.email}
            </Text>
          ))}
          {guest.phones.map((phone) => (
            <Text key={phone.e164} size="sm">
              {phone.display || phone.e164}
            </Text>
          ))}
          <Group gap={6}>
            {checked ? (
              <Tooltip label={t('duplicates.merge.keptHint')} multiline maw={280}>
                <Badge color="teal" leftSection={<IconCrown size={12} />} tt="none" data-testid="merge-kept">
                  {t('duplicates.merge.kept')}
                </Badge>
              </Tooltip>
            ) : null}
            <Badge variant="light" color="gray" tt="none">
              {t('duplicates.guest.bookings', {
                count: guest.bookingCount,
                formatted: format.number(guest.bookingCount),
              })}
            </Badge>
            {guest.userId ? (
              <Badge variant="light" color="blue" tt="none" leftSection={<IconId size={12} />}>
                {t('guests.profile.hasAccount')}
              </Badge>
            ) : null}
            {guest.blocked ? (
              <Badge color="red" leftSection={<IconBan size={12} />} tt="none">
                {t('guests.profile.blocked')}
              </Badge>
            ) : null}
          </Group>
          <TagBadges tags={guest.tags} size="xs" />
        </Stack>
      </Group>
    </Radio.Card>
  );
}

/** A mergeable field's name in the UI language. */
function useFieldLabel() {
  const { t, i18n } = useTranslation();
  return (field: string) => {
    const own = `duplicates.fields.${field}`;
    if (i18n.exists(own)) return t(own);
    const history = `guests.historyFields.${field}`;
    return i18n.exists(history) ? t(history) : field;
  };
}

function FieldChoices({
  preview,
  choices,
  loading,
  onChoose,
}: {
  preview: MergePreview | undefined;
  /** The staff's own choices: shown at once, before the preview catches up. */
  choices: Record<string, string>;
  loading: boolean;
  onChoose: (field: string, guestId: string) => void;
}) {
  const { t } = useTranslation();
  const nameOf = useGuestName();
  const label = useFieldLabel();
  const [showAll, setShowAll] = useState(false);
  if (loading || !preview) return <Skeleton h={320} radius="md" />;
  const conflicts = preview.fields.filter((field) => field.conflict);
  const rows = showAll ? preview.fields : conflicts;
  const columns = preview.guests;
  return (
    <Card p={0}>
      <Group justify="space-between" p="md" pb="xs">
        <Stack gap={2}>
          <Title order={5}>{t('duplicates.merge.fieldsTitle')}</Title>
          <Text size="sm" c="dimmed">
            {conflicts.length
              ? t('duplicates.merge.fieldsHint', { count: conflicts.length })
              : t('duplicates.merge.noConflicts')}
          </Text>
        </Stack>
        <Switch
          checked={showAll}
          onChange={(event) => setShowAll(event.currentTarget.checked)}
          label={t('duplicates.merge.showAll')}
          data-testid="merge-show-all"
        />
      </Group>
      {rows.length ? (
        <Table.ScrollContainer minWidth={180 + columns.length * 150}>
          <Table verticalSpacing="sm" horizontalSpacing="md" data-testid="merge-fields">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('duplicates.merge.field')}</Table.Th>
                {columns.map((guest) => (
                  <Table.Th key={guest.id}>
                    <Group gap={4} wrap="nowrap">
                      {guest.id === preview.survivorId ? (
                        <IconCrown size={14} color="var(--mantine-color-teal-6)" />
                      ) : null}
                      <Text size="sm" fw={600} truncate>
                        {nameOf(guest) || t('guests.unnamed')}
                      </Text>
                    </Group>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((field) => (
                <FieldRow
                  key={field.field}
                  field={field}
                  chosenGuestId={choices[field.field] ?? field.chosenGuestId}
                  label={label(field.field)}
                  guestIds={columns.map((g) => g.id)}
                  onChoose={onChoose}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed" px="md" pb="md">
          {t('duplicates.merge.nothingToChoose')}
        </Text>
      )}
    </Card>
  );
}

function FieldRow({
  field,
  chosenGuestId,
  label,
  guestIds,
  onChoose,
}: {
  field: MergeFieldChoice;
  chosenGuestId: string;
  label: string;
  guestIds: string[];
  onChoose: (field: string, guestId: string) => void;
}) {
  const valueOf = new Map(field.values.map((v) => [v.guestId, v.value]));
  return (
    <Table.Tr data-testid="merge-field" data-field={field.field}>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600}>
            {label}
          </Text>
          {field.conflict ? (
            <ThemeIcon size={16} radius="xl" color="orange" variant="light">
              <IconAlertTriangle size={11} />
            </ThemeIcon>
          ) : null}
        </Group>
      </Table.Td>
      {guestIds.map((guestId) => (
        <Table.Td key={guestId}>
          <Radio
            name={`merge-${field.field}`}
            checked={chosenGuestId === guestId}
            onChange={() => onChoose(field.field, guestId)}
            disabled={!field.conflict && chosenGuestId !== guestId}
            label={<HistoryValue field={field.field} value={valueOf.get(guestId) ?? null} />}
            data-testid="merge-choice"
            data-guest={guestId}
          />
        </Table.Td>
      ))}
    </Table.Tr>
  );
}

function ResultPreview({ preview, refreshing }: { preview: MergePreview | undefined; refreshing: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = useGuestName();
  if (!preview) return <Skeleton h={360} radius="md" />;
  const { result, moves } = preview;
  const moved = (
    [
      ['bookings', moves.bookings],
      ['notes', moves.notes],
      ['emails', moves.emails],
      ['phones', moves.phones],
      ['addresses', moves.addresses],
      ['historyEntries', moves.historyEntries],
    ] as const
  ).filter(([, count]) => count > 0);
  return (
    <Card pos="relative" data-testid="merge-preview">
      <LoadingOverlay visible={refreshing} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb="xs">
        {t('duplicates.merge.resultTitle')}
      </Text>
      <Group gap="sm" wrap="nowrap" mb="sm">
        <Avatar radius="xl" size="lg" color="teal">
          {initialsOf(result)}
        </Avatar>
        <Stack gap={0}>
          <Text fw={700} size="lg" data-testid="merge-preview-name">
            {nameOf(result) || t('guests.unnamed')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('duplicates.guest.bookings', {
              count: result.bookingCount,
              formatted: format.number(result.bookingCount),
            })}
          </Text>
        </Stack>
      </Group>
      <Stack gap={4} mb="sm">
        {result.emails.map((email) => (
          <Group key={email.email} gap={6}>
            <Text size="sm">{email.email}</Text>
            {email.primary ? (
              <Badge size="xs" variant="light" tt="none">
                {t('guests.fields.primary')}
              </Badge>
            ) : null}
          </Group>
        ))}
        {result.phones.map((phone) => (
          <Text key={phone.e164} size="sm">
            {phone.display || phone.e164}
          </Text>
        ))}
        {result.birthDate ? (
          <Text size="sm">
            {t('guests.fields.birthDate')}: {format.date(`${result.birthDate}T00:00:00`)}
          </Text>
        ) : null}
      </Stack>
      <TagBadges tags={result.tags} size="xs" />
      <Text size="sm" fw={600} mt="md" mb={4}>
        {t('duplicates.merge.movesTitle')}
      </Text>
      {moved.length ? (
        <List size="sm" spacing={2} data-testid="merge-moves">
          {moved.map(([what, count]) => (
            <List.Item key={what}>
              {t(`duplicates.moves.${what}`, { count, formatted: format.number(count) })}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          {t('duplicates.merge.nothingMoves')}
        </Text>
      )}
      {moves.droppedTags.length ? (
        <Alert color="orange" mt="md" icon={<IconAlertTriangle size={16} />} data-testid="merge-dropped-tags">
          {t('duplicates.merge.droppedTags', { count: moves.droppedTags.length, tags: moves.droppedTags.join(', ') })}
        </Alert>
      ) : null}
      {result.blocked ? (
        <Alert color="red" mt="md" icon={<IconBan size={16} />}>
          {t('duplicates.merge.staysBlocked', { reason: result.blocked.reason })}
        </Alert>
      ) : null}
      <Text size="xs" c="dimmed" mt="md">
        {t('duplicates.merge.undoable')}
      </Text>
    </Card>
  );
}
