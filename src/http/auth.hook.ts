import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, forbidden, unauthenticated } from '../core/errors.ts';
import type { Database } from '../db/database.ts';
import { resolveApiKey } from '../modules/api-keys/index.ts';
import { hasPermission, type Permission } from '../modules/auth/permissions.ts';
import { actorOf, type Principal } from '../modules/auth/principal.ts';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/session.service.ts';
import type { Ctx } from '../core/context.ts';
import { customerSessionOf } from '../modules/accounts/index.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Authenticates every /api request (cookie session or Bearer key), enforces CSRF on cookie
 * writes and the route's declared permission. A route that declares no `auth` cannot
 * be registered, so a forgotten check fails at start-up, not in production.
 */
export function installAuth(app: FastifyInstance, database: Database): void {
  app.decorateRequest('principal', undefined);
  app.decorateRequest('customer', undefined);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.auth) {
      throw new Error(`route ${String(route.method)} ${route.url} declares no config.auth`);
    }
  });
  app.addHook('onRequest', async (req) => {
    const auth = req.routeOptions.config?.auth;
    if (auth === 'customer') {
      // Customer routes know only the customer cookie: a staff session or an API key never passes.
      const customer = await customerSessionOf(req, database);
      if (!customer) throw unauthenticated('Sign in to your account first', 'customer_session_required');
      if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== customer.csrfToken) {
        throw new AppError('forbidden', 'csrf_token_invalid', 'Missing or wrong x-csrf-token header');
      }
      return;
    }
    if (!auth || auth === 'public') {
      req.principal = await authenticate(req, database).catch(() => undefined);
      return;
    }
    const principal = await authenticate(req, database);
    if (!principal) throw unauthenticated();
    req.principal = principal;
    if (principal.kind === 'staff' && UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== principal.csrfToken) {
      throw new AppError('forbidden', 'csrf_token_invalid', 'Missing or wrong x-csrf-token header');
    }
    if (auth === 'authenticated') return;
    if (auth === 'staff') {
      if (principal.kind !== 'staff') throw forbidden('This action needs a staff session', 'staff_session_required');
      return;
    }
    if (!hasPermission(principal.permissions, auth))
      throw forbidden(`This needs the ${auth} permission`, 'missing_permission');
  });
}

async function authenticate(req: FastifyRequest, database: Database): Promise<Principal | undefined> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const principal = m?.[1] ? await resolveApiKey(database.system, m[1]) : undefined;
    if (!principal) throw new AppError('unauthenticated', 'invalid_api_key', 'The API key is not valid or was revoked');
    return principal;
  }
  const token = req.cookies[SESSION_COOKIE];
  return token ? resolveSession(database.system, token) : undefined;
}

/** The tenant-scoped context of an authenticated request. */
export function ctxOf(req: FastifyRequest, database: Database): Ctx {
  const p = req.principal;
  if (!p) throw unauthenticated();
  return {
    db: database.forOrg(p.orgId),
    orgId: p.orgId,
    actor: actorOf(p),
    requestId: req.id,
    permissions: p.permissions,
  };
}

/** The authenticated principal (staff session or API key) of a request. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw unauthenticated();
  return req.principal;
}

/** The signed-in staff principal, or 403 for API keys. */
export function staffOf(req: FastifyRequest): Extract<Principal, { kind: 'staff' }> {
  const p = req.principal;
  if (!p) throw unauthenticated();
  if (p.kind !== 'staff') throw forbidden('This action needs a staff session', 'staff_session_required');
  return p;
}

export type { Permission };
