import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { CreateExportBody, CreatedExport, ExportList, ExportSchema, ListExportsQuery } from './export.schemas.ts';
import { createExport, getExport, listExports, openExportFile } from './export.service.ts';

const tags = ['exports'];

/** Guest exports (issue 13, D-2): start one, follow it, download its file, list past exports. */
export function registerExportRoutes(app: ApiApp, { database }: AppDeps): void {
  app.post('/api/v1/exports', {
    config: { auth: 'exports:write' },
    schema: {
      operationId: 'createExport',
      tags,
      summary: 'Export guests (all, the guest list filters, or a saved segment) to CSV, XLSX or vCard',
      body: CreateExportBody,
      response: withErrors({ 202: CreatedExport }),
    },
    handler: async (req, reply) => reply.code(202).send(await createExport(ctxOf(req, database), req.body)),
  });
  app.get('/api/v1/exports', {
    config: { auth: 'exports:read' },
    schema: {
      operationId: 'listExports',
      tags,
      summary: 'Past exports, newest first: who exported what, when, format, rows, status, expiry',
      querystring: ListExportsQuery,
      response: withErrors({ 200: ExportList }),
    },
    handler: async (req) => listExports(ctxOf(req, database), req.query),
  });
  app.get('/api/v1/exports/:id', {
    config: { auth: 'exports:read' },
    schema: {
      operationId: 'getExport',
      tags,
      summary: 'An export and its progress',
      params: IdParams,
      response: withErrors({ 200: ExportSchema }),
    },
    handler: async (req) => getExport(ctxOf(req, database), req.params.id),
  });
  app.get('/api/v1/exports/:id/file', {
    config: { auth: 'exports:read' },
    schema: {
      operationId: 'downloadExport',
      tags,
      summary: 'The export file (text/csv, XLSX or text/vcard); 409 while running or once expired',
      params: IdParams,
      response: withErrors({ 200: z.string().describe('the file') }),
    },
    handler: async (req, reply) => {
      // A stream is sent as it is (Fastify does not serialise streams); the schema documents the body.
      const file = await openExportFile(ctxOf(req, database), req.params.id);
      return reply
        .type(file.contentType)
        .header('content-length', file.size)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.stream as unknown as string);
    },
  });
}
