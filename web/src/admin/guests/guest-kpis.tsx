import { Card, Group, SegmentedControl, SimpleGrid, Skeleton, Text, Tooltip } from '@mantine/core';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useGuestKpis } from './guests.api.ts';
import type { GuestKpis, KpiInterval } from './guest.types.ts';

const GuestKpiChart = lazy(() => import('./guest-kpi-chart.tsx'));

const periods = { month: 12, week: 12, day: 30 } as const satisfies Record<KpiInterval, number>;

const isoDay = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

/** The last 12 months, 12 weeks or 30 days, ending today. */
function rangeFor(interval: KpiInterval) {
  const to = new Date();
  const from = new Date(to);
  if (interval === 'month') from.setMonth(from.getMonth() - (periods.month - 1), 1);
  else from.setDate(from.getDate() - (interval === 'week' ? periods.week * 7 - 1 : periods.day - 1));
  return { from: isoDay(from), to: isoDay(to), interval };
}

function useKpiFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const formatter = (options?: Intl.NumberFormatOptions) => {
      const intl = new Intl.NumberFormat(locale, options);
      return (value: number) => intl.format(value);
    };
    return {
      count: formatter(),
      ratio: formatter({ maximumFractionDigits: 2 }),
      money: formatter({ minimumFractionDigits: 2, maximumFractionDigits: 2 }),
      // Rates come as fractions (0.42 → 42 %).
      percent: formatter({ style: 'percent', maximumFractionDigits: 1 }),
      period: (interval: KpiInterval, day: string) =>
        new Intl.DateTimeFormat(
          locale,
          interval === 'month' ? { month: 'short', year: '2-digit' } : { day: 'numeric', month: 'short' },
        ).format(new Date(`${day}T00:00:00`)),
    };
  }, [locale]);
}

function KpiCard({ label, value, hint }: { label: string; value: string | undefined; hint: string }) {
  return (
    <Card padding="md" data-testid="guest-kpi">
      <Tooltip label={hint} multiline w={240} withArrow>
        <Text size="xs" c="dimmed" fw={600} lineClamp={2} mih={32} lh={1.35}>
          {label}
        </Text>
      </Tooltip>
      {value === undefined ? (
        <Skeleton h={28} mt={6} w="60%" />
      ) : (
        <Text fz={24} fw={650} mt={2}>
          {value}
        </Text>
      )}
    </Card>
  );
}

/** G-8: the guest-database KPIs and new guests over time, above the guest list. */
export function GuestKpiPanel() {
  const { t } = useTranslation();
  const [interval, setInterval] = useState<KpiInterval>('month');
  const range = useMemo(() => rangeFor(interval), [interval]);
  const kpis = useGuestKpis(range);
  const format = useKpiFormat();
  const totals: Partial<GuestKpis['totals']> = kpis.data?.totals ?? {};
  const show = (value: number | undefined, fmt: (n: number) => string) =>
    value === undefined ? (kpis.isError ? '—' : undefined) : fmt(value);
  const chartData = (kpis.data?.series ?? []).map((point) => ({
    ...point,
    label: format.period(range.interval, point.period),
  }));

  const cards = [
    { key: 'total', value: show(totals.guests, format.count) },
    { key: 'new', value: show(totals.newInPeriod, format.count) },
    { key: 'returning', value: show(totals.returningRate, format.percent) },
    { key: 'bookingsPerGuest', value: show(totals.bookingsPerGuest, format.ratio) },
    { key: 'revenuePerGuest', value: show(totals.revenuePerGuest, format.money) },
    { key: 'optIn', value: show(totals.consentRate, format.percent) },
  ];

  return (
    <>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" mb="sm">
        {cards.map((card) => (
          <KpiCard
            key={card.key}
            label={t(`guests.kpis.${card.key}`)}
            hint={t(`guests.kpis.${card.key}Hint`)}
            value={card.value}
          />
        ))}
      </SimpleGrid>
      <Card padding="md" mb="lg" visibleFrom="sm">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Text fw={600} size="sm">
            {t('guests.kpis.chartTitle')}
          </Text>
          <SegmentedControl
            size="xs"
            value={interval}
            onChange={(value) => setInterval(value)}
            data={(Object.keys(periods) as KpiInterval[]).map((value) => ({
              value,
              label: t(`guests.kpis.range.${value}`),
            }))}
          />
        </Group>
        {kpis.isPending ? (
          <Skeleton h={160} />
        ) : chartData.length === 0 ? (
          <Text size="sm" c="dimmed" h={160} ta="center" pt={64}>
            {t('guests.kpis.noData')}
          </Text>
        ) : (
          <Suspense fallback={<Skeleton h={160} />}>
            <GuestKpiChart
              data={chartData}
              seriesLabel={t('guests.kpis.newGuests')}
              formatValue={(value) => format.count(value)}
            />
          </Suspense>
        )}
      </Card>
    </>
  );
}
