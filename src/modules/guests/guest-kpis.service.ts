import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import type { GuestKpis, GuestKpisInput } from './guest.schemas.ts';

const DEFAULT_SPAN = { day: '29 days', week: '11 weeks', month: '11 months' } as const;
const MAX_BUCKETS = 1000;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The chart's buckets (UTC): the start of each day, week (Monday) or month from `from` to `to`. */
async function bucketsOf(ctx: Ctx, query: GuestKpisInput): Promise<{ from: string; to: string; starts: string[] }> {
  const to = query.to ?? new Date().toISOString().slice(0, 10);
  const unit = query.interval;
  const res = await sql<{ from: string; starts: string[] }>`
    select to_char(f, 'YYYY-MM-DD') as "from",
      array(select to_char(s, 'YYYY-MM-DD')
              from generate_series(date_trunc(${unit}, f), ${to}::timestamp, ${`1 ${unit}`}::interval) s
             limit ${MAX_BUCKETS + 1}) as starts
    from (select coalesce(${query.from ?? null}::timestamp, ${to}::timestamp - ${DEFAULT_SPAN[unit]}::interval) as f) x
  `.execute(ctx.db);
  const row = res.rows[0];
  if (!row || row.from > to) {
    throw invalid('invalid_range', '`from` must not be after `to`', [{ field: 'from', message: 'after to' }]);
  }
  if (row.starts.length > MAX_BUCKETS) {
    throw invalid('range_too_large', `At most ${MAX_BUCKETS} ${unit}s per chart`, [
      { field: 'from', message: `choose a shorter range or a longer interval than ${unit}` },
    ]);
  }
  return { from: row.from, to, starts: row.starts };
}

/**
 * Guest KPIs (G-8): totals over the whole database and new/cumulative guests per day, week or
 * month (UTC). Totals come from the trigger-maintained guest_kpi_stats row (O(1) at a million
 * guests); the series is one index-only count per bucket on the first-contact index (org_id, first_contact_at),
 * and the cumulative totals are counted back from the running total.
 */
export async function getGuestKpis(ctx: Ctx, query: GuestKpisInput): Promise<GuestKpis> {
  const { from, to, starts } = await bucketsOf(ctx, query);
  // The counters are sharded (migration 0025): the totals are the sums of the organisation's rows.
  const stats = await ctx.db
    .selectFrom('guestKpiStats')
    .select((eb) => [
      eb.fn.sum<string>('guests').as('guests'),
      eb.fn.sum<string>('returningGuests').as('returningGuests'),
      eb.fn.sum<string>('bookings').as('bookings'),
      eb.fn.sum<string>('revenue').as('revenue'),
      eb.fn.sum<string>('consenting').as('consenting'),
    ])
    .executeTakeFirst();
  const guests = Number(stats?.guests ?? 0);
  // One index-only count per bucket (first-contact index): cheaper than grouping every row by date.
  const counts = await sql<{ start: string | null; n: number }>`
    with b as (
      select to_char(s, 'YYYY-MM-DD') as start, s at time zone 'UTC' as lo,
             least(s + ${`1 ${query.interval}`}::interval, (${to}::date + 1)::timestamp) at time zone 'UTC' as hi
        from unnest(${starts}::timestamp[]) s
      union all
      select null, (${to}::date + 1)::timestamp at time zone 'UTC', 'infinity'::timestamptz
      union all
      -- guests of the first bucket who came before "from" (weeks and months start earlier)
      select 'before', ${starts[0] ?? from}::timestamp at time zone 'UTC', ${from}::timestamp at time zone 'UTC'
    )
    select b.start, (select count(*) from guest g
                      where g.org_id = ${ctx.orgId} and g.first_contact_at >= b.lo and g.first_contact_at < b.hi)::int as n
      from b
  `.execute(ctx.db);
  const newIn = new Map(counts.rows.map((r) => [r.start, Number(r.n)]));
  const inPeriod = starts.reduce((sum, p) => sum + (newIn.get(p) ?? 0), 0) - (newIn.get('before') ?? 0);
  // Walk back from today's running total: total at the end of bucket k = all guests − those who came later.
  let total = guests - (newIn.get(null) ?? 0);
  const series = [...starts].reverse().map((period) => {
    const point = { period, newGuests: newIn.get(period) ?? 0, totalGuests: total };
    total -= point.newGuests;
    return point;
  });
  const per = (n: number | string | null | undefined, digits: number) =>
    guests ? round(Number(n ?? 0) / guests, digits) : 0;
  return {
    totals: {
      guests,
      newInPeriod: inPeriod,
      returningRate: per(stats?.returningGuests, 4),
      bookingsPerGuest: per(stats?.bookings, 2),
      revenuePerGuest: per(stats?.revenue, 2),
      consentRate: per(stats?.consenting, 4),
    },
    series: series.reverse(),
  };
}
