/** Lower-cases and removes accents, punctuation and spaces: "Prénom *" → "prenom", "E-mail 1 - Value" → "email1value". */
export function foldHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Trims a cell and folds runs of white space (NBSP and tabs included) into one space; NUL bytes go. */
export function cleanCell(value: string | undefined): string {
  return (value ?? '').replace(/\0/g, '').replace(/\s+/g, ' ').trim();
}

/** Splits a multi-value cell: Google's " ::: ", then ";", "|" and "," (and line breaks). */
export function splitList(value: string): string[] {
  const parts = value.includes(':::') ? value.split(':::') : value.split(/[;|,\n]/);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of parts) {
    const item = cleanCell(part);
    const key = item.toLocaleLowerCase();
    if (item && !seen.has(key)) {
      seen.add(key);
      out.push(item);
    }
  }
  return out;
}
