import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { SegmentBody, SegmentPatchBody, SegmentSchema } from './guest-list.schemas.ts';
import { createSegment, deleteSegment, getSegment, listSegments, updateSegment } from './segment.service.ts';

/** Saved segments (G-4): named guest-list filters. */
export function registerSegmentRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/segments', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listSegments',
      tags: ['segments'],
      summary: 'List saved segments',
      response: withErrors({ 200: z.object({ items: z.array(SegmentSchema) }) }),
    },
    handler: async (req) => ({ items: await listSegments(ctxOf(req, database)) }),
  });
  app.post('/api/v1/segments', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'createSegment',
      tags: ['segments'],
      summary: 'Save a segment (filters as for GET /guests)',
      body: SegmentBody,
      response: withErrors({ 201: SegmentSchema }),
    },
    handler: async (req, reply) => reply.code(201).send(await createSegment(ctxOf(req, database), req.body)),
  });
  app.get('/api/v1/segments/:id', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getSegment',
      tags: ['segments'],
      summary: 'Get a saved segment',
      params: IdParams,
      response: withErrors({ 200: SegmentSchema }),
    },
    handler: async (req) => getSegment(ctxOf(req, database), req.params.id),
  });
  app.patch('/api/v1/segments/:id', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'updateSegment',
      tags: ['segments'],
      summary: 'Rename a segment or replace its filters',
      params: IdParams,
      body: SegmentPatchBody,
      response: withErrors({ 200: SegmentSchema }),
    },
    handler: async (req) => updateSegment(ctxOf(req, database), req.params.id, req.body),
  });
  app.delete('/api/v1/segments/:id', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'deleteSegment',
      tags: ['segments'],
      summary: 'Delete a saved segment',
      params: IdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteSegment(ctxOf(req, database), req.params.id);
      return reply.code(204).send(null);
    },
  });
}
