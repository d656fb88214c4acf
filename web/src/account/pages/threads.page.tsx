import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconMessageOff, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { AttachmentChips, AttachmentPicker, toUploads, useAttachmentError } from '../../shared/attachments.tsx';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { useCustomerBookings } from '../account.api.ts';
import {
  useAccountThread,
  useAccountThreads,
  useAnswerAccountThread,
  useHotelContactChoices,
  useNewAccountThread,
  OWN_THREADS,
  type AccountThread,
} from '../threads.api.ts';

const statusColor: Record<AccountThread['status'], string> = {
  open: 'blue',
  waiting_for_guest: 'orange',
  closed: 'gray',
};

function ThreadStatus({ thread }: { thread: AccountThread }) {
  const { t } = useTranslation();
  if (thread.status !== 'closed' && thread.waitingForHotel)
    return (
      <Badge color="blue" variant="light">
        {t('accountThreads.status.waitingForHotel')}
      </Badge>
    );
  return (
    <Badge color={statusColor[thread.status]} variant="light">
      {t(`accountThreads.status.${thread.status}`)}
    </Badge>
  );
}

function useDateTime() {
  const { i18n } = useTranslation();
  const f = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso: string) => f.format(new Date(iso));
}

/** "Contact the hotel": the guest's conversations with the hotel, last message first. */
export function ThreadsPage() {
  const { t } = useTranslation();
  const threads = useAccountThreads();
  return (
    <>
      <PageHeader
        title={t('accountArea.nav.messages')}
        description={t('accountThreads.subtitle')}
        actions={
          <Button component={Link} to="/messages/new" data-testid="new-thread">
            {t('accountThreads.new')}
          </Button>
        }
      />
      {threads.isError ? (
        <Alert color="red" title={t('errors.title')}>
          {describeError(threads.error)}
        </Alert>
      ) : threads.isPending ? (
        <Stack>
          {[0, 1].map((i) => (
            <Skeleton key={i} h={64} radius="md" />
          ))}
        </Stack>
      ) : threads.data.items.length === 0 ? (
        <Card withBorder radius="lg" py={48} data-testid="threads-empty">
          <EmptyState
            icon={<IconMessageOff size={28} />}
            variant="light"
            title={t('accountThreads.emptyTitle')}
            description={t('accountThreads.emptyDescription')}
          />
        </Card>
      ) : (
        <ThreadRows items={threads.data.items} to={(id) => `/messages/${id}`} />
      )}
    </>
  );
}

