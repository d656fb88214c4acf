import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/support/app.ts';
import { engineName } from '../../test/support/db.ts';

const expectErrorShape = (body: unknown, code?: string) => {
  expect(body).toMatchObject({
    error: {
      code: expect.stringMatching(/^[a-z][a-z0-9_]*$/),
      message: expect.any(String),
      details: expect.any(Array),
      requestId: expect.any(String),
    },
  });
  if (code) expect((body as { error: { code: string } }).error.code).toBe(code);
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack trace
};

describe(`HTTP contract for bad input (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.c", ',
    });
    expect(res.statusCode).toBe(400);
    expectErrorShape(res.json(), 'malformed_json');
  });

  it('names missing fields, wrong types and unknown fields', async () => {
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: s.headers,
      payload: { name: 'Ana' },
    });
    expect(missing.statusCode).toBe(400);
    expectErrorShape(missing.json(), 'validation_failed');
    const fields = missing.json().error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'role', 'password']));

    const wrongType = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: s.headers,
      payload: { language: 42 },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.details[0].field).toBe('language');

    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: s.headers,
      payload: { name: 'X', isAdmin: true },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details[0]).toMatchObject({ field: 'isAdmin', message: 'unknown field' });
  });

  it('refuses a 2 MB body with 413 body_too_large', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expectErrorShape(res.json(), 'body_too_large');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(res.statusCode).toBe(415);
    expectErrorShape(res.json());
  });

  it('answers unknown routes and bad query strings with the same shape, and a request id header', async () => {
    const nf = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(nf.statusCode).toBe(404);
    expectErrorShape(nf.json(), 'route_not_found');
    expect(nf.headers['x-request-id']).toBe(nf.json().error.requestId);
    const q = await t.app.inject({ method: 'GET', url: '/api/v1/guests?limit=abc', headers: { cookie: s.cookie } });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details[0].field).toBe('limit');
    const cursor = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests?cursor=garbage',
      headers: { cookie: s.cookie },
    });
    expect(cursor.statusCode).toBe(400);
    expectErrorShape(cursor.json(), 'invalid_cursor');
  });

  it('keeps an incoming x-request-id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'abc-123' } });
    expect(res.headers['x-request-id']).toBe('abc-123');
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers 401 without credentials and for a bad API key', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/api/v1/guests' });
    expect(none.statusCode).toBe(401);
    expectErrorShape(none.json(), 'unauthenticated');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests',
      headers: { authorization: 'Bearer clk_key_nope_aaaaaaaaaaaaaaaaaaaaaaaaa' },
    });
    expect(bad.statusCode).toBe(401);
    expectErrorShape(bad.json(), 'invalid_api_key');
  });
});
