import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, notifySuccess } from '../../shared/errors.ts';
import { useErasurePreview, type ErasurePreview } from '../privacy/privacy.api.ts';
import type { Guest } from './guest.types.ts';
import { useDeleteGuest } from './guests.api.ts';

interface Blocking {
  id: string;
  label: string;
}

const normalise = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

/**
 * "Delete guest" (issue 12, P-1): names what will be erased and kept (from the erasure preview),
 * lists the upcoming bookings that refuse it with a link to replace the guest on each, and asks
 * for the guest's name typed in plus a checkbox before the permanent erasure.
 */
export function DeleteGuestModal({ guest, name, onClose }: { guest: Guest | null; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteGuest();
  const preview = useErasurePreview(guest?.id ?? null);
  const [typed, setTyped] = useState('');
  const [understood, setUnderstood] = useState(false);
  const expected = name.trim() ? name : 'DELETE';
  const blocking: Blocking[] | null =
    upcomingBookingsOf(remove.error) ??
    (preview.data?.upcomingBookings.length
      ? preview.data.upcomingBookings.map((b) => ({
          id: b.id,
          label: `${b.reference} · ${b.checkIn} → ${b.checkOut} · ${b.propertyName}`,
        }))
      : null);
  const confirmed = normalise(typed) === normalise(expected) && understood;
  const close = () => {
    remove.reset();
    setTyped('');
    setUnderstood(false);
    onClose();
  };
  return (
    <Modal
      opened={guest !== null}
      onClose={close}
      size="lg"
      title={
        <Group gap="xs">
          <IconAlertTriangle size={18} color="var(--mantine-color-red-6)" />
          <Text fw={600}>{t('privacyFlows.delete.title', { name })}</Text>
        </Group>
      }
    >
      <Stack data-testid="delete-guest-modal">
        <Text size="sm">{t('privacyFlows.delete.intro')}</Text>
        {preview.isPending ? (
          <Skeleton h={160} />
        ) : preview.data ? (
          <ErasureSummary preview={preview.data} />
        ) : preview.error ? (
          <Alert color="red">{describeError(preview.error)}</Alert>
        ) : null}
        {blocking ? (
          <Alert color="orange" title={t('privacyFlows.delete.blockedTitle')} data-testid="guest-upcoming-bookings">
            <Stack gap={6}>
              <Text size="sm">{t('privacyFlows.delete.blockedText')}</Text>
              {blocking.map((b) => (
                <Group key={b.id} justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={`/bookings/${b.id}`} size="sm" onClick={close}>
                    {b.label}
                  </Anchor>
                  {guest ? (
                    <Button
                      size="compact-xs"
                      variant="light"
                      leftSection={<IconUserShare size={14} />}
                      component={Link}
                      to={`/bookings/${b.id}?replace=${encodeURIComponent(guest.id)}`}
                      onClick={close}
                      data-testid="upcoming-replace-guest"
                    >
                      {t('privacyFlows.delete.replaceOn')}
                    </Button>
                  ) : null}
                </Group>
              ))}
            </Stack>
          </Alert>
        ) : (
          <Stack gap="xs">
            <TextInput
              label={name.trim() ? t('privacyFlows.delete.typeName') : t('privacyFlows.delete.typeDelete')}
              placeholder={t('privacyFlows.delete.typeNameHint', { name: expected })}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              autoComplete="off"
              data-testid="delete-confirm-name"
            />
            <Checkbox
              label={t('privacyFlows.delete.understand')}
              checked={understood}
              onChange={(e) => setUnderstood(e.currentTarget.checked)}
              data-testid="delete-confirm-check"
            />
          </Stack>
        )}
        {remove.error && !upcomingBookingsOf(remove.error) ? (
          <Alert color="red">{describeError(remove.error)}</Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('actions.cancel')}
          </Button>
          <Button
            color="red"
            disabled={blocking !== null || !confirmed || !preview.data}
            loading={remove.isPending}
            data-testid="delete-guest-submit"
            onClick={() =>
              guest &&
              remove.mutate(guest.id, {
                onSuccess: () => {
                  notifySuccess(t('privacyFlows.delete.done', { name }));
                  void navigate('/guests');
                },
              })
            }
          >
            {t('privacyFlows.delete.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ErasureSummary({ preview }: { preview: ErasurePreview }) {
  const { t } = useTranslation();
  const erased = [
    ['emails', preview.emails],
    ['phones', preview.phones],
    ['addresses', preview.addresses],
    ['documents', preview.documents],
    ['notes', preview.notes],
    ['history', preview.historyEntries],
    ['mailLog', preview.mailLog],
    ['merges', preview.merges],
  ] as const;
  return (
    <Group align="flex-start" grow data-testid="erasure-preview">
      <Stack gap={4}>
        <Title order={6} c="red">
          {t('privacyFlows.delete.willErase')}
        </Title>
        <List size="sm" spacing={2}>
          {erased
            .filter(([, count]) => count > 0)
            .map(([key, count]) => (
              <List.Item key={key}>{t(`privacyFlows.delete.${key}`, { count })}</List.Item>
            ))}
          {preview.customerAccount ? <List.Item>{t('privacyFlows.delete.account')}</List.Item> : null}
        </List>
      </Stack>
      <Stack gap={4}>
        <Title order={6} c="dimmed">
          {t('privacyFlows.delete.willKeep')}
        </Title>
        <List size="sm" spacing={2}>
          {preview.bookingsKept ? (
            <List.Item>{t('privacyFlows.delete.bookingsKept', { count: preview.bookingsKept })}</List.Item>
          ) : null}
          <List.Item>{t('privacyFlows.delete.auditKept')}</List.Item>
        </List>
      </Stack>
    </Group>
  );
}

/** The bookings a 409 guest_has_upcoming_bookings lists (`field` = `bookings.<id>`), or null for any other outcome. */
function upcomingBookingsOf(error: unknown): Blocking[] | null {
  if (!isApiError(error) || error.code !== 'guest_has_upcoming_bookings') return null;
  return error.details.flatMap((d) =>
    d.field?.startsWith('bookings.') ? [{ id: d.field.slice('bookings.'.length), label: d.message }] : [],
  );
}
