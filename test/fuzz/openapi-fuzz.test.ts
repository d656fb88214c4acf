import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, createTestApp, OWNER, type Session, type TestApp } from '../support/app.ts';
import { engineName } from '../support/db.ts';
import { hostileCursors, hostileString, SchemaArbitraries, wrongValue, type JsonSchema } from './schema-arbitrary.ts';

/**
 * OpenAPI-driven fuzzing (issue 11, SPEC X-4): for every operation of the served document, malformed
 * requests — wrong types, missing and unknown fields, NUL bytes, huge strings and numbers, bad ids,
 * crafted cursors, bad enum values, impossible dates, hostile strings — without credentials, with an
 * owner session (cookie + CSRF token) and with an admin API key. No answer may be a 5xx, and every
 * error must be in the X-4 shape with the request id. Fixed seed: a failure is reproducible.
 * FUZZ_RUNS (default 6) requests per operation and principal; FUZZ_SEED to explore another sequence.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

interface Param {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  parameters?: Param[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}
interface FuzzRequest {
  url: string;
  payload?: string;
  headers: Record<string, string>;
}
type Principal = 'anonymous' | 'owner session' | 'admin key';

describe(`OpenAPI fuzzing (${engineName})`, () => {
  let t: TestApp;
  let session: Session;
  let adminKey: string;
  let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
  const ids: string[] = [];
  let signIns = 0;

  beforeAll(async () => {
    t = await createTestApp();
    session = await t.login();
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: session.headers,
      payload: { name: 'fuzz', scopes: ['admin'] },
    });
    expect(key.statusCode).toBe(201);
    adminKey = key.json<{ secret: string }>().secret;
    await t.addRoomType(session, { name: 'Double', capacity: 2, nightlyPrice: 120, roomCount: 3 });
    const guest = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: session.headers,
      payload: { firstName: 'Ana', lastName: 'Fuzz', emails: [{ email: 'ana.fuzz@example.com' }] },
    });
    expect(guest.statusCode).toBe(201);
    // Real ids, so some requests get past "not found" into the services.
    for (const list of ['/api/v1/guests', '/api/v1/properties', '/api/v1/titles', '/api/v1/tags', '/api/v1/groups']) {
      const res = await t.app.inject({ method: 'GET', url: list, headers: { cookie: session.cookie } });
      ids.push(...res.json<{ items: { id: string }[] }>().items.map((i) => i.id));
    }
    const property = ids.find((i) => i.startsWith('prp_'));
    if (property) {
      const rooms = await t.app.inject({
        method: 'GET',
        url: `/api/v1/properties/${property}/room-types`,
        headers: { cookie: session.cookie },
      });
      ids.push(...rooms.json<{ items: { id: string }[] }>().items.map((i) => i.id));
    }
    doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
  }, 120_000);
  afterAll(() => t?.close());

  it('answers every malformed request of every operation with a 4xx in the X-4 shape, never a 5xx', async () => {
    const kinds = ['bookings', 'accounts', 'history', 'merges', 'carts', 'email_messages', 'flagged-bookings'];
    kinds.push('duplicates', ...enumStrings(doc), 'q1:ana', 'qn:ana fuzz', 'qp:600');
    const gen = new SchemaArbitraries(
      doc.components?.schemas ?? {},
      fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, fc.constantFrom('gst_0000000000aaaaaaaaaaaa', 'x')),
      hostileCursors(kinds),
    );
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let sent = 0;
    let opIndex = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        opIndex++;
        if (isStream(op)) continue; // server-sent events never end; covered by their own module's tests
        const samples = fc.sample(requestOf(path, op, gen), { seed: SEED + opIndex, numRuns: RUNS * 3 });
        const principals: Principal[] = ['anonymous', 'owner session', 'admin key'];
        for (const [i, req] of samples.entries()) {
          const principal = principals[i % 3]!;
          if (principal === 'owner session') await keepSignedIn();
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url: req.url,
            headers: { ...req.headers, ...credentials(principal) },
            ...(req.payload !== undefined ? { payload: req.payload } : {}),
          });
          sent++;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          const problem = problemOf(res);
          if (problem) failures.push(`${principal} ${method.toUpperCase()} ${req.url.slice(0, 300)} → ${problem}`);
        }
      }
    }
    if (process.env.FUZZ_VERBOSE) console.log(`${sent} requests`, Object.fromEntries(statuses));
    expect(sent).toBeGreaterThan(100 * RUNS * 3 * 0.9);
    expect(failures).toEqual([]);
  }, 600_000);

  function credentials(p: Principal): Record<string, string> {
    if (p === 'owner session') return session.headers;
    if (p === 'admin key') return { authorization: `Bearer ${adminKey}` };
    return {};
  }

  /**
   * A fuzzed request may sign the owner out (logout): sign in again, each time from another address
   * so the sign-in rate limit (per IP) does not refuse it.
   */
  async function keepSignedIn(): Promise<void> {
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session.cookie } });
    if (me.statusCode === 200) return;
    signIns++;
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: `10.77.${signIns >> 8}.${signIns & 255}`,
      payload: { email: OWNER.email, password: OWNER.password },
    });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = cookieOf(res);
    const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
    session = { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
  }
});

