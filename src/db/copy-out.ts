import type { CompiledQuery, Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

/**
 * `COPY (query) TO STDOUT` on PostgreSQL, streamed: the rows go from the server's socket to a sink
 * as bytes, never as JavaScript rows or strings, with backpressure (the socket pauses while the sink
 * is busy). What a large export needs to keep its memory flat (issue 13, D-2). The embedded engine
 * has no such stream (PGlite's COPY TO gives the whole output at once): callers read pages there.
 */

const pools = new WeakMap<Kysely<DB>, pg.Pool>();

/** Called by openDatabase for a PostgreSQL pool: copyOut then works on that handle. */
export function registerCopyOutPool(system: Kysely<DB>, pool: pg.Pool): void {
  pools.set(system, pool);
}

/** True when `system` can stream COPY output (PostgreSQL). */
export const canCopyOut = (system: Kysely<DB>): boolean => pools.has(system);

/** One parameter as an SQL literal, read as the text a bind parameter would carry (pg's prepareValue). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = (v: unknown): string => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v))
      return `{${v.map((x) => (x === null || x === undefined ? 'NULL' : `"${text(x).replace(/(["\\])/g, '\\$1')}"`)).join(',')}}`;
    if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
    if (typeof v === 'object') return JSON.stringify(v);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
      return String(v);
    throw new Error(`copyOut: cannot write a ${typeof v} parameter`);
  };
  const s = text(value);
  // A NUL cannot be in a literal (nor in a text parameter): refuse rather than cut the value.
  if (s.includes('\0')) throw new Error('copyOut: a parameter holds a NUL character');
  return pg.escapeLiteral(s);
}

/**
 * The compiled query's text with its `$n` parameters written as literals (COPY takes no
 * parameters). The query text is the application's own (Kysely's output); values only ever come in
 * through the parameters, each quoted by pg.escapeLiteral.
 */
export function inlineParameters(query: CompiledQuery): string {
  return query.sql.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= query.parameters.length) throw new Error(`copyOut: no parameter $${n}`);
    return literal(query.parameters[i]);
  });
}

/** Where the bytes go: a writable stream (a file). `write` answers false when it wants `drain` first. */
export interface CopySink {
  write(chunk: Buffer): boolean;
  once(event: 'drain' | 'error', listener: (err?: Error) => void): unknown;
}

/** Bytes handed to the sink at a time: the COPY's one-row messages are gathered into chunks this large. */
const CHUNK = 256 * 1024;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/**
 * Reads the binary COPY format of a one-column result (a header, then per row a field count, a
 * length and the bytes; a count of -1 ends it) and passes each value's bytes on, in order. The
 * format is parsed byte by byte across message boundaries: nothing assumes one row per message.
 */
class OneColumnBinaryReader {
  private state: 'header' | 'count' | 'length' | 'value' | 'end' = 'header';
  private need = 19;
  private have = 0;
  private readonly small = Buffer.alloc(19);
  rows = 0;

  constructor(private readonly emit: (src: Buffer, start: number, end: number) => void) {}

  push(chunk: Buffer): void {
    let i = 0;
    while (i < chunk.length && this.state !== 'end') {
      if (this.state === 'value') {
        const take = Math.min(this.need, chunk.length - i);
        this.emit(chunk, i, i + take);
        i += take;
        this.need -= take;
        if (this.need === 0) this.next('count', 2, true);
        continue;
      }
      const take = Math.min(this.need - this.have, chunk.length - i);
      chunk.copy(this.small, this.have, i, i + take);
      this.have += take;
      i += take;
      if (this.have < this.need) continue;
      if (this.state === 'header') {
        if (!this.small.subarray(0, 11).equals(SIGNATURE) || this.small.readUInt32BE(15) !== 0)
          throw new Error('copyOut: unexpected binary COPY header');
        this.next('count', 2);
      } else if (this.state === 'count') {
        const fields = this.small.readInt16BE(0);
        if (fields === -1) this.state = 'end';
        else if (fields !== 1) throw new Error(`copyOut: ${fields} columns, expected one`);
        else this.next('length', 4);
      } else {
        const length = this.small.readInt32BE(0);
        if (length > 0) {
          this.state = 'value';
          this.need = length;
        } else this.next('count', 2, true); // an empty value or NULL adds nothing
      }
    }
  }

  get ended(): boolean {
    return this.state === 'end';
  }

