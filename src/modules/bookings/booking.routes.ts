import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { listFlaggedBookings } from './booking-flagged.service.ts';
import { presentBookings } from './booking.presenter.ts';
import { createBookings } from './booking-batch.service.ts';
import {
  BookingBatchBody,
  BookingBatchResult,
  BookingSchema,
  CreateBookingBody,
  ListBookingsQuery,
  UpdateBookingBody,
} from './booking.schemas.ts';
import {
  cancelBooking,
  createBooking,
  getBooking,
  listBookings,
  updateBooking,
  type PeopleResolver,
  type PersonResolver,
} from './booking.service.ts';

const FlaggedQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Bookings (B-2, X-7): staff and connected tools create, edit and cancel them. */
export function registerBookingRoutes(
  app: ApiApp,
  { database }: AppDeps,
  { resolvePerson, resolvePeople }: { resolvePerson: PersonResolver; resolvePeople: PeopleResolver },
): void {
  const one = async (
    ctx: ReturnType<typeof ctxOf>,
    row: Parameters<typeof presentBookings>[1][number],
    known?: Parameters<typeof presentBookings>[3],
  ) => {
    const [b] = await presentBookings(ctx, [row], ctx.db, known);
    if (!b) throw new Error('presenter returned nothing');
    return b;
  };

  app.post('/api/v1/bookings', {
    config: { auth: 'bookings:write' },
    schema: {
      operationId: 'createBooking',
      tags: ['bookings'],
      summary:
        'Create a booking (idempotent on source + channel + externalRef: a repeat answers 200 with the first booking)',
      body: CreateBookingBody,
      response: withErrors({ 200: BookingSchema, 201: BookingSchema }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, database);
      const { booking, created, known } = await createBooking(ctx, req.body, resolvePerson);
      return reply.status(created ? 201 : 200).send(await one(ctx, booking, known));
    },
  });

  app.post('/api/v1/bookings/batch', {
    config: { auth: 'bookings:write' },
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      operationId: 'createBookingBatch',
      tags: ['bookings'],
      summary:
        'Create up to 500 bookings in one request (a backlog, a sync): each as POST /bookings would, idempotent on source + channel + externalRef; one that cannot be made fails alone',
      body: BookingBatchBody,
      response: withErrors({ 200: BookingBatchResult }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const outcomes = await createBookings(ctx, req.body.bookings, resolvePeople);
      const results = outcomes.map((o, index) =>
        o.status === 'failed'
          ? {
              index,
              status: o.status,
              booking: null,
              error: { code: o.error.code, message: o.error.message, details: o.error.details },
            }
          : {
              index,
              status: o.status,
              booking: {
                id: o.booking.id,
                reference: o.booking.reference,
                externalRef: o.booking.externalRef,
                channel: o.booking.channel,
                customerId: o.booking.customerId,
                guestIds: o.guestIds,
                blockedGuest: o.booking.blockedGuest,
              },
              error: null,
            },
      );
      const count = (s: string) => outcomes.filter((o) => o.status === s).length;
      return { created: count('created'), existing: count('existing'), failed: count('failed'), results };
    },
  });

  app.get('/api/v1/bookings', {
    config: { auth: 'bookings:read' },
    schema: {
      operationId: 'listBookings',
      tags: ['bookings'],
      summary:
        'List bookings (newest check-in first); guestId finds bookings where the guest is customer or stay guest',
      querystring: ListBookingsQuery,
      response: withErrors({ 200: z.object({ items: z.array(BookingSchema), nextCursor: z.string().nullable() }) }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const { rows, nextCursor } = await listBookings(ctx, req.query);
      return { items: await presentBookings(ctx, rows), nextCursor };
    },
  });

  app.get('/api/v1/bookings/flagged', {
    config: { auth: 'bookings:read' },
    schema: {
      operationId: 'listFlaggedBookings',
      tags: ['bookings'],
      summary: 'Bookings made for a blocked guest, newest first',
      querystring: FlaggedQuery,
      response: withErrors({ 200: z.object({ items: z.array(BookingSchema), nextCursor: z.string().nullable() }) }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const { rows, nextCursor } = await listFlaggedBookings(ctx, req.query);
      return { items: await presentBookings(ctx, rows), nextCursor };
    },
  });

  app.get('/api/v1/bookings/:id', {
    config: { auth: 'bookings:read' },
    schema: {
      operationId: 'getBooking',
      tags: ['bookings'],
      summary: 'A booking',
      params: IdParams,
      response: withErrors({ 200: BookingSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return one(ctx, await getBooking(ctx, req.params.id));
    },
  });

  app.patch('/api/v1/bookings/:id', {
    config: { auth: 'bookings:write' },
    schema: {
      operationId: 'updateBooking',
      tags: ['bookings'],
      summary: 'Edit a booking',
      params: IdParams,
      body: UpdateBookingBody,
      response: withErrors({ 200: BookingSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return one(ctx, await updateBooking(ctx, req.params.id, req.body));
    },
  });

  app.post('/api/v1/bookings/:id/cancel', {
    config: { auth: 'bookings:write' },
    schema: {
      operationId: 'cancelBooking',
      tags: ['bookings'],
      summary: 'Cancel a booking (its nights become available)',
      params: IdParams,
      response: withErrors({ 200: BookingSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return one(ctx, await cancelBooking(ctx, req.params.id));
    },
  });
}
