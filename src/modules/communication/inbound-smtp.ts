import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import type { Logger } from 'pino';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import type { Database } from '../../db/database.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { senderDomain } from '../email/index.ts';
import type { AttachmentLimits } from './attachment-files.ts';
import { fileInboundMail, type InboundOutcome } from './inbound-receive.ts';
import { readInbound } from './inbound-parse.ts';

export interface InboundSmtpOptions {
  database: Database;
  resolvePerson: PersonResolver;
  logger: Logger;
  /** The listener's address (port 0: a free port), size limit and extra domains (config.inboundSmtp). */
  port: number;
  host: string;
  maxBytes: number;
  domains: string[];
  mailFrom: string;
  publicUrl: string;
  /** Limits of the files kept from a mail (config.attachments). */
  attachments: AttachmentLimits;
  /** Called with what became of each message (tests wait on it). */
  onFiled?: (outcome: InboundOutcome) => void;
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/**
 * The inbound SMTP listener (issue 16 point 3): a relay or MX delivers guests' answers here. It
 * accepts mail only for the reply domain (the domain of MAIL_FROM, and CLIENTELA_INBOUND_DOMAINS)
 * and the hotel contacts' addresses; refuses a message over the size limit (552) while it is being
 * sent; parses it with mailparser and files it (inbound-receive.ts). A failure to store answers
 * 451, so the relay tries again later. No AUTH and no TLS: it listens for a relay on a private
 * network (docs/guide/customer-service.md).
 */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const domains = new Set([senderDomain(options.mailFrom), ...options.domains]);
  const server = new SMTPServer({
    name: senderDomain(options.mailFrom),
    banner: 'Clientela inbound',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxBytes,
    maxClients: 20,
    socketTimeout: 60_000,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const to = address.address.toLowerCase();
      const domain = to.slice(to.lastIndexOf('@') + 1);
      if (domains.has(domain)) return callback();
      options.database.system
        .selectFrom('hotelContact')
        .select('id')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', to))
        .limit(1)
        .executeTakeFirst()
        .then(
          (hit) => callback(hit ? undefined : smtpError(550, 'No such recipient here')),
          () => callback(smtpError(451, 'Try again later')),
        );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, 'Message too large'));
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        };
        simpleParser(Buffer.concat(chunks), { skipImageLinks: true, maxHtmlLengthToParse: 2_000_000 })
          .then((parsed) =>
            fileInboundMail(options.database, readInbound(parsed, envelope), options.resolvePerson, {
              mailFrom: options.mailFrom,
              publicUrl: options.publicUrl,
              attachments: options.attachments,
            }),
          )
          .then(
            (outcome) => {
              options.logger.info({ inbound: outcome }, 'inbound e-mail');
              options.onFiled?.(outcome);
              callback();
            },
            (err: unknown) => {
              options.logger.error({ err }, 'inbound e-mail could not be stored');
              callback(smtpError(451, 'Could not store the message; try again later'));
            },
          );
      });
    },
  });
  server.on('error', (err) => options.logger.warn({ err }, 'inbound SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
