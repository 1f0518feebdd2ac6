/**
 * The response queue: one item per revolt (created when it opens, kept up to date as it grows,
 * never duplicated: revolt_id is unique) and one per single post that must be answered on its own
 * (see post.ts). Each item is routed once, at creation: team, priority, SLA clocks and channels.
 */
import type { AppContext } from '../context.js';
import type { Priority, Revolt, TopicHit } from '../types.js';
import { stableId } from '../util/ids.js';
import { writeAudit } from '../store/audit.js';
import { addBusinessTime } from './hours.js';
import { morePressing, routeItem, type RouteDecision, type RouteFacts } from './route.js';
import { scheduleOf } from './rules.js';
import { routingOf } from './setup.js';
import { foldIntoCases } from './cases.js';

export type QueueStatus = 'new' | 'claimed' | 'responded' | 'resolved' | 'dismissed' | 'merged';
export const OPEN_STATUSES: QueueStatus[] = ['new', 'claimed', 'responded'];

/** What the item keeps of its route's SLA, so later rule edits do not move running clocks. */
export interface SlaSnapshot {
  firstResponseMs: number;
  resolveMs: number | null;
  pauseOutsideHours: boolean;
  reassignAfterMs: number | null;
  nearBreach: number;
  schedule: ReturnType<typeof scheduleOf>;
}

export interface SlaTimes {
  near_first_response_at: number;
  due_first_response_at: number;
  near_resolve_at: number | null;
  due_resolve_at: number | null;
}

export function slaSnapshot(d: RouteDecision): SlaSnapshot {
  return {
    firstResponseMs: d.sla.firstResponse,
    resolveMs: d.sla.resolve ?? null,
    pauseOutsideHours: d.sla.pauseOutsideHours,
    reassignAfterMs: d.sla.reassignAfter ?? null,
    nearBreach: d.sla.nearBreach,
    schedule: scheduleOf(d.team),
  };
}

/** Deadlines from a start time; with pauseOutsideHours the clocks only run in the team's business hours. */
export function slaTimes(s: SlaSnapshot, start: number): SlaTimes {
  const add = (ms: number) => (s.pauseOutsideHours ? addBusinessTime(start, ms, s.schedule) : start + ms);
  return {
    near_first_response_at: add(s.firstResponseMs * s.nearBreach),
    due_first_response_at: add(s.firstResponseMs),
    near_resolve_at: s.resolveMs === null ? null : add(s.resolveMs * s.nearBreach),
    due_resolve_at: s.resolveMs === null ? null : add(s.resolveMs),
  };
}

export const SEVERITY_OF_PRIORITY: Record<Priority, number> = { P1: 90, P2: 70, P3: 50, P4: 30 };

interface PostFacts {
  topics: string[];
  pillars: string[];
  touchpoints: string[];
  languages: string[];
  sources: string[];
  escalation: string[];
}

/** Topics, pillars, languages… of a set of posts, most frequent first. */
export async function factsOfPosts(ctx: Pick<AppContext, 'db'>, postIds: string[]): Promise<PostFacts> {
  const counts = { topics: new Map<string, number>(), pillars: new Map<string, number>(), touchpoints: new Map<string, number>(), languages: new Map<string, number>(), sources: new Map<string, number>(), escalation: new Map<string, number>() };
  const bump = (m: Map<string, number>, k: string | null | undefined) => k && m.set(k, (m.get(k) ?? 0) + 1);
  const ids = postIds.slice(0, 500);
  if (ids.length) {
    const rows = await ctx.db
      .selectFrom('posts as p')
      .leftJoin('classifications as c', 'c.post_id', 'p.id')
      .select(['p.source_id', 'p.lang', 'c.lang as c_lang', 'c.topics', 'c.escalation'])
      .where('p.id', 'in', ids)
      .execute();
    for (const r of rows) {
      bump(counts.sources, r.source_id);
      bump(counts.languages, r.c_lang ?? r.lang);
      for (const t of JSON.parse(r.topics ?? '[]') as TopicHit[]) {
        bump(counts.topics, t.id);
        bump(counts.pillars, t.pillar);
        bump(counts.touchpoints, t.touchpoint);
      }
      for (const e of JSON.parse(r.escalation ?? '[]') as { id: string }[]) bump(counts.escalation, e.id);
    }
  }
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  return { topics: sorted(counts.topics), pillars: sorted(counts.pillars), touchpoints: sorted(counts.touchpoints), languages: sorted(counts.languages), sources: sorted(counts.sources), escalation: sorted(counts.escalation) };
}

