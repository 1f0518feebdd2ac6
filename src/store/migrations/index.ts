import type { Migration, MigrationProvider } from 'kysely';
import { m001Init } from './001-init.js';

/**
 * The one ordered list of migrations. Append only: never edit or reorder a migration that has
 * shipped. Names sort in order, which is how kysely applies them.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '001-init': m001Init,
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