/** What is wrong with an answer, or undefined: a 5xx, or an error not in the X-4 shape with the request id. */
function problemOf(res: LightMyRequestResponse): string | undefined {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return undefined;
  let body: { error?: { code?: unknown; message?: unknown; details?: unknown; requestId?: unknown } };
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} not JSON: ${res.body.slice(0, 200)}`;
  }
  const e = body.error;
  const shaped =
    typeof e?.code === 'string' &&
    /^[a-z][a-z0-9_]*$/.test(e.code) &&
    typeof e.message === 'string' &&
    Array.isArray(e.details) &&
    typeof e.requestId === 'string' &&
    e.requestId === res.headers['x-request-id'];
  return shaped ? undefined : `${res.statusCode} not in the X-4 shape: ${res.body.slice(0, 200)}`;
}

function isStream(op: Operation): boolean {
  return Object.values(op.responses ?? {}).some(
    (r) =>
      Object.keys(r.content ?? {}).some((c) => c.includes('event-stream')) || /event-stream/.test(JSON.stringify(r)),
  );
}

/** Every enum string of the document (sort orders, statuses): candidate cursor kinds. */
function enumStrings(doc: unknown): string[] {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (Array.isArray(o.enum)) for (const e of o.enum) if (typeof e === 'string') out.add(e);
      Object.values(o).forEach(walk);
    }
  };
  walk(doc);
  return [...out];
}

/** A URL component: percent-encoded, or (sometimes) raw bad encoding and over-long segments. */
const segmentOf = (value: unknown): string => {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80'; // a lone surrogate cannot be encoded: send its raw bytes
  }
};

const rawSegment = fc.constantFrom('%E0%A4%A', '%', '%zz', '%00', 'x'.repeat(500), '..%2F..%2Fetc', '%C0%AF');

function requestOf(path: string, op: Operation, gen: SchemaArbitraries): fc.Arbitrary<FuzzRequest> {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const headerParams = params.filter((p) => p.in === 'header');
  const pathArb = fc.tuple(
    ...pathParams.map((p) =>
      fc.oneof(
        { weight: 5, arbitrary: gen.valid(p.schema, p.name).map(segmentOf) },
        { weight: 1, arbitrary: rawSegment },
      ),
    ),
  );
  const queryArb = fc.tuple(
    ...queryParams.map((p) =>
      fc.option(
        gen.value(p.schema, p.name).map((v) => `${p.name}=${segmentOf(Array.isArray(v) ? v[0] : v)}`),
        { nil: undefined, freq: 2 },
      ),
    ),
    fc.option(fc.constantFrom('extra=1', 'limit=-5', 'limit=1e999', 'cursor=%00', '%E0%A4%A=1', 'a[b]=1&a[c]=2'), {
      nil: undefined,
      freq: 3,
    }),
  );
  const headerArb = fc.tuple(
    ...headerParams.map((p) =>
      fc.option(
        gen.valid(p.schema, p.name).map((v) => [p.name, String(v).replace(/[^\x20-\x7e]/g, '')] as const),
        { nil: undefined },
      ),
    ),
  );
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const bodyArb: fc.Arbitrary<{ payload?: string; contentType?: string }> = bodySchema
    ? fc.oneof(
        { weight: 6, arbitrary: gen.valid(bodySchema).map((v) => ({ payload: JSON.stringify(v) })) },
        { weight: 2, arbitrary: mutated(gen.valid(bodySchema)).map((v) => ({ payload: JSON.stringify(v) })) },
        { weight: 1, arbitrary: wrongValue.map((v) => ({ payload: JSON.stringify(v) ?? 'null' })) },
        { weight: 1, arbitrary: brokenBody },
      )
    : fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: brokenBody });
  return fc.tuple(pathArb, queryArb, headerArb, bodyArb).map(([pathValues, query, headers, body]) => {
    let url = path;
    pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, pathValues[i] ?? 'x')));
    const qs = query.filter((q): q is string => q !== undefined).join('&');
    const h: Record<string, string> = {};
    for (const pair of headers) if (pair) h[pair[0]] = pair[1];
    if (body.payload !== undefined) h['content-type'] = body.contentType ?? 'application/json';
    return { url: qs ? `${url}?${qs}` : url, payload: body.payload, headers: h };
  });
}

/** A near-valid body with one field dropped, added, or swapped for a wrong value. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.constantFrom('drop', 'extra', 'swap'), wrongValue).map(([v, n, how, wrong]) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return wrong;
    const o = { ...(v as Record<string, unknown>) };
    const keys = Object.keys(o);
    const key = keys[n % Math.max(keys.length, 1)];
    if (how === 'drop' && key) delete o[key];
    else if (how === 'swap' && key) o[key] = wrong;
    else o[`extra${n % 3}`] = wrong;
    return o;
  });
}

const brokenBody: fc.Arbitrary<{ payload?: string; contentType?: string }> = fc.oneof(
  fc.constantFrom(
    { payload: '{"a":', contentType: 'application/json' },
    { payload: '', contentType: 'application/json' },
    { payload: 'a,b\n1,2', contentType: 'text/csv' },
    { payload: 'x=1', contentType: 'application/x-www-form-urlencoded' },
    { payload: '{"__proto__":{"admin":true}}', contentType: 'application/json' },
    { payload: '{"constructor":{"prototype":{"admin":true}}}', contentType: 'application/json' },
    {
      payload: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]',
      contentType: 'application/json',
    },
    { payload: '{"a":1}', contentType: 'application/json; charset=latin-99' },
  ),
  hostileString.map((s) => ({ payload: JSON.stringify(s) })),
);
