import { EventEmitter } from 'node:events';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

/**
 * LISTEN/NOTIFY for both engines. A notification is delivered once the transaction that sent it
 * commits, to every process listening on the database: the way several server processes learn
 * about each other's writes without a broker. On PostgreSQL one dedicated connection (outside the
 * pool, opened at the first subscription) listens; on the embedded engine the single session does.
 * A listener gets the payload; after a lost PostgreSQL connection is back, every listener of every
 * channel gets `''` ("anything may have changed meanwhile").
 */
export interface Notifications {
  subscribe(channel: string, listener: (payload: string) => void): Promise<() => void>;
  close(): Promise<void>;
}

const RECONNECT_MS = 1_000;

abstract class ChannelBus implements Notifications {
  protected readonly bus = new EventEmitter().setMaxListeners(0);
  protected readonly channels = new Set<string>();
  protected closed = false;

  protected abstract listen(channel: string): Promise<void>;
  abstract close(): Promise<void>;

  protected deliver = (channel: string, payload: string | undefined) => this.bus.emit(channel, payload ?? '');

  async subscribe(channel: string, listener: (payload: string) => void): Promise<() => void> {
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    if (!this.channels.has(channel)) {
      this.channels.add(channel);
      try {
        await this.listen(channel);
      } catch (err) {
        this.channels.delete(channel);
        throw err;
      }
    }
    this.bus.on(channel, listener);
    return () => this.bus.off(channel, listener);
  }
}

/** PostgreSQL: one dedicated client, reconnected after a lost connection. */
class PgNotifications extends ChannelBus {
  private client: Promise<pg.Client> | undefined;
  constructor(private readonly url: string) {
    super();
  }

  private connect(): Promise<pg.Client> {
    this.client ??= (async () => {
      const client = new pg.Client({ connectionString: this.url });
      client.on('notification', (m) => this.deliver(m.channel, m.payload));
      const lost = () => {
        if (this.closed || !this.client) return;
        this.client = undefined;
        setTimeout(() => void this.reconnect(), RECONNECT_MS).unref();
      };
      client.on('error', lost);
      client.on('end', lost);
      try {
        await client.connect();
      } catch (err) {
        this.client = undefined;
        throw err;
      }
      return client;
    })();
    return this.client;
  }

  private async reconnect(): Promise<void> {
    if (this.closed) return;
    try {
      const client = await this.connect();
      for (const channel of this.channels) await client.query(`listen ${channel}`);
      for (const channel of this.channels) this.deliver(channel, '');
    } catch {
      this.client = undefined;
      if (!this.closed) setTimeout(() => void this.reconnect(), RECONNECT_MS).unref();
    }
  }

  protected async listen(channel: string): Promise<void> {
    await (await this.connect()).query(`listen ${channel}`);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = undefined;
    if (client) await (await client.catch(() => undefined))?.end();
  }
}

/** The embedded engine: its one session listens; the engine hands over what it receives. */
class EmbeddedNotifications extends ChannelBus {
  private readonly stop: () => void;
  constructor(
    private readonly system: Kysely<DB>,
    onNotification: (listener: (channel: string, payload: string) => void) => () => void,
  ) {
    super();
    this.stop = onNotification(this.deliver);
  }

  protected async listen(channel: string): Promise<void> {
    await sql`listen ${sql.id(channel)}`.execute(this.system);
  }

  close(): Promise<void> {
    this.closed = true;
    this.stop();
    return Promise.resolve();
  }
}

export const postgresNotifications = (url: string): Notifications => new PgNotifications(url);
export const embeddedNotifications = (
  system: Kysely<DB>,
  onNotification: (listener: (channel: string, payload: string) => void) => () => void,
): Notifications => new EmbeddedNotifications(system, onNotification);
