/**
 * The shapes the API answers with, as zod schemas: the OpenAPI document describes every response
 * from them, and a test checks every live response of the test suites against the document. Objects
 * are exact (a field added to a response without its schema fails that test); free-form parts
 * (explanations, payloads, settings) are marked as such. The queue's, cases' and replies' shapes
 * are beside their routes, in ../routes/queue-schemas.ts.
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
      explain: free.nullable().optional().describe('GET /api/posts/{id} and /why only: what decided the verdict'),
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
    timeline: z.array(
      z.object({
        at: z.number(),
        volume: z.number(),
        expected: z.number().nullable(),
        low: z.number().nullable().describe('the expected range: expected ± 2√expected, floored at 0'),
        high: z.number().nullable(),
        negativity: z.number(),
        reach: z.number(),
      }),
    ),
    bucketMs: z.number(),
    sources: z.array(z.string()),
    pillar: z.string().nullable(),
    topPosts: z.array(z.object({ id: z.string(), text: z.string(), author: z.string(), followers: z.number(), url: z.string().nullable() })),
    why: z.string(),
    answers: z.array(z.object({ at: z.number().describe('epoch ms'), label: z.string() })).describe('when the team answered: replies sent from its case, and the case marked responded'),
  }),
  queueItem: QueueSummarySchema.nullable(),
});

export const PostDetailSchema = PostSchema.extend({
  labels: z.array(z.object({ id: z.string(), sentiment: z.string().nullable(), complaint: z.boolean().nullable(), topic: z.string().nullable(), actor: z.string(), at: iso })),
});

const Feature = z.object({ feature: z.string(), reads: z.string().describe('the feature in words'), weight: z.number() });
/** GET /api/posts/{id}/why: the classification and the routing decision in sentences and tables. */
export const WhyPostSchema = z.object({
  post: PostSchema,
  summary: z.array(z.string()).describe('the decision in sentences'),
  sentiment: z.object({ label: z.string(), score: z.number(), probabilities: z.record(z.string(), z.number()).nullable(), how: z.string().nullable(), lexicon: z.array(z.object({ text: z.string(), base: z.number(), weight: z.number() })), features: z.array(Feature) }).nullable(),
  complaint: z.object({ is: z.boolean(), score: z.number(), threshold: z.number().nullable(), how: z.string().nullable(), cues: z.array(z.object({ id: z.string(), phrase: z.string(), weight: z.number() })) }).nullable(),
  topics: z.array(z.object({ id: z.string(), label: z.string().nullable(), score: z.number(), pillar: z.string().nullable(), touchpoint: z.string().nullable(), cues: z.array(z.string()) })),
  topicModel: z.object({ best: z.string(), probability: z.number(), features: z.array(Feature) }).nullable(),
  escalation: z.array(z.object({ id: z.string(), cue: z.string().nullable() })),
  routing: z.object({ ownItem: z.boolean(), reasons: z.array(z.string()), sentences: z.array(z.string()), item: z.object({ id: z.string(), status: z.string(), title: z.string() }).nullable(), case: z.object({ id: z.string(), title: z.string(), status: z.string() }).nullable() }),
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