  private next(state: 'count' | 'length', need: number, rowDone = false): void {
    this.state = state;
    this.need = need;
    this.have = 0;
    if (rowDone) this.rows++;
  }
}

interface CopyConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void; destroy(err?: Error): void };
}

/**
 * A pg "submittable": sends the COPY, reads its CopyData messages as they arrive and gathers the
 * values into CHUNK-sized buffers for the sink (pg's parser reuses its buffer: bytes are copied
 * out before the next message), pausing the socket while the sink drains.
 */
class CopyOutQuery {
  callback?: (err: Error | null) => void;
  readonly finished: Promise<{ rows: number; bytes: number }>;
  private settle!: (err: Error | null) => void;
  private readonly reader: OneColumnBinaryReader;
  private buffer = Buffer.allocUnsafeSlow(CHUNK);
  private used = 0;
  private bytes = 0;
  private waiting = false;
  private failed: Error | undefined;

  constructor(
    private readonly text: string,
    private readonly sink: CopySink,
    private readonly onChunk?: (rows: number) => void,
  ) {
    this.reader = new OneColumnBinaryReader((src, start, end) => this.gather(src, start, end));
    this.finished = new Promise((resolve, reject) => {
      this.settle = (err) => (err ? reject(err) : resolve({ rows: this.reader.rows, bytes: this.bytes }));
    });
  }

  submit(connection: CopyConnection): void {
    // A sink that fails (a full disk) would never drain: end the statement by dropping the connection.
    this.sink.once('error', (err) => {
      this.failed = err ?? new Error('copyOut: the sink failed');
      connection.stream.destroy(this.failed);
    });
    connection.query(this.text);
  }

  private gather(src: Buffer, start: number, end: number): void {
    while (start < end) {
      const take = Math.min(end - start, CHUNK - this.used);
      src.copy(this.buffer, this.used, start, start + take);
      this.used += take;
      start += take;
      if (this.used === CHUNK) this.flush();
    }
  }

  private flush(): void {
    if (!this.used) return;
    const out = this.used === CHUNK ? this.buffer : this.buffer.subarray(0, this.used);
    this.bytes += this.used;
    this.buffer = Buffer.allocUnsafeSlow(CHUNK);
    this.used = 0;
    if (!this.sink.write(out)) this.waiting = true;
    this.onChunk?.(this.reader.rows);
  }

  handleCopyData(msg: { chunk: Buffer }, connection: CopyConnection): void {
    if (this.failed) return;
    try {
      this.reader.push(msg.chunk);
    } catch (err) {
      // Answered when the server ends the statement; the connection is then dropped, not reused.
      this.failed = err instanceof Error ? err : new Error(String(err));
      return;
    }
    if (this.waiting) {
      this.waiting = false;
      connection.stream.pause();
      this.sink.once('drain', () => connection.stream.resume());
    }
  }

  handleCommandComplete(): void {}
  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handlePortalSuspended(): void {}
  handleCopyInResponse(connection: { sendCopyFail(msg: string): void }): void {
    connection.sendCopyFail('copyOut sends no data');
  }

  handleError(err: Error): void {
    this.settle(this.failed ?? err);
  }

  handleReadyForQuery(): void {
    if (this.failed) return this.settle(this.failed);
    if (!this.reader.ended) return this.settle(new Error('copyOut: the COPY ended early'));
    this.flush();
    this.settle(null);
  }
}

/**
 * Runs `COPY (query) TO STDOUT (FORMAT binary)` for a query of one text column on a connection of
 * the pool, and writes the values one after the other to `sink` (nothing between them: each value
 * carries its own line end). Answers the rows and bytes written.
 */
export async function copyOutValues(
  system: Kysely<DB>,
  query: CompiledQuery,
  sink: CopySink,
  /** Called with the rows read so far each time a chunk goes to the sink (progress). */
  onChunk?: (rows: number) => void,
): Promise<{ rows: number; bytes: number }> {
  const pool = pools.get(system);
  if (!pool) throw new Error('copyOut needs PostgreSQL');
  const text = `COPY (${inlineParameters(query)}) TO STDOUT WITH (FORMAT binary)`;
  const client = await pool.connect();
  const copy = new CopyOutQuery(text, sink, onChunk);
  try {
    void client.query(copy as unknown as pg.QueryConfig);
    const result = await copy.finished;
    client.release();
    return result;
  } catch (err) {
    // The connection may be mid-COPY: never give it back to the pool.
    client.release(err instanceof Error ? err : true);
    throw err;
  }
}
