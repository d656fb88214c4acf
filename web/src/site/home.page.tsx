import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Container,
  Grid,
  Group,
  NumberInput,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconBed, IconInfoCircle, IconSearch, IconUsers } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { describeError } from '../shared/errors.ts';
import { CartPanel } from './cart-panel.tsx';
import { addDays, countText, today, useMoney } from './money.ts';
import { useAddToCart, useAvailability, useSiteInfo } from './site.api.ts';
import type { PriceRules, RoomOffer, Stay } from './site.types.ts';
import { usePropertyId } from './use-property.ts';

function stayFrom(params: URLSearchParams): Stay {
  const checkIn = params.get('checkIn') ?? addDays(today(), 1);
  const checkOut = params.get('checkOut') ?? addDays(checkIn, 2);
  return {
    checkIn,
    checkOut,
    adults: Math.max(1, Number(params.get('adults') ?? 2) || 2),
    children: Math.max(0, Number(params.get('children') ?? 0) || 0),
  };
}

/** Landing page: hero with the stay search, the rooms with their prices, and the cart. */
export function HomePage() {
  const { t } = useTranslation();
  const propertyId = usePropertyId();
  const info = useSiteInfo(propertyId);
  const [params, setParams] = useSearchParams();
  const stay = stayFrom(params);
  const [draft, setDraft] = useState<Stay>(stay);
  const [dateError, setDateError] = useState<string | null>(null);
  const availability = useAvailability(propertyId, stay.checkOut > stay.checkIn ? stay : null);
  const hotel = info.data?.property.hotelName ?? t('site.title');
  useDocumentTitle(`${t('site.home.documentTitle')} · ${hotel}`);

  const search = (event: FormEvent) => {
    event.preventDefault();
    if (!draft.checkIn || !draft.checkOut || draft.checkOut <= draft.checkIn) {
      setDateError(t('site.search.checkOutAfter'));
      return;
    }
    if (draft.checkIn < today()) {
      setDateError(t('site.search.notPast'));
      return;
    }
    setDateError(null);
    const next = new URLSearchParams(params);
    next.set('checkIn', draft.checkIn);
    next.set('checkOut', draft.checkOut);
    next.set('adults', String(draft.adults));
    next.set('children', String(draft.children));
    setParams(next);
  };

  return (
    <>
      <Box
        py={72}
        style={{
          background:
            'linear-gradient(135deg, rgba(8,66,82,0.92), rgba(12,133,153,0.78)), radial-gradient(circle at 20% 20%, #66d9e8, transparent 60%)',
        }}
      >
        <Container size="lg">
          <Stack gap="xs" mb="xl">
            <Title order={1} c="white" data-testid="site-hero-title">
              {t('site.home.heroTitle', { hotel })}
            </Title>
            <Text c="cyan.0" size="lg" maw={640}>
              {t('site.home.heroText')}
            </Text>
          </Stack>
          <Card component="form" onSubmit={search} shadow="lg" radius="md" p="lg" data-testid="stay-search">
            <Group align="flex-end" grow wrap="wrap">
              <TextInput
                type="date"
                label={t('site.search.checkIn')}
                value={draft.checkIn}
                min={today()}
                onChange={(e) => setDraft({ ...draft, checkIn: e.currentTarget.value })}
                error={dateError}
                data-testid="search-check-in"
              />
              <TextInput
                type="date"
                label={t('site.search.checkOut')}
                value={draft.checkOut}
                min={draft.checkIn}
                onChange={(e) => setDraft({ ...draft, checkOut: e.currentTarget.value })}
                data-testid="search-check-out"
              />
              <NumberInput
                label={t('site.search.adults')}
                min={1}
                max={20}
                value={draft.adults}
                onChange={(v) => setDraft({ ...draft, adults: Math.max(1, Number(v) || 1) })}
                data-testid="search-adults"
              />
              <NumberInput
                label={t('site.search.children')}
                min={0}
                max={20}
                value={draft.children}
                onChange={(v) => setDraft({ ...draft, children: Math.max(0, Number(v) || 0) })}
                data-testid="search-children"
              />
              <Button type="submit" leftSection={<IconSearch size={18} />} data-testid="search-submit">
                {t('site.search.submit')}
              </Button>
            </Group>
          </Card>
        </Container>
      </Box>
      <Container size="lg" py="xl">
        <Grid gap="xl">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Title order={2} mb="md">
              {t('site.rooms.title')}
            </Title>
            {availability.data && !availability.data.prices.visible ? (
              <Alert icon={<IconInfoCircle />} color="cyan" mb="md" data-testid="prices-hidden">
                {availability.data.prices.hiddenReason === 'validation'
                  ? t('site.prices.awaitingValidation')
                  : availability.data.prices.hiddenReason === 'on_request'
                    ? t('companyRegistration.prices.onRequestHint')
                    : t('site.prices.logInToSee')}{' '}
                {availability.data.prices.hiddenReason === 'log_in' ? (
                  <a href="/account">{t('site.prices.logIn')}</a>
                ) : null}
              </Alert>
            ) : null}
            {availability.data && availability.data.prices.discountPercent > 0 ? (
              <Alert color="teal" mb="md" data-testid="discount-note">
                {t('site.prices.discount', { percent: availability.data.prices.discountPercent })}
              </Alert>
            ) : null}
            {availability.isError ? <Alert color="red">{describeError(availability.error)}</Alert> : null}
            {availability.isLoading || !propertyId ? (
              <Stack>
                <Skeleton h={140} />
                <Skeleton h={140} />
              </Stack>
            ) : availability.data && availability.data.roomTypes.length === 0 ? (
              <Card withBorder p="xl">
                <Text c="dimmed">{t('site.rooms.none')}</Text>
              </Card>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {availability.data?.roomTypes.map((room) => (
                  <RoomCard
                    key={room.roomTypeId}
                    room={room}
                    stay={stay}
                    nights={availability.data.nights}
                    currency={availability.data.currency}
                    propertyId={propertyId}
                    hiddenReason={availability.data.prices.hiddenReason}
                  />
                ))}
              </SimpleGrid>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>{propertyId ? <CartPanel propertyId={propertyId} /> : null}</Grid.Col>
        </Grid>
      </Container>
    </>
  );
}

function RoomCard(props: {
  room: RoomOffer;
  stay: Stay;
  nights: number;
  currency: string;
  propertyId: string;
  /** Prices hidden for this visitor: booking needs sign-in (or validation) too (issue 11 #20). */
  hiddenReason: PriceRules['hiddenReason'];
}) {
  const { room, stay, nights, currency, propertyId, hiddenReason } = props;
  const { t } = useTranslation();
  const money = useMoney();
  const add = useAddToCart(propertyId);
  const soldOut = room.available < 1;
  return (
    <Card withBorder shadow="sm" radius="md" p="lg" data-testid="room-card" data-room={room.name}>
      <Stack gap="sm" h="100%" justify="space-between">
        <div>
          <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
            <Group gap="sm" wrap="nowrap">
              <ThemeIcon variant="light" size="lg">
                <IconBed size={20} />
              </ThemeIcon>
              <Title order={4}>{room.name}</Title>
            </Group>
            {soldOut ? (
              <Badge color="gray" style={{ flexShrink: 0 }}>
                {t('site.rooms.soldOut')}
              </Badge>
            ) : room.available <= 3 ? (
              <Badge color="orange" style={{ flexShrink: 0 }}>
                {countText(t, 'site.rooms.fewLeft', room.available)}
              </Badge>
            ) : null}
          </Group>
          <Group gap={6} c="dimmed">
            <IconUsers size={16} />
            <Text size="sm">{countText(t, 'site.rooms.sleeps', room.capacity)}</Text>
          </Group>
        </div>
        {room.total !== null ? (
          <div>
            {room.totalBeforeDiscount !== null && room.totalBeforeDiscount !== room.total ? (
              <Text size="sm" c="dimmed" td="line-through">
                {money(room.totalBeforeDiscount, currency)}
              </Text>
            ) : null}
            <Text size="xl" fw={700} data-testid="room-price">
              {money(room.total, currency)}
            </Text>
            <Text size="xs" c="dimmed">
              {countText(t, 'site.rooms.forNights', nights)}
              {room.nightlyPrice !== null
                ? ` · ${t('site.rooms.perNight', { price: money(room.nightlyPrice, currency) })}`
                : ''}
            </Text>
          </div>
        ) : (
          <Text size="sm" c="cyan.8" fw={500} data-testid="room-price-hidden">
            {hiddenReason === 'on_request' ? t('companyRegistration.prices.onRequest') : t('site.prices.logInToSee')}
          </Text>
        )}
        {add.isError ? (
          <Text size="xs" c="red">
            {describeError(add.error)}
          </Text>
        ) : null}
        {hiddenReason === 'log_in' ? (
          <Button component="a" href="/account" variant="light" data-testid="sign-in-to-book">
            {t('site.rooms.signInToBook')}
          </Button>
        ) : hiddenReason === 'on_request' ? (
          <Button component={Link} to="/contact" variant="light" data-testid="price-on-request">
            {t('companyRegistration.prices.onRequest')}
          </Button>
        ) : hiddenReason === 'validation' ? (
          <Button disabled data-testid="awaiting-validation">
            {t('site.rooms.awaitingValidation')}
          </Button>
        ) : (
          <Button
            disabled={soldOut || !room.fits}
            loading={add.isPending}
            onClick={() => add.mutate({ roomTypeId: room.roomTypeId, ...stay })}
            data-testid="add-to-cart"
          >
            {soldOut ? t('site.rooms.soldOut') : room.fits ? t('site.rooms.add') : t('site.rooms.tooSmall')}
          </Button>
        )}
      </Stack>
    </Card>
  );
}
