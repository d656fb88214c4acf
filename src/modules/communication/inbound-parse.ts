import type { AddressObject, ParsedMail } from 'mailparser';

/** What an inbound e-mail is, for threading: a person's message, or an automatic one. */
export type InboundKind = 'message' | 'bounce' | 'auto_reply';

/** The parts of a received e-mail the inbox uses, read from mailparser's result and the SMTP envelope. */
export interface InboundMail {
  kind: InboundKind;
  /** The sender (From header; the envelope sender when the header has none), lower-cased. */
  fromAddress: string | null;
  fromName: string;
  /** Envelope recipients and To/Cc addresses, lower-cased, without duplicates. */
  recipients: string[];
  subject: string;
  messageId: string | null;
  /** In-Reply-To first, then References newest first: the Message-IDs this mail answers. */
  references: string[];
  /** The whole text of the mail (NUL bytes removed, at most MAX_BODY characters). */
  original: string;
  /** The text without quoted history and signature, for the display (the whole text when nothing is left). */
  body: string;
  /** Attached files (not inline images of the HTML body, not forwarded messages); checked when filed. */
  files: { fileName: string; bytes: Buffer }[];
}

/** The longest text kept of one inbound e-mail (a longer one is cut, and says so). */
export const MAX_BODY = 100_000;

const headerText = (mail: ParsedMail, name: string): string => {
  const v = mail.headers.get(name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  return '';
};

/**
 * Bounces (delivery status notifications) and auto-replies, from the headers the RFCs and the
 * common mail systems set: `multipart/report` (RFC 3464 DSN), a null envelope sender or a
 * MAILER-DAEMON / postmaster sender; `Auto-Submitted` other than `no` (RFC 3834), `X-Autoreply`,
 * `X-Autorespond`, `Precedence: bulk | auto_reply | junk | list`.
 */
export function classify(mail: ParsedMail, envelopeFrom: string | null): InboundKind {
  const type = headerText(mail, 'content-type').toLowerCase();
  const sender = (mail.from?.value[0]?.address ?? envelopeFrom ?? '').toLowerCase();
  if (
    type === 'multipart/report' ||
    envelopeFrom === '' ||
    /^(mailer-daemon|postmaster)@/.test(sender) ||
    /^(mailer-daemon|postmaster)@/.test((envelopeFrom ?? '').toLowerCase())
  )
    return 'bounce';
  const auto = headerText(mail, 'auto-submitted').trim().toLowerCase();
  if (auto && auto !== 'no') return 'auto_reply';
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return 'auto_reply';
  const precedence = headerText(mail, 'precedence').trim().toLowerCase();
  if (['bulk', 'auto_reply', 'junk', 'list'].includes(precedence)) return 'auto_reply';
  return 'message';
}

const addresses = (value: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((a) => a.value)
    .flatMap((a) => (a.address ? [a.address] : []));

const clean = (s: string) => s.replaceAll('\0', '').replace(/\r\n?/g, '\n');

/** Reads what the inbox needs from a parsed e-mail and its SMTP envelope. */
export function readInbound(mail: ParsedMail, envelope: { from: string | null; to: string[] }): InboundMail {
  const from = mail.from?.value[0];
  const references = [
    ...(mail.inReplyTo ? mail.inReplyTo.split(/\s+/) : []),
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : []).reverse(),
  ].filter((r) => /^<[^<>\s]+>$/.test(r));
  const kind = classify(mail, envelope.from);
  if (kind === 'bounce') references.push(...bouncedIds(mail));
  let text = clean(mail.text ?? '').trim();
  if (text.length > MAX_BODY) text = `${text.slice(0, MAX_BODY)}\n[…]`;
  return {
    kind,
    fromAddress: (from?.address ?? envelope.from ?? '').toLowerCase() || null,
    fromName: clean(from?.name ?? '').slice(0, 200),
    recipients: [
      ...new Set([...envelope.to, ...addresses(mail.to), ...addresses(mail.cc)].map((a) => a.toLowerCase())),
    ],
    subject: clean(mail.subject ?? '').slice(0, 500),
    messageId: mail.messageId && mail.messageId.length <= 500 ? clean(mail.messageId) : null,
    references: [...new Set(references)].slice(0, 50),
    original: text,
    body: stripQuoted(text) || text,
    files: mail.attachments
      .filter((a) => !a.related && !/^(message|text)\//i.test(a.contentType))
      .map((a) => ({ fileName: a.filename ?? '', bytes: a.content })),
  };
}

/**
 * The Message-IDs of the message a bounce is about: a DSN (RFC 3464) carries the returned message
 * or its headers as a `message/rfc822` or `text/rfc822-headers` part; other bounces quote them in
 * their text.
 */
function bouncedIds(mail: ParsedMail): string[] {
  const texts = [
    mail.text ?? '',
    ...mail.attachments
      .filter((a) => /^(message\/|text\/rfc822-headers)/i.test(a.contentType) && a.size <= 1_000_000)
      .map((a) => a.content.toString('utf8')),
  ];
  return texts.flatMap((t) => [...t.matchAll(/^Message-ID:\s*(<[^<>\s]+>)/gim)].map((m) => m[1] ?? ''));
}

/** A line that starts the quoted history: "On … wrote:", its Spanish and French forms, Outlook's headers. */
const QUOTE_START = [
  /^On .{1,300}wrote:\s*$/i,
  /^El .{1,300}escribió:\s*$/i,
  /^Le .{1,300}a écrit\s*:\s*$/i,
  /^-{2,}\s*(Original Message|Mensaje original|Message d'origine)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/,
  /^(From|De)\s*:\s.+$/,
];
/** A line that starts a signature: the "-- " delimiter, the phones' "Sent from my …" lines. */
const SIGNATURE_START = [/^-- ?$/, /^(Sent from my|Enviado desde mi|Envoyé de mon) .{1,80}$/i];

/**
 * The new text of an answer: the lines before the quoted history (a quote header, or the first
 * run of `>` lines that reaches the end of the mail) and before the signature. The original is
 * kept apart; this is only for the display.
 */
export function stripQuoted(text: string): string {
  const lines = text.split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trim();
    if (QUOTE_START.some((r) => r.test(trimmed)) && i > 0) {
      // "From:" starts Outlook's quoted header only when a blank line or a rule comes before it.
      if (/^(From|De)\s*:/.test(trimmed) && (lines[i - 1] ?? '').trim() !== '') continue;
      end = i;
      break;
    }
    if (SIGNATURE_START.some((r) => r.test(line.trimEnd())) && i > 0) {
      end = i;
      break;
    }
    if (trimmed.startsWith('>') && lines.slice(i).every((l) => l.trim() === '' || l.trim().startsWith('>'))) {
      end = i;
      break;
    }
  }
  return lines.slice(0, end).join('\n').trim();
}
