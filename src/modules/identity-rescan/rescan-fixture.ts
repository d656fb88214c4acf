/**
 * Guest lists with planted duplicates for the rescan's tests and benchmark (bench/identity-rescan.ts):
 * deterministic per seed. A "person" is written once; some are written a second time as a
 * receptionist would meet them again (a one-letter surname typo with the same phone and birth
 * date, capitals without accents and a surname missing with the same e-mail and phone, first and
 * last name swapped with the same phone, birth date and address). Some share an e-mail with a
 * relative (another first name and birth date): never merged.
 */
import type { CreateGuestInput } from '../guests/guest.schemas.ts';
import { LAST_NAMES } from '../../seed/seed-data.ts';

const FIRST = [
  'Ainhoa',
  'Álvaro',
  'Beatriz',
  'Carlos',
  'Claire',
  'Daniel',
  'Elena',
  'François',
  'Gabriel',
  'Héctor',
  'Inés',
  'Javier',
  'Julien',
  'Laura',
  'Lucía',
  'Manuel',
  'Marta',
  'Nicolás',
  'Olivia',
  'Pablo',
  'Raquel',
  'Sofía',
  'Thomas',
  'Valentina',
  'Xabier',
  'Yolanda',
  'Zoé',
  'Emma',
  'Hugo',
  'Léa',
];
/** Names of the seed data (`src/seed`), `lang`'s list only: a name missing there is a mistake here. */
function seedLastNames(lang: keyof typeof LAST_NAMES, names: readonly string[]): string[] {
  const missing = names.filter((n) => !LAST_NAMES[lang].includes(n));
  if (missing.length) throw new Error(`not in the seed's ${lang} surnames: ${missing.join(', ')}`);
  return [...names];
}

/**
 * Surnames from the seed data: the 29 commonest Spanish ones, then a few Spanish, Basque and French
 * ones (this mix, in this order, keeps each seed's list the same as before they came from the seed).
 */
const LAST = [
  ...LAST_NAMES.es.slice(0, 29),
  ...seedLastNames('es', ['Molina', 'Etxeberria', 'Goikoetxea']),
  ...seedLastNames('fr', ['Dubois', 'Lefebvre', 'Moreau', 'Laurent', 'Bernard', 'Rousseau', 'Fontaine', 'Chevalier']),
];
const STREETS = ['Calle Mayor', 'Gran Vía', 'Rue de Rivoli', 'Calle de Alcalá', 'Avenida Diagonal', 'Rue Victor Hugo'];
const CITIES = [
  ['Madrid', '280'],
  ['Barcelona', '080'],
  ['Paris', '750'],
  ['Bilbao', '480'],
  ['Lyon', '690'],
] as const;

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();

/** One letter changed in the middle of a word of five letters or more ("Fernández" → "Fernándes"). */
function typo(word: string, r: () => number): string {
  const at = 2 + Math.floor(r() * (word.length - 3));
  const letter = 'aeioulnrst'[Math.floor(r() * 10)]!;
  return word[at] === letter
    ? `${word.slice(0, at)}${word.slice(at + 1)}`
    : `${word.slice(0, at)}${letter}${word.slice(at + 1)}`;
}

export interface RescanFixture {
  guests: CreateGuestInput[];
  /** Second writings of a person: what a rescan should merge. */
  duplicates: number;
  /** Relatives sharing an e-mail: related, never merged. */
  relatives: number;
}

/** `count` profiles, about `duplicateRate` of them second writings of a person and `relativeRate` relatives. */
export function rescanFixture(
  count: number,
  options: { seed?: number; duplicateRate?: number; relativeRate?: number } = {},
): RescanFixture {
  const r = random(options.seed ?? 1);
  const dupRate = options.duplicateRate ?? 0.02;
  const relRate = options.relativeRate ?? 0.01;
  const guests: CreateGuestInput[] = [];
  let duplicates = 0;
  let relatives = 0;
  let n = 0;
  while (guests.length < count) {
    n++;
    const first = FIRST[Math.floor(r() * FIRST.length)]!;
    let last = LAST[Math.floor(r() * LAST.length)]!;
    const second = LAST[Math.floor(r() * LAST.length)]!;
    if (second.length >= 5 && last.length < 5) last = second;
    const [city, cp] = CITIES[Math.floor(r() * CITIES.length)]!;
    const birthDate = `${1940 + Math.floor(r() * 65)}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const phone = `+346${String(10_000_000 + n * 7).padStart(8, '0')}`;
    const email = `${fold(first).toLowerCase()}.${fold(last).toLowerCase()}.${n}@example.com`;
    const address = {
      street: `${1 + Math.floor(r() * 120)} ${STREETS[Math.floor(r() * STREETS.length)]!}`,
      city,
      postcode: `${cp}${String(Math.floor(r() * 100)).padStart(2, '0')}`,
    };
    const person: CreateGuestInput = {
      firstName: first,
      lastName: last,
      email,
      phone,
      birthDate,
      addresses: [address],
    };
    guests.push(person);
    const roll = r();
    if (roll < dupRate && guests.length < count && last.length >= 5) {
      const kind = Math.floor(r() * 3);
      duplicates++;
      if (kind === 0)
        guests.push({ firstName: first, lastName: typo(last, r), phone, birthDate, addresses: [address] });
      else if (kind === 1) guests.push({ firstName: fold(first), lastName: '', email: email.toUpperCase(), phone });
      else guests.push({ firstName: fold(last), lastName: fold(first), phone, birthDate, addresses: [address] });
    } else if (roll < dupRate + relRate && guests.length < count) {
      relatives++;
      const other = FIRST.filter((f) => f !== first)[Math.floor(r() * (FIRST.length - 1))]!;
      guests.push({ firstName: other, lastName: last, email, birthDate: `${2000 + Math.floor(r() * 20)}-06-15` });
    }
  }
  return { guests, duplicates, relatives };
}
