import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type Session, type TestApp } from '../../test/support/app.ts';
import { engineName } from '../../test/support/db.ts';
import { encodeCursor } from '../core/cursor.ts';
import { fromDatabaseError } from '../core/errors.ts';

const expect400 = (res: LightMyRequestResponse, code: string) => {
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json<{ error: { code: string; requestId: string; details: { field?: string }[] } }>();
  expect(body.error.code).toBe(code);
  expect(body.error.requestId).toBe(res.headers['x-request-id']);
  return body.error;
};

const crafted = (k: string, v: unknown[]) => Buffer.from(JSON.stringify({ k, v })).toString('base64url');

describe(`no 5xx for bad input: NUL, language codes, cursors (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let guestId: string;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    const g = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: s.headers,
      payload: { firstName: 'Ana', lastName: 'Ruiz' },
    });
    guestId = g.json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  it('refuses a NUL byte in a body, a query, a path and a header with 400 nul_character, before sign-in', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a\u0000b@example.com', password: 'whatever-long' },
    });
    expect(expect400(login, 'nul_character').details[0]?.field).toBe('body.email');
    const nested = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${guestId}`,
      headers: s.headers,
      payload: { addresses: [{ city: 'Sevilla\u0000' }] },
    });
    expect(expect400(nested, 'nul_character').details[0]?.field).toBe('body.addresses.0.city');
    const query = await t.app.inject({ method: 'GET', url: '/api/v1/guests?q=ana%00', headers: { cookie: s.cookie } });
    expect(expect400(query, 'nul_character').details[0]?.field).toBe('query');
    const path = await t.app.inject({ method: 'DELETE', url: '/api/v1/guests/gst%00', headers: s.headers });
    expect(expect400(path, 'nul_character').details[0]?.field).toBe('path');
    const publicPath = await t.app.inject({ method: 'GET', url: '/api/v1/public/properties/p%00' });
    expect400(publicPath, 'nul_character');
    const header = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests',
      headers: { cookie: s.cookie, 'x-custom': 'a\u0000b' },
    });
    expect(expect400(header, 'nul_character').details[0]?.field).toBe('headers.x-custom');
  });

  it('maps PostgreSQL data exceptions (class 22) to 400s naming the cause', async () => {
    const errorOf = async (q: string) => {
      try {
        await sql.raw(q).execute(t.database.system);
      } catch (err) {
        return fromDatabaseError(err) as { kind?: string; code?: string };
      }
      return undefined;
    };
    expect(await errorOf('select 2147483648::int')).toMatchObject({ kind: 'invalid', code: 'value_out_of_range' });
    expect(await errorOf("select convert_from('\\x00'::bytea, 'UTF8')")).toMatchObject({
      kind: 'invalid',
      code: 'invalid_character',
    });
    expect(await errorOf("select 'x'::timestamptz")).toMatchObject({ kind: 'invalid', code: 'invalid_value' });
    expect(await errorOf('select 1/0')).toMatchObject({ kind: 'invalid', code: 'invalid_value' });
  });

  it('answers an invalid language code ("0") with 400 validation_failed wherever a language is taken', async () => {
    const onLanguage = (res: LightMyRequestResponse) => {
      const e = expect400(res, 'validation_failed');
      expect(e.details.map((d) => d.field).join(' ')).toMatch(/language/);
    };
    onLanguage(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/guests',
        headers: s.headers,
        payload: { firstName: 'Eva', lastName: 'Sanz', language: '0' },
      }),
    );
    onLanguage(await t.app.inject({ method: 'GET', url: '/api/v1/guests?language=0', headers: { cookie: s.cookie } }));
    onLanguage(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/segments',
        headers: s.headers,
        payload: { name: 'Zero', filters: { language: '0' } },
      }),
    );
    onLanguage(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bookings',
        headers: s.headers,
        payload: {
          propertyId: 'prp_x',
          checkIn: '2030-01-01',
          checkOut: '2030-01-02',
          customer: { firstName: 'Eva', lastName: 'Sanz', language: 'e1' },
        },
      }),
    );
    onLanguage(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/checkout',
        payload: { customer: { firstName: 'Eva', lastName: 'Sanz', email: 'eva@example.com', language: '0' } },
      }),
    );
  });

  it('answers crafted cursors with 400 invalid_cursor in every keyset list', async () => {
    const huge = (k: string) => crafted(k, [1e20, 'x']);
    const badDate = (k: string) => crafted(k, ['+275760-09-13T00:00:00.000Z', 'x']);
    const lists: [string, string][] = [
      ['/api/v1/guests?sort=-bookingCount', crafted('-bookingCount', [1e20, 'x'])],
      ['/api/v1/guests?sort=-bookingCount', crafted('-bookingCount', [2147483648, 'x'])],
      ['/api/v1/guests?sort=-lastActivityAt', crafted('-lastActivityAt', ['2024-02-30T00:00:00.000Z', 'x'])],
      ['/api/v1/bookings', crafted('bookings', ['2024-13-45', 'x'])],
      ['/api/v1/bookings', crafted('bookings', [1e308, 'x'])],
      ['/api/v1/bookings/flagged', badDate('flagged-bookings')],
      ['/api/v1/accounts', badDate('accounts')],
      ['/api/v1/accounts', huge('accounts')],
      [`/api/v1/guests/${guestId}/history`, huge('history')],
      ['/api/v1/merges', badDate('merges')],
      ['/api/v1/email/messages', huge('email_messages')],
      ['/api/v1/carts', badDate('carts')],
      ['/api/v1/duplicates', crafted('duplicates', ['high', {}, []])],
    ];
    for (const [url, cursor] of lists) {
      const res = await t.app.inject({
        method: 'GET',
        url: `${url}${url.includes('?') ? '&' : '?'}cursor=${cursor}`,
        headers: { cookie: s.cookie },
      });
      expect400(res, 'invalid_cursor');
    }
    // A cursor the list itself wrote still pages.
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/bookings?cursor=${encodeCursor('bookings', ['2030-01-01', 'bkg_x'])}`,
      headers: { cookie: s.cookie },
    });
    expect(ok.statusCode).toBe(200);
  });
});
