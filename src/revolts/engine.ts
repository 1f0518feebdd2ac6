/**
 * The revolt engine: all detection state in memory, fed with classified posts, asked for
 * decisions at each tick. Pure: no clock, no database. detect.ts feeds it from the store and
 * persists what it decides; the checkpoint (open revolts with their state, and a cursor over
 * classifications) lets a restarted process rebuild it without forgetting or re-announcing.
 */
import type { Priority, RevoltEventType } from '../types.js';
import { stableId } from '../util/ids.js';
import { contentWords, keysOf, kindOf } from './keys.js';
import { initialLifecycle, stepLifecycle, type LifecycleState } from './lifecycle.js';
import { HOUR, TargetModel, type EnginePost, type Ref } from './model.js';
import { addMember, explainOf, labelFor, newLiveRevolt, rateOf, RATE_WINDOW_MS, rescore, topTerms, type LiveRevolt, type Member } from './revolt.js';
import { exposureOf, expectedVoices, testKey, type DetectParams, type WindowStat } from './significance.js';

export const DETECTOR_VERSION = 'backlash-burst-1';
const PRUNE_EVERY_MS = 60 * 60_000;
/** Two groups are one revolt when this share of the smaller one's posts is in both. */
export const MERGE_OVERLAP = 0.5;
/** Shared voices needed (besides the share) before two crowds are called one. */
export const MERGE_MIN_SHARED = 2;
/** Recent members compared when merging: the widest detection window. */
const MERGE_WINDOW_MS = 3 * HOUR;

export interface EngineParams extends DetectParams {
  quietAfterMs: number;
}

export const DEFAULT_PARAMS: EngineParams = { minAuthors: 5, minPosts: 6, ratio: 3, openScore: 5, minNegativeShare: 0.4, minAuthorsStrong: 3, strongScore: 5, nearScore: 6.5, quietAfterMs: 2 * HOUR };

export interface RevoltChange {
  revolt: LiveRevolt;
  event: RevoltEventType | null;
  created: boolean;
  explain: Record<string, unknown>;
}

/** What detect.ts persists in revolts.state, and restores from. */
export interface PersistedState {
  v: 1;
  keys: string[];
  life: LifecycleState;
  duplicates: number;
  dupReach: number;
}

const KIND_RANK = { topic: 0, hashtag: 1, link: 2, phrase: 3 } as const;

function keyRank(key: string): number {
  const k = kindOf(key);
  return KIND_RANK[k] * 2 + (k === 'phrase' && !key.includes(' ') ? 1 : 0);
}

function brandWordsOf(id: string, name: string): Set<string> {
  const words = new Set<string>();
  for (const s of [id, name]) {
    for (const w of s.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 2) words.add(w);
    words.add(s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ''));
  }
  return words;
}

function memberOf(ref: Ref): Member {
  return { id: ref.id, at: ref.at, author: ref.author, source: ref.source, followers: ref.followers, reach: ref.reach, negativity: ref.negativity, cues: ref.cues, text: ref.text, words: ref.words };
}

export class RevoltEngine {
  readonly targets = new Map<string, TargetModel>();
  /** Open revolts by id. */
  readonly open = new Map<string, LiveRevolt>();
  private readonly brand = new Map<string, Set<string>>();
  private readonly lastPrune = new Map<string, number>();

  constructor(readonly params: EngineParams = DEFAULT_PARAMS) {}

  model(target: string, name = target): TargetModel {
    let m = this.targets.get(target);
    if (!m) {
      m = new TargetModel(target, name);
      this.targets.set(target, m);
      this.brand.set(target, brandWordsOf(target, name));
    } else if (name !== target && m.name !== name) {
      m.name = name;
      this.brand.set(target, brandWordsOf(target, name));
    }
    return m;
  }

  private revoltsOf(target: string): LiveRevolt[] {
    return [...this.open.values()].filter((r) => r.target === target);
  }

  /**
   * Feeds classified posts (in roughly time order). `history` posts only build the model (the
   * restart path: they were judged before, and their revolts are restored from the store).
   */
  feed(posts: EnginePost[], opts: { history?: boolean } = {}): void {
    for (const p of posts) {
      const m = this.model(p.target);
      const brand = this.brand.get(p.target)!;
      const { keys, words } = keysOf(p.text, p.topics, brand);
      const ref = m.add(p, keys, words);
      if (opts.history || !ref.neg) continue;
      for (const r of this.open.values()) {
        if (r.target !== p.target || !keys.some((k) => r.keys.has(k))) continue;
        if (ref.dup) {
          r.duplicates++;
          r.dupReach += ref.reach;
        } else addMember(r, memberOf(ref));
      }
    }
  }

