import {
  Alert,
  Anchor,
  Avatar,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Menu,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import {
  IconBan,
  IconDots,
  IconEyeOff,
  IconHistory,
  IconId,
  IconNote,
  IconShieldCheck,
  IconTimeline,
  IconTrash,
  IconUser,
} from '@tabler/icons-react';
import { useDocumentTitle } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { BookingsTabIcon, GuestBookingActions, GuestBookingsTab } from '../bookings/guest-bookings.tsx';
import { GuestConsentTab } from '../consent/guest-consent-tab.tsx';
import { GuestIdentityTab, IdentityTabIcon } from '../duplicates/guest-identity-tab.tsx';
import { GuestCompanies } from '../companies/guest-companies.tsx';
import { GuestTimelineTab } from '../timeline/guest-timeline-tab.tsx';
import { MergedGuestRedirect, survivorOf } from '../merges/merged-guest-redirect.tsx';
import { ForbiddenState, NotFoundPage } from '../pages/not-found.page.tsx';
import { DownloadPersonalDataButton } from '../privacy-access/download-personal-data-button.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { initialsOf, TagBadges, useGuestName } from './guest-display.tsx';
import { GuestDocumentReveal } from './guest-document-reveal.tsx';
import { GuestForm } from './guest-form.tsx';
import { GuestHistoryTab } from './guest-history-tab.tsx';
import { GuestNotesTab } from './guest-notes-tab.tsx';
import type { Guest } from './guest.types.ts';
import { DeleteGuestModal } from './guest-delete-modal.tsx';
import { useGuest } from './guests.api.ts';

const tabs = ['profile', 'timeline', 'history', 'notes', 'consent', 'bookings', 'identity'] as const;
type Tab = (typeof tabs)[number];

/** One guest: who they are (every field, editable), their RFM figures, history and notes. */
export function GuestProfilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useCurrentUser();
  const guest = useGuest(id);
  const nameOf = useGuestName();
  // Without personal-data:read the server masks e-mails, phones, birth dates, documents and addresses;
  // the form stays read-only so masked values are never saved back.
  const seesPersonalData = hasPermission(user, 'personal-data:read');
  const canWrite = hasPermission(user, 'guests:write') && seesPersonalData;
  const [params, setParams] = useSearchParams();
  const tab: Tab = (tabs as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'profile';

  if (!hasPermission(user, 'guests:read')) return <ForbiddenState />;
  if (guest.isError) {
    const survivorId = survivorOf(guest.error);
    if (survivorId) return <MergedGuestRedirect fromId={id} survivorId={survivorId} />;
    if (isApiError(guest.error) && guest.error.status === 404) return <NotFoundPage />;
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(guest.error)}
      </Alert>
    );
  }

  const name = guest.data ? nameOf(guest.data) || t('guests.unnamed') : '';
  return (
    <>
      <Breadcrumbs mb="xs" fz="sm">
        <Anchor component={Link} to="/guests">
          {t('nav.guests')}
        </Anchor>
        <Text size="sm" c="dimmed">
          {name || '…'}
        </Text>
      </Breadcrumbs>
      {guest.data ? <ProfileHeader guest={guest.data} name={name} canWrite={canWrite} /> : <Skeleton h={120} mb="lg" />}
      <Tabs
        value={tab}
        onChange={(value) => setParams(value && value !== 'profile' ? { tab: value } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="profile" leftSection={<IconUser size={16} />} data-testid="tab-profile">
            {t('guests.tabs.profile')}
          </Tabs.Tab>
          <Tabs.Tab value="timeline" leftSection={<IconTimeline size={16} />} data-testid="tab-timeline">
            {t('timeline.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />} data-testid="tab-history">
            {t('guests.tabs.history')}
          </Tabs.Tab>
          <Tabs.Tab value="notes" leftSection={<IconNote size={16} />} data-testid="tab-notes">
            {t('guests.tabs.notes')}
          </Tabs.Tab>
          <Tabs.Tab value="consent" leftSection={<IconShieldCheck size={16} />} data-testid="tab-consent">
            {t('consent.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="bookings" leftSection={<BookingsTabIcon size={16} />} data-testid="tab-bookings">
            {t('bookings.guest.tab')}
          </Tabs.Tab>
          <Tabs.Tab value="identity" leftSection={<IdentityTabIcon size={16} />} data-testid="tab-identity">
            {t('duplicates.identity.tab')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile">
          {seesPersonalData ? null : (
            <Alert color="gray" mb="md" icon={<IconEyeOff size={16} />} data-testid="personal-data-masked">
              {t('guestsPrivacy.masked')}
            </Alert>
          )}
          <GuestCompanies guestId={id} />
          {guest.data ? <GuestDocumentReveal guest={guest.data} canReveal={seesPersonalData} /> : null}
          {guest.data ? (
            <GuestForm
              key={guest.data.id}
              guest={guest.data}
              readOnly={!canWrite}
              onSaved={() => notifySuccess(t('guests.saved'))}
            />
          ) : (
            <Skeleton h={400} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="timeline">
          <GuestTimelineTab guestId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <GuestHistoryTab guestId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="notes">
          <GuestNotesTab guestId={id} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="consent">
          <GuestConsentTab guestId={id} canWrite={canWrite} />
        </Tabs.Panel>
        <Tabs.Panel value="bookings">
          <GuestBookingsTab guestId={id} />
        </Tabs.Panel>
        <Tabs.Panel value="identity">
          <GuestIdentityTab guestId={id} guestName={name} canWrite={canWrite} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div>
      <Tooltip label={hint} disabled={!hint} multiline w={240}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
      </Tooltip>
      <Text fw={600} size="lg">
        {value}
      </Text>
    </div>
  );
}

function ProfileHeader({ guest, name, canWrite }: { guest: Guest; name: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [deleting, setDeleting] = useState(false);
  useDocumentTitle(`${name} · ${t('app.name')}`);
  const money = useMemo(
    () => new Intl.NumberFormat(i18n.language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    [i18n.language],
  );

  return (
    <>
      <Card mb="lg" data-testid="guest-header">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <Avatar size={56} radius="xl" color="teal">
              {initialsOf(guest)}
            </Avatar>
            <Stack gap={6}>
              <Title order={4} data-testid="guest-profile-name">
                {name}
              </Title>
              {guest.nativeName ? <Text c="dimmed">{guest.nativeName}</Text> : null}
              <Group gap={6}>
                <Badge variant="outline" color="gray" tt="none">
                  {t(`guests.source.${guest.source}`)}
                </Badge>
                <Badge variant="dot" color={guest.marketingConsent ? 'teal' : 'gray'} tt="none">
                  {t(guest.marketingConsent ? 'guests.profile.consentYes' : 'guests.profile.consentNo')}
                </Badge>
                {guest.userId ? (
                  <Tooltip label={guest.userId}>
                    <Badge variant="light" color="blue" tt="none" leftSection={<IconId size={12} />}>
                      {guest.username ?? t('guests.profile.hasAccount')}
                    </Badge>
                  </Tooltip>
                ) : null}
                {guest.blocked ? (
                  <Badge color="red" leftSection={<IconBan size={12} />}>
                    {t('guests.profile.blocked')}
                  </Badge>
                ) : null}
              </Group>
              <TagBadges tags={guest.tags} />
            </Stack>
          </Group>
          <GuestBookingActions guest={guest} />
          <DownloadPersonalDataButton guestId={guest.id} />
          {canWrite ? (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" px="xs" aria-label={t('guests.profile.more')}>
                  <IconDots size={18} />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(true)}>
                  {t('guests.delete.action')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
        {guest.blocked ? (
          <Alert color="red" mt="md" icon={<IconBan size={16} />} data-testid="guest-blocked-banner">
            {t('guests.profile.blockedSince', { date: format.date(guest.blocked.at), reason: guest.blocked.reason })}
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }} mt="lg" spacing="md">
          <Stat
            label={t('guests.rfm.recency')}
            hint={t('guests.rfm.recencyHint')}
            value={t('guests.rfm.days', {
              count: guest.rfm.recencyDays,
              formatted: format.number(guest.rfm.recencyDays),
            })}
          />
          <Stat
            label={t('guests.rfm.frequency')}
            hint={t('guests.rfm.frequencyHint')}
            value={format.number(guest.rfm.frequency)}
          />
          <Stat
            label={t('guests.rfm.lifetimeValue')}
            hint={t('guests.rfm.lifetimeValueHint')}
            value={money.format(guest.rfm.lifetimeValue)}
          />
          <Stat label={t('guests.columns.bookings')} value={format.number(guest.bookingCount)} />
          <Stat label={t('guests.columns.firstContact')} value={format.date(guest.firstContactAt)} />
          <Stat label={t('guests.columns.lastActivity')} value={format.relative(guest.lastActivityAt)} />
        </SimpleGrid>
      </Card>
      <DeleteGuestModal guest={deleting ? guest : null} name={name} onClose={() => setDeleting(false)} />
    </>
  );
}
