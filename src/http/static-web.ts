import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Serves the built web apps: /admin (staff), /account (customers) and /book (the booking site), each a single-page app. */
export async function registerWebApps(app: FastifyInstance, webDist = WEB_DIST): Promise<void> {
  const built = existsSync(path.join(webDist, 'admin.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: path.join(webDist, 'assets'),
      prefix: '/assets/',
      decorateReply: true,
      maxAge: '365d',
      immutable: true,
    });
  }
  const page = (file: string) => async (_req: unknown, reply: FastifyReply) => {
    if (!built) {
      return reply
        .status(503)
        .type('text/plain')
        .send('The web UI is not built yet: run `npm run build:web` (npm install does it).');
    }
    // The page names the hashed assets of this build, so browsers must revalidate it (an upgrade
    // is seen at once); the assets themselves never change under their name (immutable above).
    return reply.header('cache-control', 'no-cache').sendFile(file, webDist, { cacheControl: false });
  };
  for (const [prefix, file] of [
    ['/admin', 'admin.html'],
    ['/account', 'account.html'],
    ['/book', 'book.html'],
  ] as const) {
    app.get(prefix, { schema: { hide: true } }, page(file));
    app.get(`${prefix}/*`, { schema: { hide: true } }, page(file));
  }
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/admin'));
}
