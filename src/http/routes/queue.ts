/**
 * The response desk over HTTP: the queue most urgent first, each item as a case (posts, replies,
 * audit trail), actions on it, merging and splitting cases, bulk post states, replies published to
 * the customer's network (with approval) and the team's load.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { actorOf, principalOf } from '../principal.js';
import { applyAction, QueueActionError, type QueueAction } from '../../routing/actions.js';
import { listQueueItems, slaCounts } from '../../routing/views.js';
import { getQueueItem } from '../../routing/detail.js';
import { CaseError, mergeCases, setPostsStatus, splitCase } from '../../routing/cases.js';
import { teamLoads } from '../../routing/team.js';
import { routingOf } from '../../routing/setup.js';
import { decideReply, draftReplies, ReplyError, type ReplyDecision } from '../../replies/draft.js';
import { replyView } from '../../routing/detail.js';
import type { QueueStatus } from '../../routing/queue.js';
import { describe, parseBody, parseOptionalBody, parseQuery } from '../openapi/registry.js';
import { getReplies, getReply, listReplies } from '../../store/queries/replies.js';
import { ActionBody, DecisionBody, MergeBody, PostsBody, QueueItemDetail, QueueList, QueueQuery, Reply, ReplyBody, SplitBody, TeamList } from './queue-schemas.js';

const STATUSES: QueueStatus[] = ['new', 'claimed', 'responded', 'resolved', 'dismissed', 'merged'];
const ACTIONS: QueueAction[] = ['claim', 'assign', 'respond', 'resolve', 'dismiss', 'reopen', 'note'];
const DECISIONS: ReplyDecision[] = ['approve', 'reject', 'cancel', 'resend'];
const MAX_BODY = 64 * 1024;

describe('GET', '/api/queue', { summary: 'Queue items, most urgent first (SLA due time, then priority), with counts per SLA state', tags: ['queue'], query: QueueQuery, response: QueueList, errors: [400] });
describe('GET', '/api/queue/:id', { summary: 'A queue item as a case: its posts (newest first, with their state), replies, linked and merged items, audit trail, notes, templates and deliveries', tags: ['queue'], response: QueueItemDetail, errors: [404] });
describe('POST', '/api/queue/:id/:action', {
  summary: 'Act on an item: claim, assign {agent} or {team}, respond {text} (answered elsewhere), resolve, dismiss, reopen {text?}, note {text}. 409 on a wrong transition, when someone else claimed it, or at capacity',
  description: 'action is one of claim, assign, respond, resolve, dismiss, reopen, note (another is 404; merge, split, posts and replies are their own operations). The answer is the item after the action.',
  tags: ['queue'],
  body: ActionBody,
  bodyOptional: true,
  response: QueueItemDetail,
  errors: [400, 404, 409, 413],
});
describe('POST', '/api/queue/:id/merge', { summary: 'Merge this item into another case: its posts, their states and its replies move there; this item becomes "merged"', tags: ['cases'], body: MergeBody, response: QueueItemDetail, errors: [404, 409] });
describe('POST', '/api/queue/:id/split', { summary: 'Split posts out of this case into a new case (one post: a post item) with the same team, priority and deadlines', tags: ['cases'], body: SplitBody, response: z.object({ item: QueueItemDetail, from: QueueItemDetail }), errors: [404, 409], status: 201 });
describe('POST', '/api/queue/:id/posts', { summary: 'Resolve, dismiss or reopen posts of a case in bulk (default: every open post)', tags: ['cases'], body: PostsBody, response: z.object({ changed: z.array(z.string()), item: QueueItemDetail }), errors: [404, 409] });
describe('POST', '/api/queue/:id/replies', { summary: 'Reply to the customer: one reply per post (the item’s post, the posts given, or every open post of a case), published on the post’s network or handed to the helpdesk; waits for approval where the route asks', tags: ['replies'], body: ReplyBody, response: z.object({ replies: z.array(Reply), skipped: z.array(z.object({ postId: z.string(), reason: z.string() })), item: QueueItemDetail }), errors: [404, 409, 422], status: 201 });
describe('POST', '/api/queue/:id/replies/:replyId/:decision', { summary: 'Decide on a reply: approve or reject (a lead of the item’s team or an admin, not its author), cancel (before it is sent), resend (a dead letter)', tags: ['replies'], body: DecisionBody, bodyOptional: true, response: Reply, errors: [400, 403, 404, 409, 415] });
describe('GET', '/api/replies', { summary: 'Replies by status (awaiting_approval, pending, sent, dead, rejected, cancelled), newest first', tags: ['replies'], query: z.object({ status: z.enum(['awaiting_approval', 'pending', 'sent', 'dead', 'rejected', 'cancelled']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }), response: z.object({ items: z.array(Reply) }), errors: [400] });
describe('GET', '/api/team', { summary: 'Teams with their hours and leads, each person’s open load against capacity, and unclaimed work', tags: ['queue'], response: TeamList });

async function readActionBody(c: Context): Promise<{ agent?: string; team?: string; text?: string }> {
  const len = Number(c.req.header('content-length') ?? 0);
  if (len > MAX_BODY) throw new HttpError(413, 'too_large', `body: expected at most ${MAX_BODY} bytes`);
  const raw = await c.req.text();
  if (raw.length > MAX_BODY) throw new HttpError(413, 'too_large', `body: expected at most ${MAX_BODY} bytes`);
  if (raw.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new HttpError(400, 'bad_request', 'body: expected JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'bad_request', 'body: expected a JSON object');
  const r = ActionBody.safeParse(body);
  if (!r.success) throw new HttpError(400, 'bad_request', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  const { note, reason, ...rest } = r.data; // older clients name the text note or reason
  return { ...rest, text: rest.text ?? note ?? reason };
}

function mapError(err: unknown): never {
  if (err instanceof QueueActionError || err instanceof CaseError || err instanceof ReplyError) {
    const status = err.code === 'not_found' ? 404 : err.code === 'bad_request' ? 400 : err.code === 'forbidden' ? 403 : err.code === 'unpublishable' ? 422 : 409;
    throw new HttpError(status as 400, err.code, err.message);
  }
  throw err;
}

/** `status`: none for every item, as this route always answered (the inbox asks for status=open). */
function statusesOf(status: string | undefined): QueueStatus[] | undefined {
  if (status === 'open') return ['new', 'claimed', 'responded'];
  if (!status || status === 'all') return undefined;
  const statuses = status.split(',').filter(Boolean) as QueueStatus[];
  if (!statuses.every((s) => STATUSES.includes(s))) throw new HttpError(400, 'bad_request', `status: expected open, all or a list of ${STATUSES.join(', ')}`);
  return statuses;
}

