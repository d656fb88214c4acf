import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { getMerge, listMerges } from './merge-read.service.ts';
import { mergeGuests, previewMerge } from './merge.service.ts';
import { undoMerge } from './merge-undo.service.ts';
import {
  ListMergesQuery,
  MergeBody,
  MergeListResponse,
  MergePreviewResponse,
  MergeResponse,
  MergeSchema,
  UndoMergeResponse,
} from './merge.schemas.ts';

/** Merging guest profiles and undoing a merge (SPEC I-5, contract "Merge / unmerge API"). */
export function registerMergeRoutes(app: ApiApp, { database }: AppDeps): void {
  const tags = ['guests'];

  app.post('/api/v1/guests/merge/preview', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'previewGuestMerge',
      tags,
      summary: 'Show what merging these profiles would do (fields, conflicts, result, what moves); saves nothing',
      body: MergeBody,
      response: withErrors({ 200: MergePreviewResponse }),
    },
    handler: async (req) => previewMerge(ctxOf(req, database), req.body),
  });

  app.post('/api/v1/guests/merge', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'mergeGuests',
      tags,
      summary: 'Merge two or more profiles into the survivor, with a field-by-field choice (undoable)',
      body: MergeBody,
      response: withErrors({ 201: MergeResponse }),
    },
    handler: async (req, reply) => reply.status(201).send(await mergeGuests(ctxOf(req, database), req.body)),
  });

  app.get('/api/v1/merges', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listMerges',
      tags,
      summary: 'Merges, newest first (optionally those a guest took part in)',
      querystring: ListMergesQuery,
      response: withErrors({ 200: MergeListResponse }),
    },
    handler: async (req) => listMerges(ctxOf(req, database), req.query),
  });

  app.get('/api/v1/merges/:id', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getMerge',
      tags,
      summary: 'Read one merge',
      params: IdParams,
      response: withErrors({ 200: MergeSchema }),
    },
    handler: async (req) => getMerge(ctxOf(req, database), req.params.id),
  });

  app.post('/api/v1/merges/:id/undo', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'undoMerge',
      tags,
      summary: 'Undo a merge: the profiles come back with what was theirs; later arrivals stay with the survivor',
      params: IdParams,
      response: withErrors({ 200: UndoMergeResponse }),
    },
    handler: async (req) => undoMerge(ctxOf(req, database), req.params.id),
  });
}
