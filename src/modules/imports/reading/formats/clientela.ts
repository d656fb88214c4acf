import type { ImportFormat } from './format.ts';

/**
 * Clientela's own CSV/XLSX export (issue 13, D-2): these are the headers the exporter writes, so an
 * export re-imports with every column mapped. Lists (e-mails, phones, tags, groups) are separated
 * by ";"; dates are ISO; Newsletter is yes/no.
 */
export const CLIENTELA_COLUMNS = {
  'Guest ID': 'externalId',
  Title: 'title',
  'First name': 'givenName',
  'Last name': 'familyName',
  'E-mails': 'email',
  Phones: 'phone',
  'Birth date': 'birthDate',
  Language: 'language',
  Nationality: 'nationality',
  'Address line 1': 'addressLine1',
  'Address line 2': 'addressLine2',
  City: 'city',
  Region: 'region',
  Postcode: 'postcode',
  Country: 'country',
  'Document type': 'documentType',
  'Document number': 'documentNumber',
  Company: 'company',
  Tags: 'tags',
  Groups: 'groups',
  Newsletter: 'newsletter',
  Notes: 'notes',
} as const satisfies ImportFormat['columns'];

export const clientelaFormat: ImportFormat = {
  id: 'clientela',
  name: 'Clientela export',
  reference: 'src/modules/imports/reading/formats/clientela.ts (this repository defines it)',
  dateOrder: 'dmy',
  surnameStyle: 'single',
  columns: CLIENTELA_COLUMNS,
  signature: ['Guest ID', 'E-mails', 'Phones', 'Birth date', 'Tags', 'Groups'],
};
