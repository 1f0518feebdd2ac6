/**
 * Request and response schemas of the queue, case and reply routes (validation and the OpenAPI
 * document). Exact like the shapes in ../openapi/schemas.ts: a field added to a response without
 * its schema fails the live response check of the test suites.
 */
import { z } from 'zod';
import { PostSchema } from '../openapi/schemas.js';

const iso = z.string().describe('ISO 8601 time');
const isoOrNull = iso.nullable();
const clockState = z.enum(['met', 'met-late', 'breached', 'near-breach', 'running', 'none']);

export const QueueItem = z.object({
  id: z.string(),
  kind: z.enum(['revolt', 'post', 'case']).describe('revolt: a revolt’s case; post: one post that needs its own answer; case: posts split out of another case'),
  revoltId: z.string().nullable(),
  postId: z.string().nullable(),
  target: z.string(),
  title: z.string(),
  status: z.enum(['new', 'claimed', 'responded', 'resolved', 'dismissed', 'merged']),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']),
  severity: z.number(),
  team: z.string().nullable(),
  assignee: z.string().nullable(),
  route: z.string().nullable(),
  lang: z.string().nullable(),
  topic: z.string().nullable(),
  reasons: z.array(z.string()).describe('why a post has its own item: legal, regulator, safety, press, reach, complaint'),
  mergedInto: z.string().nullable(),
  needsApproval: z.boolean().describe('replies wait for a lead’s approval (the route’s `approval`)'),
  sla: z.object({
    state: z.enum(['closed', 'breached', 'near-breach', 'running']).describe('computed from the service clock at read time'),
    clock: z.enum(['firstResponse', 'resolution']).nullable().describe('the clock that runs now'),
    dueAt: isoOrNull.describe('when the running clock breaches'),
    nearAt: isoOrNull,
    firstResponse: z.object({ dueAt: isoOrNull, nearAt: isoOrNull, respondedAt: isoOrNull, state: clockState, overdue: z.boolean() }),
    resolution: z.object({ dueAt: isoOrNull, nearAt: isoOrNull, resolvedAt: isoOrNull, state: clockState }),
    pausesOutsideHours: z.boolean(),
    timezone: z.string().nullable(),
  }),
  assignedAt: isoOrNull,
  createdAt: iso,
  updatedAt: iso,
});

export const Reply = z.object({
  id: z.string().describe('also the idempotency key of every attempt'),
  itemId: z.string(),
  postId: z.string(),
  channel: z.enum(['mastodon', 'bluesky', 'reddit', 'helpdesk', 'demo']),
  text: z.string(),
  template: z.string().nullable(),
  status: z.enum(['awaiting_approval', 'pending', 'sent', 'dead', 'rejected', 'cancelled']),
  draftedBy: z.string(),
  decidedBy: z.string().nullable().describe('who approved or rejected it'),
  decidedAt: isoOrNull,
  note: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: isoOrNull,
  lastError: z.string().nullable(),
  lastStatus: z.number().int().nullable(),
  remoteId: z.string().nullable().describe('the id of the published reply on its network (or the helpdesk ticket)'),
  remoteUrl: z.string().nullable(),
  createdAt: iso,
  sentAt: isoOrNull,
});

const CasePost = PostSchema.extend({
  caseStatus: z.enum(['open', 'answered', 'resolved', 'dismissed']),
  reply: z.object({ status: z.string(), remoteUrl: z.string().nullable() }).nullable().describe('the latest reply to this post from this case'),
}).describe('newest first');

const Audit = z.object({ at: iso, actor: z.string(), action: z.string(), detail: z.record(z.string(), z.unknown()).nullable() });
const Template = z.object({ id: z.string(), lang: z.string(), kind: z.enum(['holding', 'one-to-one']), label: z.string(), text: z.string() });

