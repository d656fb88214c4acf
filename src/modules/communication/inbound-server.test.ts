import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { startTestServer } from '../../../test/support/test-server.ts';

describe('inbound SMTP listener in the server', () => {
  it('is configured by CLIENTELA_INBOUND_SMTP_PORT (off without it) and validates its settings', () => {
    expect(loadConfig({}).inboundSmtp).toBeUndefined();
    const on = loadConfig({
      CLIENTELA_INBOUND_SMTP_PORT: '2525',
      CLIENTELA_INBOUND_SMTP_MAX_MB: '10',
      CLIENTELA_INBOUND_DOMAINS: 'Mail.Miramar.test,other.test',
    }).inboundSmtp;
    expect(on).toEqual({
      port: 2525,
      host: '0.0.0.0',
      maxBytes: 10 * 1024 * 1024,
      domains: ['mail.miramar.test', 'other.test'],
    });
    expect(() => loadConfig({ CLIENTELA_INBOUND_SMTP_PORT: '70000' })).toThrow(/CLIENTELA_INBOUND_SMTP_PORT/);
    expect(() => loadConfig({ CLIENTELA_INBOUND_DOMAINS: 'a b' })).toThrow(/CLIENTELA_INBOUND_DOMAINS/);
  });

  it('is started by the server when a port is set and stopped with it', async () => {
    const server = await startTestServer({
      CLIENTELA_INBOUND_SMTP_PORT: '0',
      CLIENTELA_INBOUND_SMTP_HOST: '127.0.0.1',
      MAIL_FROM: 'Hotel <reception@miramar.test>',
    });
    const port = server.runtime.inboundSmtpPort;
    const send = (to: string) => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
      return transport.sendMail({ from: 'guest@example.org', to, text: 'hello' }).finally(() => transport.close());
    };
    try {
      expect(port).toBeGreaterThan(0);
      // Listening: a recipient outside the reply domain is refused in the SMTP dialogue.
      await expect(send('someone@elsewhere.test')).rejects.toMatchObject({ responseCode: 550 });
      // Accepted for the reply domain (naming no thread and no contact: dropped, logged).
      await expect(send('reception@miramar.test')).resolves.toMatchObject({ accepted: ['reception@miramar.test'] });
    } finally {
      await server.close();
    }
    await expect(send('reception@miramar.test')).rejects.toMatchObject({ code: 'ESOCKET' });
  });
});
