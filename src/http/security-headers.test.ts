import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { engineName } from '../../test/support/db.ts';

describe(`security headers and caching (${engineName})`, () => {
  let t: TestApp;
  const webDist = mkdtempSync(path.join(tmpdir(), 'clientela-web-'));
  beforeAll(async () => {
    for (const page of ['admin', 'account', 'book'])
      writeFileSync(path.join(webDist, `${page}.html`), `<!doctype html><title>${page}</title>`);
    mkdirSync(path.join(webDist, 'assets'));
    writeFileSync(path.join(webDist, 'assets', 'admin-AbC123.js'), 'console.log(1)');
    t = await createTestApp({ webDist });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it('sends CSP (frame-ancestors none, scripts from self only), nosniff, DENY and a referrer policy everywhere', async () => {
    for (const url of ['/api/v1/health', '/admin', '/book/rooms', '/api/docs/', '/api/v1/nothing']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it('serves the app pages with no-cache and the hashed assets as immutable', async () => {
    for (const url of ['/admin', '/admin/guests/gst_1', '/account', '/book']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    const asset = await t.app.inject({ method: 'GET', url: '/assets/admin-AbC123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
  });
});
