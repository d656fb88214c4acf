import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';

interface GuestKpiChartProps {
  data: { label: string; newGuests: number }[];
  seriesLabel: string;
  formatValue: (value: number) => string;
}

/** New guests per period as bars. Its own module: the chart library loads only with the guest list. */
export default function GuestKpiChart({ data, seriesLabel, formatValue }: GuestKpiChartProps) {
  return (
    <BarChart
      h={160}
      data={data}
      dataKey="label"
      series={[{ name: 'newGuests', label: seriesLabel, color: 'teal.6' }]}
      valueFormatter={formatValue}
      tickLine="none"
      gridAxis="y"
      maxBarWidth={28}
      yAxisProps={{ allowDecimals: false, width: 40 }}
      data-testid="guest-kpi-chart"
    />
  );
}
