import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Every setting Clientela reads from the environment; no other file touches process.env. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  CLIENTELA_DATA_DIR: z.string().min(1).default('./data'),
  /** Import uploads and export files (default `<data dir>/files`); servers and workers of one database share it. */
  CLIENTELA_FILES_DIR: z.string().min(1).optional(),
  /** The largest import upload in MB (issue 13): a larger file is refused with 413. */
  CLIENTELA_IMPORT_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(200),
  /** A running import whose heartbeat is older than this is taken as crashed and resumed (seconds). */
  CLIENTELA_IMPORT_STALE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
  CLIENTELA_IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10000).default(2000),
  /** Thread attachments (issue 16): the largest file in MB, and how many files one message may carry. */
  CLIENTELA_ATTACHMENT_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
  CLIENTELA_ATTACHMENT_MAX_FILES: z.coerce.number().int().min(1).max(20).default(5),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  CLIENTELA_ADMIN_EMAIL: z.email().optional(),
  CLIENTELA_ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  CLIENTELA_ORG_NAME: z.string().min(1).default('My Hotel'),
  CLIENTELA_PROPERTY_NAME: z.string().min(1).default('Main property'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Clientela <no-reply@localhost>'),
  PUBLIC_URL: z.url().optional(),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  TRUST_PROXY: z.stringbool().default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CLIENTELA_WORKER: z.enum(['inline', 'off']).default('inline'),
  CLIENTELA_EMBEDDED_THREAD: z.enum(['worker', 'main']).default('worker'),
  CLIENTELA_MAX_STAY_NIGHTS: z.coerce.number().int().min(1).max(3650).default(365),
  CLIENTELA_MAX_YEARS_AHEAD: z.coerce.number().int().min(1).max(50).default(5),
  CLIENTELA_EMBEDDED_CACHE: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, 'must be a size such as 384MB or 1GB')
    .default('384MB'),
  /** Anonymous booking-site checkouts per client IP per hour (issue 11 #15). */
  CLIENTELA_SITE_CHECKOUTS_PER_IP_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Booking-site checkouts per booker e-mail per hour, per organisation. */
  CLIENTELA_SITE_CHECKOUTS_PER_EMAIL_HOUR: z.coerce.number().int().min(1).max(100_000).default(5),
  /** At most one booking-confirmation e-mail per address per this many minutes (per organisation). */
  CLIENTELA_SITE_CONFIRMATION_WINDOW_MINUTES: z.coerce.number().int().min(0).max(10_080).default(15),
  /** The key that encrypts ID document numbers at rest: 32 bytes in base64 (`npx clientela keys generate`). */
  CLIENTELA_ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64 (44 characters; `npx clientela keys generate`)')
    .optional(),
  /** Earlier keys, comma-separated: still read while `npx clientela keys rotate` moves values to the current key. */
  CLIENTELA_ENCRYPTION_KEY_PREVIOUS: z
    .string()
    .regex(/^([A-Za-z0-9+/]{43}=)(,[A-Za-z0-9+/]{43}=)*$/, 'must be comma-separated 32-byte keys in base64')
    .optional(),
  /** The inbound SMTP listener (issue 16: guests' answers by e-mail); off unless a port is set. */
  CLIENTELA_INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  CLIENTELA_INBOUND_SMTP_HOST: z.string().min(1).optional(),
  /** The largest inbound e-mail in MB: a larger one is refused during SMTP (552). */
  CLIENTELA_INBOUND_SMTP_MAX_MB: z.coerce.number().int().min(1).max(100).default(25),
  /** Domains the listener accepts mail for, comma-separated, besides the domain of MAIL_FROM. */
  CLIENTELA_INBOUND_DOMAINS: z
    .string()
    .regex(/^[A-Za-z0-9.-]+(,[A-Za-z0-9.-]+)*$/, 'must be comma-separated domain names')
    .optional(),
});

