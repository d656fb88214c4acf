import { ctxOf } from '../../http/auth.hook.ts';
import { NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { createGuestNote, deleteGuestNote, listGuestNotes, updateGuestNote } from './guest-notes.service.ts';
import { GuestIdParams, GuestNoteListResponse, GuestNoteSchema, NoteBody, NoteParams } from './guest.schemas.ts';

/** Notes on a guest profile (G-10). */
export function registerGuestNoteRoutes(app: ApiApp, { database }: AppDeps): void {
  const tags = ['guests'];
  app.get('/api/v1/guests/:id/notes', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listGuestNotes',
      tags,
      summary: "A guest's notes, newest first",
      params: GuestIdParams,
      response: withErrors({ 200: GuestNoteListResponse }),
    },
    handler: async (req) => ({ items: await listGuestNotes(ctxOf(req, database), req.params.id) }),
  });
  app.post('/api/v1/guests/:id/notes', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'createGuestNote',
      tags,
      summary: 'Add a note to a guest',
      params: GuestIdParams,
      body: NoteBody,
      response: withErrors({ 201: GuestNoteSchema }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createGuestNote(ctxOf(req, database), req.params.id, req.body.body)),
  });
  app.patch('/api/v1/guests/:id/notes/:noteId', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'updateGuestNote',
      tags,
      summary: 'Change a note',
      params: NoteParams,
      body: NoteBody,
      response: withErrors({ 200: GuestNoteSchema }),
    },
    handler: async (req) => updateGuestNote(ctxOf(req, database), req.params.id, req.params.noteId, req.body.body),
  });
  app.delete('/api/v1/guests/:id/notes/:noteId', {
    config: { auth: 'guests:write' },
    schema: {
      operationId: 'deleteGuestNote',
      tags,
      summary: 'Delete a note',
      params: NoteParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteGuestNote(ctxOf(req, database), req.params.id, req.params.noteId);
      return reply.status(204).send(null);
    },
  });
}
