import { ActionIcon, Avatar, Button, Card, Group, Menu, Skeleton, Stack, Text, Textarea } from '@mantine/core';
import { IconDots, IconNote, IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../shared/format.ts';
import type { GuestNote } from './guest.types.ts';
import { useGuestNotes, useSaveNote } from './guests.api.ts';

/** G-10: free-text notes on a profile, newest first; add, edit, delete. */
export function GuestNotesTab({ guestId, canWrite }: { guestId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const notes = useGuestNotes(guestId);
  const save = useSaveNote(guestId);
  const [draft, setDraft] = useState('');

  return (
    <Stack gap="md">
      {canWrite ? (
        <Card>
          <Textarea
            aria-label={t('guests.notes.new')}
            placeholder={t('guests.notes.placeholder')}
            autosize
            minRows={2}
            maxRows={8}
            value={draft}
            onChange={(event) => setDraft(event.currentTarget.value)}
            data-testid="note-input"
          />
          <Group justify="flex-end" mt="sm">
            <Button
              disabled={!draft.trim()}
              loading={save.isPending && !save.variables?.noteId}
              onClick={() => save.mutate({ body: draft.trim() }, { onSuccess: () => setDraft('') })}
              data-testid="note-add"
            >
              {t('guests.notes.add')}
            </Button>
          </Group>
        </Card>
      ) : null}
      {notes.isPending ? (
        <Skeleton h={80} />
      ) : notes.data?.items.length ? (
        notes.data.items.map((note) => <NoteCard key={note.id} note={note} guestId={guestId} canWrite={canWrite} />)
      ) : (
        <Card py={40}>
          <Stack align="center" gap={4}>
            <IconNote size={28} color="var(--mantine-color-dimmed)" />
            <Text c="dimmed" size="sm">
              {t('guests.notes.empty')}
            </Text>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}

function NoteCard({ note, guestId, canWrite }: { note: GuestNote; guestId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const save = useSaveNote(guestId);
  const [editing, setEditing] = useState<string | null>(null);
  const author = note.author.name ?? t(`guests.actors.${note.author.type === 'api_key' ? 'api_key' : 'staff'}`);
  const edited = note.updatedAt !== note.createdAt;

  return (
    <Card padding="md" data-testid="note">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Avatar size={32} radius="xl" color="teal">
            {author.charAt(0).toUpperCase()}
          </Avatar>
          <div>
            <Text size="sm" fw={600}>
              {author}
            </Text>
            <Text size="xs" c="dimmed">
              {format.dateTime(note.createdAt)}
              {edited ? ` · ${t('guests.notes.edited')}` : ''}
            </Text>
          </div>
        </Group>
        {canWrite && editing === null ? (
          <Menu position="bottom-end">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('guests.notes.actions')}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setEditing(note.body)}>
                {t('actions.edit')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={14} />}
                onClick={() => save.mutate({ noteId: note.id, body: null })}
              >
                {t('guests.notes.delete')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      {editing === null ? (
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {note.body}
        </Text>
      ) : (
        <>
          <Textarea
            mt="sm"
            autosize
            minRows={2}
            value={editing}
            onChange={(event) => setEditing(event.currentTarget.value)}
            aria-label={t('actions.edit')}
          />
          <Group justify="flex-end" mt="sm" gap="sm">
            <Button variant="default" onClick={() => setEditing(null)}>
              {t('actions.cancel')}
            </Button>
            <Button
              disabled={!editing.trim()}
              loading={save.isPending}
              onClick={() =>
                save.mutate({ noteId: note.id, body: editing.trim() }, { onSuccess: () => setEditing(null) })
              }
            >
              {t('actions.save')}
            </Button>
          </Group>
        </>
      )}
    </Card>
  );
}
