/**
 * The shapes the API answers with, as zod schemas: the OpenAPI document describes every response
 * from them, and a test checks every live response of the test suites against the document. Objects
 * are exact (a field added to a response without its schema fails that test); free-form parts
 * (explanations, payloads, settings) are marked as such.
 */
import { z } from 'zod';

const iso = z.string().describe('ISO 8601 time');
const free = z.record(z.string(), z.unknown());

export const PostSchema = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  url: z.string().nullable(),
  author: z.object({ id: z.string(), name: z.string().nullable(), handle: z.string().nullable(), followers: z.number().nullable() }),
  text: z.string(),
  lang: z.string().nullable(),
  publishedAt: iso,
  classification: z
    .object({
      sentiment: z.object({ label: z.string(), score: z.number() }),
      complaint: z.object({ is: z.boolean(), score: z.number() }),
      topics: z.array(z.object({ id: z.string(), score: z.number(), pillar: z.string().optional(), touchpoint: z.string().optional() })),
      escalation: z.array(z.object({ id: z.string(), cue: z.string().optional() })),
      lang: z.string(),
      model: z.string(),
      explain: free.nullable().optional().describe('GET /api/posts/{id} only: what decided the verdict'),
    })
    .nullable(),
});

const STAGES = ['emerging', 'escalating', 'peaking', 'subsiding', 'resolved'] as const;
const revoltFields = {
  id: z.string(),
  target: z.string(),
  key: z.string(),
  label: z.string(),
  stage: z.enum(STAGES),
  severity: z.number(),
  priority: z.string(),
  openedAt: z.number().describe('epoch ms'),
  updatedAt: z.number().describe('epoch ms'),
  resolvedAt: z.number().nullable().optional(),
  explain: free.describe("the detector's explanation"),
  postIds: z.array(z.string()),
};
export const RevoltSchema = z.object({ ...revoltFields, members: z.number() });

export const QueueSummarySchema = z.object({
  id: z.string(),
  kind: z.string(),
  revoltId: z.string().nullable(),
  postId: z.string().nullable(),
  target: z.string(),
  title: z.string(),
  status: z.string(),
  priority: z.string(),
  severity: z.number(),
  topic: z.string().nullable(),
  lang: z.string().nullable(),
  team: z.string().nullable(),
  assignee: z.string().nullable(),
  dueFirstResponseAt: iso.nullable(),
  dueResolveAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const RevoltDetailSchema = z.object({
  ...revoltFields,
  posts: z.array(PostSchema),
  insight: z.object({
    timeline: z.array(z.object({ at: z.number(), volume: z.number(), expected: z.number().nullable(), negativity: z.number(), reach: z.number() })),
    bucketMs: z.number(),
    sources: z.array(z.string()),
    pillar: z.string().nullable(),
    topPosts: z.array(z.object({ id: z.string(), text: z.string(), author: z.string(), followers: z.number(), url: z.string().nullable() })),
    why: z.string(),
  }),
  queueItem: QueueSummarySchema.nullable(),
});

export const PostDetailSchema = PostSchema.extend({
  labels: z.array(z.object({ id: z.string(), sentiment: z.string().nullable(), complaint: z.boolean().nullable(), topic: z.string().nullable(), actor: z.string(), at: iso })),
});

const slaClock = { dueAt: iso.nullable(), nearAt: iso.nullable(), state: z.string() };
export const QueueItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  revoltId: z.string().nullable(),
  postId: z.string().nullable(),
  target: z.string(),
  title: z.string(),
  status: z.string(),
  priority: z.string(),
  severity: z.number(),
  team: z.string().nullable(),
  assignee: z.string().nullable(),
  route: z.string().nullable(),
  lang: z.string().nullable(),
  topic: z.string().nullable(),
  reasons: z.array(z.string()),
  sla: z.object({
    firstResponse: z.object({ ...slaClock, respondedAt: iso.nullable(), overdue: z.boolean() }),
    resolution: z.object({ ...slaClock, resolvedAt: iso.nullable() }),
    pausesOutsideHours: z.boolean(),
    timezone: z.string().nullable(),
  }),
  assignedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
});

