import type { Kysely, Migration } from 'kysely';

/**
 * The CX view and exports (issue 18) read posts and classifications in time order across every
 * target, page by page: these indexes let each page start where the last ended instead of sorting
 * the whole table again.
 */
export const m009Cx: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('posts_published_id_idx').on('posts').columns(['published_at', 'id']).execute();
    await db.schema.createIndex('classifications_published_idx').on('classifications').columns(['published_at', 'post_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('classifications_published_idx').execute();
    await db.schema.dropIndex('posts_published_id_idx').execute();
  },
};
