import { type Expression, type RawBuilder, sql } from 'kysely';

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Many rows as ONE jsonb parameter: `insert into <table> (<columns>) select <columns> from
 * jsonb_populate_recordset(null::<table>, $1)`. A multi-row VALUES list costs a parameter per
 * cell (thousands for a batch: compiled, sent and parsed one by one); this is one JSON text that
 * PostgreSQL reads into typed rows. Rows are camelCase objects with the same keys; a jsonb
 * column is given as its JSON text (as Kysely rows carry it) and `computed` replaces a column's
 * value by an SQL expression (the same for every row).
 */
export function insertJsonRows(
  table: string,
  rows: Record<string, unknown>[],
  options: { jsonb?: string[]; computed?: Record<string, Expression<unknown> | RawBuilder<unknown>> } = {},
): RawBuilder<unknown> {
  const keys = Object.keys(rows[0] ?? {}).filter((k) => !(k in (options.computed ?? {})));
  const jsonb = new Set(options.jsonb ?? []);
  const plain = keys.filter((k) => !jsonb.has(k));
  const raw = keys.filter((k) => jsonb.has(k));
  // JSON texts of jsonb columns are spliced in as they are (not parsed and written again).
  // Column names converted once per call, not once per cell (a batch has hundreds of thousands).
  const plainNames = plain.map(snake);
  const rawNames = raw.map((k) => JSON.stringify(snake(k)));
  const text = `[${rows
    .map((r) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < plain.length; i++) o[plainNames[i]!] = r[plain[i]!];
      const head = JSON.stringify(o);
      if (!raw.length) return head;
      const tail = raw.map((k, i) => {
        const v = r[k];
        return `${rawNames[i]!}:${typeof v === 'string' ? v : JSON.stringify(v ?? null)}`;
      });
      return `${head.slice(0, -1)}${plain.length ? ',' : ''}${tail.join(',')}}`;
    })
    .join(',')}]`;
  const computed = Object.entries(options.computed ?? {});
  const columns = [...keys.map(snake), ...computed.map(([k]) => snake(k))];
  const values = [...keys.map((k) => sql`x.${sql.ref(snake(k))}`), ...computed.map(([, e]) => sql`${e}`)];
  return sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(values)} from jsonb_populate_recordset(null::${sql.table(table)}, ${text}::jsonb) as x`;
}
