import { expect } from 'vitest';
import { useAppWithRoomType } from './app-setup.ts';

/**
 * For the companies route tests (call it in `describe`): the app, session and room type of
 * useAppWithRoomType, an injecting caller, a status check and a company factory.
 */
export function useCompanyTestApp() {
  const setup = useAppWithRoomType(50);
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