export const QueueItemDetail = QueueItem.extend({
  posts: z.array(CasePost).describe(`the case's posts, newest first (at most 500)`),
  postCount: z.number().int(),
  postCounts: z.object({ open: z.number().int(), answered: z.number().int(), resolved: z.number().int(), dismissed: z.number().int() }),
  linkedItems: z.array(QueueItem).describe('posts of this revolt that have items of their own'),
  mergedItems: z.array(QueueItem),
  audit: z.array(Audit),
  notes: z.array(z.object({ at: iso, actor: z.string(), text: z.string() })),
  suggestedReply: z.object({ lang: z.string(), template: z.string(), text: z.string() }).nullable(),
  templates: z.array(Template).describe('holding statements first for revolts and cases; {author} is filled per post when sent'),
  replies: z.array(Reply),
  deliveries: z.array(z.object({ id: z.string(), channel: z.string(), kind: z.string().nullable(), status: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), deliveredAt: isoOrNull })),
});

const LIST = 'new, claimed, responded, resolved, dismissed, merged';
export const QueueQuery = z.object({
  status: z.string().regex(/^[a-z,]*$/).optional().describe(`open, all (default), or a comma-separated list of ${LIST}`),
  view: z.enum(['breached', 'near-breach', 'awaiting-approval', 'unassigned']).optional().describe('breached or near-breach SLA (open items), replies awaiting approval, nobody holds it'),
  team: z.string().max(64).optional(),
  assignee: z.string().max(80).optional(),
  kind: z.enum(['revolt', 'post', 'case']).optional(),
  target: z.string().max(64).optional(),
  priority: z.enum(['P1', 'P2', 'P3', 'P4']).optional(),
  topic: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200).describe('1-500'),
});

export const QueueList = z.object({
  items: z.array(QueueItem).describe('open work: the clock that runs out soonest first, then priority; closed work: most recently changed first'),
  counts: z.object({ open: z.number().int(), breached: z.number().int(), nearBreach: z.number().int(), awaitingApproval: z.number().int() }),
});

export const ActionBody = z
  .object({
    agent: z.string().trim().min(1).max(80).optional().describe('assign: the teammate (moves the item to their team)'),
    team: z.string().trim().min(1).max(64).optional().describe('assign: another team (the item goes back to new)'),
    text: z.string().max(10_000).optional().describe('respond: the reply you posted elsewhere; note: the note; resolve/dismiss/reopen: a reason'),
    note: z.string().max(10_000).optional().describe('alias of text (older clients)'),
    reason: z.string().max(10_000).optional().describe('alias of text (older clients)'),
  })
  .strict()
  .describe('optional: claim, resolve and dismiss need no body');

export const MergeBody = z.object({ into: z.string().min(1).max(128).describe('the case this item joins') }).strict();
export const SplitBody = z.object({ postIds: z.array(z.string().min(1).max(128)).min(1).max(500), title: z.string().trim().max(200).optional() }).strict();
export const PostsBody = z.object({ status: z.enum(['resolved', 'dismissed', 'open']), postIds: z.array(z.string().min(1).max(128)).max(5000).optional().describe('absent: every open post of the case') }).strict();
export const ReplyBody = z
  .object({
    text: z.string().trim().min(1).max(10_000).describe('placeholders such as {author} are filled per post'),
    postIds: z.array(z.string().min(1).max(128)).min(1).max(500).optional().describe('absent: the item’s post, or every open post of a case'),
    template: z.string().max(120).optional().describe('which template the text came from, for the audit trail'),
  })
  .strict();
export const DecisionBody = z.object({ text: z.string().max(2_000).optional().describe('a note: why it was rejected, for instance') }).strict();

export const Person = z.object({ id: z.string(), team: z.string().nullable(), lead: z.boolean(), capacity: z.number().int(), open: z.number().int(), breached: z.number().int() });
export const TeamList = z.object({
  teams: z.array(z.object({ id: z.string(), timezone: z.string(), hours: z.object({ days: z.array(z.string()), start: z.string(), end: z.string() }), leads: z.array(z.string()), people: z.array(Person), unclaimed: z.number().int(), open: z.number().int() })),
  others: z.array(Person).describe('people holding items who are on no team’s roster'),
});
