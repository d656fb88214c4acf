/** The HTTP half of the guest benchmark: search, segment count + page, list pages at deep cursors. */
export interface HttpResults {
  timings: Record<string, number[]>;
  metrics: { eventLoopDelayMs: { max: number; p99: number }; rssBytes: number };
}

interface Guest {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

/** Deterministic pseudo-random numbers, so every run asks the same questions. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const plain = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

export function cursorOf(kind: string, values: (string | number)[]): string {
  return Buffer.from(JSON.stringify({ k: kind, v: values })).toString('base64url');
}

export async function measureHttp(base: string, secret: string, log: (m: string) => void): Promise<HttpResults> {
  const headers = { authorization: `Bearer ${secret}` };
  const get = async (path: string) => {
    const t0 = performance.now();
    const r = await fetch(base + path, { headers });
    const body = await r.text();
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${body.slice(0, 300)}`);
    return { ms, json: JSON.parse(body) as { items: Guest[]; total: number; nextCursor: string | null } };
  };
  const sample: Guest[] = [];
  for (const sort of ['name', '-lastActivityAt', 'bookingCount', '-name']) {
    sample.push(...(await get(`/api/v1/guests?sort=${sort}&limit=150`)).json.items);
  }
  const rand = rng(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)] as T;
  const len = () => 3 + Math.floor(rand() * 4);
  const queries: Record<string, string[]> = { name: [], email: [], phone: [], 'two words (first + last prefix)': [] };
  for (let i = 0; i < 300; i++) {
    const g = pick(sample);
    const word = plain(rand() < 0.5 ? g.lastName : g.firstName);
    if (word.length >= 3) queries.name?.push(word.slice(0, len()));
    if (g.email) queries.email?.push(g.email.split('@')[0]?.slice(0, len()) ?? '');
    if (g.phone) {
      const d = g.phone.replace(/\D/g, '');
      const l = len();
      const start = Math.floor(rand() * (d.length - l));
      queries.phone?.push(d.slice(start, start + l));
    }
    const f = plain(g.firstName);
    const l = plain(g.lastName);
    if (f.length >= 2 && l.length >= 3) queries['two words (first + last prefix)']?.push(`${f} ${l.slice(0, len())}`);
  }
  await get('/api/v1/system/metrics?reset=true');
  const timings: Record<string, number[]> = {};
  const run = async (name: string, paths: string[], warm = 5) => {
    for (const p of paths.slice(0, warm)) await get(p);
    const out: number[] = [];
    for (const p of paths) out.push((await get(p)).ms);
    timings[name] = out;
    const sorted = [...out].sort((a, b) => a - b);
    // The slowest requests, to see which questions make the tail.
    const slowest = out
      .map((ms, i) => ({ ms, p: decodeURIComponent(paths[i] ?? '').replace('/api/v1/guests?', '') }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3)
      .map((s) => `${s.ms.toFixed(0)} ms ${s.p}`);
    log(
      `${name}: p50 ${sorted[Math.floor(out.length / 2)]?.toFixed(1)} ms, p99 ${sorted[Math.ceil(out.length * 0.99) - 1]?.toFixed(1)} ms; slowest: ${slowest.join(' | ')}`,
    );
  };
  for (const [kind, qs] of Object.entries(queries)) {
    await run(
      `search ${kind}, 3–6 chars`,
      qs.map((q) => `/api/v1/guests?q=${encodeURIComponent(q)}&limit=20`),
    );
  }
  const langs = ['es', 'fr', 'en', 'de', 'it', 'pt'];
  const tags = ['VIP', 'Business', 'Regular', 'Local'];
  const segment: string[] = [];
  for (let i = 0; i < 60; i++) {
    const from = `${2017 + (i % 7)}-0${1 + (i % 9)}-01`;
    segment.push(
      `/api/v1/guests?language=${pick(langs)}&marketingConsent=${i % 2 === 0}&tag=${pick(tags)}&lastActivityFrom=${from}&limit=50`,
    );
  }
  await run('4-filter segment: count + first page (50)', segment);
  const deep: string[] = [];
  for (let i = 0; i < 60; i++) {
    const g = pick(sample);
    const day = new Date(Date.UTC(2018 + (i % 7), i % 12, 1 + (i % 27))).toISOString();
    const kinds: [string, (string | number)[]][] = [
      ['-lastActivityAt', [day, g.id]],
      ['firstContactAt', [day, g.id]],
      ['name', [g.lastName.toLowerCase(), g.firstName.toLowerCase(), g.id]],
      ['-bookingCount', [i % 12, g.id]],
    ];
    const [sort, values] = kinds[i % kinds.length] ?? ['name', []];
    deep.push(`/api/v1/guests?sort=${sort}&limit=50&cursor=${cursorOf(sort, values)}`);
  }
  await run('list page (50) at a deep cursor, 4 sorts', deep);
  await run(
    'list first page (50), default sort + total',
    Array.from({ length: 40 }, () => '/api/v1/guests?limit=50'),
  );
  const m = await fetch(`${base}/api/v1/system/metrics`, { headers });
  const metrics = (await m.json()) as HttpResults['metrics'];
  return { timings, metrics };
}
