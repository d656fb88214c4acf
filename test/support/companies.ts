import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type Session, type TestApp } from './app.ts';

/**
 * Test helpers for the companies route tests: a fresh app with a staff
 * session and a room type per file, an injecting caller and a company factory. Call it in `describe`;
 * `t`, `s` and `roomTypeId` are there once `beforeAll` has run.
 */
export function useCompanyTestApp() {
  const setup = {} as { t: TestApp; s: Session; roomTypeId: string };
  beforeAll(async () => {
    setup.t = await createTestApp();
    setup.s = await setup.t.login();
    setup.roomTypeId = (
      await setup.t.addRoomType(setup.s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 50 })
    ).roomTypeId;
  });
  afterAll(() => setup.t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers = setup.s.headers,
  ) => setup.t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  /** The answer's JSON (or null when empty) after checking its status. */
  const expectStatus = async (res: ReturnType<typeof call>, status: number) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.body ? r.json() : null;
  };
  const newCompany = (body: object) => expectStatus(call('POST', '/api/v1/companies', body), 201);
  return Object.assign(setup, { call, expectStatus, newCompany });
}
