import type { Kysely, Migration } from 'kysely';

/**
 * Access control and label corrections: API keys (hashed), dashboard sessions, one-time sign-in
 * links, failed sign-in throttling, and the label_feedback table the trainer reads. Portable DDL.
 */
export const m005Access: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the cookie value
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_key_idx').on('sessions').columns(['key_id']).execute();

    await db.schema
      .createTable('signin_links')
      .addColumn('id', 'text', (c) => c.primaryKey()) // SHA-256 of the token
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addColumn('used_at', 'bigint')
      .execute();

    await db.schema
      .createTable('auth_throttle')
      .addColumn('id', 'text', (c) => c.primaryKey()) // client address
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('window_start', 'bigint', (c) => c.notNull())
      .addColumn('blocked_until', 'bigint')
      .execute();

    await db.schema
      .createTable('label_feedback')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('post_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('lang', 'text')
      .addColumn('sentiment', 'text')
      .addColumn('complaint', 'integer')
      .addColumn('topic', 'text')
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('label_feedback_post_idx').on('label_feedback').columns(['post_id', 'at']).execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ['label_feedback', 'auth_throttle', 'signin_links', 'sessions', 'api_keys']) await db.schema.dropTable(t).ifExists().execute();
  },
};
