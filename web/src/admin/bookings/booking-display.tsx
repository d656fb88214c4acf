import { Badge, Tooltip } from '@mantine/core';
import i18next from 'i18next';
import { IconBan } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import type { Booking, BookingStatus } from './booking.types.ts';

const statusColors: Record<BookingStatus, string> = {
  confirmed: 'blue',
  in_house: 'teal',
  checked_out: 'gray',
  cancelled: 'red',
  no_show: 'orange',
};

export function StatusBadge({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColors[status]} variant="light" tt="none" data-testid="booking-status">
      {t(`bookings.status.${status}`)}
    </Badge>
  );
}

/** The red mark on a booking made for a blocked guest (G-11). */
export function FlaggedBadge() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('bookings.flaggedHint')} multiline w={260}>
      <Badge color="red" variant="filled" tt="none" leftSection={<IconBan size={12} />} data-testid="booking-flagged">
        {t('bookings.flagged')}
      </Badge>
    </Tooltip>
  );
}

/** "1.234,50 €" in the UI language. */
export function useMoney() {
  const { i18n } = useTranslation();
  return useCallback(
    (amount: number, currency: string) => {
      try {
        return new Intl.NumberFormat(i18n.language, { style: 'currency', currency }).format(amount);
      } catch {
        return `${amount.toFixed(2)} ${currency}`;
      }
    },
    [i18n.language],
  );
}

/** A YYYY-MM-DD date in the UI language, without time-zone shifts. */
export function useDay() {
  const { i18n } = useTranslation();
  return useCallback(
    (day: string) =>
      new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      ),
    [i18n.language],
  );
}

/** Who created a booking: the staff member's name, or the channel. */
export function useCreatedBy() {
  const { t } = useTranslation();
  return useCallback(
    (booking: Pick<Booking, 'createdBy'>) =>
      booking.createdBy.name ?? t(`bookings.actor.${booking.createdBy.type}`, { defaultValue: booking.createdBy.type }),
    [t],
  );
}

export function useSourceLabel() {
  const { t } = useTranslation();
  return useCallback((source: string) => t(`bookings.source.${source}`, { defaultValue: source }), [t]);
}

/** Error codes of the bookings and properties API that have their own translated text. */
const ownErrorCodes = [
  'sold_out',
  'unknown_room_type',
  'unknown_guest',
  'reference_taken',
  'property_required',
  'room_type_name_taken',
  'room_type_in_use',
] as const;

/** The translated text for a bookings/properties error code, when there is one. */
function ownErrorText(error: unknown): string | undefined {
  if (!isApiError(error)) return undefined;
  return (ownErrorCodes as readonly string[]).includes(error.code)
    ? i18next.t(`bookings.errors.${error.code}`)
    : undefined;
}

/** Field errors of a failed booking or room-type request, translated where the code is known. */
export function bookingFieldErrors(error: unknown): Record<string, string> {
  const errors = fieldErrorsOf(error);
  const text = ownErrorText(error);
  if (text) for (const key of Object.keys(errors)) errors[key] = text;
  if (isApiError(error) && error.code === 'validation_failed') {
    for (const detail of error.details) {
      if (detail.field === 'checkOut' && /after checkIn/.test(detail.message))
        errors.checkOut = i18next.t('bookings.errors.checkOutBeforeCheckIn');
    }
  }
  return errors;
}

/** The message of a failed booking or room-type request. */
export function describeBookingError(error: unknown): string {
  return ownErrorText(error) ?? describeError(error);
}
