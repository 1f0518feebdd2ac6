/**
 * Single posts that must be answered on their own: a legal threat, a safety issue, the press, an
 * author above the reach threshold get an item as soon as they are classified. A complaint with no
 * other reason waits (singlePosts.complaintWait) to see whether a revolt takes it: then it is
 * answered in the revolt's case, and only a lone complaint gets an item of its own (lone.ts). An
 * item is linked to its revolt when the post belongs to one, and announced only when its route
 * names channels and no open revolt covers it (a revolt is announced once, never post by post).
 */
import type { AppContext } from '../context.js';
import type { Post, Priority, Verdict } from '../types.js';
import { stableId } from '../util/ids.js';
import { writeAudit, writeAudits, type AuditEntry } from '../store/audit.js';
import type { Insertable } from 'kysely';
import type { DB } from '../store/schema.js';
import { morePressing, routeItem, type RouteFacts } from './route.js';
import { routingOf } from './setup.js';
import { SEVERITY_OF_PRIORITY, slaSnapshot, slaTimes } from './queue.js';
import type { RoutingRules } from './rules.js';
import { channelsFor, enqueueNotice, itemLink } from '../notify/outbox.js';
import { postNotice } from '../notify/message.js';

export interface PostTrigger {
  reasons: string[]; // e.g. ['legal', 'reach']
  priority: Priority;
}

/** Pure: why this post needs its own answer, or null. */
export function postTriggers(rules: RoutingRules, post: Pick<Post, 'author'>, verdict: Verdict): PostTrigger | null {
  const sp = rules.singlePosts;
  const negative = verdict.sentiment.label === 'negative' || verdict.complaint.is;
  const reasons: string[] = [];
  for (const e of verdict.escalation) if (sp.escalation.includes(e.id) && !reasons.includes(e.id)) reasons.push(e.id);
  if (negative && sp.reachThreshold > 0 && (post.author.followers ?? 0) >= sp.reachThreshold) reasons.push('reach');
  if (verdict.complaint.is && verdict.sentiment.label === 'negative' && verdict.complaint.score >= sp.complaintScore) reasons.push('complaint');
  if (reasons.length === 0) return null;
  const priority = reasons.map((r) => (sp.priorities[r] ?? 'P3') as Priority).reduce(morePressing);
  return { reasons, priority };
}

/** Complaint-only triggers wait for the lone-complaint tick; every other reason is queued at once. */
export function queuesAtOnce(trig: PostTrigger | null): trig is PostTrigger {
  return trig !== null && trig.reasons.some((r) => r !== 'complaint');
}

/** What queueing one flagged post writes: the queue item row, and what follows once it is created. */
export interface PostItemPlan {
  id: string;
  row: Insertable<DB['queue_items']>;
  post: Post;
  trig: PostTrigger;
  decision: ReturnType<typeof routeItem>;
  severity: number;
  who: string;
  revolt: { id: string; stage: string } | undefined;
}

