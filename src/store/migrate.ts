import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { DB } from './schema.js';

export interface MigrateResult {
  applied: string[];
}

/** Applies every pending migration in order; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrateResult> {
  // On PostgreSQL, kysely looks for its tables in every schema unless told which one; with two
  // schemas in one database (tests, or two deployments) it would find the other's lock table.
  const schema = await currentPostgresSchema(db);
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

async function currentPostgresSchema(db: Kysely<DB>): Promise<string | null> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return null;
  const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
  return r.rows[0]?.s ?? null;
}
