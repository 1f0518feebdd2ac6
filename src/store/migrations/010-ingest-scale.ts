import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Duplicate linking at a cost that does not grow with what is stored: the lookup of a text's or a
 * URL's original reads only originals (duplicate_of IS NULL) within a time window, through partial
 * indexes, instead of every earlier copy. Replaces the full (target_id, text_hash) index.
 * Posts counted per source as insert-only deltas (source_count_deltas), folded into
 * sources.posts_seen every second: instances storing posts of one source never queue on its row.
 */
export const m010IngestScale: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('source_count_deltas')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.dropIndex('posts_text_hash_idx').ifExists().execute();
    await db.schema
      .createIndex('posts_text_original_idx')
      .on('posts')
      .columns(['target_id', 'text_hash', 'fetched_at'])
      .where(sql<boolean>`duplicate_of is null and text_hash is not null`)
      .execute();
    await db.schema
      .createIndex('posts_url_original_idx')
      .on('posts')
      .columns(['target_id', 'url', 'fetched_at'])
      .where(sql<boolean>`duplicate_of is null and url is not null`)
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('source_count_deltas').ifExists().execute();
    await db.schema.dropIndex('posts_url_original_idx').ifExists().execute();
    await db.schema.dropIndex('posts_text_original_idx').ifExists().execute();
    await db.schema.createIndex('posts_text_hash_idx').on('posts').columns(['target_id', 'text_hash']).execute();
  },
};
