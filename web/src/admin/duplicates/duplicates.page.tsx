import {
  Alert,
  Anchor,
  Avatar,
  Button,
  Card,
  Divider,
  EmptyState,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  IconArrowsJoin,
  IconCake,
  IconCalendarEvent,
  IconCircleCheck,
  IconMail,
  IconPhone,
  IconUsers,
  IconUserX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { initialsOf, useGuestName } from '../guests/guest-display.tsx';
import type { Guest } from '../guests/guest.types.ts';
import { useGuest } from '../guests/guests.api.ts';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import {
  useDismissDuplicate,
  useDuplicates,
  type DuplicateKind,
  type DuplicatePair,
  type GuestSummary,
} from './duplicates.api.ts';
import { ExplanationText } from './explanation-text.tsx';
import { MatchReasons, ScoreBadge, useRuleText } from './match-reasons.tsx';
import { RescanPanel } from '../identity-rescan/rescan-panel.tsx';

/** I-5: the review queue of likely duplicates, best first, and the related people kept apart. */
export function DuplicatesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const kind: DuplicateKind = params.get('kind') === 'related' ? 'related' : 'candidate';
  const canWrite = hasPermission(user, 'guests:write');

  return (
    <>
      <PageHeader title={t('nav.duplicates')} description={t('sections.duplicates')} />
      {hasPermission(user, 'guests:read') ? (
        <>
          <SegmentedControl
            mb="md"
            value={kind}
            onChange={(value) => setParams(value === 'related' ? { kind: value } : {}, { replace: true })}
            data={[
              { value: 'candidate', label: t('duplicates.kinds.candidate') },
              { value: 'related', label: t('duplicates.kinds.related') },
            ]}
            data-testid="duplicates-kind"
          />
          <Text size="sm" c="dimmed" mb="md">
            {t(kind === 'related' ? 'duplicates.kinds.relatedHint' : 'duplicates.kinds.candidateHint')}
          </Text>
          {canWrite ? <RescanPanel /> : null}
          <DuplicateQueue key={kind} kind={kind} canWrite={canWrite} />
        </>
      ) : (
        <ForbiddenState />
      )}
    </>
  );
}

