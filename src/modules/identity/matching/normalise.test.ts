import { describe, expect, it } from 'vitest';
import { detectRelayChannel, normaliseEmail } from './email.ts';
import { foldText, nameTokens } from './normalise.ts';
import { normalisePhoneE164 } from './phone.ts';

describe('normalisation', () => {
  it('folds accents, case, hyphens and spacing', () => {
    expect(foldText('  José-María  GARCÍA ')).toBe('jose maria garcia');
    expect(foldText('Müller-Lüdenscheidt')).toBe('muller ludenscheidt');
    expect(foldText('Straße Øster Łódź')).toBe('strasse oster lodz');
    expect(foldText("O'Brien")).toBe('o brien');
    expect(nameTokens('María del Carmen')).toEqual(['maria', 'carmen']);
    expect(nameTokens('de la Fuente')).toEqual(['fuente']);
  });

  it('normalises e-mails, Gmail dots and tags only', () => {
    expect(normaliseEmail(' J.O.Hn+spa@GoogleMail.com ')?.key).toBe('john@gmail.com');
    expect(normaliseEmail('j.ohn+spa@example.com')?.key).toBe('j.ohn+spa@example.com');
    expect(normaliseEmail('not an email')).toBeUndefined();
  });

  it('recognises OTA relay addresses', () => {
    expect(normaliseEmail('jsmith.842101@guest.booking.com')?.relay).toBe('Booking.com');
    expect(normaliseEmail('a1b2c3@m.expediapartnercentral.com')?.relay).toBe('Expedia');
    expect(normaliseEmail('ana-x7@guest.airbnb.com')?.relay).toBe('Airbnb');
    expect(detectRelayChannel('agoda-messaging.com')).toBe('Agoda');
    expect(detectRelayChannel('trip.com')).toBe('Trip.com');
    expect(detectRelayChannel('guest.hostelworld.com')).toBe('Hostelworld');
    expect(detectRelayChannel('gmail.com')).toBeUndefined();
    expect(detectRelayChannel('notbooking.com')).toBeUndefined();
  });

  it('writes phones in E.164 whatever the format', () => {
    expect(normalisePhoneE164('+34 612 345 678')).toBe('+34612345678');
    expect(normalisePhoneE164('0034612345678')).toBe('+34612345678');
    expect(normalisePhoneE164('612-34-56-78')).toBe('+34612345678');
    expect(normalisePhoneE164('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normalisePhoneE164('12')).toBeUndefined();
  });
});
