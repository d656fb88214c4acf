import { randomBytes } from 'node:crypto';

/** A new thread's reply token: 128 random bits, lower-case hex (survives relays that fold case). */
export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The reply address of a thread: the sender address (MAIL_FROM) with the token as a `+` tag,
 * `reception+<token>@hotel.example` — a guest's answer comes back to the hotel's mailbox and names
 * its thread. (The inbound listener reads the token back with `tokenOfAddress`.)
 */
export function replyAddressFor(mailFrom: string, token: string): string {
  const address = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).split('+')[0] ?? '';
  return `${local}+${token}@${address.slice(at + 1)}`;
}

/** The thread token a reply address carries, or undefined. */
export function tokenOfAddress(address: string): string | undefined {
  return /\+([0-9a-f]{32})@/i.exec(address)?.[1]?.toLowerCase();
}
