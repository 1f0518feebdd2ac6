/**
 * Detection tick: for each target, read the recent negative posts, grow or close the open revolts,
 * and open new ones when the simple detector says so. Decisions come from the pure functions in
 * simple-detector.ts; this file only reads and writes. Safe to re-run at the same clock time.
 */
import type { AppContext } from '../context.js';
import type { Revolt, RevoltEvent, RevoltStage } from '../types.js';
import { newId } from '../util/ids.js';
import { decideOpen, membersFor, priorityOf, severityOf, type DetectorParams, type WindowPost } from './simple-detector.js';
import { recordRevoltEvent } from './record.js';

const UPDATE_EVERY_MS = 15 * 60_000;
const ESCALATE_FACTOR = 2;

interface RevoltState {
  openedWith: number;
  lastMemberAt: number;
  lastUpdateEventAt: number;
}

export function detectorParams(ctx: AppContext): DetectorParams {
  const d = ctx.config.detection;
  return { windowMs: d.window, minPosts: d.minPosts, minAuthors: d.minAuthors, ratio: d.ratio, alpha: 0.001 };
}

async function windowPosts(ctx: AppContext, target: string, from: number, to: number): Promise<WindowPost[]> {
  const rows = await ctx.db
    .selectFrom('classifications as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .select(['p.id', 'p.author_id', 'p.author_followers', 'p.published_at', 'p.text', 'p.source_id', 'c.topics', 'c.sentiment_score'])
    .where('c.target_id', '=', target)
    .where('c.published_at', '>', from)
    .where('c.published_at', '<=', to)
    .where((eb) => eb.or([eb('c.sentiment', '=', 'negative'), eb('c.complaint', '=', 1)]))
    .where('p.duplicate_of', 'is', null)
    .orderBy('c.published_at')
    .execute();
  return rows.map((r) => ({
    postId: r.id,
    authorId: r.author_id,
    followers: r.author_followers ?? 0,
    topics: (JSON.parse(r.topics) as { id: string }[]).map((t) => t.id),
    sentimentScore: r.sentiment_score,
    publishedAt: r.published_at,
    text: r.text,
    source: r.source_id,
  }));
}

async function baseline(ctx: AppContext, target: string, windowStart: number): Promise<{ count: number; spanMs: number }> {
  const from = windowStart - ctx.config.detection.baseline;
  const first = await ctx.db
    .selectFrom('classifications')
    .select((eb) => eb.fn.min('published_at').as('first'))
    .where('target_id', '=', target)
    .executeTakeFirst();
  const firstAt = first?.first == null ? windowStart : Number(first.first);
  const spanMs = Math.max(0, windowStart - Math.max(from, firstAt));
  const row = await ctx.db
    .selectFrom('classifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('target_id', '=', target)
    .where('published_at', '>', from)
    .where('published_at', '<=', windowStart)
    .where((eb) => eb.or([eb('sentiment', '=', 'negative'), eb('complaint', '=', 1)]))
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), spanMs };
}

