import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config/config.ts';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/http/app.ts';
import { bootstrapDatabase } from '../../src/server/bootstrap.ts';
import type { Logger } from 'pino';
import { createLogger } from '../../src/core/logger.ts';
import { createOrganisation, findFirstOrganisation } from '../../src/modules/tenancy/index.ts';
import { createStaff } from '../../src/modules/staff/index.ts';
import { systemGrantor } from '../../src/modules/auth/grant.ts';
import type { StaffRole } from '../../src/db/schema.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

/** The encryption key of test apps (tests of the key file pass their own env). */
export const TEST_ENCRYPTION_KEY = 'Y2xpZW50ZWxhLXRlc3QtZW5jcnlwdGlvbi1rZXktMzI=';

export const OWNER = { email: 'owner@hotel.test', password: 'correct-horse-battery' };

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Headers for a cookie-authenticated write. */
  headers: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  config: Config;
  orgId: string;
  login(email?: string, password?: string): Promise<Session>;
  /** Creates a second organisation with its own owner; returns its id and owner login. */
  createOrg(name: string): Promise<{ orgId: string; email: string; password: string }>;
  addStaff(role: StaffRole, orgId?: string): Promise<{ email: string; password: string }>;
  /** Adds a room type to the organisation's first property (through the API); fails loudly if refused. */
  addRoomType(session: Session, room: RoomTypeInput): Promise<{ propertyId: string; roomTypeId: string }>;
  close(): Promise<void>;
}

export interface RoomTypeInput {
  name: string;
  capacity: number;
  nightlyPrice: number;
  roomCount: number;
}

export function testConfig(env: Record<string, string | undefined> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    CLIENTELA_DATA_DIR: '/tmp/clientela-test-unused',
    CLIENTELA_ADMIN_EMAIL: OWNER.email,
    CLIENTELA_ADMIN_PASSWORD: OWNER.password,
    LOG_LEVEL: 'silent',
    // A fixed test key: the test databases are in memory or dropped, so the key file path stays unused.
    CLIENTELA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...env,
  });
}

let counter = 0;

/** The whole HTTP app on a fresh database, bootstrapped like `npm start` (owner from env). */
export async function createTestApp(
  options: { env?: Record<string, string | undefined>; db?: TestDatabase; webDist?: string; logger?: Logger } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const config = testConfig(options.env);
  const logger = options.logger ?? createLogger('silent');
  await bootstrapDatabase(db.database, config, logger);
  const app = await buildApp({
    config,
    database: db.database,
    logger,
    webDist: options.webDist ?? '/nonexistent-web-dist/',
  });
  const org = await findFirstOrganisation(db.database.system);
  if (!org) throw new Error('bootstrap created no organisation');
  const system = db.database.system;

  const login = async (email = OWNER.email, password = OWNER.password): Promise<Session> => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
    const cookie = cookieOf(res);
    const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
    return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
  };

  const addStaff = async (role: StaffRole, orgId = org.id) => {
    const email = `${role}${++counter}@hotel.test`;
    const password = 'another-long-password';
    await createStaff(
      {
        db: db.database.forOrg(orgId),
        orgId,
        actor: { actorType: 'system', actorId: null },
        requestId: null,
        permissions: 'system' as const,
      },
      { name: `${role} ${counter}`, email, role, password, language: 'en' },
      systemGrantor(),
    );
    return { email, password };
  };

  return {
    app,
    database: db.database,
    config,
    orgId: org.id,
    login,
    addStaff,
    async addRoomType(session, room) {
      const list = await app.inject({ method: 'GET', url: '/api/v1/properties', headers: { cookie: session.cookie } });
      const propertyId = list.json<{ items: { id: string }[] }>().items[0]?.id;
      if (!propertyId) throw new Error(`no property: ${list.statusCode} ${list.body}`);
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/properties/${propertyId}/room-types`,
        headers: session.headers,
        payload: room,
      });
      if (res.statusCode !== 201) throw new Error(`room type refused: ${res.statusCode} ${res.body}`);
      return { propertyId, roomTypeId: res.json<{ id: string }>().id };
    },
    async createOrg(name) {
      const { orgId } = await createOrganisation(system, { name, propertyName: `${name} property` });
      const owner = await addStaff('owner', orgId);
      return { orgId, ...owner };
    },
    async close() {
      await app.close();
      await db.destroy();
    },
  };
}

export function cookieOf(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (!first) throw new Error('no cookie set');
  return first.split(';')[0] ?? '';
}
