import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
} from '@mantine/core';
import { IconArrowLeft, IconLock, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { InsertCannedReply } from '../canned-replies/insert-canned-reply.tsx';
import { AttachmentChips, AttachmentPicker, toUploads, useAttachmentError } from '../../shared/attachments.tsx';
import { notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { useGuestBookings } from '../bookings/bookings.api.ts';
import { useHotelContacts } from '../hotel-contacts/hotel-contacts.api.ts';
import { ForbiddenState, NotFoundPage } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { ThreadStatusBadge, useAssignees, useDateTime } from './thread-display.tsx';
import { MergeIntoButton } from './thread-join.tsx';
import {
  threadPriorities,
  threadStatuses,
  useAddThreadMessage,
  useThread,
  useUpdateThread,
  type Thread,
  type ThreadMessage,
} from './threads.api.ts';

/** One conversation (M-2): messages in order, a reply box, and who handles it. */
export function ThreadPage() {
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const { t } = useTranslation();
  const thread = useThread(id);

  if (!hasPermission(user, 'threads:read')) return <ForbiddenState />;
  if (thread.error && isApiError(thread.error) && thread.error.status === 404) {
    // A thread merged into another: its address leads to the thread that kept its messages.
    const survivor = thread.error.code === 'thread_merged' ? thread.error.details[0]?.message : undefined;
    if (survivor) return <Navigate to={`/threads/${encodeURIComponent(survivor)}`} replace />;
    return <NotFoundPage />;
  }

  return (
    <>
      <Anchor component={Link} to="/threads" size="sm" mb="xs" display="inline-flex" data-testid="thread-back">
        <IconArrowLeft size={14} style={{ marginRight: 4 }} />
        {t('threads.page.back')}
      </Anchor>
      {thread.data ? (
        <ThreadView thread={thread.data} />
      ) : (
        <Stack>
          <Skeleton h={32} w="40%" />
          <Skeleton h={120} />
        </Stack>
      )}
    </>
  );
}

function ThreadView({ thread }: { thread: Thread }) {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const mayWrite = hasPermission(user, 'threads:write');
  const contacts = useHotelContacts(i18n.language.slice(0, 2));
  const contact = contacts.data?.items.find((c) => c.id === thread.hotelContactId);

  return (
    <>
      <PageHeader
        title={thread.subject}
        description={contact ? t('threads.page.writtenTo', { contact: contact.name }) : undefined}
        actions={
          <Group gap="xs">
            {thread.waitingForReply ? (
              <Badge color="red" variant="filled" data-testid="thread-page-waiting">
                {t('threads.waitingForReply')}
              </Badge>
            ) : null}
            <ThreadStatusBadge status={thread.status} />
            {mayWrite ? <MergeIntoButton thread={thread} /> : null}
          </Group>
        }
      />
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm" data-testid="thread-messages">
            {thread.messages.map((message) => (
              <MessageCard key={message.id} message={message} threadId={thread.id} />
            ))}
          </Stack>
          {mayWrite ? <ReplyBox thread={thread} /> : null}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ThreadSidebar thread={thread} mayWrite={mayWrite} />
        </Grid.Col>
      </Grid>
    </>
  );
}

const messageLook = {
  in: { bg: 'var(--mantine-color-body)', border: 'var(--mantine-color-gray-4)', ml: 0, mr: 'xl' },
  out: { bg: 'var(--mantine-color-blue-light)', border: 'var(--mantine-color-blue-3)', ml: 'xl', mr: 0 },
  note: { bg: 'var(--mantine-color-yellow-light)', border: 'var(--mantine-color-yellow-4)', ml: 'xl', mr: 0 },
} as const;

function MessageCard({ message, threadId }: { message: ThreadMessage; threadId: string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const look = messageLook[message.direction];
  return (
    <Paper
      p="sm"
      withBorder
      ml={look.ml}
      mr={look.mr}
      style={{ background: look.bg, borderColor: look.border }}
      data-testid={`thread-message-${message.direction}`}
    >
      <Group justify="space-between" mb={4} wrap="nowrap">
        <Group gap={6}>
          {message.direction === 'note' ? <IconLock size={14} /> : null}
          {message.direction === 'out' ? <IconMailForward size={14} /> : null}
          <Text size="sm" fw={600}>
            {message.author.name}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`threads.direction.${message.direction}`)}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {dateTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="thread-message-body">
        {message.body}
      </Text>
      <AttachmentChips
        attachments={message.attachments}
        hrefOf={(a) => `/api/v1/threads/${encodeURIComponent(threadId)}/attachments/${encodeURIComponent(a.id)}`}
      />
    </Paper>
  );
}

function ReplyBox({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(!thread.contactEmail);
  const [files, setFiles] = useState<File[]>([]);
  const add = useAddThreadMessage(thread.id);
  const fileError = useAttachmentError(add.error, files);
  const send = async () =>
    add.mutate(
      { body, internal, ...(files.length ? { attachments: await toUploads(files) } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
          notifySuccess(t(internal ? 'threads.reply.noted' : 'threads.reply.sent'));
        },
      },
    );

  return (
    <Card mt="md" p="md" data-testid="thread-reply">
      <Stack gap="sm">
        <Textarea
          label={t(internal ? 'threads.reply.noteLabel' : 'threads.reply.label')}
          placeholder={t(internal ? 'threads.reply.notePlaceholder' : 'threads.reply.placeholder')}
          autosize
          minRows={4}
          maxRows={16}
          maxLength={20_000}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          data-testid="thread-reply-body"
        />
        <AttachmentPicker value={files} onChange={setFiles} error={fileError} />
        <InsertCannedReply
          threadId={thread.id}
          hotelContactId={thread.hotelContactId}
          onInsert={(text) => setBody((b) => (b.trim() ? `${b}\n\n${text}` : text))}
        />
        {!thread.contactEmail ? (
          <Alert color="yellow" p="xs">
            {t('errors.thread_without_email')}
          </Alert>
        ) : null}
        <Group justify="space-between">
          <Switch
            label={t('threads.reply.internal')}
            description={t('threads.reply.internalHint')}
            checked={internal}
            disabled={!thread.contactEmail}
            onChange={(event) => setInternal(event.currentTarget.checked)}
            data-testid="thread-reply-internal"
          />
          <Button
            onClick={() => void send()}
            loading={add.isPending}
            disabled={body.trim() === ''}
            color={internal ? 'yellow' : undefined}
            data-testid="thread-reply-send"
          >
            {t(internal ? 'threads.reply.addNote' : 'threads.reply.send')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ThreadSidebar({ thread, mayWrite }: { thread: Thread; mayWrite: boolean }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const update = useUpdateThread(thread.id);
  const assignees = useAssignees();
  const dateTime = useDateTime();
  const assigneeOptions =
    assignees.options.some((o) => o.value === thread.assigneeId) || !thread.assigneeId
      ? assignees.options
      : [...assignees.options, { value: thread.assigneeId, label: assignees.label(thread.assigneeId) ?? '' }];

  return (
    <Card p="md">
      <Stack gap="sm">
        <Select
          label={t('threads.page.status')}
          data={threadStatuses.map((status) => ({ value: status, label: t(`threads.status.${status}`) }))}
          value={thread.status}
          allowDeselect={false}
          disabled={!mayWrite || update.isPending}
          onChange={(value) => value && update.mutate({ status: value })}
          data-testid="thread-edit-status"
        />
        <Select
          label={t('threads.page.assignee')}
          placeholder={t('threads.unassigned')}
          clearable
          data={assigneeOptions}
          value={thread.assigneeId}
          disabled={!mayWrite || update.isPending}
          onChange={(value) => update.mutate({ assigneeId: value })}
          data-testid="thread-edit-assignee"
        />
        {mayWrite && thread.assigneeId !== assignees.me ? (
          <Button
            variant="light"
            size="xs"
            onClick={() => update.mutate({ assigneeId: assignees.me })}
            data-testid="thread-assign-me"
          >
            {t('threads.page.assignMe')}
          </Button>
        ) : null}
        <Select
          label={t('threads.page.priority')}
          data={threadPriorities.map((p) => ({ value: p, label: t(`threads.priority.${p}`) }))}
          value={thread.priority}
          allowDeselect={false}
          disabled={!mayWrite || update.isPending}
          onChange={(value) => value && update.mutate({ priority: value })}
          data-testid="thread-edit-priority"
        />
        <TagsInput
          label={t('threads.page.tags')}
          placeholder={mayWrite ? t('threads.page.tagsPlaceholder') : undefined}
          value={thread.tags}
          maxTags={20}
          disabled={!mayWrite || update.isPending}
          onChange={(tags) => update.mutate({ tags: tags.map((tag) => tag.trim().slice(0, 50)).filter(Boolean) })}
          data-testid="thread-edit-tags"
        />
        <div>
          <Text size="xs" c="dimmed">
            {t('threads.page.from')}
          </Text>
          {thread.guestId ? (
            <Anchor component={Link} to={`/guests/${encodeURIComponent(thread.guestId)}`} size="sm">
              {thread.contactName}
            </Anchor>
          ) : (
            <Text size="sm">{thread.contactName}</Text>
          )}
          {thread.contactEmail ? <Text size="sm">{thread.contactEmail}</Text> : null}
          {thread.contactPhone ? <Text size="sm">{thread.contactPhone}</Text> : null}
        </div>
        {mayWrite && thread.guestId && hasPermission(user, 'bookings:read') ? (
          <BookingLink
            thread={thread}
            guestId={thread.guestId}
            onChange={(bookingId) => update.mutate({ bookingId })}
          />
        ) : null}
        {thread.bookingId ? (
          <div>
            <Text size="xs" c="dimmed">
              {t('threads.page.booking')}
            </Text>
            <Anchor
              component={Link}
              to={`/bookings/${encodeURIComponent(thread.bookingId)}`}
              size="sm"
              data-testid="thread-booking"
            >
              {thread.bookingReference ?? thread.bookingId}
            </Anchor>
          </div>
        ) : null}
        <div>
          <Text size="xs" c="dimmed">
            {t('threads.page.created')}
          </Text>
          <Text size="sm">{dateTime(thread.createdAt)}</Text>
        </div>
      </Stack>
    </Card>
  );
}

/** Links the thread to one of its guest's bookings (or unlinks it). */
function BookingLink({
  thread,
  guestId,
  onChange,
}: {
  thread: Thread;
  guestId: string;
  onChange: (bookingId: string | null) => void;
}) {
  const { t } = useTranslation();
  const bookings = useGuestBookings(guestId);
  const options = (bookings.data?.items ?? []).map((b) => ({
    value: b.id,
    label: `${b.reference} · ${b.checkIn} → ${b.checkOut}`,
  }));
  if (thread.bookingId && !options.some((o) => o.value === thread.bookingId))
    options.push({ value: thread.bookingId, label: thread.bookingReference ?? thread.bookingId });
  return (
    <Select
      label={t('threads.page.linkBooking')}
      placeholder={t(options.length ? 'threads.page.noBooking' : 'threads.page.guestHasNoBooking')}
      clearable
      data={options}
      value={thread.bookingId}
      onChange={(value) => onChange(value)}
      data-testid="thread-edit-booking"
    />
  );
}
