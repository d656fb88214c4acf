import { cleanCell } from './text.ts';

/** A consent read from a file: what it is for, yes or no, and that it came from an import. */
export interface ImportedConsent {
  purpose: 'newsletter' | 'partnerOffers';
  granted: boolean;
  source: 'import';
}

const YES = new Set([
  '1',
  'y',
  'yes',
  'true',
  'x',
  'si',
  'sí',
  'oui',
  'vrai',
  'verdadero',
  'subscribed',
  'opted in',
  'optin',
]);
const NO = new Set([
  '0',
  'n',
  'no',
  'false',
  'non',
  'faux',
  'falso',
  'unsubscribed',
  'cleaned',
  'opted out',
  'optout',
  'non-subscribed',
]);

/** Reads a yes/no cell (1/0, yes/no, sí/no, oui/non, true/false, subscribed/unsubscribed); undefined when empty or unknown. */
export function parseYesNo(input: string): boolean | undefined {
  const value = cleanCell(input).toLowerCase();
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  return undefined;
}
