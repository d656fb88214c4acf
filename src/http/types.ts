import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.ts';
import type { Ctx } from '../core/context.ts';
import type { Database } from '../db/database.ts';
import type { Permission } from '../modules/auth/permissions.ts';
import type { Principal } from '../modules/auth/principal.ts';

/**
 * Who may call a route: anyone, any signed-in principal, a staff session only, a permission, or a
 * signed-in customer ('customer': the customer session cookie only; staff sessions and API keys never pass).
 */
export type RouteAuth = 'public' | 'authenticated' | 'staff' | 'customer' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

export interface AppDeps {
  config: Config;
  database: Database;
  /** Whether start-up has finished (the server's composition root); absent = ready (tests, inject). */
  isReady?: () => boolean;
}

export type ApiApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type { Ctx };
