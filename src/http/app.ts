import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { z } from 'zod';
import { newId } from '../core/ids.ts';
import {
  registerAccountAdminRoutes,
  registerAccountDeletionRoutes,
  registerAccountRoutes,
} from '../modules/accounts/index.ts';
import { registerApiKeyRoutes } from '../modules/api-keys/api-key.routes.ts';
import { registerAuditLogRoutes } from '../modules/audit/audit-log.routes.ts';
import { registerAuthRoutes } from '../modules/auth/auth.routes.ts';
import { registerBookingRoutes, registerReplaceGuestRoutes } from '../modules/bookings/index.ts';
import { registerGuestCatalogRoutes } from '../modules/guest-catalog/index.ts';
import { registerGuestBlockRoutes } from '../modules/guests/guest-block.routes.ts';
import { registerConsentSettingsRoutes } from '../modules/consent/index.ts';
import { registerGuestDocumentRoutes } from '../modules/guests/guest-document.routes.ts';
import { registerGuestProfileRoutes } from '../modules/guests/guest-profile.routes.ts';
import {
  registerGuestErasurePreviewRoutes,
  registerGuestListRoutes,
  registerSegmentRoutes,
} from '../modules/guests/index.ts';
import { registerExportRoutes } from '../modules/exports/index.ts';
import { registerImportRoutes } from '../modules/imports/index.ts';
import {
  registerAccountCompanyRoutes,
  registerCompanyRegistrationRoutes,
  registerCompanyRoutes,
} from '../modules/companies/index.ts';
import { registerHealthRoutes } from '../modules/health/health.routes.ts';
import { registerEmailRoutes } from '../modules/email/index.ts';
import { registerBookingSiteRoutes } from '../modules/booking-site/index.ts';
import { registerCommunicationRoutes } from '../modules/communication/index.ts';
import {
  registerDuplicateRoutes,
  registerIdentitySettingsRoutes,
  resolvePeople,
  resolvePerson,
} from '../modules/identity/index.ts';
import { registerMergeRoutes } from '../modules/merges/index.ts';
import { registerRescanRoutes } from '../modules/identity-rescan/index.ts';
import { registerRetentionRoutes } from '../modules/retention/index.ts';
import { configureStayLimits, registerPropertyRoutes } from '../modules/properties/index.ts';
import { registerSubjectAccessRoutes } from '../modules/subject-access/subject-access.routes.ts';
import { registerSystemRoutes } from '../modules/system/system.routes.ts';
import { registerStaffRoutes } from '../modules/staff/staff.routes.ts';
import { installAuth } from './auth.hook.ts';
import { handleClientError, handleFrameworkError, installErrorHandler } from './error-handler.ts';
import { installInputGuard } from './input-guard.ts';
import { registerOpenApi } from './openapi.ts';
import { registerSecurityHeaders } from './security-headers.ts';
import { registerWebApps } from './static-web.ts';
import type { ApiApp, AppDeps } from './types.ts';
import { configureFileStore } from '../core/file-store.ts';
import { registerTimelineRoutes } from '../modules/timeline/index.ts';

export const BODY_LIMIT = 1024 * 1024;

/** Builds the whole HTTP app; the server and the tests both use it (no listen here). */
export async function buildApp(deps: AppDeps & { logger?: Logger; webDist?: string }): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger | undefined,
    bodyLimit: BODY_LIMIT,
    trustProxy: deps.config.trustProxy,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,100}$/.test(incoming) ? incoming : newId('req');
    },
    // Errors raised before routing (bad percent-encoding, an over-long path segment) and by Node's
    // HTTP parser (headers too large) leave in the same X-4 shape as every other error.
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: handleClientError,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  installErrorHandler(app);
  await registerSecurityHeaders(app);
  installInputGuard(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await registerOpenApi(app);
  configureStayLimits(deps.config.stayLimits);
  configureFileStore(deps.config.filesDir);
  installAuth(app, deps.database);

  const api: ApiApp = app;
  registerHealthRoutes(api, deps);
  registerAuthRoutes(api, deps);
  registerStaffRoutes(api, deps);
  registerApiKeyRoutes(api, deps);
  registerGuestListRoutes(api, deps);
  registerSegmentRoutes(api, deps);
  registerSystemRoutes(api, deps);
  registerGuestProfileRoutes(api, deps);
  registerGuestErasurePreviewRoutes(api, deps);
  registerGuestCatalogRoutes(api, deps);
  registerConsentSettingsRoutes(api, deps);
  registerPropertyRoutes(api, deps);
  registerBookingRoutes(api, deps, { resolvePerson, resolvePeople });
  registerReplaceGuestRoutes(api, deps, resolvePerson);
  registerGuestBlockRoutes(api, deps);
  registerGuestDocumentRoutes(api, deps);
  registerDuplicateRoutes(api, deps);
  registerIdentitySettingsRoutes(api, deps);
  registerMergeRoutes(api, deps);
  registerRescanRoutes(api, deps);
  registerEmailRoutes(api, deps);
  registerAccountRoutes(api, deps);
  registerAccountAdminRoutes(api, deps);
  registerAccountDeletionRoutes(api, deps);
  registerBookingSiteRoutes(api, deps, resolvePerson);
  registerAuditLogRoutes(api, deps);
  registerSubjectAccessRoutes(api, deps);
  registerRetentionRoutes(api, deps);
  registerExportRoutes(api, deps);
  registerImportRoutes(api, deps);
  registerCommunicationRoutes(api, deps, resolvePerson);
  registerCompanyRoutes(api, deps, resolvePerson);
  registerAccountCompanyRoutes(api, deps);
  registerCompanyRegistrationRoutes(api, deps, resolvePerson);
  registerTimelineRoutes(api, deps);

  app.get('/api/v1/openapi.json', {
    config: { auth: 'public' },
    schema: { hide: true, response: { 200: z.unknown() } },
    handler: async () => app.swagger(),
  });
  await registerWebApps(app, deps.webDist);
  await app.ready();
  return app;
}
