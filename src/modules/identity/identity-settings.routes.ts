import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { IdentityModelJobSchema, IdentitySettingsBody, IdentitySettingsSchema } from './identity-settings.schemas.ts';
import { getIdentitySettings, requestIdentityModel, saveIdentitySettings } from './identity-settings.service.ts';

const tags = ['settings'];

/** Settings → Identity (issue 14): cautious / balanced, match on name alone, the organisation's model. */
export function registerIdentitySettingsRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/settings/identity', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'getIdentitySettings',
      tags,
      summary: 'How much evidence an automatic merge needs (balanced by default) and the model in use',
      response: withErrors({ 200: IdentitySettingsSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return getIdentitySettings(ctx.db, ctx.orgId);
    },
  });

  app.put('/api/v1/settings/identity', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updateIdentitySettings',
      tags,
      summary: 'Sets the mode (balanced / cautious) and match on name alone',
      description:
        'balanced merges automatically from a match probability of 0.999 (24 bits), cautious from 0.99998 (30 bits); the hard rules hold in both (docs/guide/merging.md).',
      body: IdentitySettingsBody,
      response: withErrors({ 200: IdentitySettingsSchema }),
    },
    handler: async (req) => saveIdentitySettings(ctxOf(req, database), req.body),
  });

  app.post('/api/v1/settings/identity/model', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'rebuildIdentityModel',
      tags,
      summary: "Rebuilds the organisation's model (name frequencies, EM weights) in the background",
      response: withErrors({ 202: IdentityModelJobSchema }),
    },
    handler: async (req, reply) => {
      reply.code(202);
      return requestIdentityModel(ctxOf(req, database));
    },
  });
}
