import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mainNavigation, settingsNavigation } from '../admin/layout/navigation.ts';
import { resources, type Tree } from './resources.ts';

// Issue 11, point 26: server error codes shown untranslated, and the dashboard's raw
// `sections.properties`. These fail as soon as a code or a section has no text.

/**
 * Every error code the server can answer with, read from its source (for the translation test):
 * `new AppError(kind, 'code')`, `invalid('code')`, `conflict('code')`, `forbidden(msg, 'code')`,
 * `unauthenticated(msg, 'code')`, `notFound('Thing')` (→ `thing_not_found`), and the codes the
 * error handler gives to Fastify's own and database errors. Codes built at run time are not found.
 */
function serverErrorCodes(srcRoot: string): Map<string, string> {
  const codes = new Map<string, string>(); // code → first file that returns it
  const add = (code: string, file: string) => {
    if (!codes.has(code)) codes.set(code, file);
  };
  const str = String.raw`(?:'[^']*'|"[^"]*"|\`[^\`]*\`)`;
  const patterns = [
    /new AppError\(\s*'[a-z_]+',\s*'([a-z0-9_]+)'/g,
    /\b(?:invalid|conflict)\(\s*'([a-z0-9_]+)'/g,
    new RegExp(String.raw`\b(?:forbidden|unauthenticated)\(\s*${str}\s*,\s*'([a-z0-9_]+)'`, 'g'),
  ];
  for (const file of sourceFiles(srcRoot)) {
    const text = readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) add(m[1]!, file);
    for (const m of text.matchAll(/\bnotFound\(\s*'([^']+)'/g))
      add(`${m[1]!.toLowerCase().replace(/\W+/g, '_')}_not_found`, file);
    if (/\bforbidden\(/.test(text)) add('forbidden', file);
    if (/\bunauthenticated\(/.test(text)) add('unauthenticated', file);
    if (file.endsWith('error-handler.ts')) {
      // Only snake_case with an underscore: the handler's other literals are not codes.
      for (const m of text.matchAll(/(?:send\(\d+,\s*|return |code: |\? |: )'([a-z]+(?:_[a-z]+)+)'/g)) add(m[1]!, file);
    }
  }
  return codes;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const serverSrc = fileURLToPath(new URL('../../../src', import.meta.url));

describe('server error codes in the UI', () => {
  const codes = serverErrorCodes(serverSrc);

  it('finds the codes the server returns', () => {
    expect(codes.size).toBeGreaterThan(80);
    for (const code of ['validation_failed', 'guest_not_found', 'sold_out', 'malformed_json', 'forbidden'])
      expect(codes.has(code)).toBe(true);
  });

  it.each(['en', 'es', 'fr'] as const)('translates every one of them in %s (errors.<code>)', (language) => {
    const missing = [...codes].filter(([code]) => !lookup(resources[language], `errors.${code}`));
    expect(missing.map(([code, file]) => `${code} (${file.slice(serverSrc.length + 1)})`)).toEqual([]);
  });
});

describe('admin sections', () => {
  it.each(['en', 'es', 'fr'] as const)('have a name and a description for every navigation entry in %s', (language) => {
    const missing = [...mainNavigation, ...settingsNavigation]
      .flatMap((item) => [`nav.${item.key}`, ...(item.key === 'dashboard' ? [] : [`sections.${item.key}`])])
      .filter((key) => !lookup(resources[language], key));
    expect(missing).toEqual([]);
  });
});
