import type { Kysely, Migration } from 'kysely';

/**
 * Delivery health (issue 16): a destination that stops answering is probed, with capped backoff,
 * until it answers again or a horizon passes; its messages wait instead of each burning a retry
 * budget. `notify_destinations` holds one row per failing channel (none while healthy);
 * `outbox.failing_since` is when a message first could not be delivered (the horizon counts from
 * it). Portable DDL.
 */
export const m007DeliveryHealth: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('notify_destinations')
      .addColumn('channel', 'text', (c) => c.primaryKey())
      .addColumn('failing_since', 'bigint', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('next_probe_at', 'bigint', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('last_status', 'integer')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.alterTable('outbox').addColumn('failing_since', 'bigint').execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable('outbox').dropColumn('failing_since').execute();
    await db.schema.dropTable('notify_destinations').ifExists().execute();
  },
};
