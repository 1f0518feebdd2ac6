/** The response queue over HTTP: list and read items (posts, audit trail, suggested reply) and act on them. */
import { Hono, type Context } from 'hono';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../principal.js';
import { applyAction, QueueActionError, type QueueAction } from '../../routing/actions.js';
import { getQueueItem, listQueueItems } from '../../routing/views.js';
import type { QueueStatus } from '../../routing/queue.js';
import { z } from 'zod';
import { describe } from '../openapi/registry.js';
import { QueueActionBodySchema, QueueItemDetailSchema, QueueItemSchema } from '../openapi/schemas.js';

const QueueQuery = z.object({
  status: z.string().optional().describe('open, all, or a comma-separated list of new, claimed, responded, resolved, dismissed (default all)'),
  team: z.string().optional(),
  assignee: z.string().optional(),
  kind: z.enum(['revolt', 'post']).optional(),
  target: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200).describe('1-500'),
});
describe('GET', '/api/queue', { summary: 'Queue items, most urgent first: status (open, all or a list), team, assignee, kind, target, limit', tags: ['queue'], query: QueueQuery, response: z.object({ items: z.array(QueueItemSchema) }), errors: [400] });
describe('GET', '/api/queue/:id', { summary: 'A queue item with its posts, linked items, audit trail, notes, suggested reply and deliveries', tags: ['queue'], response: QueueItemDetailSchema, errors: [404] });
describe('POST', '/api/queue/:id/:action', {
  summary: 'Act on an item: claim, assign {agent}, respond {text}, resolve, dismiss, reopen {text?}, note {text}. 409 on a wrong transition or at capacity',
  description: 'action is one of claim, assign, respond, resolve, dismiss, reopen, note (another is 404). The answer is the item after the action.',
  tags: ['queue'],
  body: QueueActionBodySchema,
  bodyOptional: true,
  response: QueueItemDetailSchema,
  errors: [400, 404, 409, 413],
});

const STATUSES: QueueStatus[] = ['new', 'claimed', 'responded', 'resolved', 'dismissed'];
const ACTIONS: QueueAction[] = ['claim', 'assign', 'respond', 'resolve', 'dismiss', 'reopen', 'note'];
const MAX_BODY = 64 * 1024;

async function readBody(c: Context): Promise<{ agent?: string; text?: string }> {
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
  const b = body as Record<string, unknown>;
  for (const k of ['agent', 'text']) if (b[k] !== undefined && typeof b[k] !== 'string') throw new HttpError(400, 'bad_request', `${k}: expected a string`);
  return { agent: b.agent as string | undefined, text: (b.text ?? b.note ?? b.reason) as string | undefined };
}

export function queueRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/queue', async (c) => {
    const status = c.req.query('status');
    let statuses: QueueStatus[] | undefined;
    if (status === 'open') statuses = ['new', 'claimed', 'responded'];
    else if (status && status !== 'all') {
      statuses = status.split(',') as QueueStatus[];
      if (!statuses.every((s) => STATUSES.includes(s))) throw new HttpError(400, 'bad_request', `status: expected open, all or a list of ${STATUSES.join(', ')}`);
    }
    const kind = c.req.query('kind');
    if (kind && kind !== 'revolt' && kind !== 'post') throw new HttpError(400, 'bad_request', 'kind: expected revolt or post');
    const limit = Number(c.req.query('limit') ?? 200);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, 'bad_request', 'limit: expected an integer 1-500');
    return c.json({ items: await listQueueItems(ctx, { status: statuses, team: c.req.query('team'), assignee: c.req.query('assignee'), kind: kind as 'revolt' | 'post' | undefined, target: c.req.query('target'), limit }) });
  });
  api.get('/queue/:id', async (c) => {
    const item = await getQueueItem(ctx, c.req.param('id'));
    if (!item) throw new HttpError(404, 'not_found', 'no such queue item');
    return c.json(item);
  });
  api.post('/queue/:id/:action', async (c) => {
    const action = c.req.param('action') as QueueAction;
    if (!ACTIONS.includes(action)) throw new HttpError(404, 'not_found', `no action ${action} (actions: ${ACTIONS.join(', ')})`);
    const actor = actorOf(c);
    const body = await readBody(c);
    try {
      await applyAction(ctx, c.req.param('id'), action, { actor, agent: body.agent, text: body.text });
    } catch (err) {
      if (err instanceof QueueActionError) throw new HttpError(err.code === 'not_found' ? 404 : err.code === 'bad_request' ? 400 : 409, err.code, err.message);
      throw err;
    }
    return c.json(await getQueueItem(ctx, c.req.param('id')));
  });
  return api;
}
