import type { Kysely, Migration } from 'kysely';

/** Initial schema. Portable DDL: the same statements run on SQLite, PostgreSQL and D1. */
export const m001Init: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('every_ms', 'bigint', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('idle'))
      .addColumn('last_success_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('last_error_at', 'bigint')
      .addColumn('next_poll_at', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('cursor', 'text')
      .addColumn('etag', 'text')
      .addColumn('last_modified', 'text')
      .addColumn('posts_seen', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rate_limit', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text')
      .addColumn('author_handle', 'text')
      .addColumn('author_followers', 'bigint')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('lang', 'text')
      .addColumn('published_at', 'bigint', (c) => c.notNull())
      .addColumn('fetched_at', 'bigint', (c) => c.notNull())
      .addColumn('metrics', 'text')
      .addColumn('raw', 'text')
      .addColumn('duplicate_of', 'text')
      .addColumn('classified', 'integer', (c) => c.notNull().defaultTo(0))
      .addUniqueConstraint('posts_source_external_uq', ['source_id', 'external_id'])
      .execute();
    await db.schema.createIndex('posts_target_published_idx').on('posts').columns(['target_id', 'published_at']).execute();
    await db.schema.createIndex('posts_unclassified_idx').on('posts').columns(['classified', 'fetched_at']).execute();
    await db.schema.createIndex('posts_url_idx').on('posts').columns(['target_id', 'url']).execute();

    await db.schema
      .createTable('classifications')
      .addColumn('post_id', 'text', (c) => c.primaryKey())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('sentiment', 'text', (c) => c.notNull())
      .addColumn('sentiment_score', 'double precision', (c) => c.notNull())
      .addColumn('complaint', 'integer', (c) => c.notNull())
      .addColumn('complaint_score', 'double precision', (c) => c.notNull())
      .addColumn('topics', 'text', (c) => c.notNull())
      .addColumn('escalation', 'text', (c) => c.notNull())
      .addColumn('explain', 'text')
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('model_version', 'text', (c) => c.notNull())
      .addColumn('published_at', 'bigint', (c) => c.notNull())
      .addColumn('classified_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('classifications_target_published_idx')
      .on('classifications')
      .columns(['target_id', 'published_at'])
      .execute();

    await db.schema
      .createTable('revolts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('severity', 'double precision', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addColumn('resolved_at', 'bigint')
      .addColumn('explain', 'text', (c) => c.notNull())
      .addColumn('state', 'text')
      .execute();
    await db.schema.createIndex('revolts_target_stage_idx').on('revolts').columns(['target_id', 'stage']).execute();

    await db.schema
      .createTable('revolt_posts')
      .addColumn('revolt_id', 'text', (c) => c.notNull())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('added_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('revolt_posts_pk', ['revolt_id', 'post_id'])
      .execute();

    await db.schema
      .createTable('events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('revolt_id', 'text')
      .addColumn('queue_item_id', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('events_at_idx').on('events').columns(['at']).execute();

    await db.schema
      .createTable('queue_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('revolt_id', 'text', (c) => c.unique())
      .addColumn('post_id', 'text')
      .addColumn('target_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('team', 'text')
      .addColumn('assignee', 'text')
      .addColumn('due_first_response_at', 'bigint')
      .addColumn('due_resolve_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('queue_items_status_idx').on('queue_items').columns(['status', 'priority']).execute();

    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('delivered_at', 'bigint')
      .addUniqueConstraint('outbox_event_channel_uq', ['event_id', 'channel'])
      .execute();
    await db.schema.createIndex('outbox_due_idx').on('outbox').columns(['status', 'next_attempt_at']).execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();

    await db.schema
      .createTable('kv')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['kv', 'audit_log', 'outbox', 'queue_items', 'events', 'revolt_posts', 'revolts', 'classifications', 'posts', 'sources', 'targets']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
