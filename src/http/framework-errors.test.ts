import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { engineName } from '../../test/support/db.ts';

const expectShaped = (status: number, code: string, res: { status: number; body: string; requestId?: string }) => {
  expect(res.status, res.body).toBe(status);
  const body = JSON.parse(res.body) as {
    error: { code: string; message: string; details: unknown[]; requestId: string };
  };
  expect(body.error).toMatchObject({ code, message: expect.any(String), details: [], requestId: expect.any(String) });
  if (res.requestId !== undefined) expect(body.error.requestId).toBe(res.requestId);
};
const fromInject = (r: LightMyRequestResponse) => ({
  status: r.statusCode,
  body: r.body,
  requestId: String(r.headers['x-request-id']),
});

/** Sends raw bytes to the listening server and returns the status, headers and body it answers. */
function rawRequest(port: number, request: string): Promise<{ status: number; body: string; requestId?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      const requestId = /^x-request-id: (.+)$/im.exec(head)?.[1]?.trim();
      resolve({ status: Number(head.split(' ')[1]), body, ...(requestId ? { requestId } : {}) });
    });
    socket.write(request);
  });
}

describe(`errors raised by Fastify and Node leave in the X-4 shape (${engineName})`, () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('shapes 400 bad_url for a path that is not valid percent-encoding', async () => {
    expectShaped(400, 'bad_url', fromInject(await t.app.inject({ method: 'GET', url: '/api/v1/guests/%E0%A4%A' })));
  });

  it('shapes 414 uri_too_long for an over-long path segment', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/guests/${'x'.repeat(500)}` });
    expectShaped(414, 'uri_too_long', fromInject(res));
  });

  it('shapes 404, 413, 415 and malformed JSON', async () => {
    expectShaped(404, 'route_not_found', fromInject(await t.app.inject({ method: 'GET', url: '/nope' })));
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expectShaped(413, 'body_too_large', fromInject(big));
    const csv = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expectShaped(415, 'unsupported_media_type', fromInject(csv));
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expectShaped(400, 'malformed_json', fromInject(json));
  });

  it('shapes 431 headers_too_large and 400 bad_request from the HTTP parser, on the socket', async () => {
    const huge = await rawRequest(
      port,
      `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectShaped(431, 'headers_too_large', huge);
    const longUrl = await rawRequest(port, `GET /api/v1/health?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    expectShaped(431, 'headers_too_large', longUrl);
    const garbage = await rawRequest(port, 'NOT HTTP AT ALL\r\n\r\n');
    expectShaped(400, 'bad_request', garbage);
    const nulHeader = await rawRequest(port, 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n');
    expectShaped(400, 'bad_request', nulHeader);
  });
});
