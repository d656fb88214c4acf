import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { getSiteSettings, saveSiteSettings } from './site-settings.service.ts';
import { SiteSettingsBody, SiteSettingsSchema } from './site.schemas.ts';

const tags = ['settings'];

/** Settings → Booking site: the host names the organisation's site answers on and the rooms cap. */
export function registerSiteSettingsRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/settings/booking-site', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'getSiteSettings',
      tags,
      summary: 'The booking site’s host names and the most rooms one checkout may book',
      response: withErrors({ 200: SiteSettingsSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return getSiteSettings(ctx.db, ctx.orgId);
    },
  });

  app.put('/api/v1/settings/booking-site', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updateSiteSettings',
      tags,
      summary:
        'Replaces the booking site’s host names (each on one organisation only: 409 site_host_taken) and rooms cap',
      body: SiteSettingsBody,
      response: withErrors({ 200: SiteSettingsSchema }),
    },
    handler: async (req) => saveSiteSettings(ctxOf(req, database), database.system, req.body),
  });
}