  /** Restores an open revolt from the store (members with their posts, state as persisted). */
  restore(init: { id: string; target: string; targetName: string; key: string; label: string; openedAt: number; updatedAt: number; severity: number; priority: Priority; opening: Record<string, unknown>; state: PersistedState; members: EnginePost[] }): void {
    this.model(init.target, init.targetName);
    const r = newLiveRevolt({ id: init.id, target: init.target, key: init.key, label: init.label, openedAt: init.openedAt, life: init.state.life, opening: init.opening, keys: init.state.keys });
    r.updatedAt = init.updatedAt;
    r.severity = init.severity;
    r.priority = init.priority;
    r.duplicates = init.state.duplicates;
    r.dupReach = init.state.dupReach;
    const brand = this.brand.get(init.target)!;
    for (const p of init.members) {
      const words = contentWords(p.text, brand);
      addMember(
        r,
        { id: p.id, at: p.publishedAt, author: p.author, source: p.source, followers: p.followers, reach: p.followers + 20 * (p.metrics?.reposts ?? 0) + (p.metrics?.likes ?? 0), negativity: Math.max(0, -p.sentimentScore), cues: p.escalation, text: p.text.slice(0, 280), words },
        true,
      );
    }
    this.open.set(r.id, r);
  }

  /** One detection tick at `now`: opens, grows, merges and closes revolts. */
  evaluate(now: number, only?: ReadonlySet<string>): RevoltChange[] {
    const changes: RevoltChange[] = [];
    for (const [target, m] of this.targets) {
      if (only && !only.has(target)) continue;
      if (now - (this.lastPrune.get(target) ?? -Infinity) >= PRUNE_EVERY_MS) {
        m.prune(now);
        this.lastPrune.set(target, now);
      }
      changes.push(...this.evaluateTarget(m, now));
    }
    return changes;
  }

  private evaluateTarget(m: TargetModel, now: number): RevoltChange[] {
    const p = this.params;
    const brand = this.brand.get(m.id)!;
    const ex = exposureOf(m, now);
    const open = this.revoltsOf(m.id);
    const candidates: WindowStat[] = [];
    for (const key of m.dirty) {
      if (open.some((r) => r.keys.has(key))) continue;
      const ks = m.keys.get(key);
      if (!ks) continue;
      const stat = testKey(m, ks, now, p, ex);
      if (stat) candidates.push(stat);
    }
    m.dirty.clear();
    candidates.sort((a, b) => b.score - a.score || keyRank(a.key) - keyRank(b.key) || (a.key < b.key ? -1 : 1));

    // group candidates: into an open revolt of the same incident, or with each other
    const groups: { stats: WindowStat[]; ids: Set<string>; authors: Set<string> }[] = [];
    const grown = new Set<LiveRevolt>();
    const recentVoices = new Map<LiveRevolt, Set<string>>();
    const voicesOf = (r: LiveRevolt) => {
      let v = recentVoices.get(r);
      if (!v) recentVoices.set(r, (v = recentAuthors(r, now)));
      return v;
    };
    for (const c of candidates) {
      const ids = c.members.map((x) => x.id);
      const authors = new Set(c.members.map((x) => x.author));
      const into = open.find((r) => this.sameIncident(m, c, ids, authors, r, voicesOf(r)));
      if (into) {
        this.join(into, c, now);
        grown.add(into);
        recentVoices.delete(into);
        continue;
      }
      const g = groups.find((g) => overlap(ids, g.ids) >= MERGE_OVERLAP * Math.min(ids.length, g.ids.size) || sharesVoices(authors, g.authors, Math.min(authors.size, g.authors.size)));
      if (g) {
        g.stats.push(c);
        for (const id of ids) g.ids.add(id);
        for (const a of authors) g.authors.add(a);
      } else groups.push({ stats: [c], ids: new Set(ids), authors });
    }

    const changes: RevoltChange[] = [];
    for (const g of groups) {
      const r = this.openRevolt(m, g.stats, now);
      const rate = rateOf(r, now);
      const exp = this.expectedRate(m, r, now, ex);
      rescore(r, rate, exp);
      r.life = initialLifecycle(now, rate, r.members[r.members.length - 1].at, r.priority);
      this.open.set(r.id, r);
      changes.push({ revolt: r, event: 'revolt.opened', created: true, explain: explainOf(r, rate, exp, brand) });
    }

    for (const r of open) {
      const merged = this.mergeIfOverlapping(r, open, now);
      if (merged) {
        changes.push(merged);
        continue;
      }
      if (r.mergedInto) continue;
      const rate = rateOf(r, now);
      const exp = this.expectedRate(m, r, now, ex);
      rescore(r, rate, exp);
      const newMembers = r.pending.length;
      const lastMemberAt = r.members.length ? r.members[r.members.length - 1].at : r.openedAt;
      const step = stepLifecycle({ ...r.life, lastMemberAt: Math.max(r.life.lastMemberAt, lastMemberAt) }, { now, rate, priority: r.priority, newMembers, minAuthors: p.minAuthors, quietAfterMs: p.quietAfterMs });
      const changed = step.event !== null || newMembers > 0 || step.state.stage !== r.life.stage || grown.has(r);
      r.life = step.state;
      if (!changed) continue;
      r.updatedAt = now;
      if (r.life.stage === 'resolved') {
        r.resolvedAt = now;
        this.open.delete(r.id);
      }
      changes.push({ revolt: r, event: step.event, created: false, explain: explainOf(r, rate, exp, brand) });
    }
    return changes;
  }

