import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import {
  ContactLanguageQuery,
  CreateHotelContactBody,
  HotelContactList,
  HotelContactSchema,
  UpdateHotelContactBody,
} from './hotel-contact.schemas.ts';
import {
  createHotelContact,
  deleteHotelContact,
  getHotelContact,
  listHotelContacts,
  presentHotelContact,
  updateHotelContact,
} from './hotel-contact.service.ts';

const tags = ['communication'];

/** Settings → Contacts (M-3): read by whoever works the inbox, managed with settings:write. */
export function registerHotelContactRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/hotel-contacts', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'listHotelContacts',
      tags,
      summary: 'The hotel’s contacts guests write to (Reception, Reservations …), named in `lang`',
      querystring: ContactLanguageQuery,
      response: withErrors({ 200: HotelContactList }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return { items: (await listHotelContacts(ctx)).map((c) => presentHotelContact(c, req.query.lang)) };
    },
  });
  app.get('/api/v1/hotel-contacts/:id', {
    config: { auth: 'threads:read' },
    schema: {
      operationId: 'getHotelContact',
      tags,
      summary: 'One hotel contact',
      params: IdParams,
      querystring: ContactLanguageQuery,
      response: withErrors({ 200: HotelContactSchema }),
    },
    handler: async (req) =>
      presentHotelContact(await getHotelContact(ctxOf(req, database), req.params.id), req.query.lang),
  });
  app.post('/api/v1/hotel-contacts', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'createHotelContact',
      tags,
      summary:
        'Add a contact: `name` (one text, or `{en, es?, fr?}`), `email` for notifications, `propertyId?`, `staffIds` (who see its threads)',
      body: CreateHotelContactBody,
      response: withErrors({ 201: HotelContactSchema }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(presentHotelContact(await createHotelContact(ctxOf(req, database), req.body))),
  });
  app.patch('/api/v1/hotel-contacts/:id', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updateHotelContact',
      tags,
      summary: 'Rename, re-route or change the staff of a contact',
      params: IdParams,
      body: UpdateHotelContactBody,
      response: withErrors({ 200: HotelContactSchema }),
    },
    handler: async (req) =>
      presentHotelContact(await updateHotelContact(ctxOf(req, database), req.params.id, req.body)),
  });
  app.delete('/api/v1/hotel-contacts/:id', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'deleteHotelContact',
      tags,
      summary: 'Delete a contact no thread was written to (else 409 `hotel_contact_in_use`)',
      params: IdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteHotelContact(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
