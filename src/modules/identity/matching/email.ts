/**
 * E-mail normalisation and OTA relay detection. A relay address (one alias per booking, such as
 * `jsmith.842101@guest.booking.com`) is kept on the profile for replies but is never a key: two
 * bookings through the same channel share nothing personal.
 */

export interface NormalisedEmail {
  /** Lower-cased address as typed (what is stored and shown). */
  address: string;
  /** The form compared between records (`j.o.h.n+spa@googlemail.com` → `john@gmail.com`). */
  key: string;
  /** The channel whose relay this is, when it is one (`Booking.com`). */
  relay?: string;
}

// Domain (or parent domain) → channel. Sub-domains match too (`m.expediapartnercentral.com`).
const RELAY_DOMAINS: [string, string][] = [
  ['booking.com', 'Booking.com'],
  ['expediapartnercentral.com', 'Expedia'],
  ['expedia.com', 'Expedia'],
  ['hotels.com', 'Hotels.com'],
  ['vrbo.com', 'Vrbo'],
  ['homeaway.com', 'Vrbo'],
  ['airbnb.com', 'Airbnb'],
  ['agoda.com', 'Agoda'],
  ['agoda-messaging.com', 'Agoda'],
  ['trip.com', 'Trip.com'],
  ['ctrip.com', 'Trip.com'],
  ['hostelworld.com', 'Hostelworld'],
  ['hotelbeds.com', 'Hotelbeds'],
  ['despegar.com', 'Despegar'],
  ['decolar.com', 'Despegar'],
  ['tripadvisor.com', 'Tripadvisor'],
  ['hrs.com', 'HRS'],
  ['lastminute.com', 'lastminute.com'],
  ['edreams.com', 'eDreams'],
  ['opodo.com', 'Opodo'],
];

/** The OTA whose relay domain this is (`guest.booking.com` → `Booking.com`), else undefined. */
export function detectRelayChannel(domain: string): string | undefined {
  const d = domain.toLowerCase();
  for (const [suffix, channel] of RELAY_DOMAINS) {
    if (d === suffix || d.endsWith(`.${suffix}`)) return channel;
  }
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Lower-cases and trims an address; for Gmail only (where the provider guarantees it) drops dots
 * and `+tags` from the local part. Undefined when it is not an address at all.
 */
export function normaliseEmail(input: string | null | undefined): NormalisedEmail | undefined {
  const address = (input ?? '').trim().toLowerCase();
  if (!EMAIL.test(address)) return undefined;
  const at = address.lastIndexOf('@');
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    local = local.replace(/\+.*$/, '').replace(/\./g, '');
    domain = 'gmail.com';
  }
  const relay = detectRelayChannel(domain);
  return relay ? { address, key: `${local}@${domain}`, relay } : { address, key: `${local}@${domain}` };
}