  /**
   * Is candidate `c` (a key no open revolt carries) part of the open revolt `r`? Yes when most of its
   * window's posts are already members, when most of its voices are already voices of the revolt
   * (the same crowd, naming the incident differently: a hashtag, then "outage", then "app"), or when
   * the key's recent negative posts are to a large part members of the revolt (its posts carry the key).
   */
  private sameIncident(m: TargetModel, c: WindowStat, ids: string[], authors: Set<string>, r: LiveRevolt, rVoices: Set<string>): boolean {
    if (overlap(ids, r.memberIds) >= MERGE_OVERLAP * ids.length) return true;
    if (sharesVoices(authors, rVoices, authors.size)) return true;
    const ks = m.keys.get(c.key);
    if (!ks) return false;
    let neg = 0;
    let inside = 0;
    for (const ref of ks.recent) {
      if (!ref.neg || ref.dup) continue;
      neg++;
      if (r.memberIds.has(ref.id)) inside++;
    }
    return inside >= 3 && inside >= MERGE_OVERLAP * neg;
  }

  /** A candidate key joins an open revolt: the key is added, its posts become members, its numbers are kept. */
  private join(r: LiveRevolt, c: WindowStat, now: number): void {
    r.keys.add(c.key);
    for (const ref of c.members) addMember(r, memberOf(ref));
    const merged = Array.isArray(r.opening.mergedKeys) ? (r.opening.mergedKeys as unknown[]) : [];
    r.opening = { ...r.opening, mergedKeys: [...merged, { key: c.key, observed: c.observed, expected: c.expected, score: c.score, joinedAt: new Date(now).toISOString() }] };
    r.life = { ...r.life, pendingUpdate: true };
  }

  /** Two open revolts that came to share most of their recent posts or voices become one (the older one). */
  private mergeIfOverlapping(r: LiveRevolt, open: LiveRevolt[], now: number): RevoltChange | null {
    if (r.mergedInto || !this.open.has(r.id)) return null;
    const recent: string[] = [];
    for (let i = r.members.length - 1; i >= 0 && r.members[i].at > now - MERGE_WINDOW_MS; i--) recent.push(r.members[i].id);
    if (recent.length === 0) return null;
    const voices = recentAuthors(r, now);
    for (const o of open) {
      if (o === r || o.mergedInto || !this.open.has(o.id) || o.openedAt > r.openedAt || (o.openedAt === r.openedAt && o.id > r.id)) continue;
      const oRecent = countRecent(o, now);
      const byPosts = overlap(recent, o.memberIds) >= MERGE_OVERLAP * Math.min(recent.length, Math.max(1, oRecent));
      if (!byPosts) {
        const oVoices = recentAuthors(o, now);
        if (!sharesVoices(voices, oVoices, Math.min(voices.size, oVoices.size))) continue;
      }
      for (const k of r.keys) o.keys.add(k);
      for (const mbr of r.members) addMember(o, mbr);
      o.duplicates += r.duplicates;
      o.dupReach += r.dupReach;
      const merged = Array.isArray(o.opening.mergedKeys) ? (o.opening.mergedKeys as unknown[]) : [];
      o.opening = { ...o.opening, mergedKeys: [...merged, { key: r.key, revolt: r.id, mergedAt: new Date(now).toISOString() }] };
      o.life = { ...o.life, pendingUpdate: true };
      r.mergedInto = o.id;
      r.life = { ...r.life, stage: 'resolved' };
      r.updatedAt = now;
      r.resolvedAt = now;
      this.open.delete(r.id);
      const brand = this.brand.get(r.target)!;
      return { revolt: r, event: 'revolt.resolved', created: false, explain: explainOf(r, rateOf(r, now), 0, brand) };
    }
    return null;
  }

