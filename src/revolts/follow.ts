/**
 * Following an open revolt at each tick (pure over the engine's state): its rate against what its
 * key expects, its severity, its lifecycle step (the excess over the expected rate is what rises and
 * subsides: a broad revolt's level always has some voices), and merging two open revolts that became
 * one crowd.
 */
import type { RevoltEventType } from '../types.js';
import { stepLifecycle, initialLifecycle } from './lifecycle.js';
import { addMember, explainOf, rateOf, RATE_WINDOW_MS, rescore, type LiveRevolt } from './revolt.js';
import { countBetween } from './key-state.js';
import { isBroad, kindOf } from './keys.js';
import { expectation, type Exposure } from './baseline.js';
import { MERGE_OVERLAP, MERGE_WINDOW_MS, RECENT_MS, type EngineParams } from './params.js';
import { overlap, sharesVoices } from './grouping.js';
import type { TargetModel } from './target-model.js';

export interface EngineView {
  readonly open: Map<string, LiveRevolt>;
  readonly params: EngineParams;
  claim(m: TargetModel, ids: Iterable<string>, resolvedAt: number): void;
  brandWords(target: string): ReadonlySet<string>;
  readonly targets: Map<string, TargetModel>;
}

export interface FollowChange {
  revolt: LiveRevolt;
  event: RevoltEventType | null;
  created: boolean;
  explain: Record<string, unknown>;
}

/** Voices per hour the revolt's key expects without a revolt. */
function expectedRate(m: TargetModel, r: LiveRevolt, now: number, ex: Exposure, rate: number): number {
  const ks = m.keys.get(r.key);
  if (!ks) return 0;
  const others = Math.max(0, countBetween(m.recentTimes, now - RATE_WINDOW_MS, now) - rate);
  return expectation(m, ks, now, RATE_WINDOW_MS, ex.short, others).mean;
}

/** One tick of an open revolt; null when nothing about it changed. A new one is announced as opened. */
export function followRevolt(e: EngineView, m: TargetModel, r: LiveRevolt, now: number, ex: Exposure, created: boolean): FollowChange | null {
  const rate = rateOf(r, now);
  const exp = expectedRate(m, r, now, ex, rate);
  r.expectedRate = exp;
  rescore(r, rate, exp);
  // what rises and subsides is the excess beyond the key's usual voices and their noise
  const excess = Math.max(0, Math.round(rate - exp - Math.sqrt(exp)));
  const brand = e.brandWords(r.target);
  if (created) {
    r.life = initialLifecycle(now, excess, r.members.length ? r.members[r.members.length - 1].at : now, r.priority);
    return { revolt: r, event: 'revolt.opened', created: true, explain: explainOf(r, rate, exp, brand) };
  }
  const newMembers = r.pending.length;
  const lastMemberAt = r.members.length ? r.members[r.members.length - 1].at : r.openedAt;
  const step = stepLifecycle({ ...r.life, lastMemberAt: Math.max(r.life.lastMemberAt, lastMemberAt) }, { now, rate: excess, priority: r.priority, newMembers, minAuthors: e.params.minAuthors, quietAfterMs: e.params.quietAfterMs });
  const changed = step.event !== null || newMembers > 0 || step.state.stage !== r.life.stage || r.life.pendingUpdate;
  r.life = step.state;
  if (!changed) return null;
  r.updatedAt = now;
  if (r.life.stage === 'resolved') {
    r.resolvedAt = now;
    e.open.delete(r.id);
    e.claim(m, r.members.map((x) => x.id), now);
  }
  return { revolt: r, event: step.event, created: false, explain: explainOf(r, rate, exp, brand) };
}

function recentIds(r: LiveRevolt, now: number): string[] {
  const out: string[] = [];
  for (let i = r.members.length - 1; i >= 0 && r.members[i].at > now - MERGE_WINDOW_MS; i--) out.push(r.members[i].id);
  return out;
}

function recentAuthors(r: LiveRevolt, now: number): Set<string> {
  const out = new Set<string>();
  for (let i = r.members.length - 1; i >= 0 && r.members[i].at > now - MERGE_WINDOW_MS; i--) out.add(r.members[i].author);
  return out;
}

/** Two open revolts that came to share most of their recent posts or voices become one (the older one). */
export function mergeIfOverlapping(e: EngineView, r: LiveRevolt, open: LiveRevolt[], now: number): FollowChange | null {
  if (open.length < 2 || r.mergedInto || !e.open.has(r.id)) return null;
  const recent = recentIds(r, now);
  if (recent.length === 0) return null;
  const voices = recentAuthors(r, now);
  for (const o of open) {
    if (o === r || o.mergedInto || !e.open.has(o.id) || o.openedAt > r.openedAt || (o.openedAt === r.openedAt && o.id > r.id)) continue;
    // a broad revolt holds every voice of its level: a specific incident opened under it (one that
    // stood out of its wave) shares its posts without being it
    if (isBroad(kindOf(o.key)) && !isBroad(kindOf(r.key))) continue;
    const oRecent = recentIds(o, now).length;
    const byPosts = overlap(recent, o.memberIds) >= MERGE_OVERLAP * Math.min(recent.length, Math.max(1, oRecent));
    if (!byPosts) {
      const oVoices = recentAuthors(o, now);
      if (!sharesVoices(voices, oVoices, Math.min(voices.size, oVoices.size))) continue;
    }
    for (const k of r.keys) o.keys.add(k);
    for (const mbr of r.members) addMember(o, mbr);
    for (const [k, v] of r.levels) if (!o.levels.has(k)) o.levels.set(k, v);
    o.duplicates += r.duplicates;
    o.dupReach += r.dupReach;
    const merged = Array.isArray(o.opening.mergedKeys) ? (o.opening.mergedKeys as unknown[]) : [];
    o.opening = { ...o.opening, mergedKeys: [...merged, { key: r.key, revolt: r.id, mergedAt: new Date(now).toISOString() }] };
    o.life = { ...o.life, pendingUpdate: true };
    r.mergedInto = o.id;
    r.life = { ...r.life, stage: 'resolved' };
    r.updatedAt = now;
    r.resolvedAt = now;
    e.open.delete(r.id);
    return { revolt: r, event: 'revolt.resolved', created: false, explain: explainOf(r, rateOf(r, now), 0, e.brandWords(r.target)) };
  }
  return null;
}

export { RECENT_MS };
