#!/usr/bin/env node
// Builds the web UI (web/dist) unless it is already newer than every source file.
// Run by `npm install` (prepare), `npm start` (prestart) and the browser tests.
// `--force` always builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = path.join(root, 'web');
const marker = path.join(web, 'dist', 'admin.html');

function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
    if (e.name === 'dist' || e.name === 'node_modules') return m;
    const full = path.join(dir, e.name);
    return Math.max(m, e.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }, 0);
}

export function buildWeb({ force = false } = {}) {
  if (!force && existsSync(marker) && statSync(marker).mtimeMs >= newest(web)) return false;
  const viteBin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('vite/package.json')),
    'bin',
    'vite.js',
  );
  console.log('Building the web UI (web/dist)…');
  // NODE_ENV=production: inside a test runner NODE_ENV is "test", which would bundle React's dev build.
  execFileSync(
    process.execPath,
    [viteBin, 'build', '--config', path.join(web, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: 'inherit',
    },
  );
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildWeb({ force: process.argv.includes('--force') });
}
