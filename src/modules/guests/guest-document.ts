import { invalid } from '../../core/errors.ts';
import { useKeyring } from '../../core/keyring.ts';
import { blindIndex, blindIndexes, isSealed, open, seal } from '../../core/secret-box.ts';

/**
 * ID document numbers (SPEC P-5, docs/guide/privacy/documents.md): stored encrypted
 * (`guest.document_number`, core/secret-box.ts) with a blind index for exact-match lookups
 * (`guest.document_number_index`), shown masked to everyone, revealed only by the audited reveal call.
 */

/** Letters and digits, upper case: how a number is compared (`x-1234567 l` → `X1234567L`). */
export function normaliseDocumentNumber(n: string): string {
  return n
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}

/**
 * `X1234567Z` → `X1234****Z` (the example): up to five leading characters, four stars
 * whatever the length, and the last character — a desk can tell two documents apart without
 * being able to copy one. Short numbers show fewer leading characters.
 */
export function maskDocumentNumber(n: string): string {
  const s = n.trim();
  if (s.length <= 4) return '****';
  const lead = Math.min(5, s.length - 4);
  return `${s.slice(0, lead)}****${s.slice(-1)}`;
}

/** The stored value's plain number (values stored before encryption pass through until sealed). */
export function openDocumentNumber(stored: string): string {
  return isSealed(stored) ? open(useKeyring(), stored) : stored;
}

/** The stored value as anyone sees it: masked. */
export function maskedDocumentNumber(stored: string | null): string | null {
  return stored === null ? null : maskDocumentNumber(openDocumentNumber(stored));
}

/** The columns a number is stored in. */
export function sealDocumentNumber(n: string): { documentNumber: string; documentNumberIndex: string } {
  const ring = useKeyring();
  return { documentNumber: seal(ring, n), documentNumberIndex: blindIndex(ring, normaliseDocumentNumber(n)) };
}

/** The current blind index of a stored (sealed) number. */
export function documentNumberIndexOf(stored: string): string {
  return blindIndex(useKeyring(), normaliseDocumentNumber(openDocumentNumber(stored)));
}

/** Every blind index a number may be stored under (current and previous keys). */
export function documentNumberIndexes(n: string): string[] {
  return blindIndexes(useKeyring(), normaliseDocumentNumber(n));
}

/**
 * The number a create/PATCH stores, given what the request sent and what is stored: unchanged
 * (same ciphertext, so history records no change) when the body repeats the current number or
 * sends back its masked form (a form that showed it masked), sealed anew otherwise.
 */
export function nextDocumentNumber(
  sent: string | null | undefined,
  current: { documentNumber: string | null; documentNumberIndex: string | null },
): { documentNumber: string | null; documentNumberIndex: string | null } {
  if (sent === undefined) return current;
  const n = sent?.trim() ?? '';
  if (!n) return { documentNumber: null, documentNumberIndex: null };
  const plain = current.documentNumber === null ? null : openDocumentNumber(current.documentNumber);
  if (plain !== null && (n === plain || n === maskDocumentNumber(plain)) && current.documentNumber)
    return isSealed(current.documentNumber) ? current : sealDocumentNumber(plain);
  if (n.includes('*'))
    throw invalid(
      'document_number_masked',
      'The document number is masked: type the full number or leave it as it was',
      [{ field: 'document.number', message: 'type the full number', code: 'document_number_masked' }],
    );
  return sealDocumentNumber(n);
}
