import { z } from 'zod';
import { ctxOf, principalOf } from '../../http/auth.hook.ts';
import { IdParams, NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import type { ApiKeyRow } from '../../db/schema.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.service.ts';

const ApiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.string().max(40)).min(1).max(40),
});

const present = (r: ApiKeyRow) => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

/** API keys for connected tools: the secret is shown once. */
export function registerApiKeyRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/api-keys', {
    config: { auth: 'api-keys:read' },
    schema: {
      operationId: 'listApiKeys',
      tags: ['api-keys'],
      summary: 'List API keys',
      response: withErrors({ 200: z.object({ items: z.array(ApiKeySchema) }) }),
    },
    handler: async (req) => ({ items: (await listApiKeys(ctxOf(req, database))).map(present) }),
  });

  app.post('/api/v1/api-keys', {
    config: { auth: 'api-keys:write' },
    schema: {
      operationId: 'createApiKey',
      tags: ['api-keys'],
      summary: 'Create an API key (the secret is returned once)',
      body: CreateApiKeyBody,
      response: withErrors({ 201: ApiKeySchema.extend({ secret: z.string() }) }),
    },
    handler: async (req, reply) => {
      const { row, secret } = await createApiKey(ctxOf(req, database), principalOf(req), req.body);
      return reply.status(201).send({ ...present(row), secret });
    },
  });

  app.delete('/api/v1/api-keys/:id', {
    config: { auth: 'api-keys:write' },
    schema: {
      operationId: 'revokeApiKey',
      tags: ['api-keys'],
      summary: 'Revoke an API key',
      params: IdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await revokeApiKey(ctxOf(req, database), req.params.id, principalOf(req));
      return reply.status(204).send(null);
    },
  });
}
