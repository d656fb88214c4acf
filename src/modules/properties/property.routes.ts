import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import type { RoomTypeRow } from '../../db/schema.ts';
import {
  AvailabilityQuery,
  AvailabilityResponse,
  CreatePropertyBody,
  CreateRoomTypeBody,
  PropertySchema,
  RoomTypeSchema,
  UpdatePropertyBody,
  UpdateRoomTypeBody,
} from './property.schemas.ts';
import {
  createProperty,
  createRoomType,
  deleteRoomType,
  getAvailability,
  getProperty,
  listProperties,
  listRoomTypes,
  updateProperty,
  updateRoomType,
} from './property.service.ts';

const PropertyParams = z.strictObject({ propertyId: z.string().min(1).max(64) });
const RoomTypeParams = z.strictObject({ id: z.string().min(1).max(64) });

const presentProperty = (r: Awaited<ReturnType<typeof getProperty>>) => ({
  ...r,
  createdAt: r.createdAt.toISOString(),
});
const presentRoomType = (r: RoomTypeRow) => ({
  id: r.id,
  propertyId: r.propertyId,
  name: r.name,
  capacity: r.capacity,
  nightlyPrice: r.nightlyPrice,
  roomCount: r.roomCount,
  active: r.active,
});

/** Properties, room types and availability (B-1). */
export function registerPropertyRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/properties', {
    config: { auth: 'properties:read' },
    schema: {
      operationId: 'listProperties',
      tags: ['properties'],
      summary: 'List properties',
      response: withErrors({ 200: z.object({ items: z.array(PropertySchema) }) }),
    },
    handler: async (req) => ({ items: (await listProperties(ctxOf(req, database))).map(presentProperty) }),
  });
  app.post('/api/v1/properties', {
    config: { auth: 'properties:write' },
    schema: {
      operationId: 'createProperty',
      tags: ['properties'],
      summary: 'Create a property',
      body: CreatePropertyBody,
      response: withErrors({ 201: PropertySchema }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(presentProperty(await createProperty(ctxOf(req, database), req.body))),
  });
  app.get('/api/v1/properties/:propertyId', {
    config: { auth: 'properties:read' },
    schema: {
      operationId: 'getProperty',
      tags: ['properties'],
      summary: 'A property',
      params: PropertyParams,
      response: withErrors({ 200: PropertySchema }),
    },
    handler: async (req) => presentProperty(await getProperty(ctxOf(req, database), req.params.propertyId)),
  });
  app.patch('/api/v1/properties/:propertyId', {
    config: { auth: 'properties:write' },
    schema: {
      operationId: 'updateProperty',
      tags: ['properties'],
      summary: 'Update a property',
      params: PropertyParams,
      body: UpdatePropertyBody,
      response: withErrors({ 200: PropertySchema }),
    },
    handler: async (req) =>
      presentProperty(await updateProperty(ctxOf(req, database), req.params.propertyId, req.body)),
  });
  app.get('/api/v1/properties/:propertyId/room-types', {
    config: { auth: 'properties:read' },
    schema: {
      operationId: 'listRoomTypes',
      tags: ['properties'],
      summary: 'Room types of a property',
      params: PropertyParams,
      response: withErrors({ 200: z.object({ items: z.array(RoomTypeSchema) }) }),
    },
    handler: async (req) => ({
      items: (await listRoomTypes(ctxOf(req, database), req.params.propertyId)).map(presentRoomType),
    }),
  });
  app.post('/api/v1/properties/:propertyId/room-types', {
    config: { auth: 'properties:write' },
    schema: {
      operationId: 'createRoomType',
      tags: ['properties'],
      summary: 'Create a room type',
      params: PropertyParams,
      body: CreateRoomTypeBody,
      response: withErrors({ 201: RoomTypeSchema }),
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(presentRoomType(await createRoomType(ctxOf(req, database), req.params.propertyId, req.body))),
  });
  app.patch('/api/v1/room-types/:id', {
    config: { auth: 'properties:write' },
    schema: {
      operationId: 'updateRoomType',
      tags: ['properties'],
      summary: 'Update a room type',
      params: RoomTypeParams,
      body: UpdateRoomTypeBody,
      response: withErrors({ 200: RoomTypeSchema }),
    },
    handler: async (req) => presentRoomType(await updateRoomType(ctxOf(req, database), req.params.id, req.body)),
  });
  app.delete('/api/v1/room-types/:id', {
    config: { auth: 'properties:write' },
    schema: {
      operationId: 'deleteRoomType',
      tags: ['properties'],
      summary: 'Delete a room type no booking uses (409 room_type_in_use otherwise: deactivate it instead)',
      params: RoomTypeParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteRoomType(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.get('/api/v1/properties/:propertyId/availability', {
    config: { auth: 'properties:read' },
    schema: {
      operationId: 'getAvailability',
      tags: ['properties'],
      summary: 'Rooms left per room type and night, [from, to)',
      params: PropertyParams,
      querystring: AvailabilityQuery,
      response: withErrors({ 200: AvailabilityResponse }),
    },
    handler: async (req) => getAvailability(ctxOf(req, database), req.params.propertyId, req.query.from, req.query.to),
  });
}
