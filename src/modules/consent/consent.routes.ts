import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import {
  createConsentPurpose,
  createConsentWording,
  findCurrentWording,
  listConsentPurposes,
  listConsentWordings,
  updateConsentPurpose,
} from './consent-settings.service.ts';
import {
  ConsentPurposeListResponse,
  ConsentPurposeSchema,
  ConsentWordingListResponse,
  ConsentWordingSchema,
  CreatePurposeBody,
  CreateWordingBody,
  CurrentWordingQuery,
  CurrentWordingResponse,
  PurposeParams,
  UpdatePurposeBody,
} from './consent.schemas.ts';

/** Settings → Consent: the organisation's purposes and its versioned wording (P-4). */
export function registerConsentSettingsRoutes(app: ApiApp, { database }: AppDeps): void {
  const tags = ['consent'];
  app.get('/api/v1/consent/purposes', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listConsentPurposes',
      tags,
      summary: 'Consent purposes: the built-in `marketing` and those the organisation added',
      response: withErrors({ 200: ConsentPurposeListResponse }),
    },
    handler: async (req) => ({ items: await listConsentPurposes(ctxOf(req, database)) }),
  });
  app.post('/api/v1/consent/purposes', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'createConsentPurpose',
      tags,
      summary: 'Add a consent purpose (key and names per language)',
      body: CreatePurposeBody,
      response: withErrors({ 201: ConsentPurposeSchema }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await createConsentPurpose(ctxOf(req, database), req.body.key, req.body.names)),
  });
  app.patch('/api/v1/consent/purposes/:key', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updateConsentPurpose',
      tags,
      summary: 'Rename a consent purpose (its key never changes)',
      params: PurposeParams,
      body: UpdatePurposeBody,
      response: withErrors({ 200: ConsentPurposeSchema }),
    },
    handler: async (req) => updateConsentPurpose(ctxOf(req, database), req.params.key, req.body.names),
  });
  app.get('/api/v1/consent/wordings', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listConsentWordings',
      tags,
      summary: 'Every version of the consent wording, per purpose and language (the current one marked)',
      response: withErrors({ 200: ConsentWordingListResponse }),
    },
    handler: async (req) => ({ items: await listConsentWordings(ctxOf(req, database)) }),
  });
  app.post('/api/v1/consent/wordings', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'createConsentWording',
      tags,
      summary: 'Publish a new version of the consent wording in one language (versions are never edited)',
      body: CreateWordingBody,
      response: withErrors({ 201: ConsentWordingSchema }),
    },
    handler: async (req, reply) => reply.status(201).send(await createConsentWording(ctxOf(req, database), req.body)),
  });
  app.get('/api/v1/consent/wordings/current', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'getCurrentConsentWording',
      tags,
      summary: 'The wording shown today for a purpose in a language (what a new record will reference)',
      querystring: CurrentWordingQuery,
      response: withErrors({ 200: CurrentWordingResponse }),
    },
    handler: async (req) => {
      const w = await findCurrentWording(ctxOf(req, database).db, req.query.purpose, req.query.language);
      return {
        purpose: req.query.purpose,
        language: req.query.language,
        version: w?.version ?? null,
        text: w?.text ?? null,
      };
    },
  });
}
