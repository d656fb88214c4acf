import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Generated guest files for tests and the benchmark: realistic names, e-mails, phones, birth dates,
 * countries and tags; `duplicateShare` of the rows repeat an earlier person (another case, a
 * second e-mail), `errorShare` carry an invalid e-mail (rejected). Seeded: the same file every time.
 */
export interface SampleFileOptions {
  rows: number;
  seed?: number;
  duplicateShare?: number;
  errorShare?: number;
}

export const SAMPLE_HEADERS = [
  'First name',
  'Last name',
  'E-mails',
  'Phones',
  'Birth date',
  'Country',
  'City',
  'Tags',
  'Newsletter',
];

const FIRST = [
  'Ana',
  'María José',
  'Luis',
  'Jean',
  'Camille',
  'Pierre',
  'John',
  'Emma',
  'Lucía',
  'Hugo',
  'Sofía',
  'Marc',
  'Olivia',
  'Noah',
  'Léa',
  'Pablo',
  'Marta',
  'Thomas',
  'Julie',
  'Carmen',
];
const LAST = [
  'García',
  'Martínez',
  'de la Rosa',
  'Dupont',
  'Lefèvre',
  'Smith',
  'Johnson',
  'López Fernández',
  'Moreau',
  'Brown',
  'Navarro',
  'Bernard',
  'Taylor',
  'Ruiz',
  'Petit',
  'Wilson',
  'Gómez',
  'Durand',
  'Clarke',
  'Sánchez',
];
const PLACES: Array<[string, string, string]> = [
  ['ES', 'Madrid', '+34 6'],
  ['ES', 'Sevilla', '+34 6'],
  ['FR', 'Paris', '+33 6'],
  ['FR', 'Lyon', '+33 6'],
  ['GB', 'London', '+44 7'],
  ['DE', 'Berlin', '+49 15'],
];
// Many distinct family names, as a real guest list has (a few dozen would make every name a crowd of namesakes).
const STEMS = [
  'Al',
  'Ber',
  'Cas',
  'Dom',
  'Esp',
  'Fer',
  'Gar',
  'Her',
  'Ib',
  'Jim',
  'Lar',
  'Mor',
  'Nav',
  'Ort',
  'Pas',
  'Quin',
  'Ram',
  'Sal',
  'Tor',
  'Val',
  'Zam',
  'Bel',
  'Cor',
  'Dur',
  'Fon',
  'Gal',
  'Lem',
  'Mar',
  'Per',
  'Ros',
];
const MIDDLES = ['a', 'e', 'i', 'o', 'u', 'an', 'er', 'in', 'on', 'ar'];
const ENDINGS = ['ez', 'es', 'ero', 'ado', 'ier', 'eau', 'son', 'ini', 'ski', 'ell', 'and', 'ot'];
const MORE_FIRST = [
  'Alba',
  'Bruno',
  'Chloé',
  'Diego',
  'Elena',
  'Félix',
  'Gabriel',
  'Inés',
  'Jorge',
  'Laura',
  'Manon',
  'Nicolás',
  'Oscar',
  'Paula',
  'Raúl',
  'Sara',
  'Théo',
  'Valentina',
  'William',
  'Zoé',
  'Adrián',
  'Beatriz',
  'Clara',
  'Daniel',
  'Eva',
  'Francisco',
  'Gloria',
  'Héctor',
  'Irene',
  'Javier',
  'Kevin',
  'Lola',
  'Mateo',
  'Nora',
  'Óliver',
  'Pilar',
  'Rosa',
  'Samuel',
  'Teresa',
  'Victor',
];
const TAGS = ['VIP', 'Repeat', 'Business', 'Family', 'Spa', ''];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The rows of a sample file, header first, as CSV lines. */
export function* sampleLines(options: SampleFileOptions): Generator<string> {
  const rnd = random(options.seed ?? 13);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const duplicateShare = options.duplicateShare ?? 0.05;
  const errorShare = options.errorShare ?? 0.01;
  yield SAMPLE_HEADERS.join(',');
  const people: string[][] = [];
  for (let i = 0; i < options.rows; i++) {
    const r = rnd();
    if (r < errorShare) {
      yield [pick(FIRST), pick(LAST), `broken${i}@@example`, '', '', '', '', '', ''].map(quote).join(',');
      continue;
    }
    if (r < errorShare + duplicateShare && people.length) {
      const earlier = [...(people[Math.floor(rnd() * people.length)] ?? [])];
      earlier[2] = (earlier[2] ?? '').toUpperCase();
      yield earlier.map(quote).join(',');
      continue;
    }
    const [country, city, prefix] = pick(PLACES);
    const first = rnd() < 0.5 ? pick(FIRST) : pick(MORE_FIRST);
    const last = rnd() < 0.1 ? pick(LAST) : `${pick(STEMS)}${pick(MIDDLES)}${pick(ENDINGS)}`;
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    const row = [
      first,
      last,
      `${local}.${i}@example.com`,
      `${prefix}${String(10_000_000 + Math.floor(rnd() * 89_999_999)).slice(0, 8)}`,
      rnd() < 0.7
        ? `${1950 + Math.floor(rnd() * 55)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`
        : '',
      country,
      city,
      pick(TAGS),
      rnd() < 0.3 ? 'yes' : '',
    ];
    if (people.length < 50_000) people.push(row);
    yield row.map(quote).join(',');
  }
}

/** The sample as one string (tests). */
export function sampleCsv(options: SampleFileOptions): string {
  return [...sampleLines(options)].join('\n') + '\n';
}

/** Writes a sample file to disk without holding it in memory (the benchmark's million rows). */
export async function writeSampleFile(path: string, options: SampleFileOptions): Promise<void> {
  const out = createWriteStream(path);
  let chunk = '';
  for (const line of sampleLines(options)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