export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config {
  env: RawConfig['NODE_ENV'];
  port: number;
  host: string;
  dataDir: string;
  /** Where import uploads and export files live while they are needed (src/core/file-store.ts). */
  filesDir: string;
  /** Imports (issue 13): the upload size limit and how soon a silent import is resumed elsewhere. */
  imports: { maxBytes: number; staleSeconds: number; batchSize: number };
  /** Thread attachments (issue 16): per-file size limit and files per message. */
  attachments: { maxBytes: number; maxFiles: number };
  database:
    | { kind: 'postgres'; url: string; poolSize: number }
    | { kind: 'embedded'; dir: string; thread: 'worker' | 'main'; sharedBuffers: string };
  admin: { email: string; password: string } | undefined;
  seedNames: { organisation: string; property: string };
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  cookieSecure: RawConfig['COOKIE_SECURE'];
  trustProxy: boolean;
  logLevel: RawConfig['LOG_LEVEL'];
  runWorkerInline: boolean;
  /** Abuse limits of the public booking site's checkout (issue 11 #15). */
  siteLimits: { checkoutsPerIpHour: number; checkoutsPerEmailHour: number; confirmationWindowMinutes: number };
  /** The longest stay in nights, and how many years ahead a stay may end (bookings, carts, checkout). */
  stayLimits: { maxNights: number; maxYearsAhead: number };
  /**
   * Encryption at rest (docs/guide/privacy/documents.md): the key from the environment, earlier keys,
   * and the key file used on the embedded engine when no key is set.
   */
  encryption: { key: Buffer | undefined; previous: Buffer[]; keyFile: string };
  /** The inbound SMTP listener (issue 16), when CLIENTELA_INBOUND_SMTP_PORT is set. */
  inboundSmtp: { port: number; host: string; maxBytes: number; domains: string[] } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and validates the environment once; throws ConfigError with a readable list. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  if ((c.CLIENTELA_ADMIN_EMAIL === undefined) !== (c.CLIENTELA_ADMIN_PASSWORD === undefined)) {
    throw new ConfigError(['CLIENTELA_ADMIN_EMAIL and CLIENTELA_ADMIN_PASSWORD must be set together']);
  }
  const dataDir = path.resolve(c.CLIENTELA_DATA_DIR);
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    dataDir,
    filesDir: c.CLIENTELA_FILES_DIR ? path.resolve(c.CLIENTELA_FILES_DIR) : path.join(dataDir, 'files'),
    imports: {
      maxBytes: c.CLIENTELA_IMPORT_MAX_MB * 1024 * 1024,
      staleSeconds: c.CLIENTELA_IMPORT_STALE_SECONDS,
      batchSize: c.CLIENTELA_IMPORT_BATCH_SIZE,
    },
    attachments: { maxBytes: c.CLIENTELA_ATTACHMENT_MAX_MB * 1024 * 1024, maxFiles: c.CLIENTELA_ATTACHMENT_MAX_FILES },
    database: c.DATABASE_URL
      ? { kind: 'postgres', url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE }
      : {
          kind: 'embedded',
          dir: path.join(dataDir, 'pgdata'),
          thread: c.CLIENTELA_EMBEDDED_THREAD,
          sharedBuffers: c.CLIENTELA_EMBEDDED_CACHE,
        },
    admin:
      c.CLIENTELA_ADMIN_EMAIL && c.CLIENTELA_ADMIN_PASSWORD
        ? { email: c.CLIENTELA_ADMIN_EMAIL, password: c.CLIENTELA_ADMIN_PASSWORD }
        : undefined,
    seedNames: { organisation: c.CLIENTELA_ORG_NAME, property: c.CLIENTELA_PROPERTY_NAME },
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    publicUrl: c.PUBLIC_URL ?? `http://localhost:${c.PORT}`,
    cookieSecure: c.COOKIE_SECURE,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    runWorkerInline: c.CLIENTELA_WORKER === 'inline',
    siteLimits: {
      checkoutsPerIpHour: c.CLIENTELA_SITE_CHECKOUTS_PER_IP_HOUR,
      checkoutsPerEmailHour: c.CLIENTELA_SITE_CHECKOUTS_PER_EMAIL_HOUR,
      confirmationWindowMinutes: c.CLIENTELA_SITE_CONFIRMATION_WINDOW_MINUTES,
    },
    stayLimits: { maxNights: c.CLIENTELA_MAX_STAY_NIGHTS, maxYearsAhead: c.CLIENTELA_MAX_YEARS_AHEAD },
    encryption: {
      key: c.CLIENTELA_ENCRYPTION_KEY ? Buffer.from(c.CLIENTELA_ENCRYPTION_KEY, 'base64') : undefined,
      previous: (c.CLIENTELA_ENCRYPTION_KEY_PREVIOUS ?? '')
        .split(',')
        .filter(Boolean)
        .map((k) => Buffer.from(k, 'base64')),
      keyFile: path.join(dataDir, 'encryption.key'),
    },
    inboundSmtp:
      c.CLIENTELA_INBOUND_SMTP_PORT === undefined
        ? undefined
        : {
            port: c.CLIENTELA_INBOUND_SMTP_PORT,
            host: c.CLIENTELA_INBOUND_SMTP_HOST ?? c.HOST,
            maxBytes: c.CLIENTELA_INBOUND_SMTP_MAX_MB * 1024 * 1024,
            domains: (c.CLIENTELA_INBOUND_DOMAINS ?? '')
              .split(',')
              .filter(Boolean)
              .map((d) => d.toLowerCase()),
          },
  };
}

/** Loads `.env` from the working directory when present (real environment wins). */
export function loadDotEnv(file = '.env'): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
