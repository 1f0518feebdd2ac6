/** Opens the store for Node: better-sqlite3 (WAL) by default, PostgreSQL when DATABASE_URL is set. */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import SQLite from 'better-sqlite3';
import type { DB } from '../store/schema.js';
import { installPgTypeParsers } from './pg-types.js';

/** pg is loaded only when DATABASE_URL asks for it (about 50 ms a start that SQLite never needs) */
async function loadPg(): Promise<typeof import('pg').default> {
  const pg = (await import('pg')).default;
  installPgTypeParsers(pg);
  return pg;
}

export interface OpenedDb {
  db: Kysely<DB>;
  dialect: 'sqlite' | 'postgres';
  where: string;
  close(): Promise<void>;
}

export async function openDb(opts: { databaseUrl?: string; sqlitePath: string; onIdleError?: (err: Error) => void }): Promise<OpenedDb> {
  if (opts.databaseUrl) {
    const pg = await loadPg();
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 5000 });
    // An idle client whose server connection drops (restart, failover, admin kill) must not crash
    // the process: the pool discards it and the next query opens a fresh connection.
    pool.on('error', (err) => opts.onIdleError?.(err));
    try {
      const client = await pool.connect();
      client.release();
    } catch (err) {
      await pool.end().catch(() => {});
      throw new Error(`cannot reach PostgreSQL at ${redactUrl(opts.databaseUrl)}: ${(err as Error).message}`);
    }
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', where: redactUrl(opts.databaseUrl), close: () => db.destroy() };
  }
  const file = opts.sqlitePath;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', where: file, close: () => db.destroy() };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * kysely's SQLite driver prepares every statement afresh; the pipeline runs the same few hundred
 * statements over and over, so keep the most recent prepared ones (SQLite re-prepares a cached
 * statement by itself after a schema change). kysely runs one query at a time per connection.
 */
export function withStatementCache(db: SQLite.Database, max = 500): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  const prepare = db.prepare.bind(db);
  const cached = (sql: string): SQLite.Statement => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql);
    } else {
      stmt = prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return cached;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
