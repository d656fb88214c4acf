import pino, { type DestinationStream, type Logger } from 'pino';

// Personal data never reaches the log (issue 12, P-2): what the log would otherwise carry are
// request URLs (search `?q=`, e-mail lookups), objects a caller logs (bodies, payloads, contacts)
// and error messages that echo a value (a database's "Key (email)=(…)", an SMTP recipient).

const REDACTED = '[redacted]';
const EMAIL = /[^\s@<>"'(),;:=[\]]+@[^\s@<>"'(),;:=[\]]+\.[a-z]{2,}/gi;
/** A phone-like run: 9+ digits with the separators people type (dates and ids stay readable). */
const PHONE = /\+?\d(?:[\s().-]*\d){8,}/g;

/** Replaces e-mail addresses and phone-like numbers in a log text. */
export function redactText(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}

/** A URL with every query value replaced: query strings carry searches, e-mails and tokens. */
export function redactUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const query = url
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0 ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
  return `${url.slice(0, at)}?${query}`;
}

/** Fields that hold a person's data wherever they appear in a logged object (two levels deep). */
const PERSONAL_FIELDS = [
  'email',
  'emails',
  'phone',
  'phones',
  'firstName',
  'lastName',
  'secondLastName',
  'nativeName',
  'name',
  'username',
  'address',
  'addresses',
  'document',
  'documentNumber',
  'birthDate',
  'notes',
  'body',
  'payload',
  'to',
  'toAddress',
  'subject',
  'bodyText',
  'bodyHtml',
  'query',
  'q',
  'customer',
  'guests',
  'values',
  'detail',
];

interface SerializedError {
  message?: string;
  stack?: string;
  detail?: unknown;
  [key: string]: unknown;
}

const serializers = {
  req(req: { method?: string; url?: string; hostname?: string; ip?: string; id?: string }) {
    return { method: req.method, url: redactUrl(req.url ?? ''), hostname: req.hostname, remoteAddress: req.ip };
  },
  err(err: unknown) {
    const out = pino.stdSerializers.err(err as Error) as SerializedError;
    if (typeof out.message === 'string') out.message = redactText(out.message);
    if (typeof out.stack === 'string') out.stack = redactText(out.stack);
    // PostgreSQL's detail/where/parameters echo the values of the failing row.
    for (const k of ['detail', 'where', 'parameters', 'query', 'response', 'rejected', 'accepted', 'envelope'])
      if (k in out) out[k] = REDACTED;
    return out;
  },
};

/** The process logger; every HTTP log line carries the request id (Fastify's reqId). */
export function createLogger(level: string, pretty = false, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    serializers,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.body',
        'res.headers["set-cookie"]',
        'password',
        '*.password',
        'secret',
        ...PERSONAL_FIELDS,
        ...PERSONAL_FIELDS.map((f) => `*.${f}`),
      ],
      censor: REDACTED,
    },
    hooks: {
      // Messages are text too: "job failed: …550 <ana@example.org>…" loses the address.
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
    ...(pretty && !destination
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}