/** Drafting and deciding replies on a case, and the replies list. */
function replyRoutes(ctx: AppContext, api: Hono, detail: (id: string) => Promise<unknown>): void {
  api.post('/queue/:id/replies', async (c) => {
    const body = await parseBody(c, ReplyBody);
    const r = await draftReplies(ctx, c.req.param('id'), body, actorOf(c)).catch(mapError);
    const rows = await getReplies(ctx, r.replies);
    return c.json({ replies: rows.map(replyView), skipped: r.skipped, item: await detail(c.req.param('id')) }, 201);
  });
  api.post('/queue/:id/replies/:replyId/:decision', async (c) => {
    const decision = c.req.param('decision') as ReplyDecision;
    if (!DECISIONS.includes(decision)) throw new HttpError(404, 'not_found', `no decision ${decision} (decisions: ${DECISIONS.join(', ')})`);
    const body = await parseOptionalBody(c, DecisionBody);
    const p = principalOf(c);
    await decideReply(ctx, c.req.param('id'), c.req.param('replyId'), decision, { name: actorOf(c), role: p?.role ?? 'viewer' }, body.text).catch(mapError);
    const reply = await getReply(ctx, c.req.param('replyId'));
    if (!reply) throw new HttpError(404, 'not_found', 'no such reply');
    return c.json(replyView(reply));
  });
  api.get('/replies', async (c) => {
    const q = parseQuery(c, z.object({ status: z.enum(['awaiting_approval', 'pending', 'sent', 'dead', 'rejected', 'cancelled']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }));
    return c.json({ items: (await listReplies(ctx, q)).map(replyView) });
  });
}

export function queueRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  const detail = async (id: string) => {
    const item = await getQueueItem(ctx, id);
    if (!item) throw new HttpError(404, 'not_found', 'no such queue item');
    return item;
  };
  api.get('/queue', async (c) => {
    const q = parseQuery(c, QueueQuery);
    const items = await listQueueItems(ctx, {
      status: statusesOf(q.status),
      team: q.team,
      assignee: q.assignee,
      kind: q.kind,
      target: q.target,
      priority: q.priority,
      topic: q.topic,
      sla: q.view === 'breached' || q.view === 'near-breach' ? q.view : undefined,
      awaitingApproval: q.view === 'awaiting-approval',
      unassigned: q.view === 'unassigned',
      limit: q.limit,
    });
    return c.json({ items, counts: await slaCounts(ctx) });
  });
  api.get('/queue/:id', async (c) => c.json(await detail(c.req.param('id'))));
  api.post('/queue/:id/merge', async (c) => {
    const body = await parseBody(c, MergeBody);
    await mergeCases(ctx, c.req.param('id'), body.into, actorOf(c)).catch(mapError);
    return c.json(await detail(c.req.param('id')));
  });
  api.post('/queue/:id/split', async (c) => {
    const body = await parseBody(c, SplitBody);
    const id = await splitCase(ctx, c.req.param('id'), body.postIds, actorOf(c), body.title).catch(mapError);
    return c.json({ item: await detail(id), from: await detail(c.req.param('id')) }, 201);
  });
  api.post('/queue/:id/posts', async (c) => {
    const body = await parseBody(c, PostsBody);
    const { changed } = await setPostsStatus(ctx, c.req.param('id'), body.status, actorOf(c), body.postIds).catch(mapError);
    return c.json({ changed, item: await detail(c.req.param('id')) });
  });
  replyRoutes(ctx, api, detail);
  api.post('/queue/:id/:action', async (c) => {
    const action = c.req.param('action') as QueueAction;
    if (!ACTIONS.includes(action)) throw new HttpError(404, 'not_found', `no action ${action} (actions: ${ACTIONS.join(', ')}, merge, split, posts, replies)`);
    const body = await readActionBody(c);
    await applyAction(ctx, c.req.param('id'), action, { actor: actorOf(c), agent: body.agent, team: body.team, text: body.text }).catch(mapError);
    return c.json(await detail(c.req.param('id')));
  });
  api.get('/team', async (c) => c.json(await teamLoads(ctx, routingOf(ctx).rules)));
  return api;
}

