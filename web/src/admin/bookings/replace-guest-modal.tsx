import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { useReplaceGuest } from '../privacy/privacy.api.ts';
import type { Booking } from './booking.types.ts';
import { GuestPicker, personPayload, type PersonChoice } from './guest-picker.tsx';

/**
 * "Replace guest" (issue 12): moves the booking from one person to another — an existing guest or a
 * new person — so the first can be erased. Opened from the booking page, or from a refused deletion
 * with the guest to replace chosen (`fromGuestId`).
 */
export function ReplaceGuestModal({
  booking,
  opened,
  fromGuestId,
  onClose,
}: {
  booking: Booking;
  opened: boolean;
  fromGuestId?: string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const replace = useReplaceGuest(booking.id);
  const people = booking.guests.map((g) => ({
    value: g.guestId,
    label: t(g.role === 'customer' ? 'privacyFlows.replace.customer' : 'privacyFlows.replace.stay', {
      name: g.name || t('bookings.unnamed'),
    }),
  }));
  const initialFrom = people.some((p) => p.value === fromGuestId) ? fromGuestId : (people[0]?.value ?? null);
  const [from, setFrom] = useState<string | null>(initialFrom ?? null);
  const [to, setTo] = useState<PersonChoice>(null);
  const [missing, setMissing] = useState(false);
  const errors = fieldErrorsOf(replace.error);
  const toErrors = Object.fromEntries(
    Object.entries(errors).flatMap(([k, v]) =>
      k.startsWith('to.') ? [[k.slice(3), v]] : k === 'to' ? [['_', v]] : [],
    ),
  );
  const general = replace.error && !Object.keys(errors).length ? describeError(replace.error) : null;
  const close = () => {
    replace.reset();
    setTo(null);
    setMissing(false);
    onClose();
  };
  const submit = () => {
    const payload = personPayload(to);
    if (!from || !payload) {
      setMissing(true);
      return;
    }
    replace.mutate(
      { from, to: payload },
      {
        onSuccess: () => {
          notifySuccess(t('privacyFlows.replace.done', { reference: booking.reference }));
          close();
        },
      },
    );
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('privacyFlows.replace.title', { reference: booking.reference })}
      size="lg"
    >
      <Stack data-testid="replace-guest-modal">
        <Text size="sm" c="dimmed">
          {t('privacyFlows.replace.intro')}
        </Text>
        <Select
          label={t('privacyFlows.replace.from')}
          data={people}
          value={from}
          onChange={setFrom}
          allowDeselect={false}
          error={errors.from}
          data-testid="replace-from"
        />
        <GuestPicker
          value={to}
          onChange={(choice) => {
            setTo(choice);
            setMissing(false);
          }}
          errors={toErrors}
          label={t('privacyFlows.replace.to')}
          testId="replace-to"
          required
        />
        {missing ? (
          <Text size="sm" c="red">
            {t('privacyFlows.replace.pickRequired')}
          </Text>
        ) : null}
        {general ? <Alert color="red">{general}</Alert> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('actions.cancel')}
          </Button>
          <Button onClick={submit} loading={replace.isPending} data-testid="replace-submit">
            {t('privacyFlows.replace.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