export interface QueueUpsert {
  id: string;
  created: boolean;
  /** Channels that announce this item's events (null: every configured channel). */
  channels: string[] | null;
  escalationChannels: string[];
}

/** What routing knows about a revolt: its target, topics (its key first), languages, sources and escalation cues. */
async function revoltFacts(ctx: AppContext, revolt: Revolt): Promise<{ facts: RouteFacts; topic: string | null }> {
  const f = await factsOfPosts(ctx, revolt.postIds);
  const topic = revolt.key !== 'negative' ? revolt.key : (f.topics[0] ?? null);
  const facts: RouteFacts = {
    kind: 'revolt',
    target: revolt.target,
    topics: topic && !f.topics.includes(topic) ? [topic, ...f.topics] : f.topics,
    pillars: f.pillars,
    touchpoints: f.touchpoints,
    language: f.languages[0] ?? null,
    sources: f.sources,
    escalation: f.escalation,
    severity: revolt.severity,
    priority: revolt.priority,
  };
  return { facts, topic };
}

export async function upsertQueueItemForRevolt(ctx: AppContext, revolt: Revolt, at: number): Promise<QueueUpsert> {
  const id = 'q_' + stableId(`revolt|${revolt.id}`);
  const existing = await ctx.db.selectFrom('queue_items').select(['priority', 'severity', 'channels', 'escalation_channels']).where('revolt_id', '=', revolt.id).executeTakeFirst();
  if (!existing) {
    const { facts, topic } = await revoltFacts(ctx, revolt);
    const d = routeItem(routingOf(ctx).rules, facts, at);
    const sla = slaSnapshot(d);
    const inserted = await ctx.db
      .insertInto('queue_items')
      .values({
        id,
        kind: 'revolt',
        revolt_id: revolt.id,
        post_id: null,
        target_id: revolt.target,
        title: revolt.label,
        status: 'new',
        priority: d.priority,
        team: d.team.id,
        assignee: null,
        ...slaTimes(sla, at),
        created_at: at,
        updated_at: at,
        route_id: d.routeId,
        lang: facts.language,
        topic,
        severity: revolt.severity,
        channels: d.channels ? JSON.stringify(d.channels) : null,
        escalation_channels: JSON.stringify(d.escalationChannels),
        sla: JSON.stringify(sla),
        needs_approval: d.approval ? 1 : 0,
      })
      .onConflict((oc) => oc.column('revolt_id').doNothing())
      .returning('id')
      .execute();
    await linkPostItems(ctx, revolt, at);
    await foldIntoCases(ctx, at, revolt.id);
    if (inserted.length) await writeAudit(ctx, { at, actor: 'system', action: 'queue.created', entityType: 'queue_item', entityId: id, detail: { kind: 'revolt', revolt: revolt.id, route: d.routeId, team: d.team.id, priority: d.priority } });
    if (inserted.length) {
      ctx.bus.publish({ topic: 'queue', id, type: 'created', at });
      return { id, created: true, channels: d.channels, escalationChannels: d.escalationChannels };
    }
  }
  // Grown: never lower a priority an SLA escalation raised, never shrink the severity.
  const cur = existing ?? (await ctx.db.selectFrom('queue_items').select(['priority', 'severity', 'channels', 'escalation_channels']).where('revolt_id', '=', revolt.id).executeTakeFirstOrThrow());
  await ctx.db
    .updateTable('queue_items')
    .set({ priority: morePressing(cur.priority as Priority, revolt.priority), severity: Math.max(cur.severity, revolt.severity), title: revolt.label, updated_at: at })
    .where('revolt_id', '=', revolt.id)
    .execute();
  await linkPostItems(ctx, revolt, at);
  await foldIntoCases(ctx, at, revolt.id);
  ctx.bus.publish({ topic: 'queue', id, type: 'updated', at });
  return { id, created: false, channels: cur.channels ? JSON.parse(cur.channels) : null, escalationChannels: JSON.parse(cur.escalation_channels ?? '[]') };
}

/** Single-post items whose post is a member of this revolt point at it. */
async function linkPostItems(ctx: Pick<AppContext, 'db'>, revolt: Revolt, at: number): Promise<void> {
  const ids = revolt.postIds;
  for (let i = 0; i < ids.length; i += 500) {
    await ctx.db
      .updateTable('queue_items')
      .set({ parent_revolt_id: revolt.id, updated_at: at })
      .where('kind', '=', 'post')
      .where('parent_revolt_id', 'is', null)
      .where('post_id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}