export const QueueItemDetailSchema = QueueItemSchema.extend({
  posts: z.array(PostSchema),
  linkedItems: z.array(QueueItemSchema),
  audit: z.array(z.object({ at: iso, actor: z.string(), action: z.string(), detail: free.nullable() })),
  notes: z.array(z.object({ at: iso, actor: z.string(), text: z.string() })),
  suggestedReply: z.object({ lang: z.string(), template: z.string(), text: z.string() }).nullable(),
  deliveries: z.array(z.object({ id: z.string(), channel: z.string(), kind: z.string().nullable(), status: z.string(), attempts: z.number(), lastError: z.string().nullable(), deliveredAt: iso.nullable() })),
});

export const DeliverySchema = z.object({
  id: z.string(),
  eventId: z.string(),
  channel: z.string(),
  kind: z.string().nullable(),
  subject: z.string().nullable(),
  severity: z.number(),
  status: z.enum(['pending', 'delivered', 'dead', 'held', 'digested', 'superseded']),
  attempts: z.number(),
  nextAttemptAt: iso.nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  digest: z.string().nullable(),
  createdAt: iso,
  deliveredAt: iso.nullable(),
});

export const DestinationSchema = z.object({
  channel: z.string(),
  failingSince: iso,
  probes: z.number(),
  nextProbeAt: iso,
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  waiting: z.number().describe('messages waiting for it'),
});

export const SourceSchema = z.object({
  id: z.string(),
  target: z.string(),
  type: z.string(),
  enabled: z.boolean(),
  everySeconds: z.number(),
  status: z.string().describe('idle, ok, backoff, failing or disabled'),
  lastPollAt: iso.nullable(),
  lastSuccessAt: iso.nullable(),
  lastError: z.object({ code: z.string().nullable(), reason: z.string(), at: iso.nullable() }).nullable(),
  failures: z.number(),
  nextPollAt: iso.nullable(),
  postsSeen: z.number(),
  rateLimit: free.nullable(),
  polling: z.boolean(),
  config: free.nullable().describe('the source settings; secrets masked as *** unless an admin asks with reveal=true'),
});

/** PUT /api/sources/{id}: the source's keys as in the config file (checked by the type's own schema: 422). */
export const SourceBodySchema = z
  .looseObject({
    target: z.string().optional().describe('required to add a source; a change may leave it out'),
    type: z.string().describe('rss, jsonfeed, json, push, mastodon, bluesky, reddit, appstore or hackernews'),
    every: z.union([z.string(), z.number()]).optional(),
    enabled: z.boolean().optional(),
  })
  .describe('plus the keys of the source type (docs/feeds.md); masked "***" values keep what is stored');

export const QueueActionBodySchema = z
  .object({
    agent: z.string().optional().describe('assign: who gets the item'),
    text: z.string().optional().describe('respond, note, reopen: the text'),
    note: z.string().optional().describe('alias of text'),
    reason: z.string().optional().describe('alias of text'),
  })
  .describe('optional: claim, resolve and dismiss need no body');

export const PushBodySchema = z
  .union([z.object({ items: z.array(free) }), z.array(free), free])
  .describe('{"items": [...]}, a bare array, or one item; each item {id, text, url?, author?, publishedAt?, lang?, metrics?} (docs/feeds.md); at most 1,000 items and 10 MiB');

export const PushResultSchema = z.object({
  received: z.number(),
  new: z.number(),
  duplicates: z.number(),
  rejected: z.array(z.object({ index: z.number(), error: z.string() })),
});

export const OverviewSchema = z.object({
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  targets: z.array(
    z.object({
      target: z.string(),
      posts: z.number(),
      negative: z.number(),
      positive: z.number(),
      complaintShare: z.number(),
      promoterIndex: z.number(),
      trend: z.array(z.object({ at: z.number(), negative: z.number(), neutral: z.number(), positive: z.number(), complaints: z.number() })),
    }),
  ),
  pillars: z.array(z.object({ id: z.string(), complaints: z.number() })),
  touchpoints: z.array(z.object({ id: z.string(), complaints: z.number() })),
  truncated: z.boolean(),
});

export const MetricsSchema = z.object({
  posts: z.number(),
  classified: z.number(),
  openRevolts: z.number(),
  openQueueItems: z.number(),
  deliveries: z.record(z.string(), z.number()).describe('outbox rows by status'),
  labelCorrections: z.number(),
});

export const VerdictSchema = z.looseObject({
  lang: z.string(),
  sentiment: z.looseObject({ label: z.string(), score: z.number() }),
  complaint: z.object({ is: z.boolean(), score: z.number() }),
  topics: z.array(free),
  escalation: z.array(free),
  explain: free.optional(),
});
