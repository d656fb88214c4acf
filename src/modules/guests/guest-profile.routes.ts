import { ctxOf } from '../../http/auth.hook.ts';
import { NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { bulkGroupGuests, bulkTagGuests } from './guest-bulk.service.ts';
import { listGuestHistory } from './guest-history.service.ts';
import { getGuestKpis } from './guest-kpis.service.ts';
import { registerGuestConsentRoutes } from './guest-consent.routes.ts';
import { registerGuestNoteRoutes } from './guest-notes.routes.ts';
import { createGuest, deleteGuest, updateGuest } from './guest-profile.service.ts';
import { viewGuest } from './guest-view.service.ts';
import { presentGuest } from './guest.presenter.ts';
import {
  BulkGroupsBody,
  BulkGroupsResponse,
  BulkTagsBody,
  BulkTagsResponse,
  CreateGuestBody,
  GuestHistoryQuery,
  GuestHistoryResponse,
  GuestIdParams,
  GuestKpisQuery,
  GuestKpisResponse,
  GuestSchema,
  UpdateGuestBody,
} from './guest.schemas.ts';

/** Guest profiles: create, read, PATCH, delete, history, notes, bulk actions and KPIs. `GET /guests` lives in guest-list. */
export function registerGuestProfileRoutes(app: ApiApp, deps: AppDeps): void {
  const { database } = deps;
  const tags = ['guests'];

  app.post('/api/v1/guests', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'createGuest',
      tags,
      summary: 'Create a guest profile',
      body: CreateGuestBody,
      response: withErrors({ 201: GuestSchema }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, database);
      return reply.status(201).send(await presentGuest(ctx, await createGuest(ctx, req.body)));
    },
  });

  app.get('/api/v1/guests/kpis', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getGuestKpis',
      tags,
      summary: 'Guest KPIs and new guests over time',
      querystring: GuestKpisQuery,
      response: withErrors({ 200: GuestKpisResponse }),
    },
    handler: async (req) => getGuestKpis(ctxOf(req, database), req.query),
  });

  app.get('/api/v1/guests/:id', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getGuest',
      tags,
      summary: 'Read a guest profile (recorded in the audit log as `guest.viewed`)',
      params: GuestIdParams,
      response: withErrors({ 200: GuestSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return presentGuest(ctx, await viewGuest(ctx, req.params.id));
    },
  });

  app.patch('/api/v1/guests/:id', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'updateGuest',
      tags,
      summary: 'Change a guest (lists replace whole; the username never changes once set)',
      params: GuestIdParams,
      body: UpdateGuestBody,
      response: withErrors({ 200: GuestSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return presentGuest(ctx, await updateGuest(ctx, req.params.id, req.body));
    },
  });

  app.delete('/api/v1/guests/:id', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'deleteGuest',
      tags,
      summary: 'Erase a guest (permanent)',
      description:
        'Refused with 409 `guest_has_upcoming_bookings` while the guest is on an upcoming or in-house booking: one `details` entry per booking, `field` = `bookings.<id>`, `message` = "reference · check-in → check-out · property". Otherwise the guest is erased everywhere Clientela keeps personal data (profile, lists, notes, history, search indexes, identity records, merge log, customer account and sessions, carts, mail, audit details, job payloads; see docs/guide/privacy/erasure.md); one audit entry `guest.erased` stays under an opaque id. Past bookings are kept without the guest: `customerId` null, shown as `*****`, notes removed (notes of bookings they only stayed on are scrubbed of them). Merges of the guest can no longer be undone (409 `merge_erased`).',
      params: GuestIdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteGuest(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/guests/:id/history', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listGuestHistory',
      tags,
      summary: 'Who changed what and when (newest first)',
      params: GuestIdParams,
      querystring: GuestHistoryQuery,
      response: withErrors({ 200: GuestHistoryResponse }),
    },
    handler: async (req) => listGuestHistory(ctxOf(req, database), req.params.id, req.query),
  });

  app.post('/api/v1/guests/bulk/tags', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'bulkTagGuests',
      tags,
      summary: 'Add or remove tags on up to 1000 guests',
      body: BulkTagsBody,
      response: withErrors({ 200: BulkTagsResponse }),
    },
    handler: async (req) => bulkTagGuests(ctxOf(req, database), req.body),
  });

  app.post('/api/v1/guests/bulk/groups', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'bulkGroupGuests',
      tags,
      summary: 'Add or remove groups on up to 1000 guests',
      body: BulkGroupsBody,
      response: withErrors({ 200: BulkGroupsResponse }),
    },
    handler: async (req) => bulkGroupGuests(ctxOf(req, database), req.body),
  });

  registerGuestNoteRoutes(app, deps);
  registerGuestConsentRoutes(app, deps);
}