export function labelFor(key: string, targetName: string): string {
  const words = key === 'negative' ? 'Negative wave' : key.replace(/[-_]+/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} — ${targetName}`;
}

export async function detectRevolts(ctx: AppContext, now: number, targets?: string[]): Promise<RevoltEvent[]> {
  const all = await ctx.db.selectFrom('targets').select(['id', 'name']).execute();
  const events: RevoltEvent[] = [];
  for (const t of all) {
    if (targets && !targets.includes(t.id)) continue;
    events.push(...(await detectTarget(ctx, t.id, t.name, now)));
  }
  return events;
}

async function detectTarget(ctx: AppContext, target: string, targetName: string, now: number): Promise<RevoltEvent[]> {
  const p = detectorParams(ctx);
  const windowStart = now - p.windowMs;
  const posts = await windowPosts(ctx, target, windowStart, now);
  const open = await ctx.db.selectFrom('revolts').selectAll().where('target_id', '=', target).where('stage', '!=', 'resolved').execute();
  const events: RevoltEvent[] = [];
  const claimed = new Set<string>();

  for (const row of open) {
    const state: RevoltState = row.state ? JSON.parse(row.state) : { openedWith: 0, lastMemberAt: row.opened_at, lastUpdateEventAt: row.opened_at };
    const matching = membersFor(row.key, posts);
    matching.forEach((m) => claimed.add(m.postId));
    const known = new Set((await ctx.db.selectFrom('revolt_posts').select('post_id').where('revolt_id', '=', row.id).execute()).map((r) => r.post_id));
    const fresh = matching.filter((m) => !known.has(m.postId));
    if (fresh.length) {
      await ctx.db
        .insertInto('revolt_posts')
        .values(fresh.map((m) => ({ revolt_id: row.id, post_id: m.postId, added_at: now })))
        .onConflict((oc) => oc.columns(['revolt_id', 'post_id']).doNothing())
        .execute();
      state.lastMemberAt = Math.max(state.lastMemberAt, ...fresh.map((m) => m.publishedAt));
    }
    const total = known.size + fresh.length;
    const memberRows = await loadMembers(ctx, row.id);
    const severity = Math.max(row.severity, severityOf(memberRows, p.minPosts, p.minAuthors));
    let stage = row.stage as RevoltStage;
    let type: RevoltEvent['type'] | null = null;
    if (now - state.lastMemberAt >= ctx.config.detection.quietAfter) {
      stage = 'resolved';
      type = 'revolt.resolved';
    } else if (stage === 'emerging' && total >= state.openedWith * ESCALATE_FACTOR) {
      stage = 'escalating';
      type = 'revolt.escalated';
    } else if (fresh.length && now - state.lastUpdateEventAt >= UPDATE_EVERY_MS) {
      type = 'revolt.updated';
    }
    if (type) state.lastUpdateEventAt = now;
    await ctx.db
      .updateTable('revolts')
      .set({ stage, severity, priority: priorityOf(severity), updated_at: now, resolved_at: stage === 'resolved' ? now : null, state: JSON.stringify(state) })
      .where('id', '=', row.id)
      .execute();
    if (type) {
      const revolt = toRevolt({ ...row, stage, severity, priority: priorityOf(severity), updated_at: now, resolved_at: stage === 'resolved' ? now : null }, memberRows.map((m) => m.postId));
      events.push(await recordRevoltEvent(ctx, type, now, revolt));
    }
  }

  const unclaimed = posts.filter((x) => !claimed.has(x.postId));
  const base = await baseline(ctx, target, windowStart);
  const decision = decideOpen(unclaimed, base.count, base.spanMs, p);
  if (decision && !open.some((r) => r.key === decision.key)) {
    const severity = severityOf(decision.members, p.minPosts, p.minAuthors);
    const byReach = [...decision.members].sort((a, b) => b.followers - a.followers);
    const explain = {
      detector: 'simple-poisson-1',
      window: { from: new Date(windowStart).toISOString(), to: new Date(now).toISOString() },
      observed: decision.members.length,
      distinctAuthors: decision.authors,
      expected: decision.expected,
      pValue: decision.pValue,
      score: decision.score,
      key: decision.key,
      sources: [...new Set(decision.members.map((m) => m.source))],
      firstPost: { id: decision.members[0].postId, text: decision.members[0].text.slice(0, 280) },
      mostReached: { id: byReach[0].postId, followers: byReach[0].followers, text: byReach[0].text.slice(0, 280) },
      reason: `${decision.members.length} negative posts from ${decision.authors} distinct authors in ${Math.round(p.windowMs / 60000)} min, against ${decision.expected} expected (p=${decision.pValue.toExponential(1)})`,
    };
    const id = newId('r_');
    const state: RevoltState = { openedWith: decision.members.length, lastMemberAt: Math.max(...decision.members.map((m) => m.publishedAt)), lastUpdateEventAt: now };
    const row = {
      id,
      target_id: target,
      key: decision.key,
      label: labelFor(decision.key, targetName),
      stage: 'emerging',
      severity,
      priority: priorityOf(severity),
      opened_at: now,
      updated_at: now,
      resolved_at: null,
      explain: JSON.stringify(explain),
      state: JSON.stringify(state),
    };
    await ctx.db.insertInto('revolts').values(row).execute();
    await ctx.db
      .insertInto('revolt_posts')
      .values(decision.members.map((m) => ({ revolt_id: id, post_id: m.postId, added_at: now })))
      .execute();
    events.push(await recordRevoltEvent(ctx, 'revolt.opened', now, toRevolt(row, decision.members.map((m) => m.postId))));
  }
  return events;
}

async function loadMembers(ctx: AppContext, revoltId: string): Promise<WindowPost[]> {
  const rows = await ctx.db
    .selectFrom('revolt_posts as rp')
    .innerJoin('posts as p', 'p.id', 'rp.post_id')
    .leftJoin('classifications as c', 'c.post_id', 'p.id')
    .select(['p.id', 'p.author_id', 'p.author_followers', 'p.published_at', 'p.text', 'p.source_id', 'c.topics', 'c.sentiment_score'])
    .where('rp.revolt_id', '=', revoltId)
    .orderBy('p.published_at')
    .execute();
  return rows.map((r) => ({
    postId: r.id,
    authorId: r.author_id,
    followers: r.author_followers ?? 0,
    topics: r.topics ? (JSON.parse(r.topics) as { id: string }[]).map((t) => t.id) : [],
    sentimentScore: r.sentiment_score ?? 0,
    publishedAt: r.published_at,
    text: r.text,
    source: r.source_id,
  }));
}

export function toRevolt(
  row: { id: string; target_id: string; key: string; label: string; stage: string; severity: number; priority: string; opened_at: number; updated_at: number; resolved_at: number | null; explain: string },
  postIds: string[],
): Revolt {
  return {
    id: row.id,
    target: row.target_id,
    key: row.key,
    label: row.label,
    stage: row.stage as RevoltStage,
    severity: row.severity,
    priority: row.priority as Revolt['priority'],
    openedAt: row.opened_at,
    updatedAt: row.updated_at,
    resolvedAt: row.resolved_at,
    explain: JSON.parse(row.explain),
    postIds,
  };
}
