import type { Kysely, Migration } from 'kysely';

/**
 * Routing, SLAs and the delivery worker: extra columns on queue_items and outbox. One column per
 * ALTER (SQLite and D1 accept no more), portable types only.
 */
const QUEUE_COLUMNS: [string, 'text' | 'bigint' | 'integer' | 'double precision', unknown?][] = [
  ['parent_revolt_id', 'text'],
  ['route_id', 'text'],
  ['lang', 'text'],
  ['topic', 'text'],
  ['severity', 'double precision', 0],
  ['reason', 'text'], // JSON: why a single post was queued
  ['channels', 'text'], // JSON string[] | null (null = every configured channel)
  ['escalation_channels', 'text'], // JSON string[]
  ['sla', 'text'], // JSON snapshot of the route's SLA
  ['near_first_response_at', 'bigint'],
  ['near_resolve_at', 'bigint'],
  ['first_responded_at', 'bigint'],
  ['resolved_at', 'bigint'],
  ['assigned_at', 'bigint'],
  ['frt_level', 'integer', 0], // 0 none, 1 near-breach announced, 2 breach announced
  ['res_level', 'integer', 0],
];

const OUTBOX_COLUMNS: [string, 'text' | 'bigint' | 'integer' | 'double precision', unknown?][] = [
  ['kind', 'text'],
  ['subject', 'text'],
  ['severity', 'double precision', 0],
  ['lease_until', 'bigint'],
  ['last_status', 'integer'],
  ['digest_id', 'text'],
];

export const m004Routing: Migration = {
  async up(db: Kysely<any>) {
    for (const [name, type, def] of QUEUE_COLUMNS) {
      await db.schema.alterTable('queue_items').addColumn(name, type, (c) => (def === undefined ? c : c.notNull().defaultTo(def))).execute();
    }
    for (const [name, type, def] of OUTBOX_COLUMNS) {
      await db.schema.alterTable('outbox').addColumn(name, type, (c) => (def === undefined ? c : c.notNull().defaultTo(def))).execute();
    }
    await db.schema.createIndex('queue_items_post_idx').on('queue_items').columns(['post_id']).execute();
    await db.schema.createIndex('queue_items_assignee_idx').on('queue_items').columns(['assignee', 'status']).execute();
    await db.schema.createIndex('outbox_subject_idx').on('outbox').columns(['channel', 'subject', 'status']).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropIndex('outbox_subject_idx').ifExists().execute();
    await db.schema.dropIndex('queue_items_assignee_idx').ifExists().execute();
    await db.schema.dropIndex('queue_items_post_idx').ifExists().execute();
    for (const [name] of [...OUTBOX_COLUMNS].reverse()) await db.schema.alterTable('outbox').dropColumn(name).execute();
    for (const [name] of [...QUEUE_COLUMNS].reverse()) await db.schema.alterTable('queue_items').dropColumn(name).execute();
  },
};
