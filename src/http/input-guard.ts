import type { FastifyInstance } from 'fastify';
import { invalid } from '../core/errors.ts';

/**
 * Refuses the NUL character (U+0000) anywhere a request carries text — URL (path and query, raw or
 * percent-encoded), headers and the parsed JSON body — with one 400 for every route. PostgreSQL text
 * cannot hold it, and no legitimate name, address or e-mail contains it (SPEC X-4).
 */
export function installInputGuard(app: FastifyInstance): void {
  // onRequest, before authentication: a NUL in a cookie or key never reaches a lookup.
  app.addHook('onRequest', async (req) => {
    if (/%00|\0/i.test(req.url)) throw nulRefused(req.url.includes('?') && !pathHasNul(req.url) ? 'query' : 'path');
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string' ? value.includes('\0') : value?.some((v) => v.includes('\0')))
        throw nulRefused(`headers.${name}`);
    }
  });
  app.addHook('preValidation', async (req) => {
    const field = nulPathIn(req.body);
    if (field !== undefined) throw nulRefused(field ? `body.${field}` : 'body');
  });
}

function pathHasNul(url: string): boolean {
  return /%00|\0/i.test(url.split('?')[0] ?? '');
}

const nulRefused = (field: string) =>
  invalid('nul_character', 'Text may not contain the NUL character (\\u0000)', [
    { field, message: 'contains the NUL character', code: 'nul_character' },
  ]);

/** The dotted path of the first string (or key) holding a NUL in a JSON value; '' for the root, undefined if none. */
export function nulPathIn(value: unknown): string | undefined {
  // Iterative, so a deeply nested body cannot overflow the stack.
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\0')) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const childPath = path ? `${path}.${k}` : k;
        if (k.includes('\0')) return childPath;
        stack.push([child, childPath]);
      }
    }
  }
  return undefined;
}
