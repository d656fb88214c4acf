import pg from 'pg';
import { openPglite } from '../src/db/pglite-engine.mjs';

/**
 * The baseline: the same kind of fragments searched the naive way (ILIKE '%q%' over names,
 * e-mail and phone, no index), page + count, run directly in SQL on the same data.
 */
export async function naiveBaseline(
  engine: 'embedded' | 'postgres',
  target: string,
): Promise<Record<string, number[]>> {
  let query: (text: string, params: unknown[]) => Promise<unknown[]>;
  let close: () => Promise<void>;
  if (engine === 'embedded') {
    const db = await openPglite({ dataDir: `${target}/pgdata` });
    query = async (t, p) => (await db.query(t, p)).rows;
    close = () => db.close();
  } else {
    const c = new pg.Client({ connectionString: target });
    await c.connect();
    query = async (t, p) => (await c.query(t, p)).rows;
    close = () => c.end();
  }
  try {
    const fragments: Record<string, string[]> = {
      name: ['mar', 'mull', 'garc', 'etxebe', 'sophi', 'ross'],
      email: ['jose.', 'mari', 'anna', 'luc'],
      phone: ['612', '5678', '34612', '771234'],
    };
    const out: Record<string, number[]> = {};
    for (const [kind, qs] of Object.entries(fragments)) {
      out[`search ${kind}`] = [];
      for (const q of qs) {
        const t0 = performance.now();
        const cond =
          kind === 'phone'
            ? `phone like '%' || $1 || '%'`
            : `(first_name ilike '%' || $1 || '%' or last_name ilike '%' || $1 || '%' or second_last_name ilike '%' || $1 || '%' or email ilike '%' || $1 || '%')`;
        await query(`select * from guest where ${cond} order by last_name, first_name, id limit 20`, [q]);
        await query(`select count(*) from guest where ${cond}`, [q]);
        out[`search ${kind}`]?.push(performance.now() - t0);
      }
    }
    return out;
  } finally {
    await close();
  }
}
