import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database in ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('embedded');
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.database).toMatchObject({ sharedBuffers: '384MB' });
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(c.database).toMatchObject({ kind: 'postgres', url: 'postgres://u@h:5432/db' });
  });

  it('lists every bad setting in one readable message', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        CLIENTELA_ADMIN_EMAIL: 'not-an-email',
        CLIENTELA_ADMIN_PASSWORD: 'short',
        CLIENTELA_EMBEDDED_CACHE: 'lots',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL: must start with postgres/);
    expect(problems).toMatch(/CLIENTELA_ADMIN_EMAIL/);
    expect(problems).toMatch(/CLIENTELA_ADMIN_PASSWORD: must be at least 10/);
    expect(problems).toMatch(/CLIENTELA_EMBEDDED_CACHE: must be a size such as 384MB/);
  });

  it('refuses an admin e-mail without a password', () => {
    expect(() => loadConfig({ CLIENTELA_ADMIN_EMAIL: 'a@b.co' })).toThrow(/must be set together/);
  });
});
