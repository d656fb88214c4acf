import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resources, type Tree } from './resources.ts';

/** `{a: {b: 'x'}}` → `{'a.b': 'x'}` */
function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out[path] = value;
    else Object.assign(out, flatten(value, path));
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const locales = { en: flatten(resources.en), es: flatten(resources.es), fr: flatten(resources.fr) };
const sourceRoot = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('web UI translations', () => {
  it.each(['es', 'fr'] as const)('has exactly the English keys in %s', (language) => {
    expect(Object.keys(locales[language]).sort()).toEqual(Object.keys(locales.en).sort());
  });

  it.each(['en', 'es', 'fr'] as const)('has no empty text in %s', (language) => {
    const empty = Object.entries(locales[language]).filter(([, text]) => !text.trim());
    expect(empty).toEqual([]);
  });

  it('keeps the same {{placeholders}} in every language', () => {
    for (const [key, text] of Object.entries(locales.en)) {
      expect([key, placeholders(locales.es[key] ?? '')]).toEqual([key, placeholders(text)]);
      expect([key, placeholders(locales.fr[key] ?? '')]).toEqual([key, placeholders(text)]);
    }
  });

  it('defines every literal key the source code uses', () => {
    const used = sourceFiles(sourceRoot).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)].map((m) => m[1] ?? ''),
    );
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !(key in locales.en))).toEqual([]);
  });
});
