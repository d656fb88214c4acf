import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import {
  PrivacySettingsBody,
  PrivacySettingsSchema,
  RetentionPreviewQuery,
  RetentionPreviewSchema,
} from './retention.schemas.ts';
import { getPrivacySettings, previewRetention, savePrivacySettings } from './retention.service.ts';

const tags = ['settings'];

/** Settings → Privacy (issue 12, P-6): the retention rule and its preview. */
export function registerRetentionRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/settings/privacy', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'getPrivacySettings',
      tags,
      summary: 'The retention rule (off by default) and how long backups keep data',
      response: withErrors({ 200: PrivacySettingsSchema }),
    },
    handler: async (req) => getPrivacySettings(ctxOf(req, database).db),
  });

  app.put('/api/v1/settings/privacy', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updatePrivacySettings',
      tags,
      summary: 'Turns the retention rule on (N = 1–20 years) or off (null); sets the backups’ lifetime',
      description:
        'With the rule on, the daily job `privacy.retention` erases guests with no activity for N years through the same path as `DELETE /guests/{id}`, skipping guests on an upcoming or in-house booking. Activity: see docs/guide/privacy/requests.md.',
      body: PrivacySettingsBody,
      response: withErrors({ 200: PrivacySettingsSchema }),
    },
    handler: async (req) => savePrivacySettings(ctxOf(req, database), req.body),
  });

  app.get('/api/v1/settings/privacy/retention/preview', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'previewRetention',
      tags,
      summary: 'How many guests the retention rule would anonymise now with N years (before it is switched on)',
      querystring: RetentionPreviewQuery,
      response: withErrors({ 200: RetentionPreviewSchema }),
    },
    handler: async (req) => previewRetention(ctxOf(req, database), req.query.years),
  });
}
