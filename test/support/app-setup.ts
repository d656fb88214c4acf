import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type Session, type TestApp } from './app.ts';

/** A test file's app, owner session and "Double" room type; filled in by `beforeAll`. */
export interface AppSetup {
  t: TestApp;
  s: Session;
  roomTypeId: string;
}

/**
 * Call in `describe`: a fresh app per file with the owner signed in and a "Double" room type of
 * `roomCount` rooms, closed after the file. The fields are there once `beforeAll` has run.
 */
export function useAppWithRoomType(roomCount: number): AppSetup {
  const setup = {} as AppSetup;
  beforeAll(async () => {
    setup.t = await createTestApp();
    setup.s = await setup.t.login();
    setup.roomTypeId = (
      await setup.t.addRoomType(setup.s, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount })
    ).roomTypeId;
  });
  afterAll(() => setup.t.close());
  return setup;
}

/**
 * Books a stay in the "Double" room type through the API for a customer, with the next external
 * reference `${prefix}-N`, and answers the guest the customer was resolved to.
 */
export function customerBooker(setup: AppSetup, stay: { prefix: string; checkIn: string; checkOut: string }) {
  let n = 0;
  return async (customer: Record<string, unknown>, source = 'api'): Promise<string> => {
    const res = await setup.t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: setup.s.headers,
      payload: {
        source,
        externalRef: `${stay.prefix}-${++n}`,
        checkIn: stay.checkIn,
        checkOut: stay.checkOut,
        roomTypeName: 'double',
        customer,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ customerId: string }>().customerId;
  };
}
