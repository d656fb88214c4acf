import fc from 'fast-check';

/** The part of JSON Schema (as the served OpenAPI 3.1 document writes it) the generator reads. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

const encode = (k: string, v: unknown[]) => Buffer.from(JSON.stringify({ k, v })).toString('base64url');

/**
 * Keyset cursors crafted to break a decoder: right or wrong list kind, huge integers, impossible or
 * out-of-range dates, wrong arity, NUL, not base64 at all. `kinds` are the list names and sort orders.
 */
export function hostileCursors(kinds: string[]): fc.Arbitrary<string> {
  const values: unknown[][] = [
    [1e308, 'x'],
    [1e20, 'id'],
    ['275760-09-13T00:00:00.000Z', 'id'],
    ['+275760-09-13T00:00:00.000Z', 'id'],
    ['-000001-01-01T00:00:00.000Z', 'id'],
    ['2024-02-30T00:00:00.000Z', 'id'],
    ['2024-13-45', 'id'],
    ['0000-00-00', 'id'],
    ['not a date', 'id'],
    [2147483648, 'id'],
    [-1, 'a', 'b'],
    [1.5, 'a', 'b'],
    ['a\u0000b', 'c'],
    [null, 'x'],
    [{}, []],
    ['a', 'b', 'c'],
    ['x'.repeat(5000), 'y'],
    [],
  ];
  return fc.oneof(
    fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(...values)).map(([k, v]) => encode(k, v)),
    fc.constantFrom('garbage', '', '%00', 'eyJrIjoxfQ', '=====', 'a'.repeat(3000), 'bnVsbA'),
  );
}

/** Strings that have broken servers before: NUL, huge, not-a-number numbers, odd dates, markup, SQL, Unicode edge cases. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'a\u0000b@example.com',
    '\u0000',
    '0',
    '-1',
    '1e309',
    '99999999999999999999999',
    'NaN',
    'null',
    'true',
    '[]',
    '{}',
    '9999-12-31',
    '0000-00-00',
    '2024-02-30',
    '275760-09-13',
    '+275760-09-13T00:00:00Z',
    '-000001-01-01',
    '1970-01-01T00:00:00Z',
    "' OR 1=1 --",
    '"; DROP TABLE guest; --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '%00',
    '%',
    '\uD800',
    '\uFFFF',
    '😀'.repeat(60),
    '\u202Eevil',
    ' ',
    '',
    '\r\n',
    '{{7*7}}',
    '${7*7}',
    '__proto__',
    'constructor',
    '=HYPERLINK("http://x")',
    'gst_00000000000000000000',
    'a'.repeat(70),
    'x'.repeat(20_000),
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/** Numbers at and past the edges of every numeric column. */
export const hostileNumber: fc.Arbitrary<number> = fc.constantFrom(
  0,
  -1,
  -0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
);

/** Any JSON value of a wrong type: the generator swaps a field's value for one of these. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
  fc.constant([['nested', { deep: [1] }]]),
  fc.constant({ __proto__: { polluted: true } }),
);

/** Generates values for JSON Schemas, mostly valid in shape, with hostile strings and numbers mixed in. */
export class SchemaArbitraries {
  constructor(
    private readonly components: Record<string, JsonSchema>,
    private readonly ids: fc.Arbitrary<string>,
    private readonly cursors: fc.Arbitrary<string>,
  ) {}

  private resolve(s: JsonSchema): JsonSchema {
    let cur = s;
    for (let i = 0; cur.$ref && i < 10; i++) cur = this.components[cur.$ref.split('/').pop() ?? ''] ?? {};
    return cur;
  }

  /** A value for `schema`: near-valid (right shape) 4 times in 5, else any wrong value. */
  value(schema: JsonSchema, name = '', depth = 0): fc.Arbitrary<unknown> {
    return fc.oneof({ weight: 4, arbitrary: this.valid(schema, name, depth) }, { weight: 1, arbitrary: wrongValue });
  }

  /** A value of the right shape whose strings and numbers may still be hostile. */
  valid(raw: JsonSchema, name = '', depth = 0): fc.Arbitrary<unknown> {
    const s = this.resolve(raw);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum?.length) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...s.enum) }, hostileString);
    const alts = s.anyOf ?? s.oneOf;
    if (alts?.length) return fc.oneof(...alts.map((a) => this.valid(a, name, depth)));
    if (s.allOf?.length) return this.valid(Object.assign({}, ...s.allOf.map((a) => this.resolve(a))), name, depth);
    const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
    switch (type) {
      case 'object':
        return depth > 4 ? fc.constant({}) : this.object(s, depth);
      case 'array': {
        if (depth > 4 || !s.items) return fc.constant([]);
        return fc.array(this.value(s.items, name, depth + 1), {
          minLength: Math.min(s.minItems ?? 0, 3),
          maxLength: 3,
        });
      }
      case 'integer':
      case 'number': {
        const lo = s.minimum ?? -1000;
        const hi = s.maximum ?? 1000;
        const inRange =
          type === 'integer'
            ? fc.integer({ min: Math.max(lo, -1e9), max: Math.min(hi, 1e9) })
            : fc.double({ min: lo, max: hi, noNaN: true });
        return fc.oneof({ weight: 3, arbitrary: inRange }, hostileNumber);
      }
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'string':
      case undefined:
      default:
        return this.string(s, name);
    }
  }

  private object(s: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const props = Object.entries(s.properties ?? {});
    const required = new Set(s.required ?? []);
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of props) record[k] = this.value(v, k, depth + 1);
    const requiredKeys = props.map(([k]) => k).filter((k) => required.has(k));
    return fc.record(record, { requiredKeys });
  }

  private string(s: JsonSchema, name: string): fc.Arbitrary<string> {
    const n = name.toLowerCase();
    let plausible: fc.Arbitrary<string>;
    if (n === 'cursor') return fc.oneof(this.cursors, hostileString);
    if (s.format === 'date' || n.endsWith('date') || /^(from|to|checkin|checkout)$/.test(n))
      plausible = fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    else if (s.format === 'date-time' || n.endsWith('at'))
      plausible = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    else if (s.format === 'email' || n.includes('email')) plausible = fc.emailAddress();
    else if (n === 'id' || n.endsWith('id') || n.endsWith('ids')) plausible = this.ids;
    else if (s.pattern) {
      try {
        plausible = fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 1e6));
      } catch {
        plausible = fc.string({ maxLength: s.maxLength ?? 40 });
      }
    } else plausible = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) });
    return fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 1, arbitrary: hostileString });
  }
}
