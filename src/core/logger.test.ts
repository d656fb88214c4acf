import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../test/support/app.ts';
import { engineName } from '../../test/support/db.ts';
import { captureLogger } from '../../test/support/log-capture.ts';
import { redactText, redactUrl } from './logger.ts';

/** Issue 12 point 2: personal data never reaches the log in the first place. */
describe(`log redaction (${engineName})`, () => {
  const capture = captureLogger('debug');
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp({ logger: capture.logger });
    s = await t.login();
  });
  afterAll(() => t.close());

  it('keeps request URLs without their query values (searches by e-mail, phone or name)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/guests?q=logmarker.email%40example.org&limit=5',
      headers: { cookie: s.cookie },
    });
    expect(res.statusCode).toBe(200);
    const log = capture.text();
    expect(log).toContain('/api/v1/guests?q=[redacted]&limit=[redacted]');
    expect(log).not.toMatch(/logmarker/i);
  });

  it('never writes a request body, even of a refused request', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: s.headers,
      payload: { firstName: 'Logmarkerfirst', lastName: 'Logmarkerlast', email: 'not an e-mail logmarker', bogus: 1 },
    });
    expect(res.statusCode).toBe(400);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers: s.headers,
      payload: { firstName: 'Logmarkerfirst', lastName: 'Logmarkerlast', phone: '+34 611 22 33 44' },
    });
    expect(created.statusCode).toBe(201);
    expect(capture.text()).not.toMatch(/logmarker|611 22 33 44|611223344/i);
  });

  it('redacts what callers log: personal fields, error messages and database details', () => {
    capture.logger.info(
      { email: 'a.logmarker@example.org', guest: { phone: '+34611223344', firstName: 'Logmarker' } },
      'x',
    );
    const err = Object.assign(new Error('duplicate key: Key (email)=(b.logmarker@example.org) exists'), {
      detail: 'Key (email)=(b.logmarker@example.org) already exists.',
    });
    capture.logger.error({ err }, 'job failed for c.logmarker@example.org at +34 611 22 33 44');
    const log = capture.text();
    // The phone in any written form (not "611" alone: a random request id can contain it).
    expect(log).not.toMatch(/logmarker|611 ?22 ?33 ?44/i);
    expect(log).toContain('job failed for [redacted] at [redacted]');
  });

  it('keeps dates, ids and amounts readable', () => {
    expect(redactText('booking bkg_01abc 2026-12-07 for 1234.50 EUR')).toBe(
      'booking bkg_01abc 2026-12-07 for 1234.50 EUR',
    );
    expect(redactUrl('/api/v1/guests/gst_1')).toBe('/api/v1/guests/gst_1');
  });
});
