import type { MatchSubject } from './subject.ts';

/**
 * A rough sound-alike code for one folded name word, tuned for Spanish, French, English, German,
 * Italian and Portuguese spellings: first letter kept, similar sounds merged (c/k/q, s/z, b/v/w,
 * y/i), h and vowels after the first letter dropped, repeats collapsed, four characters at most.
 * `gonzalez`/`gonsales` → `gnsl`, `vazquez`/`vasques` → `bskz`.
 */
export function soundKey(word: string): string {
  const cached = SOUND_CACHE.get(word);
  if (cached !== undefined) return cached;
  let out = '';
  let last = '';
  for (let i = 0; i < word.length && out.length < 4; i++) {
    const c = word[i]!;
    const next = word[i + 1] ?? '';
    let code: string;
    switch (c) {
      case 'p':
        code = next === 'h' ? 'f' : 'p';
        break;
      case 'q':
      case 'k':
        code = 'k';
        break;
      case 'c':
        code = next === 'e' || next === 'i' || next === 'y' ? 's' : 'k';
        if (next === 'k') i++;
        break;
      case 'z':
        code = 's';
        break;
      case 'v':
      case 'w':
        code = 'b';
        break;
      case 'x':
        code = 'ks';
        break;
      case 'g':
        code = next === 'e' || next === 'i' ? 'j' : 'g';
        break;
      case 'h':
        code = '';
        break;
      case 'u':
        code = last === 'k' && out.length > 0 ? '' : 'u';
        break;
      default:
        code = c >= 'a' && c <= 'z' ? c : '';
    }
    if (!code) continue;
    const vowel = 'aeiouy'.includes(code);
    if (out.length > 0 && vowel) {
      last = code;
      continue;
    }
    if (code !== last) out += code;
    last = code;
  }
  const key = out.slice(0, 4) || word.slice(0, 4);
  if (SOUND_CACHE.size < 100_000) SOUND_CACHE.set(word, key);
  return key;
}

const SOUND_CACHE = new Map<string, string>();

/** The letters of a word, each once, sorted: the same for "Wiliams"/"Williasm" and "Nancy"/"aNncy". */
export function letterSet(word: string): string {
  let set = LETTER_SET_CACHE.get(word);
  if (set === undefined) {
    set = [...new Set(word)].sort().join('');
    if (LETTER_SET_CACHE.size < 100_000) LETTER_SET_CACHE.set(word, set);
  }
  return set;
}

const LETTER_SET_CACHE = new Map<string, string>();

/**
 * The word and every word one deletion away from it ("symmetric deletion"): two spellings one slip
 * apart (a letter changed, added, dropped or two swapped) always share one of them.
 */
