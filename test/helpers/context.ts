/**
 * Test contexts over real databases: a fresh SQLite file per context, and (when DATABASE_URL is set)
 * a fresh PostgreSQL database per context. `DIALECTS` lists the ones to run (see requirements.ts), so a suite can run
 * once per dialect with describe.each(DIALECTS).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { buildConfig, type Config } from '../../src/config/config.js';
import type { AppContext } from '../../src/context.js';
import { RecentTexts } from '../../src/ingest/recent-texts.js';
import type { DB } from '../../src/store/schema.js';
import { migrateToLatest } from '../../src/store/migrate.js';
import { ManualClock } from '../../src/util/clock.js';
import { silentLogger } from '../../src/util/log.js';
import { createEventBus } from '../../src/util/event-bus.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../src/entry/classifier-files.js';
import type { Classifier } from '../../src/types.js';
import { installPgTypeParsers } from '../../src/entry/pg-types.js';
import { need, POSTGRES, shouldRun } from './requirements.js';

installPgTypeParsers(pg);

export type Dialect = 'sqlite' | 'postgres';
/** PostgreSQL when DATABASE_URL is set, or when BACKLASH_REQUIRE_ALL=1 (then a missing one fails the suite). */
export const DIALECTS: Dialect[] = shouldRun(POSTGRES) ? ['sqlite', 'postgres'] : ['sqlite'];

export function tmpDir(prefix = 'backlash-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestDb {
  db: Kysely<DB>;
  dialect: Dialect;
  close(): Promise<void>;
}

export async function openTestDb(dialect: Dialect, opts: { migrate?: boolean } = {}): Promise<TestDb> {
  let db: Kysely<DB>;
  let cleanup: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = tmpDir();
    const sqlite = new SQLite(path.join(dir, 'test.db'));
    sqlite.pragma('journal_mode = WAL');
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    cleanup = async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  } else {
    need(POSTGRES);
    const url = process.env.DATABASE_URL!;
    // A database of its own per context (not a schema): nothing a test does, nor the migrator's
    // introspection of other schemas, can reach another test running at the same time.
    const own = await throwawayPgDatabase(url, 'bt');
    const pool = new pg.Pool({ connectionString: own.url, max: 4 });
    pool.on('error', () => {});
    db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    cleanup = async () => {
      await db.destroy();
      await own.drop();
    };
  }
  if (opts.migrate !== false) await migrateToLatest(db);
  return { db, dialect, close: cleanup };
}

let cachedClassifier: Classifier | null = null;
/** The shipped classifier (rules/ + data/model/default.json), built once per test process. */
export function testClassifier(): Classifier {
  cachedClassifier ??= buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
  return cachedClassifier;
}

export function testConfig(yaml = '', env: Record<string, string> = {}): Config {
  return buildConfig(env, { readFile: (p) => (p === 'backlash.config.yaml' ? yaml : null) });
}

export interface TestContext extends AppContext {
  clock: ManualClock;
  close(): Promise<void>;
}

export async function createTestContext(opts: { dialect?: Dialect; config?: string; now?: number; classifier?: Classifier; recentTexts?: false } = {}): Promise<TestContext> {
  const t = await openTestDb(opts.dialect ?? 'sqlite');
  const classifier = opts.classifier ?? testClassifier();
  return {
    config: testConfig(opts.config ?? ''),
    db: t.db,
    dialect: t.dialect,
    clock: new ManualClock(opts.now ?? Date.parse('2026-03-02T09:00:00Z')),
    log: silentLogger,
    classifier: () => classifier,
    bus: createEventBus(),
    instanceId: 'test',
    recentTexts: opts.recentTexts === false ? undefined : new RecentTexts(),
    close: t.close,
  };
}

/**
 * A PostgreSQL database of its own on the server of `baseUrl` (not a schema: nothing a test does,
 * nor the migrator's introspection of other schemas, reaches another test), and how to drop it
 * (with FORCE: idle clients left by the code under test are killed).
 */
export async function throwawayPgDatabase(baseUrl: string, prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const own = new URL(baseUrl);
  own.pathname = `/${name}`;
  return {
    name,
    url: own.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await c.end();
    },
  };
}
