import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of every response. The built web apps load only their own hashed
 * scripts and styles from /assets; Mantine and Swagger UI set inline `style` attributes and
 * `<style>` elements, hence `'unsafe-inline'` for styles only (never for scripts). Images may be
 * `data:` URLs (the favicon, Swagger UI's icons). No `upgrade-insecure-requests`: a server reached
 * over plain HTTP on a LAN must keep loading its own assets.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  upgradeInsecureRequests: null,
};

/**
 * Security headers on every response, API and web apps alike (@fastify/helmet): the CSP above,
 * `X-Frame-Options: DENY` (for browsers without frame-ancestors), `X-Content-Type-Options: nosniff`,
 * `Referrer-Policy: same-origin` (one-time links in URLs never leak to other sites), HSTS, and
 * same-origin opener/resource policies.
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });
}
