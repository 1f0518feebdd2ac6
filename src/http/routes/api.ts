import { Hono } from 'hono';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { listPosts, listQueue, listRevolts, getRevolt } from '../queries.js';

export function apiRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.get('/revolts', async (c) => {
    const status = c.req.query('status');
    if (status && !['open', 'resolved', 'all'].includes(status)) throw new HttpError(400, 'bad_request', 'status: expected open, resolved or all');
    return c.json({ items: await listRevolts(ctx, { status: (status as 'open' | 'resolved' | 'all') ?? 'all', target: c.req.query('target') }) });
  });
  api.get('/revolts/:id', async (c) => {
    const r = await getRevolt(ctx, c.req.param('id'));
    if (!r) throw new HttpError(404, 'not_found', 'no such revolt');
    return c.json(r);
  });
  api.get('/posts', async (c) => {
    const limit = Number(c.req.query('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, 'bad_request', 'limit: expected an integer 1-500');
    return c.json({ items: await listPosts(ctx, { limit, target: c.req.query('target') }) });
  });
  api.get('/queue', async (c) => c.json({ items: await listQueue(ctx) }));
  return api;
}
