import type { Kysely, Migration } from 'kysely';

/**
 * Feeds: when a source was last polled and the code of its last error (the sources table keeps the
 * message); a hash of each post's normalised text so a repost seen through another source is linked.
 */
export const m002Feeds: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('sources').addColumn('last_poll_at', 'bigint').execute();
    await db.schema.alterTable('sources').addColumn('error_code', 'text').execute();
    await db.schema.alterTable('posts').addColumn('text_hash', 'text').execute();
    await db.schema.createIndex('posts_text_hash_idx').on('posts').columns(['target_id', 'text_hash']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('posts_text_hash_idx').ifExists().execute();
    await db.schema.alterTable('posts').dropColumn('text_hash').execute();
    await db.schema.alterTable('sources').dropColumn('error_code').execute();
    await db.schema.alterTable('sources').dropColumn('last_poll_at').execute();
  },
};