export function deletionVariants(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Webmail domains: millions of people each, never a blocking key on their own. */
const WEBMAIL = new Set([
  'gmail.com',
  'hotmail.com',
  'hotmail.es',
  'hotmail.fr',
  'hotmail.co.uk',
  'outlook.com',
  'outlook.es',
  'outlook.fr',
  'live.com',
  'msn.com',
  'yahoo.com',
  'yahoo.es',
  'yahoo.fr',
  'yahoo.co.uk',
  'icloud.com',
  'me.com',
  'aol.com',
  'gmx.de',
  'gmx.net',
  'web.de',
  'orange.fr',
  'free.fr',
  'wanadoo.fr',
  'sfr.fr',
  'laposte.net',
  'libero.it',
  'protonmail.com',
  'proton.me',
  'mail.com',
  'telefonica.net',
]);

/**
 * The blocking keys of a person: two people are compared only when they share one. The database
 * resolver stores these per profile (indexed) and fetches candidates with the incoming record's
 * keys. Keys are prefixed by kind so they never collide.
 */
export function blockingKeys(s: MatchSubject): string[] {
  const keys = new Set<string>();
  // The same mailbox name at a mistyped domain (`ana.rey@gmial.com`) is among the `eld` keys below.
  for (const e of s.emailKeys) keys.add(`e:${e}`);
  for (const e of s.emailKeys) {
    const at = e.indexOf('@');
    // The mailbox name without its digits and dots (`j.riley9@…` / `jriley@…`), from three letters.
    const letters = e.slice(0, at).replace(/[^a-z]/g, '');
    if (letters.length >= 3) keys.add(`ell:${letters}`);
    // A company or family domain (not a webmail) holds few people: `@garner-bridges.com`.
    const domain = e.slice(at + 1);
    if (!WEBMAIL.has(domain)) keys.add(`ed:${domain}`);
  }
  // E-mails typed with one slip (`gdavidron@…` / `gdavidson@…`) or two letters swapped
  // (`iirpce` / `iprice`): the mailbox name one deletion away, and its letters sorted. A mailbox name
  // too short for that (`h.k@sharp.co` / `h.k@sharp.com`): the whole address one deletion away.
  // Each of these blocks holds one person or two.
  for (const e of s.emails) {
    if (e.relay) continue;
    const local = e.address.slice(0, e.address.lastIndexOf('@')).replace(/[^a-z0-9]/g, '');
    if (local.length >= 4) {
      for (const v of deletionVariants(local)) keys.add(`eld:${v}`);
      keys.add(`els:${[...local].sort().join('')}`);
    } else {
      const whole = e.address.replace(/[^a-z0-9]/g, '');
      if (whole.length >= 8) for (const v of deletionVariants(whole)) keys.add(`efd:${v}`);
    }
  }
  for (const p of s.phones) keys.add(`p:${p}`);
  for (const d of s.documents) keys.add(`d:${d}`);

  const words = [...s.name.given, ...s.name.family].filter((w) => w.length > 1).slice(0, 5);
  const sounds = [...new Set(words.map(soundKey))];
  const birth = s.birth.length >= 6 ? s.birth : '';
  const postcodes = [...new Set(s.addresses.map((a) => a.postcode).filter((p) => p.length > 0))].slice(0, 3);
  const cities = [...new Set(s.addresses.map((a) => a.city).filter((c) => c.length > 0))].slice(0, 3);

  // Town names typed with a slip ("Londdon", "Birminghaim"): their sound.
  const citySounds = [...new Set(cities.map((c) => soundKey(c.replace(/ /g, ''))))].filter((c) => c.length > 1);
  const sortedPostcodes = [...new Set(postcodes.map((p) => [...p].sort().join('')))];
  const streets = s.addresses
    .slice(0, 3)
    .map((a) => ({
      sound: soundKey(a.street.split(' ')[0] ?? ''),
      number: a.number,
      city: soundKey(a.city.replace(/ /g, '')),
    }))
    .filter((a) => a.sound.length > 1);

  for (let i = 0; i < sounds.length; i++) {
    const a = sounds[i]!;
    for (let j = i + 1; j < sounds.length; j++) {
      const b = sounds[j]!;
      keys.add(a < b ? `nn:${a}:${b}` : `nn:${b}:${a}`);
      // Shorter codes survive a slip near the end of a name ("Griffihs" / "Griffiths").
      const a3 = a.slice(0, 3);
      const b3 = b.slice(0, 3);
      keys.add(a3 < b3 ? `n3:${a3}:${b3}` : `n3:${b3}:${a3}`);
    }
    for (const c of citySounds) keys.add(`ncs:${a}:${c}`);
    for (const pc of sortedPostcodes) keys.add(`np:${a}:${pc}`);
    for (const st of streets) keys.add(`na:${a}:${st.sound}`);
  }
  // A name with letters swapped or doubled ("Wiliams"/"Williasm") and a birth date off by a year or
  // by ten years (1974/1984): the name's letter set with the year, by pairs of years (any two years
  // one apart share a pair), or with the year's last digit and the month.
  if (birth.length === 8) {
    const year = Number(birth.slice(0, 4));
    const sets = [...new Set(words.filter((w) => w.length > 2).map(letterSet))];
    for (const l of sets) {
      keys.add(`ly:${l}:${Math.floor(year / 2)}`);
      keys.add(`ly1:${l}:${Math.floor((year + 1) / 2)}`);
      keys.add(`lm:${l}:${birth[3]}${birth.slice(4, 6)}`);
    }
  }
  const given = s.name.given[0] ?? '';
  // Postcode + first-name prefix: the same house's guest with another surname or a garbled one.
  if (given.length >= 2) for (const pc of postcodes) keys.add(`pg:${pc}:${given.slice(0, 2)}`);
  // Name prefix + town sound: a slip early in a name that changes its sound ("Jkcason"/"Jackson").
  for (const w of words) if (w.length > 2) for (const c of citySounds) keys.add(`p3c:${w.slice(0, 3)}:${c}`);
  if (birth.length >= 4) for (const c of citySounds) keys.add(`cy:${c}:${birth.slice(0, 4)}`);
  if (birth) {
    // One birth date holds few people (about 35 per date in a million profiles).
    keys.add(`b:${birth}`);
    // Day and month typed the other way round: the date is indexed under both orders.
    if (birth.length === 8 && Number(birth.slice(6)) <= 12 && birth.slice(6) !== birth.slice(4, 6))
      keys.add(`b:${birth.slice(0, 4)}${birth.slice(6)}${birth.slice(4, 6)}`);
    for (const pc of sortedPostcodes) keys.add(`bp:${birth}:${pc}`);
    for (const st of streets) {
      keys.add(`ba:${birth}:${st.sound}`);
      if (st.number) keys.add(`bn:${birth}:${st.number}`);
    }
  }
  // The same house: street, number and town or postcode (typos in the rest, names changed).
  for (const st of streets) {
    if (!st.number) continue;
    if (st.city) keys.add(`ac:${st.sound}:${st.number}:${st.city}`);
    for (const pc of sortedPostcodes) keys.add(`ap:${st.sound}:${st.number}:${pc}`);
  }
  return [...keys];
}