function DuplicateQueue({ kind, canWrite }: { kind: DuplicateKind; canWrite: boolean }) {
  const { t } = useTranslation();
  const queue = useDuplicates(kind);
  const pairs = queue.data?.pages.flatMap((page) => page.items);

  if (queue.isError) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(queue.error)}
      </Alert>
    );
  }
  if (!pairs) {
    return (
      <Stack>
        {[0, 1, 2].map((row) => (
          <Skeleton key={row} h={210} radius="md" />
        ))}
      </Stack>
    );
  }
  if (pairs.length === 0) {
    return (
      <Card py={56}>
        <EmptyState
          icon={kind === 'related' ? <IconUsers size={28} /> : <IconCircleCheck size={28} />}
          variant="light"
          color={kind === 'related' ? 'blue' : 'teal'}
          title={t(kind === 'related' ? 'duplicates.empty.relatedTitle' : 'duplicates.empty.candidateTitle')}
          description={t(
            kind === 'related' ? 'duplicates.empty.relatedDescription' : 'duplicates.empty.candidateDescription',
          )}
          data-testid="duplicates-empty"
        />
      </Card>
    );
  }
  return (
    <>
      <Stack data-testid="duplicate-list">
        {pairs.map((pair) => (
          <PairCard key={`${pair.guestA.id}-${pair.guestB.id}`} pair={pair} canWrite={canWrite} />
        ))}
      </Stack>
      {queue.hasNextPage ? (
        <Group justify="center" mt="md">
          <Button
            variant="default"
            loading={queue.isFetchingNextPage}
            onClick={() => void queue.fetchNextPage()}
            data-testid="duplicates-more"
          >
            {t('duplicates.loadMore')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}

/** Emails, phones and birth date of one side: the full profile when loaded, else the queue's summary. */
function contactOf(summary: GuestSummary, guest: Guest | undefined) {
  return {
    emails: guest ? guest.emails.map((e) => e.email) : summary.email ? [summary.email] : [],
    phones: guest
      ? guest.phones.map((p) => ({ key: p.e164, display: p.display || p.e164 }))
      : summary.phone
        ? [{ key: summary.phone, display: summary.phone }]
        : [],
    birthDate: guest?.birthDate ?? null,
  };
}
type Contact = ReturnType<typeof contactOf>;

function PairCard({ pair, canWrite }: { pair: DuplicatePair; canWrite: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const ruleText = useRuleText();
  const dismiss = useDismissDuplicate();
  const a = useGuest(pair.guestA.id);
  const b = useGuest(pair.guestB.id);
  const left = contactOf(pair.guestA, a.data);
  const right = contactOf(pair.guestB, b.data);

  return (
    <Card data-testid="duplicate-pair" data-kind={pair.kind}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap" gap="xs">
        <Group gap="sm">
          <ScoreBadge score={pair.score} kind={pair.kind} />
          <Text size="sm" fw={500}>
            {ruleText(pair.rule)}
          </Text>
        </Group>
        {canWrite ? (
          <Group gap="xs">
            <Button
              variant="default"
              size="compact-sm"
              leftSection={<IconUserX size={16} />}
              loading={dismiss.isPending}
              onClick={() => dismiss.mutate([pair.guestA.id, pair.guestB.id])}
              data-testid="pair-dismiss"
            >
              {t(pair.kind === 'related' ? 'duplicates.actions.hide' : 'duplicates.actions.dismiss')}
            </Button>
            <Button
              size="compact-sm"
              variant={pair.kind === 'related' ? 'light' : 'filled'}
              leftSection={<IconArrowsJoin size={16} />}
              onClick={() => void navigate(`/guests/merge?ids=${pair.guestA.id},${pair.guestB.id}`)}
              data-testid="pair-merge"
            >
              {t('duplicates.actions.merge')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <GuestSide summary={pair.guestA} guest={a.data} contact={left} other={right} loading={a.isLoading} />
        <GuestSide summary={pair.guestB} guest={b.data} contact={right} other={left} loading={b.isLoading} />
      </SimpleGrid>
      <Divider my="sm" variant="dashed" />
      <ExplanationText items={pair.explanation} />
      <MatchReasons reasons={pair.reasons} />
    </Card>
  );
}

function GuestSide({
  summary,
  guest,
  contact,
  other,
  loading,
}: {
  summary: GuestSummary;
  /** The full profile once loaded (title, second surname). */
  guest: Guest | undefined;
  contact: Contact;
  /** The other profile of the pair: what both share is highlighted. */
  other: Contact;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const nameOf = useGuestName();
  const name = nameOf(guest ?? { ...summary, titleId: null, secondLastName: null }) || t('guests.unnamed');
  const dash = (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
  const value = (text: string, match: boolean, testId: string) => (
    <Text
      key={text}
      size="sm"
      fw={match ? 600 : undefined}
      c={match ? 'teal.8' : undefined}
      data-testid={testId}
      truncate
    >
      {text}
    </Text>
  );
  const line = (icon: ReactNode, label: string, values: ReactNode) => (
    <Group gap={8} wrap="nowrap" align="flex-start">
      <Tooltip label={label}>
        <span style={{ display: 'inline-flex', color: 'var(--mantine-color-dimmed)', paddingTop: 2 }}>{icon}</span>
      </Tooltip>
      <Stack gap={0} style={{ minWidth: 0 }}>
        {values}
      </Stack>
    </Group>
  );
  const otherEmails = new Set(other.emails.map((e) => e.toLowerCase()));
  const otherPhones = new Set(other.phones.map((p) => p.key));
  return (
    <Card withBorder shadow="none" padding="sm" data-testid="pair-guest">
      <Group gap="sm" mb="xs" wrap="nowrap">
        <Avatar radius="xl" color="teal">
          {initialsOf(summary)}
        </Avatar>
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/guests/${summary.id}`} fw={600} data-testid="pair-guest-name">
            {name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('duplicates.guest.lastActivity', { when: format.relative(summary.lastActivityAt) })}
          </Text>
        </Stack>
      </Group>
      <Stack gap={6}>
        {line(
          <IconMail size={16} />,
          t('guests.fields.email'),
          contact.emails.length
            ? contact.emails.map((email) => value(email, otherEmails.has(email.toLowerCase()), 'pair-guest-email'))
            : dash,
        )}
        {line(
          <IconPhone size={16} />,
          t('guests.fields.phone'),
          contact.phones.length
            ? contact.phones.map((phone) => value(phone.display, otherPhones.has(phone.key), 'pair-guest-phone'))
            : dash,
        )}
        {line(
          <IconCake size={16} />,
          t('guests.fields.birthDate'),
          loading ? (
            <Skeleton h={14} w={90} mt={3} />
          ) : contact.birthDate ? (
            value(
              format.date(`${contact.birthDate}T00:00:00`),
              contact.birthDate === other.birthDate,
              'pair-guest-birth',
            )
          ) : (
            dash
          ),
        )}
        {line(
          <IconCalendarEvent size={16} />,
          t('guests.columns.bookings'),
          value(
            t('duplicates.guest.bookings', {
              count: summary.bookingCount,
              formatted: format.number(summary.bookingCount),
            }),
            false,
            'pair-guest-bookings',
          ),
        )}
      </Stack>
    </Card>
  );
}
