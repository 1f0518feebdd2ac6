import { type Kysely, type Migration } from 'kysely';

/**
 * Revolt detection sharded by target (issue 15): each shard (`detect-revolts:<shard>/<shards>` in
 * `leases`) keeps its own cursor here, and reads only its targets' verdicts through the
 * (target_id, classified_at) index. `kv`'s `revolts.cursor` stays the lowest cursor of all shards.
 */
export const m011DetectShards: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('detect_shards')
      .addColumn('id', 'text', (c) => c.primaryKey()) // '<shard>/<shards>'
      .addColumn('cursor_at', 'bigint', (c) => c.notNull())
      .addColumn('owner', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('classifications_target_classified_idx').on('classifications').columns(['target_id', 'classified_at', 'post_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('classifications_target_classified_idx').ifExists().execute();
    await db.schema.dropTable('detect_shards').ifExists().execute();
  },
};