/** `slaStart`: when the SLA clocks start (default now; a lone complaint's start when it was classified). */
export function planPostItem(ctx: AppContext, post: Post, verdict: Verdict, revolt: { id: string; stage: string } | undefined, trigger?: PostTrigger, slaStart?: number): PostItemPlan | null {
  if (post.duplicateOf) return null;
  const { rules } = routingOf(ctx);
  const trig = trigger ?? postTriggers(rules, post, verdict);
  if (!trig) return null;
  const now = ctx.clock.now();
  const severity = SEVERITY_OF_PRIORITY[trig.priority];
  const facts: RouteFacts = {
    kind: 'post',
    target: post.target,
    topics: verdict.topics.map((t) => t.id),
    pillars: verdict.topics.map((t) => t.pillar).filter((x): x is string => Boolean(x)),
    touchpoints: verdict.topics.map((t) => t.touchpoint).filter((x): x is string => Boolean(x)),
    language: verdict.lang,
    sources: [post.source],
    escalation: verdict.escalation.map((e) => e.id),
    severity,
    priority: trig.priority,
  };
  const d = routeItem(rules, facts, now);
  const sla = slaSnapshot(d);
  const id = 'q_' + stableId(`post|${post.id}`);
  const who = post.author.handle ? `@${post.author.handle.replace(/^@+/, '')}` : (post.author.name ?? post.author.id);
  const row = {
    id,
    kind: 'post',
    revolt_id: null,
    post_id: post.id,
    target_id: post.target,
    title: `${trig.reasons.join(', ')}: ${who}`.slice(0, 200),
    status: 'new',
    priority: d.priority,
    team: d.team.id,
    assignee: null,
    ...slaTimes(sla, Math.min(now, slaStart ?? now)),
    created_at: now,
    updated_at: now,
    parent_revolt_id: revolt?.id ?? null,
    route_id: d.routeId,
    lang: verdict.lang,
    topic: verdict.topics[0]?.id ?? null,
    severity,
    reason: JSON.stringify(trig.reasons),
    channels: d.channels ? JSON.stringify(d.channels) : null,
    escalation_channels: JSON.stringify(d.escalationChannels),
    sla: JSON.stringify(sla),
    needs_approval: d.approval ? 1 : 0,
  };
  return { id, row, post, trig, decision: d, severity, who, revolt };
}

export function auditOf(plan: PostItemPlan): AuditEntry {
  const d = plan.decision;
  return { at: plan.row.created_at as number, actor: 'system', action: 'queue.created', entityType: 'queue_item', entityId: plan.id, detail: { kind: 'post', post: plan.post.id, reasons: plan.trig.reasons, route: d.routeId, team: d.team.id, priority: d.priority } };
}

/** After the item is created: publish it, and announce it when its route names channels and no open revolt covers the post. */
export async function announcePostItem(ctx: AppContext, plan: PostItemPlan): Promise<void> {
  const { id, post, trig, decision: d, severity, who, revolt } = plan;
  const now = plan.row.created_at as number;
  ctx.bus.publish({ topic: 'queue', id, type: 'created', at: now });
  const coveredByRevolt = revolt && revolt.stage !== 'resolved';
  if (d.channels && d.channels.length && !coveredByRevolt) {
    const eventId = 'e_' + stableId(`${id}|post.flagged`);
    await ctx.db
      .insertInto('events')
      .values({ id: eventId, type: 'post.flagged', at: now, revolt_id: null, queue_item_id: id, payload: JSON.stringify({ post: post.id, reasons: trig.reasons }) })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const notice = postNotice({
      eventId,
      at: now,
      reasons: trig.reasons,
      target: post.target,
      severity,
      priority: d.priority,
      team: d.team.id,
      post: { author: who, text: post.text, url: post.url ?? null, followers: post.author.followers ?? null, source: post.source },
      link: itemLink(ctx, { id, revoltId: null, kind: 'post' }),
    });
    await enqueueNotice(ctx, { notice, channels: channelsFor(ctx, d.channels), subject: id, at: now });
  }
}

/** The revolts the posts belong to (the most recently opened one for each post). */
export async function revoltsOfPosts(ctx: AppContext, postIds: string[]): Promise<Map<string, { id: string; stage: string }>> {
  const out = new Map<string, { id: string; stage: string; openedAt: number }>();
  const size = ctx.dialect === 'd1' ? 90 : 500;
  for (let i = 0; i < postIds.length; i += size) {
    const rows = await ctx.db
      .selectFrom('revolt_posts as rp')
      .innerJoin('revolts as r', 'r.id', 'rp.revolt_id')
      .select(['rp.post_id', 'r.id', 'r.stage', 'r.opened_at'])
      .where('rp.post_id', 'in', postIds.slice(i, i + size))
      .execute();
    for (const r of rows) {
      const cur = out.get(r.post_id);
      if (!cur || Number(r.opened_at) > cur.openedAt) out.set(r.post_id, { id: r.id, stage: r.stage, openedAt: Number(r.opened_at) });
    }
  }
  return out;
}

