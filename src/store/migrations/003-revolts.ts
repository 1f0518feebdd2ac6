import type { Kysely, Migration } from 'kysely';

/**
 * Revolts: the detector reads classifications incrementally by (classified_at, post_id), and
 * routing looks up a post's revolt; each needs an index.
 */
export const m003Revolts: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('classifications_classified_idx').on('classifications').columns(['classified_at', 'post_id']).execute();
    await db.schema.createIndex('revolts_stage_idx').on('revolts').columns(['stage', 'target_id']).execute();
    // "which revolt is this post in?" (routing asks it for every flagged post)
    await db.schema.createIndex('revolt_posts_post_idx').on('revolt_posts').columns(['post_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('revolt_posts_post_idx').ifExists().execute();
    await db.schema.dropIndex('revolts_stage_idx').ifExists().execute();
    await db.schema.dropIndex('classifications_classified_idx').ifExists().execute();
  },
};
