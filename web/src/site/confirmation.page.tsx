import { Alert, Button, Card, Container, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconCircleCheck, IconMail } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { countText, useMoney, useStayDate } from './money.ts';
import type { CheckoutResult } from './site.types.ts';

export const CONFIRMATION_KEY = 'clientela.site.confirmation';

function readResult(): CheckoutResult | null {
  try {
    const raw = sessionStorage.getItem(CONFIRMATION_KEY);
    return raw ? (JSON.parse(raw) as CheckoutResult) : null;
  } catch {
    return null;
  }
}

/** The booking is confirmed: references, dates, totals, what happens next. */
export function ConfirmationPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('site.confirmation.title'));
  const result = readResult();
  const money = useMoney();
  const date = useStayDate();
  if (!result) {
    return (
      <Container size="sm" py={64}>
        <Card withBorder p="xl">
          <Stack align="center">
            <Text>{t('site.confirmation.none')}</Text>
            <Button component={Link} to="/">
              {t('site.checkout.backToRooms')}
            </Button>
          </Stack>
        </Card>
      </Container>
    );
  }
  return (
    <Container size="sm" py={56}>
      <Card withBorder shadow="md" radius="md" p="xl" data-testid="confirmation">
        <Stack gap="lg">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon color="teal" size={48} radius="xl">
              <IconCircleCheck size={30} />
            </ThemeIcon>
            <div>
              <Title order={2}>{t('site.confirmation.title')}</Title>
              <Text c="dimmed">{t('site.confirmation.thanks')}</Text>
            </div>
          </Group>
          {result.bookings.map((b) => (
            <Card key={b.id} withBorder bg="gray.0" p="md">
              <Group justify="space-between" wrap="wrap">
                <div>
                  <Text size="xs" c="dimmed" tt="uppercase">
                    {t('site.confirmation.reference')}
                  </Text>
                  <Text fw={700} size="xl" ff="monospace" data-testid="booking-reference">
                    {b.reference}
                  </Text>
                </div>
                <div>
                  <Text fw={600}>{b.roomTypeName}</Text>
                  <Text size="sm" c="dimmed">
                    {date(b.checkIn)} → {date(b.checkOut)} · {countText(t, 'site.nights', b.nights)}
                  </Text>
                  <Text size="sm" fw={600}>
                    {money(b.total, b.currency)}
                  </Text>
                </div>
              </Group>
            </Card>
          ))}
          <Alert icon={<IconMail />} color="cyan">
            {t('site.confirmation.emailSent', { email: result.email })}
            {result.accountCreated
              ? ` ${t(result.accountPendingValidation ? 'site.confirmation.accountPending' : 'site.confirmation.accountCreated')}`
              : ''}
          </Alert>
          <Group>
            <Button component="a" href="/account" variant="light">
              {t('site.confirmation.goToAccount')}
            </Button>
            <Button component={Link} to="/" variant="subtle">
              {t('site.confirmation.bookAnother')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Container>
  );
}
