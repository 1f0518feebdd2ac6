import type { Kysely, Migration } from 'kysely';

/**
 * Scale-out: named leases (one holder at a time, with an expiry and a fencing token), daily
 * aggregates that outlive raw payloads, and a per-classification `counted` flag so the aggregates
 * are filled incrementally and never count a post twice. Portable DDL.
 */
export const m006Scale: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('leases')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('until', 'bigint', (c) => c.notNull())
      .addColumn('token', 'bigint', (c) => c.notNull().defaultTo(1))
      .addColumn('acquired_at', 'bigint', (c) => c.notNull())
      .addColumn('renewed_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('daily_counts')
      .addColumn('day', 'text', (c) => c.notNull()) // YYYY-MM-DD (UTC) of published_at
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull()) // '' for posts without a topic
      .addColumn('sentiment', 'text', (c) => c.notNull())
      .addColumn('posts', 'bigint', (c) => c.notNull())
      .addColumn('complaints', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('daily_counts_pk', ['day', 'target_id', 'topic', 'sentiment'])
      .execute();

    await db.schema.alterTable('classifications').addColumn('counted', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('classifications_counted_idx').on('classifications').columns(['counted', 'classified_at']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('classifications_counted_idx').ifExists().execute();
    await db.schema.alterTable('classifications').dropColumn('counted').execute();
    await db.schema.dropTable('daily_counts').ifExists().execute();
    await db.schema.dropTable('leases').ifExists().execute();
  },
};
