import type { ApiApp, AppDeps } from '../../http/types.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { registerCartRoutes } from './carts.routes.ts';
import { registerSiteSettingsRoutes } from './site-settings.routes.ts';
import { registerSiteRoutes } from './site.routes.ts';

export { subscribeCartChanges, type CartChange } from './cart-events.ts';
export { resolveSiteOrg } from './site-settings.service.ts';
export { countHit, throttleKey } from './site-throttle.service.ts';

/** The public booking site (X-8 /api/v1/public/…) and the staff carts API (B-3). */
export function registerBookingSiteRoutes(app: ApiApp, deps: AppDeps, resolvePerson: PersonResolver): void {
  registerSiteRoutes(app, deps, resolvePerson);
  registerCartRoutes(app, deps);
  registerSiteSettingsRoutes(app, deps);
}
