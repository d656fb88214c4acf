import { Anchor, Alert, Button, Card, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useCompanies, type Company, type Contact } from './companies.api.ts';

/**
 * Attaching a booking to a company afterwards (issue 15, C-4; `PATCH /bookings/{id}` with
 * `companyId` and `contactId`), from the company page (pick the booking) or the booking page (pick
 * the company). The contact is one of the company's contacts, or none.
 */

interface BookingRef {
  id: string;
  reference: string;
  companyId?: string | null;
  contactId?: string | null;
}

function useContactsOf(companyId: string | null) {
  return useQuery({
    queryKey: ['companies', companyId, 'contacts'],
    queryFn: ({ signal }) =>
      api.get<{ items: Contact[] }>(`/companies/${encodeURIComponent(companyId ?? '')}/contacts`, signal),
    enabled: !!companyId,
  });
}

function useBookingSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['bookings', 'attach-search', q],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; reference: string; customerName: string; checkIn: string }[] }>(
        `/bookings?limit=20${q ? `&q=${encodeURIComponent(q)}` : ''}`,
        signal,
      ),
    enabled,
  });
}

function useAttach() {
  const queryClient = useQueryClient();
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: (v: { bookingId: string; companyId: string | null; contactId: string | null }) =>
      api.patch(`/bookings/${encodeURIComponent(v.bookingId)}`, { companyId: v.companyId, contactId: v.contactId }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['bookings'] }),
        queryClient.invalidateQueries({ queryKey: ['companies'] }),
      ]),
  });
}

export function AttachBookingModal({
  companyId: fixedCompany,
  booking,
  onClose,
}: {
  companyId?: string;
  booking?: BookingRef;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const attach = useAttach();
  const [companyId, setCompany] = useState<string | null>(fixedCompany ?? booking?.companyId ?? null);
  const [bookingId, setBooking] = useState<string | null>(booking?.id ?? null);
  const [contactId, setContact] = useState<string | null>(booking?.contactId ?? null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const companies = useCompanies(fixedCompany ? '' : q);
  const bookings = useBookingSearch(q, !booking);
  const contacts = useContactsOf(companyId);
  const errors = fieldErrorsOf(attach.error);
  const submit = () =>
    bookingId && companyId && attach.mutate({ bookingId, companyId, contactId }, { onSuccess: onClose });
  return (
    <Modal opened onClose={onClose} title={t('companyExtras.attach.title')}>
      <Stack>
        {booking ? (
          <Select
            label={t('companyExtras.attach.company')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            data={(companies.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            value={companyId}
            onChange={(v) => {
              setCompany(v);
              setContact(null);
            }}
            nothingFoundMessage={t('companyExtras.attach.nothing')}
            error={errors.companyId}
            data-testid="attach-company"
          />
        ) : (
          <Select
            label={t('companyExtras.attach.booking')}
            description={t('companyExtras.attach.bookingHint')}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            filter={({ options }) => options}
            data={(bookings.data?.items ?? []).map((b) => ({
              value: b.id,
              label: `${b.reference} · ${b.customerName} · ${b.checkIn}`,
            }))}
            value={bookingId}
            onChange={setBooking}
            nothingFoundMessage={t('companyExtras.attach.nothing')}
            data-testid="attach-booking"
          />
        )}
        <Select
          label={t('companyExtras.attach.contact')}
          placeholder={t('companyExtras.attach.noContact')}
          clearable
          disabled={!companyId}
          data={(contacts.data?.items ?? []).map((c) => ({
            value: c.guestId,
            label: `${c.firstName} ${c.lastName}`.trim() || c.email || c.guestId,
          }))}
          value={contactId}
          onChange={setContact}
          error={errors.contactId}
          data-testid="attach-contact"
        />
        {attach.isError && !Object.keys(errors).length ? (
          <Alert color="red">{describeError(attach.error)}</Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('companies.common.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={attach.isPending}
            disabled={!bookingId || !companyId}
            data-testid="attach-save"
          >
            {t('companyExtras.attach.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The booking page's company card: which company and contact it is for; attach, change or detach. */
export function BookingCompany({ booking, canWrite }: { booking: BookingRef; canWrite: boolean }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [open, setOpen] = useState(false);
  const attach = useAttach();
  const allowed = hasPermission(user, 'companies:read');
  const companyName = useCompanyName(allowed ? (booking.companyId ?? null) : null);
  const contacts = useContactsOf(allowed ? (booking.companyId ?? null) : null);
  if (!allowed) return null;
  const contact = contacts.data?.items.find((c) => c.guestId === booking.contactId);
  return (
    <Card mt="lg" data-testid="booking-company">
      <Group justify="space-between">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('companyExtras.attach.company')}
          </Text>
          {booking.companyId ? (
            <Text size="sm">
              <Anchor component={Link} to={`/companies/${booking.companyId}`} data-testid="booking-company-name">
                {companyName ?? '…'}
              </Anchor>
              {contact ? ` · ${`${contact.firstName} ${contact.lastName}`.trim()}` : ''}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('companyExtras.attach.none')}
            </Text>
          )}
        </Stack>
        {canWrite ? (
          <Group gap="xs">
            {booking.companyId ? (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                loading={attach.isPending}
                onClick={() => attach.mutate({ bookingId: booking.id, companyId: null, contactId: null })}
                data-testid="booking-company-detach"
              >
                {t('companyExtras.attach.detach')}
              </Button>
            ) : null}
            <Button variant="default" size="xs" onClick={() => setOpen(true)} data-testid="booking-company-attach">
              {booking.companyId ? t('companyExtras.attach.change') : t('companyExtras.attach.action')}
            </Button>
          </Group>
        ) : null}
      </Group>
      {open ? <AttachBookingModal booking={booking} onClose={() => setOpen(false)} /> : null}
    </Card>
  );
}

/** A company's name when the user may read companies (null while loading, or without an id). */
export function useCompanyName(companyId: string | null): string | null {
  const user = useCurrentUser();
  const company = useQuery({
    queryKey: ['companies', companyId],
    queryFn: ({ signal }) => api.get<Company>(`/companies/${encodeURIComponent(companyId ?? '')}`, signal),
    enabled: !!companyId && hasPermission(user, 'companies:read'),
  });
  return company.data?.name ?? null;
}