export async function maybeQueuePost(ctx: AppContext, post: Post, verdict: Verdict): Promise<{ id: string; created: boolean } | null> {
  if (post.duplicateOf) return null;
  if (!queuesAtOnce(postTriggers(routingOf(ctx).rules, post, verdict))) return null;
  const revolt = (await revoltsOfPosts(ctx, [post.id])).get(post.id);
  const plan = planPostItem(ctx, post, verdict, revolt)!;
  const inserted = await ctx.db.insertInto('queue_items').values(plan.row).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
  if (inserted.length === 0) return { id: plan.id, created: false };
  await writeAudit(ctx, auditOf(plan));
  await announcePostItem(ctx, plan);
  return { id: plan.id, created: true };
}

// queue_items has ~25 columns: D1 binds at most 100 parameters a statement.
const ITEMS_PER_INSERT: Record<AppContext['dialect'], number> = { sqlite: 40, postgres: 100, d1: 3 };

/**
 * The pipeline's hook: queue every classified post that needs its own answer. Items are looked up
 * and written in batches (one revolt lookup, multi-row inserts for items and their audit entries);
 * if a batch fails, its posts are queued one by one so one failure never sinks the batch.
 */
export async function queueFlaggedPosts(ctx: AppContext, classified: { post: Post; verdict: Verdict }[]): Promise<number> {
  const { rules } = routingOf(ctx);
  const flagged = classified.filter((c) => !c.post.duplicateOf && queuesAtOnce(postTriggers(rules, c.post, c.verdict)));
  if (flagged.length === 0) return 0;
  let revolts: Map<string, { id: string; stage: string }>;
  try {
    revolts = await revoltsOfPosts(ctx, flagged.map((c) => c.post.id));
  } catch (err) {
    ctx.log.error('looking up revolts of flagged posts failed', { error: (err as Error).message });
    return queueOneByOne(ctx, flagged);
  }
  const plans: PostItemPlan[] = [];
  const seen = new Set<string>();
  for (const c of flagged) {
    const plan = planPostItem(ctx, c.post, c.verdict, revolts.get(c.post.id));
    if (plan && !seen.has(plan.id)) {
      seen.add(plan.id);
      plans.push(plan);
    }
  }
  let n = 0;
  const size = ITEMS_PER_INSERT[ctx.dialect];
  for (let i = 0; i < plans.length; i += size) {
    const batch = plans.slice(i, i + size);
    let created: PostItemPlan[];
    try {
      const ids = new Set((await ctx.db.insertInto('queue_items').values(batch.map((p) => p.row)).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute()).map((r) => r.id));
      created = batch.filter((p) => ids.has(p.id));
      if (created.length) await writeAudits(ctx, created.map(auditOf));
    } catch (err) {
      ctx.log.error('queueing flagged posts in a batch failed; one by one', { error: (err as Error).message });
      n += await queueOneByOne(ctx, batch.map((p) => ({ post: p.post, verdict: flagged.find((c) => c.post === p.post)!.verdict })));
      continue;
    }
    for (const plan of created) {
      try {
        await announcePostItem(ctx, plan);
      } catch (err) {
        ctx.log.error('announcing a flagged post failed', { postId: plan.post.id, error: (err as Error).message });
      }
      n++;
    }
  }
  return n;
}

async function queueOneByOne(ctx: AppContext, items: { post: Post; verdict: Verdict }[]): Promise<number> {
  let n = 0;
  for (const c of items) {
    try {
      if ((await maybeQueuePost(ctx, c.post, c.verdict))?.created) n++;
    } catch (err) {
      ctx.log.error('queueing a post failed', { postId: c.post.id, error: (err as Error).message });
    }
  }
  return n;
}
