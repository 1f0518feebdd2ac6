/**
 * Label corrections: an agent says what a post really is (sentiment, complaint, topic). Each one is
 * a row in label_feedback, which `backlash train --with-feedback` reads; the stored classification
 * is left as the model made it, so evaluations stay honest.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { HttpError } from '../errors.js';
import { actorOf } from '../principal.js';
import { newId } from '../../util/ids.js';
import { writeAudit } from '../../store/audit.js';
import { describe, parseBody } from '../openapi/registry.js';
import { addLabel } from '../../store/queries/labels.js';
import { postText } from '../../store/queries/posts.js';
import { knownTopics } from '../topics.js';

export const LabelBody = z
  .object({
    sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
    complaint: z.boolean().optional(),
    topic: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'expected a topic id').nullable().optional().describe('null: the post has no topic'),
  })
  .strict()
  .refine((b) => b.sentiment !== undefined || b.complaint !== undefined || b.topic !== undefined, { message: 'give at least one of sentiment, complaint, topic' });

const Label = z.object({ id: z.string(), postId: z.string(), sentiment: z.string().nullable(), complaint: z.boolean().nullable(), topic: z.string().nullable(), actor: z.string(), at: z.string() });

describe('POST', '/api/posts/:id/labels', { summary: 'Record a label correction for a post (agent): sentiment, complaint yes/no, and a topic the rules know (GET /api/topics) or null', tags: ['posts'], body: LabelBody, response: Label, errors: [400, 404, 415], status: 201 });
describe('GET', '/api/topics', { summary: 'The topics the rules know (rules/topics.yaml), with their pillar, touchpoint and IBM CEM factor: the choices for a relabel', tags: ['posts'], response: z.object({ items: z.array(z.object({ id: z.string(), label: z.string(), pillar: z.string(), touchpoint: z.string(), factor: z.object({ kind: z.enum(['operational', 'emotional']), name: z.string() }).nullable() })) }) });

export function labelRoutes(ctx: AppContext): Hono {
  const api = new Hono();
  api.post('/posts/:id/labels', async (c) => {
    const body = await parseBody(c, LabelBody);
    const known = knownTopics(ctx);
    if (known && typeof body.topic === 'string' && !known.some((t) => t.id === body.topic)) throw new HttpError(400, 'bad_request', `topic: unknown topic "${body.topic}" (GET /api/topics lists the ${known.length} known topics)`);
    const post = await postText(ctx, c.req.param('id'));
    if (!post) throw new HttpError(404, 'not_found', 'no such post');
    const at = ctx.clock.now();
    const actor = actorOf(c);
    const row = { id: newId('l_'), post_id: post.id, text: post.text, lang: post.lang, sentiment: body.sentiment ?? null, complaint: body.complaint === undefined ? null : body.complaint ? 1 : 0, topic: body.topic === undefined ? null : (body.topic ?? 'none'), actor, at };
    await addLabel(ctx, row);
    await writeAudit(ctx, { at, actor, action: 'post.relabelled', entityType: 'post', entityId: post.id, detail: { sentiment: row.sentiment, complaint: body.complaint ?? null, topic: row.topic } });
    ctx.bus.publish({ topic: 'post', id: post.id, type: 'post.relabelled', at });
    return c.json({ id: row.id, postId: post.id, sentiment: row.sentiment, complaint: body.complaint ?? null, topic: row.topic, actor, at: new Date(at).toISOString() }, 201);
  });
  api.get('/topics', (c) => c.json({ items: knownTopics(ctx) ?? [] }));
  return api;
}
