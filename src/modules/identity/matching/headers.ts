import { foldText } from './normalise.ts';
import type { PersonRecord } from './batch-resolver.ts';

/** The person fields a CSV column can fill (shared by the `match` command and guest imports). */
export type PersonField =
  | 'id'
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'phone'
  | 'streetNumber'
  | 'line1'
  | 'line2'
  | 'city'
  | 'postcode'
  | 'region'
  | 'country'
  | 'birthDate'
  | 'documentId';

// Header spellings, folded (accents, case, spaces, `_` and `-` removed), in English, Spanish, French, …
const ALIASES: Record<PersonField, string[]> = {
  id: ['recordid', 'recid', 'id', 'uniqueid', 'guestid', 'customerid', 'clientid'],
  firstName: ['firstname', 'givenname', 'forename', 'nombre', 'prenom', 'nome', 'vorname'],
  lastName: [
    'lastname',
    'surname',
    'familyname',
    'apellidos',
    'apellido',
    'nom',
    'nomdefamille',
    'cognome',
    'nachname',
    'sobrenome',
  ],
  email: ['email', 'emailaddress', 'mail', 'correo', 'correoelectronico', 'courriel', 'adressemail'],
  phone: ['phone', 'telephone', 'telefono', 'tel', 'phonenumber', 'mobile', 'movil', 'portable', 'telefone', 'telefon'],
  streetNumber: ['streetnumber', 'housenumber', 'numero', 'number'],
  line1: ['address1', 'address', 'addressline1', 'street', 'direccion', 'adresse', 'domicilio'],
  line2: ['address2', 'addressline2'],
  city: ['city', 'suburb', 'town', 'ciudad', 'localidad', 'poblacion', 'municipio', 'ville', 'citta', 'stadt'],
  postcode: ['postcode', 'postalcode', 'zip', 'zipcode', 'codigopostal', 'cp', 'codepostal'],
  region: ['state', 'region', 'province', 'provincia', 'county'],
  country: ['country', 'pais', 'pays', 'countrycode'],
  birthDate: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'fechanacimiento', 'fechadenacimiento', 'datedenaissance'],
  documentId: [
    'socsecid',
    'documentid',
    'documentnumber',
    'passport',
    'passportnumber',
    'idnumber',
    'dni',
    'nif',
    'nie',
  ],
};

const BY_ALIAS = new Map<string, PersonField>();
for (const [field, aliases] of Object.entries(ALIASES) as [PersonField, string[]][])
  for (const a of aliases) BY_ALIAS.set(a, field);

/** The field a header names (`Prénom` → firstName, `rec_id` → id), or undefined. */
export function fieldForHeader(header: string): PersonField | undefined {
  return BY_ALIAS.get(foldText(header).replace(/[^a-z0-9]/g, ''));
}

/** Column index → field for a header row; the first column naming a field wins. */
export function mapHeaders(headers: readonly string[]): Map<PersonField, number> {
  const map = new Map<PersonField, number>();
  headers.forEach((h, i) => {
    const f = fieldForHeader(h);
    if (f && !map.has(f)) map.set(f, i);
  });
  return map;
}

/** Turns one CSV row into a person record (`documentId` only when `useDocuments`). */
export function rowToPerson(
  row: readonly string[],
  columns: Map<PersonField, number>,
  options: { useDocuments?: boolean } = {},
): PersonRecord {
  const get = (f: PersonField) => {
    const i = columns.get(f);
    return i === undefined ? '' : (row[i] ?? '').trim();
  };
  const address = {
    streetNumber: get('streetNumber'),
    line1: get('line1'),
    line2: get('line2'),
    city: get('city'),
    postcode: get('postcode'),
    region: get('region'),
    country: get('country'),
  };
  const email = get('email');
  const phone = get('phone');
  const document = options.useDocuments === false ? '' : get('documentId');
  return {
    id: get('id'),
    firstName: get('firstName'),
    lastName: get('lastName'),
    birthDate: get('birthDate'),
    emails: email ? email.split(/[;,\s]+/).filter(Boolean) : [],
    phones: phone ? phone.split(/[;,/]+/).filter(Boolean) : [],
    documentIds: document ? [document] : [],
    addresses: Object.values(address).some(Boolean) ? [address] : [],
  };
}
