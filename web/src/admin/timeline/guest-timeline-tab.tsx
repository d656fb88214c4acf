import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Chip,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Text,
  Timeline,
  Tooltip,
} from '@mantine/core';
import {
  IconCalendarEvent,
  IconClockHour4,
  IconForms,
  IconHistory,
  IconGitMerge,
  IconMail,
  IconMessage,
  IconShieldCheck,
  IconUserPlus,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { describeError } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';

export const TIMELINE_KINDS = [
  'booking',
  'message',
  'email',
  'form',
  'registration',
  'consent',
  'merge',
  'change',
] as const;
type Kind = (typeof TIMELINE_KINDS)[number];

export interface TimelineEvent {
  id: string;
  kind: Kind;
  event: string;
  at: string;
  title: string | null;
  body: string | null;
  refId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
}

const ICONS: Record<Kind, ReactNode> = {
  booking: <IconCalendarEvent size={14} />,
  message: <IconMessage size={14} />,
  email: <IconMail size={14} />,
  form: <IconForms size={14} />,
  registration: <IconUserPlus size={14} />,
  consent: <IconShieldCheck size={14} />,
  merge: <IconGitMerge size={14} />,
  change: <IconHistory size={14} />,
};

function useGuestTimeline(guestId: string, kinds: Kind[]) {
  return useInfiniteQuery({
    queryKey: ['guests', 'one', guestId, 'timeline', kinds.join(',')],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const query = new URLSearchParams({ limit: '30' });
      if (kinds.length > 0) query.set('kind', kinds.join(','));
      if (pageParam) query.set('cursor', pageParam);
      return api.get<{ items: TimelineEvent[]; nextCursor: string | null }>(
        `/guests/${encodeURIComponent(guestId)}/timeline?${query.toString()}`,
        signal,
      );
    },
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
  });
}

/** Where an event leads: its thread or its booking. */
function linkOf(e: TimelineEvent): string | null {
  if (!e.refId) return null;
  if (e.kind === 'message' || e.kind === 'form') return `/threads/${encodeURIComponent(e.refId)}`;
  if (e.kind === 'booking') return `/bookings/${encodeURIComponent(e.refId)}`;
  return null;
}

function EventLine({ e }: { e: TimelineEvent }) {
  const { t, i18n } = useTranslation();
  const eventKey = `timeline.events.${e.kind}.${e.event}`;
  const label = i18n.exists(eventKey) ? t(eventKey) : `${t(`timeline.kinds.${e.kind}`)} · ${e.event}`;
  const link = linkOf(e);
  const title = e.kind === 'change' ? null : e.title;
  return (
    <Group gap={6} wrap="wrap">
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {title ? (
        link ? (
          <Anchor component={Link} to={link} size="sm">
            {title}
          </Anchor>
        ) : (
          <Text size="sm">{title}</Text>
        )
      ) : null}
      {e.kind === 'change' ? (
        <Text size="sm" c="dimmed">
          {e.event}
        </Text>
      ) : null}
      {e.kind === 'email' && e.body ? (
        <Text size="sm" c="dimmed">
          → {e.body}
        </Text>
      ) : null}
      {e.kind === 'email' && e.data.opened === true ? (
        <Badge size="xs" color="teal">
          {t('timeline.opened')}
        </Badge>
      ) : null}
    </Group>
  );
}

/** M-1: everything that happened with a guest, newest first, filtered by kind. */
export function GuestTimelineTab({ guestId }: { guestId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [kinds, setKinds] = useState<Kind[]>([]);
  const timeline = useGuestTimeline(guestId, kinds);
  const events = timeline.data?.pages.flatMap((page) => page.items);

  return (
    <Stack gap="md">
      <Chip.Group multiple value={kinds} onChange={(v) => setKinds(v)}>
        <Group gap="xs" data-testid="timeline-kinds">
          {TIMELINE_KINDS.map((k) => (
            <Chip key={k} value={k} size="xs" variant="light">
              {t(`timeline.kinds.${k}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {timeline.isError ? (
        <Alert color="red" title={t('errors.title')}>
          {describeError(timeline.error)}
        </Alert>
      ) : events?.length === 0 ? (
        <Card py={48}>
          <EmptyState
            icon={<IconClockHour4 size={28} />}
            variant="light"
            title={t('timeline.emptyTitle')}
            description={t('timeline.emptyDescription')}
          />
        </Card>
      ) : (
        <Card>
          {events ? (
            <Timeline bulletSize={24} lineWidth={2} data-testid="guest-timeline">
              {events.map((e) => (
                <Timeline.Item
                  key={`${e.kind}:${e.id}`}
                  bullet={ICONS[e.kind]}
                  data-testid="timeline-event"
                  data-kind={e.kind}
                >
                  <EventLine e={e} />
                  {e.kind === 'message' && e.body ? (
                    <Text
                      size="sm"
                      c={e.event === 'note' ? 'yellow.8' : undefined}
                      lineClamp={3}
                      style={{ whiteSpace: 'pre-wrap' }}
                    >
                      {e.body}
                    </Text>
                  ) : null}
                  <Tooltip label={format.dateTime(e.at)}>
                    <Text size="xs" c="dimmed">
                      {format.relative(e.at)}
                      {e.actorName ? ` · ${e.actorName}` : ''}
                    </Text>
                  </Tooltip>
                </Timeline.Item>
              ))}
            </Timeline>
          ) : (
            <Stack>
              {[0, 1, 2].map((row) => (
                <Skeleton key={row} h={32} />
              ))}
            </Stack>
          )}
        </Card>
      )}
      {timeline.hasNextPage ? (
        <Group justify="center">
          <Button variant="default" loading={timeline.isFetchingNextPage} onClick={() => void timeline.fetchNextPage()}>
            {t('timeline.older')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
