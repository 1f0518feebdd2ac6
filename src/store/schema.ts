/**
 * The kysely Database type: one interface per table. Portable column types only:
 * text, integer/bigint (epoch ms), double precision; JSON is stored as text and booleans as 0/1,
 * so the same rows work on SQLite, PostgreSQL and D1. Groups of tables live in schema/ and are
 * re-exported here, so callers import every table type from this file.
 */
import type { Generated } from 'kysely';
import type { ApiKeysTable, AuthThrottleTable, LabelFeedbackTable, SessionsTable, SigninLinksTable } from './schema/access.js';

export type { ApiKeysTable, AuthThrottleTable, LabelFeedbackTable, SessionsTable, SigninLinksTable } from './schema/access.js';

export interface TargetsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface SourcesTable {
  id: string;
  target_id: string;
  type: string;
  config: string; // JSON
  every_ms: number;
  enabled: number; // 0/1
  status: string; // 'idle' | 'ok' | 'failing' | 'backoff'
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  next_poll_at: number;
  cursor: string | null; // JSON, saved only after the posts it covers are stored
  etag: string | null;
  last_modified: string | null;
  posts_seen: number;
  failures: number;
  rate_limit: string | null; // JSON
  lease_owner: string | null;
  lease_until: number | null;
  updated_at: number;
  // 002-feeds
  last_poll_at: number | null;
  error_code: string | null;
}

export interface PostsTable {
  id: string;
  source_id: string;
  target_id: string;
  external_id: string;
  url: string | null;
  author_id: string;
  author_name: string | null;
  author_handle: string | null;
  author_followers: number | null;
  text: string;
  lang: string | null;
  published_at: number;
  fetched_at: number;
  metrics: string | null; // JSON
  raw: string | null; // JSON, pruned by retention
  duplicate_of: string | null;
  classified: number; // 0/1
  // 002-feeds: hash of the normalised text, to link reposts seen through other sources
  text_hash: string | null;
}

export interface ClassificationsTable {
  post_id: string;
  target_id: string;
  sentiment: string;
  sentiment_score: number;
  complaint: number; // 0/1
  complaint_score: number;
  topics: string; // JSON TopicHit[]
  escalation: string; // JSON EscalationHit[]
  explain: string | null; // JSON
  lang: string;
  model_version: string;
  published_at: number;
  classified_at: number;
  counted: Generated<number>; // 006-scale: 0/1, folded into daily_counts
}

export interface RevoltsTable {
  id: string;
  target_id: string;
  key: string;
  label: string;
  stage: string;
  severity: number;
  priority: string;
  opened_at: number;
  updated_at: number;
  resolved_at: number | null;
  explain: string; // JSON
  state: string | null; // JSON: detector state kept across restarts
}

export interface RevoltPostsTable {
  revolt_id: string;
  post_id: string;
  added_at: number;
}

export interface EventsTable {
  id: string;
  type: string;
  at: number;
  revolt_id: string | null;
  queue_item_id: string | null;
  payload: string; // JSON
}

export interface QueueItemsTable {
  id: string;
  kind: string; // 'revolt' | 'post'
  revolt_id: string | null;
  post_id: string | null;
  target_id: string;
  title: string;
  status: string; // new | claimed | responded | resolved | dismissed
  priority: string;
  team: string | null;
  assignee: string | null;
  due_first_response_at: number | null;
  due_resolve_at: number | null;
  created_at: number;
  updated_at: number;
  // 004-routing
  parent_revolt_id: string | null;
  route_id: string | null;
  lang: string | null;
  topic: string | null;
  severity: Generated<number>;
  reason: string | null; // JSON
  channels: string | null; // JSON string[] | null (null = every channel)
  escalation_channels: string | null; // JSON string[]
  sla: string | null; // JSON SlaSnapshot
  near_first_response_at: number | null;
  near_resolve_at: number | null;
  first_responded_at: number | null;
  resolved_at: number | null;
  assigned_at: number | null;
  frt_level: Generated<number>;
  res_level: Generated<number>;
  // 008-desk
  merged_into: string | null; // the case this item was merged into (status 'merged')
  needs_approval: Generated<number>; // 0/1: replies wait for a lead's approval (the route's `approval`)
}

