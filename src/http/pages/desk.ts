/** The desk's pages: the inbox, one case, the team, a revolt, and "why this post". */
import { Hono, type Context } from 'hono';
import type { AppContext } from '../../context.js';
import type { Principal } from '../principal.js';
import { HttpError } from '../errors.js';
import { getRevolt, listPosts } from '../queries.js';
import { revoltInsight } from '../timeline.js';
import { whyPost } from '../why-post.js';
import { knownTopics } from '../topics.js';
import { listQueueItems, slaCounts, itemView } from '../../routing/views.js';
import { getQueueItem } from '../../routing/detail.js';
import { casePosts } from '../../routing/cases.js';
import { teamLoads } from '../../routing/team.js';
import { routingOf } from '../../routing/setup.js';
import { mayApprove } from '../../replies/draft.js';
import type { QueueStatus } from '../../routing/queue.js';
import { inboxPage, VIEWS, type InboxFilters, type InboxRow } from './inbox.js';
import { casePage } from './case.js';
import { teamPage } from './team.js';
import { postPage } from './post.js';
import { revoltPage } from './revolt.js';
import { listTargetIds } from '../../store/queries/targets.js';
import { labelsOfPost } from '../../store/queries/labels.js';
import { caseRowOfRevolt } from '../../store/queries/queue-items.js';

export interface DeskPageOptions {
  gate: (c: Context) => Promise<Principal | null>;
  toSignin: (c: Context) => Response;
  banner: () => string | undefined;
  clock: () => { now: number; speed: number };
}

const OPEN: QueueStatus[] = ['new', 'claimed', 'responded'];
const clip = (s: string, n: number) => ([...s].length > n ? [...s].slice(0, n - 1).join('') + '…' : s);

/** The /api/queue query that lists what the inbox shows for these filters (desk.js refreshes with it). */
export function inboxQuery(f: InboxFilters, me: string | null): URLSearchParams {
  const q = new URLSearchParams();
  q.set('status', f.view === 'closed' ? 'resolved,dismissed' : 'open');
  if (['breached', 'near-breach', 'awaiting-approval', 'unassigned'].includes(f.view)) q.set('view', f.view);
  const assignee = f.view === 'mine' ? (me ?? '') : f.assignee;
  for (const [k, v] of Object.entries({ target: f.target, team: f.team, priority: f.priority, topic: f.topic, assignee })) if (v) q.set(k, v);
  q.set('limit', '200');
  return q;
}

/** The inbox's rows: each case with its post's excerpt and, for revolts and merged cases, its open/total post counts. */
async function inboxRows(ctx: AppContext, items: Awaited<ReturnType<typeof listQueueItems>>): Promise<InboxRow[]> {
  const postIds = items.map((i) => i.postId).filter((x): x is string => Boolean(x));
  const posts = new Map((await listPosts(ctx, { ids: postIds, limit: postIds.length || 1 })).map((p) => [p.id, p]));
  const rows: InboxRow[] = [];
  for (const item of items) {
    let counts: InboxRow['posts'] = null;
    if (item.kind !== 'post') {
      const m = await casePosts(ctx, { id: item.id, kind: item.kind, revolt_id: item.kind === 'revolt' ? item.revoltId : null, post_id: item.postId });
      counts = { total: m.size, open: [...m.values()].filter((s) => s === 'open').length };
    }
    const post = item.postId ? posts.get(item.postId) : undefined;
    rows.push({ item, excerpt: post ? clip(post.text, 280) : null, posts: counts });
  }
  return rows;
}

export function deskPages(ctx: AppContext, o: DeskPageOptions): Hono {
  const app = new Hono();

  app.get('/inbox', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const q = c.req.query();
    const view = VIEWS.some(([id]) => id === q.view) ? q.view! : 'open';
    const f: InboxFilters = { view, target: q.target ?? '', team: q.team ?? '', priority: /^P[1-4]$/.test(q.priority ?? '') ? q.priority! : '', topic: q.topic ?? '', assignee: q.assignee ?? '' };
    const query = inboxQuery(f, principal.name);
    const items = await listQueueItems(ctx, {
      status: view === 'closed' ? ['resolved', 'dismissed'] : OPEN,
      sla: view === 'breached' || view === 'near-breach' ? view : undefined,
      awaitingApproval: view === 'awaiting-approval',
      unassigned: view === 'unassigned',
      assignee: query.get('assignee') || undefined,
      target: f.target || undefined,
      team: f.team || undefined,
      priority: f.priority || undefined,
      topic: f.topic || undefined,
      limit: 200,
    });
    const rows = await inboxRows(ctx, items);
    return c.html(inboxPage({ rows, counts: await slaCounts(ctx), filters: f, query: query.toString(), targets: await listTargetIds(ctx), teams: routingOf(ctx).rules.teams.map((t) => t.id), principal, banner: o.banner(), clock: o.clock() }));
  });

  app.get('/cases/:id', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const item = await getQueueItem(ctx, c.req.param('id'));
    if (!item) throw new HttpError(404, 'not_found', 'no such case');
    const rules = routingOf(ctx).rules;
    const mergeTargets = (await listQueueItems(ctx, { status: OPEN, limit: 100 })).filter((x) => x.id !== item.id).map((x) => ({ id: x.id, title: x.title, priority: x.priority }));
    return c.html(casePage({ item, teams: await teamLoads(ctx, rules), mergeTargets, canApprove: mayApprove(ctx, item.team, principal), principal, banner: o.banner(), clock: o.clock() }));
  });

  app.get('/team', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const t = await teamLoads(ctx, routingOf(ctx).rules);
    return c.html(teamPage({ ...t, principal, banner: o.banner() }));
  });

  app.get('/posts/:id', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const [post] = await listPosts(ctx, { ids: [c.req.param('id')], limit: 1, explain: true });
    if (!post) throw new HttpError(404, 'not_found', 'no such post');
    const labels = await labelsOfPost(ctx, post.id);
    return c.html(postPage({ why: await whyPost(ctx, post), labels: labels.map((l) => ({ sentiment: l.sentiment, complaint: l.complaint === null ? null : l.complaint === 1, topic: l.topic, actor: l.actor, at: new Date(l.at).toISOString() })), topics: knownTopics(ctx), principal, banner: o.banner() }));
  });

  app.get('/revolts/:id', async (c) => {
    const principal = await o.gate(c);
    if (!principal) return o.toSignin(c);
    const revolt = await getRevolt(ctx, c.req.param('id'));
    if (!revolt) throw new HttpError(404, 'not_found', 'no such revolt');
    // a revolt whose case was merged shows the case it lives in now
    const caseRow = await caseRowOfRevolt(ctx, revolt.id);
    const item = caseRow ? itemView(caseRow, ctx.clock.now()) : null;
    return c.html(revoltPage({ revolt, insight: await revoltInsight(ctx, revolt), item, principal, banner: o.banner(), clock: o.clock() }));
  });
  return app;
}
