import { Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import { useHotelContacts } from '../hotel-contacts/hotel-contacts.api.ts';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { CatalogTable } from '../settings/catalog-table.tsx';
import { ConfirmDeleteModal } from '../settings/confirm-delete-modal.tsx';
import { useCannedReplies, useDeleteCannedReply, useSaveCannedReply, type CannedReply } from './canned-replies.api.ts';

const LANGUAGES = ['en', 'es', 'fr'] as const;
const PLACEHOLDERS = ['guest.firstName', 'guest.lastName', 'booking.reference', 'thread.subject']
  .map((p) => `{{${p}}}`)
  .join(', ');

/** Settings → Canned replies (M-2): a title and a body per language, optionally for one contact. */
export function CannedRepliesPage() {
  const { t, i18n } = useTranslation();
  const user = useCurrentUser();
  const allowed = hasPermission(user, 'threads:read');
  const mayWrite = hasPermission(user, 'threads:write');
  const replies = useCannedReplies(allowed);
  const contacts = useHotelContacts(i18n.language.slice(0, 2), allowed);
  const remove = useDeleteCannedReply();
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  if (!allowed) return <ForbiddenState />;
  const contactName = (id: string | null) =>
    id ? (contacts.data?.items.find((c) => c.id === id)?.name ?? id) : t('cannedReplies.allContacts');

  return (
    <>
      <PageHeader
        title={t('cannedReplies.title')}
        description={t('cannedReplies.description')}
        actions={
          mayWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="canned-create">
              {t('cannedReplies.create')}
            </Button>
          ) : null
        }
      />
      <CatalogTable
        testId="canned"
        items={replies.data?.items}
        error={replies.error}
        empty={t('cannedReplies.empty')}
        columns={[
          {
            key: 'title',
            label: t('cannedReplies.fields.title'),
            render: (r: CannedReply) => (
              <>
                <Text size="sm" fw={600}>
                  {r.title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {r.bodies.en}
                </Text>
              </>
            ),
          },
          {
            key: 'languages',
            label: t('cannedReplies.fields.languages'),
            render: (r: CannedReply) => <Text size="sm">{LANGUAGES.filter((l) => r.bodies[l]).join(' · ')}</Text>,
          },
          {
            key: 'contact',
            label: t('cannedReplies.fields.contactColumn'),
            render: (r: CannedReply) => <Text size="sm">{contactName(r.hotelContactId)}</Text>,
          },
        ]}
        onEdit={mayWrite ? setEditing : undefined}
        onDelete={mayWrite ? setDeleting : undefined}
      />
      {editing ? (
        <CannedReplyModal
          reply={editing === 'new' ? null : editing}
          contacts={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDeleteModal
        opened={deleting !== null}
        title={t('cannedReplies.deleteTitle')}
        message={t('cannedReplies.deleteMessage', { title: deleting?.title ?? '' })}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}

function CannedReplyModal({
  reply,
  contacts,
  onClose,
}: {
  reply: CannedReply | null;
  contacts: { value: string; label: string }[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCannedReply();
  const [title, setTitle] = useState(reply?.title ?? '');
  const [bodies, setBodies] = useState({ en: '', es: '', fr: '', ...reply?.bodies });
  const [hotelContactId, setContact] = useState<string | null>(reply?.hotelContactId ?? null);
  const errors = fieldErrorsOf(save.error);
  const submit = () =>
    save.mutate(
      {
        id: reply?.id ?? null,
        body: {
          title,
          bodies: {
            en: bodies.en,
            ...(bodies.es.trim() ? { es: bodies.es } : {}),
            ...(bodies.fr.trim() ? { fr: bodies.fr } : {}),
          },
          hotelContactId,
        },
      },
      {
        onSuccess: () => {
          notifySuccess(t('cannedReplies.saved'));
          onClose();
        },
      },
    );
  return (
    <Modal opened onClose={onClose} title={reply ? reply.title : t('cannedReplies.create')} size="lg">
      <Stack>
        <TextInput
          label={t('cannedReplies.fields.title')}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
          maxLength={200}
          required
          data-testid="canned-title"
        />
        <Select
          label={t('cannedReplies.fields.contact')}
          placeholder={t('cannedReplies.allContacts')}
          data={contacts}
          value={hotelContactId}
          onChange={setContact}
          clearable
        />
        {LANGUAGES.map((l) => (
          <Textarea
            key={l}
            label={t(`cannedReplies.fields.body_${l}`)}
            description={l === 'en' ? `${t('cannedReplies.placeholders')} ${PLACEHOLDERS}` : undefined}
            value={bodies[l]}
            onChange={(e) => {
              // Read now: React clears currentTarget before it runs the updater (it crashed the page).
              const value = e.currentTarget.value;
              setBodies((b) => ({ ...b, [l]: value }));
            }}
            error={errors[`bodies.${l}`]}
            autosize
            minRows={3}
            maxLength={10_000}
            required={l === 'en'}
            data-testid={`canned-body-${l}`}
          />
        ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={save.isPending}
            disabled={!title.trim() || !bodies.en.trim()}
            data-testid="canned-save"
          >
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