// 008-desk
export interface CasePostsTable {
  item_id: string;
  post_id: string;
  status: string; // open | answered | resolved | dismissed | moved
  moved_to: string | null; // split: the case the post went to
  actor: string;
  updated_at: number;
}

export interface RepliesTable {
  id: string; // the idempotency key of every attempt
  item_id: string;
  post_id: string;
  channel: string; // mastodon | bluesky | reddit | helpdesk
  text: string;
  template: string | null;
  status: string; // awaiting_approval | pending | sent | dead | rejected | cancelled
  drafted_by: string;
  approved_by: string | null;
  decided_at: number | null;
  decision_note: string | null;
  attempts: number;
  next_attempt_at: number;
  lease_until: number | null;
  last_error: string | null;
  last_status: number | null;
  remote_id: string | null;
  remote_url: string | null;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface OutboxTable {
  id: string;
  event_id: string;
  channel: string;
  payload: string; // JSON
  status: string; // pending | delivered | dead
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  // 004-routing
  kind: string | null; // event type or 'digest'
  subject: string | null; // revolt or queue item the message is about (cool-down key)
  severity: Generated<number>;
  lease_until: number | null;
  last_status: number | null;
  digest_id: string | null;
  // 007-delivery-health
  failing_since: number | null; // when this message first could not be delivered (the horizon counts from it)
}

/** A channel whose destination is failing (no row while it answers). */
export interface NotifyDestinationsTable {
  channel: string;
  failing_since: number;
  failures: number;
  next_probe_at: number;
  last_error: string | null;
  last_status: number | null;
  updated_at: number;
}

export interface AuditLogTable {
  id: string;
  at: number;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  detail: string | null; // JSON
}

export interface KvTable {
  key: string;
  value: string;
  updated_at: number;
}

// 006-scale
export interface LeasesTable {
  name: string; // e.g. 'detect:<target>', 'poll:<source>'
  owner: string; // instance id
  until: number; // epoch ms: after this, anyone may take it over
  token: Generated<number>; // fencing token: +1 on every change of holder
  acquired_at: number;
  renewed_at: number;
}

export interface DailyCountsTable {
  day: string; // YYYY-MM-DD (UTC) of published_at
  target_id: string;
  topic: string; // '' = no topic
  sentiment: string;
  posts: number;
  complaints: number;
  updated_at: number;
}

export interface DB {
  targets: TargetsTable;
  sources: SourcesTable;
  posts: PostsTable;
  classifications: ClassificationsTable;
  revolts: RevoltsTable;
  revolt_posts: RevoltPostsTable;
  events: EventsTable;
  queue_items: QueueItemsTable;
  outbox: OutboxTable;
  notify_destinations: NotifyDestinationsTable;
  audit_log: AuditLogTable;
  kv: KvTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  signin_links: SigninLinksTable;
  auth_throttle: AuthThrottleTable;
  label_feedback: LabelFeedbackTable;
  leases: LeasesTable;
  daily_counts: DailyCountsTable;
  case_posts: CasePostsTable;
  replies: RepliesTable;
  source_count_deltas: SourceCountDeltasTable;
  detect_shards: DetectShardsTable;
}

/** A detection shard's cursor (highest classified_at it has fed) and its last holder (issue 15). */
export interface DetectShardsTable {
  id: string;
  cursor_at: number;
  owner: string | null;
  updated_at: number;
}

/** Posts stored per source, not yet added to sources.posts_seen (folded every second; insert-only, so concurrent writers never wait on the source's row). */
export interface SourceCountDeltasTable {
  id: string;
  source_id: string;
  n: number;
}

// Generated is re-exported for later tables with database-side defaults.
export type { Generated };
