import fastifyMultipart from '@fastify/multipart';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { streamImportErrors } from './import-errors-csv.ts';
import {
  ImportAccepted,
  ImportColumnsSchema,
  ImportIdParams,
  ImportRunList,
  ImportRunSchema,
  ImportUploadForm,
  ListImportsQuery,
  RunImportBody,
} from './import-run.schemas.ts';
import { createImport, getImport, getImportColumns, listImports, runImportAgain } from './import-run.service.ts';
import { receiveUpload } from './import-upload.ts';

// The upload's body is a multipart stream read by the handler; its zod schema only documents it.
const documentOnlyBody: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(route);

/** Imports (issue 13, D-1): upload and run, progress and summary, history, error report, columns, run again. */
export function registerImportRoutes(app: ApiApp, deps: AppDeps): void {
  const maxBytes = deps.config.imports.maxBytes;
  // Multipart parsing only for the upload route (an encapsulated plugin): files are streamed to disk.
  void app.register(async (scope: ApiApp) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 300_000, parts: 12, headerPairs: 50 },
    });
    scope.post('/api/v1/imports', {
      config: { auth: 'imports:write' },
      validatorCompiler: documentOnlyBody as never,
      schema: {
        operationId: 'createImport',
        tags: ['imports'],
        summary: 'Upload a CSV or XLSX file and start its import (or dry run)',
        description: `multipart/form-data with the field \`file\` (CSV or XLSX, at most ${Math.round(maxBytes / 1048576)} MB, else 413 \`import_file_too_large\`) and optional \`dryRun\`, \`mapping\` (JSON: header → field), \`onExisting\`. A file that is not a readable table is 400 \`import_file_unreadable\`. Answers 202 with the import id; follow it with GET /api/v1/imports/{id}.`,
        consumes: ['multipart/form-data'],
        body: ImportUploadForm,
        response: withErrors({ 202: ImportAccepted }),
      },
      handler: async (req, reply) => {
        const ctx = ctxOf(req, deps.database);
        const upload = await receiveUpload(req, maxBytes);
        const accepted = await createImport(ctx, upload);
        return reply.code(202).send(accepted);
      },
    });
  });

  app.get('/api/v1/imports', {
    config: { auth: 'imports:read' },
    schema: {
      operationId: 'listImports',
      tags: ['imports'],
      summary: 'Past imports, newest first (keyset pages)',
      querystring: ListImportsQuery,
      response: withErrors({ 200: ImportRunList }),
    },
    handler: async (req) => listImports(ctxOf(req, deps.database), req.query),
  });

  app.get('/api/v1/imports/:id', {
    config: { auth: 'imports:read' },
    schema: {
      operationId: 'getImport',
      tags: ['imports'],
      summary: 'An import: status, progress and summary (errors complete up to 10,000)',
      params: ImportIdParams,
      response: withErrors({ 200: ImportRunSchema }),
    },
    handler: async (req) => getImport(ctxOf(req, deps.database), req.params.id),
  });

  app.get('/api/v1/imports/:id/errors.csv', {
    config: { auth: 'imports:read' },
    schema: {
      operationId: 'getImportErrorsCsv',
      tags: ['imports'],
      summary: 'The rejected records as they were in the file, plus a reason column (CSV)',
      params: ImportIdParams,
      produces: ['text/csv'],
      response: withErrors({ 200: z.string().describe('CSV, UTF-8 with BOM') }),
    },
    handler: async (req, reply) => {
      const stream = await streamImportErrors(ctxOf(req, deps.database), req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-errors.csv"`)
        .send(stream as unknown as string); // a Readable: Fastify streams it
    },
  });

  app.get('/api/v1/imports/:id/columns', {
    config: { auth: 'imports:read' },
    schema: {
      operationId: 'getImportColumns',
      tags: ['imports'],
      summary: "The upload's columns, their mapping and first values (410 once the upload is deleted)",
      params: ImportIdParams,
      response: withErrors({ 200: ImportColumnsSchema }),
    },
    handler: async (req) => getImportColumns(ctxOf(req, deps.database), req.params.id),
  });

  app.post('/api/v1/imports/:id/run', {
    config: { auth: 'imports:write' },
    schema: {
      operationId: 'runImportAgain',
      tags: ['imports'],
      summary: 'A new import of the same upload (from the dry run to the real run, or another mapping)',
      params: ImportIdParams,
      body: RunImportBody,
      response: withErrors({ 202: ImportAccepted }),
    },
    handler: async (req, reply) => {
      const accepted = await runImportAgain(ctxOf(req, deps.database), req.params.id, req.body);
      return reply.code(202).send(accepted);
    },
  });
}
