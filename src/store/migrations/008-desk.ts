import type { Kysely, Migration } from 'kysely';

/**
 * The response desk (issue 14): cases that hold posts (per-post state, merge and split by hand),
 * replies published to the network a post came from (with approval, retries and dead letters like
 * the outbox), and the lone-complaint cursor's index. Portable DDL, one column per ALTER.
 */
export const m008Desk: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('queue_items').addColumn('merged_into', 'text').execute();
    await db.schema.alterTable('queue_items').addColumn('needs_approval', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.createIndex('queue_items_merged_idx').on('queue_items').columns(['merged_into']).execute();
    await db.schema.createIndex('queue_items_parent_idx').on('queue_items').columns(['parent_revolt_id']).execute();

    // A case's posts beyond its revolt's members (merged or split in), and the state of each post
    // in the case: open, answered, resolved, dismissed, or moved (split out to another case).
    await db.schema
      .createTable('case_posts')
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('moved_to', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_posts_pk', ['item_id', 'post_id'])
      .execute();
    await db.schema.createIndex('case_posts_post_idx').on('case_posts').columns(['post_id']).execute();

    await db.schema
      .createTable('replies')
      .addColumn('id', 'text', (c) => c.primaryKey()) // also the idempotency key sent with every attempt
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull()) // mastodon | bluesky | reddit | helpdesk
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('template', 'text')
      .addColumn('status', 'text', (c) => c.notNull()) // awaiting_approval | pending | sent | dead | rejected | cancelled
      .addColumn('drafted_by', 'text', (c) => c.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('decided_at', 'bigint')
      .addColumn('decision_note', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('lease_until', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('remote_id', 'text')
      .addColumn('remote_url', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_at', 'bigint')
      .execute();
    await db.schema.createIndex('replies_item_idx').on('replies').columns(['item_id', 'created_at']).execute();
    await db.schema.createIndex('replies_due_idx').on('replies').columns(['status', 'next_attempt_at']).execute();
    await db.schema.createIndex('replies_post_idx').on('replies').columns(['post_id']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable('replies').ifExists().execute();
    await db.schema.dropTable('case_posts').ifExists().execute();
    await db.schema.dropIndex('queue_items_parent_idx').ifExists().execute();
    await db.schema.dropIndex('queue_items_merged_idx').ifExists().execute();
    await db.schema.alterTable('queue_items').dropColumn('needs_approval').execute();
    await db.schema.alterTable('queue_items').dropColumn('merged_into').execute();
  },
};