  private expectedRate(m: TargetModel, r: LiveRevolt, now: number, ex: ReturnType<typeof exposureOf>): number {
    const ks = m.keys.get(r.key);
    return ks ? expectedVoices(m, ks, now, RATE_WINDOW_MS, ex).mean : 0;
  }

  private openRevolt(m: TargetModel, stats: WindowStat[], now: number): LiveRevolt {
    const all = new Map<string, Ref>();
    for (const s of stats) for (const ref of s.members) all.set(ref.id, ref);
    // the primary key: the most specific kind (rule topic, hashtag, link, phrase) that covers most of the group
    const covering = stats.filter((s) => s.members.length >= 0.5 * all.size);
    const primary = [...(covering.length ? covering : stats)].sort((a, b) => keyRank(a.key) - keyRank(b.key) || b.score - a.score)[0];
    const best = stats[0];
    const id = 'r_' + stableId(`${m.id}|${primary.key}|${now}`);
    const minutes = Math.round(best.windowMs / 60_000);
    const opening = {
      detector: DETECTOR_VERSION,
      key: primary.key,
      kind: kindOf(primary.key),
      window: { from: new Date(now - best.windowMs).toISOString(), to: new Date(now).toISOString(), minutes },
      testedKey: best.key,
      observed: best.observed,
      posts: best.posts,
      distinctAuthors: best.observed,
      duplicates: best.duplicates,
      expected: best.expected,
      ratio: best.expected > 0 ? Math.round((best.observed / best.expected) * 10) / 10 : null,
      pValue: best.pValue,
      score: best.score,
      test: 'negative binomial (Gamma–Poisson) upper tail, corrected for 4 windows',
      negativeShare: best.negativeShare,
      mergedKeys: stats.map((s) => ({ key: s.key, observed: s.observed, expected: s.expected, score: s.score })),
      reason: `${best.posts} negative posts from ${best.observed} distinct authors in ${minutes} min on ${best.key.replace(/^phrase:/, '')}, against ${best.expected} expected (p=${best.pValue.toExponential(1)})`,
    };
    const r = newLiveRevolt({ id, target: m.id, key: primary.key, keys: stats.map((s) => s.key), label: labelFor(primary.key, m.name), openedAt: now, opening, life: initialLifecycle(now, 0, now, 'P4') });
    for (const ref of [...all.values()].sort((a, b) => a.at - b.at)) addMember(r, memberOf(ref));
    const brand = this.brand.get(m.id)!;
    r.opening = { ...opening, topTerms: topTerms(r, brand), firstPost: r.first && { id: r.first.id, text: r.first.text }, mostReached: r.mostReached && { id: r.mostReached.id, reach: r.mostReached.reach, text: r.mostReached.text }, sources: [...r.sources.keys()] };
    return r;
  }
}

/** Distinct authors of a revolt's members in the merge window. */
function recentAuthors(r: LiveRevolt, now: number): Set<string> {
  const out = new Set<string>();
  for (let i = r.members.length - 1; i >= 0 && r.members[i].at > now - MERGE_WINDOW_MS; i--) out.add(r.members[i].author);
  return out;
}

function countRecent(r: LiveRevolt, now: number): number {
  let n = 0;
  for (let i = r.members.length - 1; i >= 0 && r.members[i].at > now - MERGE_WINDOW_MS; i--) n++;
  return n;
}

/** Most of `of` voices (at least MERGE_MIN_SHARED) are also in `other`. */
function sharesVoices(a: ReadonlySet<string>, b: ReadonlySet<string>, of: number): boolean {
  if (of <= 0) return false;
  let n = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) n++;
  return n >= MERGE_MIN_SHARED && n >= MERGE_OVERLAP * of;
}

function overlap(ids: Iterable<string>, set: ReadonlySet<string>): number {
  let n = 0;
  for (const id of ids) if (set.has(id)) n++;
  return n;
}

export function persistedState(r: LiveRevolt): PersistedState {
  return { v: 1, keys: [...r.keys], life: r.life, duplicates: r.duplicates, dupReach: r.dupReach };
}
