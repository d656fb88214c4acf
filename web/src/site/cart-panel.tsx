import { ActionIcon, Alert, Button, Card, Divider, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconShoppingCart, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useCart, useRemoveFromCart } from './site.api.ts';
import { countText, useMoney, useStayDate } from './money.ts';

/** The visitor's cart: rooms, dates, prices (when shown) and the way to checkout. */
export function CartPanel({ propertyId, showCheckout = true }: { propertyId: string; showCheckout?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const cart = useCart(propertyId);
  const remove = useRemoveFromCart(propertyId);
  const money = useMoney();
  const date = useStayDate();
  const items = cart.data?.items ?? [];
  return (
    <Card withBorder shadow="sm" radius="md" p="lg" data-testid="cart-panel">
      <Group gap="xs" mb="sm">
        <IconShoppingCart size={20} />
        <Title order={4}>{t('site.cart.title')}</Title>
      </Group>
      {cart.isLoading ? (
        <Skeleton h={60} />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="cart-empty">
          {t('site.cart.empty')}
        </Text>
      ) : (
        <Stack gap="sm">
          {items.map((item) => (
            <Group key={item.id} justify="space-between" align="flex-start" wrap="nowrap" data-testid="cart-item">
              <div>
                <Text fw={600} size="sm">
                  {item.roomTypeName}
                </Text>
                <Text size="xs" c="dimmed">
                  {date(item.checkIn)} → {date(item.checkOut)} · {countText(t, 'site.nights', item.nights)}
                </Text>
                <Text size="xs" c="dimmed">
                  {countText(t, 'site.guestsCount', item.adults + item.children)}
                </Text>
              </div>
              <Group gap={4} wrap="nowrap">
                {item.price !== null ? (
                  <Text size="sm" fw={600}>
                    {money(item.price, item.currency)}
                  </Text>
                ) : null}
                {showCheckout ? (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t('site.cart.remove')}
                    loading={remove.isPending && remove.variables === item.id}
                    onClick={() => remove.mutate(item.id)}
                    data-testid="cart-remove"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                ) : null}
              </Group>
            </Group>
          ))}
          <Divider />
          {cart.data?.value !== null && cart.data?.value !== undefined && cart.data.currency ? (
            <Group justify="space-between">
              <Text fw={700}>{t('site.cart.total')}</Text>
              <Text fw={700} data-testid="cart-total">
                {money(cart.data.value, cart.data.currency)}
              </Text>
            </Group>
          ) : (
            <Alert color="gray" variant="light" p="xs">
              <Text size="xs">{t('site.prices.logInToSee')}</Text>
            </Alert>
          )}
          {showCheckout ? (
            <Button fullWidth size="md" onClick={() => void navigate('/checkout')} data-testid="go-to-checkout">
              {t('site.cart.checkout')}
            </Button>
          ) : null}
        </Stack>
      )}
    </Card>
  );
}