/** Threads as cards, last message first; `showAuthor` names who opened each (a company's threads). */
export function ThreadRows({
  items,
  to,
  showAuthor = false,
}: {
  items: AccountThread[];
  to: (id: string) => string;
  showAuthor?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const when = useDateTime();
  return (
    <Stack gap="sm">
      {items.map((th) => (
        <Card
          key={th.id}
          withBorder
          radius="md"
          style={{ cursor: 'pointer' }}
          onClick={() => void navigate(to(th.id))}
          data-testid="account-thread-row"
        >
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={2}>
              <Text fw={600}>{th.subject}</Text>
              <Text size="xs" c="dimmed">
                {[showAuthor ? th.writtenBy : null, th.hotelContactName, th.bookingReference, when(th.lastMessageAt)]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Stack>
            <Group gap="xs" wrap="nowrap">
              <Text size="xs" c="dimmed">
                {t('accountThreads.messages', { count: th.messageCount })}
              </Text>
              <ThreadStatus thread={th} />
            </Group>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/**
 * Where a thread page reads and writes (`base`, the API), the route of its threads (`prefix`,
 * `${prefix}/:id`) and where "back" goes.
 */
export interface ThreadPlace {
  base?: string;
  prefix?: string;
  back?: string;
  backLabel?: string;
}

/**
 * One conversation: the messages in and out, and a box to answer. The guest's own messages are
 * "You"; in a company's threads, messages in are named by their author (a colleague, a traveller).
 */
export function ThreadPage({ base = OWN_THREADS, back = '/messages', backLabel }: ThreadPlace) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const thread = useAccountThread(id, base);
  const answer = useAnswerAccountThread(id, base);
  const own = base === OWN_THREADS;
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const fileError = useAttachmentError(answer.error, files);
  const when = useDateTime();

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    const attachments = files.length ? await toUploads(files) : undefined;
    answer.mutate(
      { body, ...(attachments ? { attachments } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setFiles([]);
        },
      },
    );
  };

  return (
    <>
      <Button component={Link} to={back} variant="subtle" leftSection={<IconArrowLeft size={16} />} px={0} mb="sm">
        {backLabel ?? t('accountThreads.back')}
      </Button>
      {thread.isError ? (
        <Alert color={isApiError(thread.error) && thread.error.status === 404 ? 'gray' : 'red'}>
          {isApiError(thread.error) && thread.error.status === 404
            ? t('accountThreads.notFound')
            : describeError(thread.error)}
        </Alert>
      ) : thread.isPending ? (
        <Skeleton h={200} radius="md" />
      ) : (
        <Stack>
          <Group justify="space-between">
            <Stack gap={2}>
              <Title order={2} data-testid="thread-subject">
                {thread.data.subject}
              </Title>
              <Text size="sm" c="dimmed">
                {[thread.data.hotelContactName, thread.data.bookingReference].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
            <ThreadStatus thread={thread.data} />
          </Group>
          {thread.data.messages.map((m) => (
            <Paper
              key={m.id}
              withBorder
              radius="md"
              p="md"
              bg={m.direction === 'out' ? 'var(--mantine-color-blue-light)' : undefined}
              ml={m.direction === 'in' ? 'xl' : 0}
              mr={m.direction === 'out' ? 'xl' : 0}
              data-testid={`thread-message-${m.direction}`}
            >
              <Text size="xs" c="dimmed" mb={4}>
                {m.direction === 'in'
                  ? own
                    ? t('accountThreads.you')
                    : m.authorName
                  : m.authorName || t('accountThreads.hotel')}{' '}
                · {when(m.createdAt)}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Text>
              <AttachmentChips
                attachments={m.attachments}
                hrefOf={(a) => `/api/v1${base}/${encodeURIComponent(id)}/attachments/${encodeURIComponent(a.id)}`}
              />
            </Paper>
          ))}
          <form onSubmit={(e) => void send(e)}>
            <Stack gap="xs">
              <Textarea
                label={t('accountThreads.answer')}
                value={body}
                onChange={(e) => setBody(e.currentTarget.value)}
                autosize
                minRows={3}
                maxLength={20000}
                error={answer.isError && !fileError ? describeError(answer.error) : undefined}
                data-testid="thread-answer"
              />
              <AttachmentPicker value={files} onChange={setFiles} error={fileError} />
              <Group justify="flex-end">
                <Button
                  type="submit"
                  leftSection={<IconSend size={16} />}
                  loading={answer.isPending}
                  disabled={!body.trim()}
                >
                  {t('accountThreads.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      )}
    </>
  );
}

/** A new message to one of the hotel's contacts, optionally about one of the guest's bookings. */
export function NewThreadPage() {
  const bookings = useCustomerBookings();
  return <NewThreadForm bookings={bookings.data?.items ?? []} />;
}

/** The new-message form; `bookings` are those it may be about (the guest's, or the company's). */
export function NewThreadForm({
  base = OWN_THREADS,
  prefix = '/messages',
  back = prefix,
  backLabel,
  bookings,
  title,
}: ThreadPlace & { bookings: { id: string; reference: string; checkIn: string }[]; title?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const contacts = useHotelContactChoices();
  const create = useNewAccountThread(base);
  const [hotelContactId, setContact] = useState<string | null>(null);
  const [bookingId, setBooking] = useState<string | null>(null);
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const fieldErrors = fieldErrorsOf(create.error);
  const fileError = useAttachmentError(create.error, files);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!hotelContactId) return;
    const attachments = files.length ? await toUploads(files) : undefined;
    create.mutate(
      {
        hotelContactId,
        subject,
        message,
        ...(bookingId ? { bookingId } : {}),
        ...(attachments ? { attachments } : {}),
      },
      { onSuccess: (th) => void navigate(`${prefix}/${th.id}`, { replace: true }) },
    );
  };
  const choice = contacts.data?.items.find((c) => c.id === hotelContactId);

  return (
    <>
      <Button component={Link} to={back} variant="subtle" leftSection={<IconArrowLeft size={16} />} px={0} mb="sm">
        {backLabel ?? t('accountThreads.back')}
      </Button>
      <PageHeader title={title ?? t('accountThreads.new')} description={t('accountThreads.newSubtitle')} />
      <Card withBorder radius="lg" maw={640}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Select
              label={t('accountThreads.contact')}
              placeholder={t('accountThreads.contactPlaceholder')}
              data={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={hotelContactId}
              onChange={setContact}
              description={choice?.description || undefined}
              error={fieldErrors.hotelContactId}
              required
              data-testid="thread-contact"
            />
            <Select
              label={t('accountThreads.booking')}
              placeholder={t('accountThreads.noBooking')}
              data={bookings.map((b) => ({ value: b.id, label: `${b.reference} · ${b.checkIn}` }))}
              value={bookingId}
              onChange={setBooking}
              clearable
              error={fieldErrors.bookingId}
              data-testid="thread-booking"
            />
            <TextInput
              label={t('accountThreads.subject')}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              maxLength={200}
              required
              error={fieldErrors.subject}
              data-testid="thread-new-subject"
            />
            <Textarea
              label={t('accountThreads.message')}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              autosize
              minRows={5}
              maxLength={20000}
              required
              error={fieldErrors.message}
              data-testid="thread-new-message"
            />
            <AttachmentPicker value={files} onChange={setFiles} error={fileError} />
            {create.isError && !Object.keys(fieldErrors).length && (
              <Alert color="red">{describeError(create.error)}</Alert>
            )}
            <Group justify="flex-end">
              <Button
                type="submit"
                leftSection={<IconSend size={16} />}
                loading={create.isPending}
                disabled={!hotelContactId || !subject.trim() || !message.trim()}
                data-testid="thread-new-send"
              >
                {t('accountThreads.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
