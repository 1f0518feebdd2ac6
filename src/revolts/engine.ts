/**
 * The revolt engine: all detection state in memory, fed with classified posts, asked for
 * decisions at each tick. Pure: no clock, no database. detect.ts feeds it from the store and
 * persists what it decides; the checkpoint (open revolts with their state, and a cursor over
 * classifications) lets a restarted process rebuild it without forgetting or re-announcing.
 */
import type { Priority, RevoltEventType } from '../types.js';
import { stableId } from '../util/ids.js';
import { contentWords, keysOf, kindOf, ownText } from './keys.js';
import { initialLifecycle, stepLifecycle, type LifecycleState } from './lifecycle.js';
import { HOUR, KeyPool, RECENT_MS, TargetModel, type EnginePost, type Ref } from './model.js';
import { addMember, explainOf, labelFor, newLiveRevolt, rateOf, RATE_WINDOW_MS, rescore, topTerms, type LiveRevolt, type Member } from './revolt.js';
import { exposureOf, expectedVoices, MAX_SHAPE, testKey, WINDOWS_MS, type DetectParams, type WindowStat } from './significance.js';

export const DETECTOR_VERSION = 'backlash-burst-1';
const PRUNE_EVERY_MS = 60 * 60_000;
/** Two groups are one revolt when this share of the smaller one's posts is in both. */
export const MERGE_OVERLAP = 0.5;
/** Shared voices needed (besides the share) before two crowds are called one. */
export const MERGE_MIN_SHARED = 2;
/** A phrase the revolt's own recent members use (this many, and this share of them) names the same incident. */
const MERGE_MIN_WORD_USES = 2;
const MERGE_WORD_SHARE = 0.25;
/** A candidate mostly about one rule topic joins a revolt when this share of its recent members carry that topic. */
const MERGE_TOPIC_SHARE = 1 / 3;
/**
 * A key that bursts at a target shortly after a revolt opened there is taken for the same wave
 * named another way (a lost-luggage revolt is also "arrived without bags"), unless the two are about
 * different rule topics: two unrelated revolts starting at one brand within this long, on no
 * distinguishable subject, are far rarer than one revolt said in several ways.
 */
const SAME_WAVE_MS = 45 * 60_000;
/** Recent members compared when merging: the widest detection window. */
const MERGE_WINDOW_MS = 3 * HOUR;

export interface EngineParams extends DetectParams {
  quietAfterMs: number;
}

export const DEFAULT_PARAMS: EngineParams = { minAuthors: 5, minPosts: 6, ratio: 3, openScore: 4.5, minNegativeShare: 0.4, minAuthorsStrong: 3, strongScore: 4.5, pairScore: 4.5, wordScore: 6, nearScore: 6.5, quietAfterMs: 2 * HOUR };

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
  return { id: ref.id, at: ref.at, author: ref.author, source: ref.source, followers: ref.followers, reach: ref.reach, negativity: ref.negativity, cues: ref.cues, text: ref.text, words: ref.words, topics: ref.topics };
}

export class RevoltEngine {
  readonly targets = new Map<string, TargetModel>();
  /** Open revolts by id. */
  readonly open = new Map<string, LiveRevolt>();
  private readonly brand = new Map<string, Set<string>>();
  private readonly lastPrune = new Map<string, number>();
  /** Every target's key history, pooled: the prior for a target with little history of its own. */
  readonly pool = new KeyPool();

  constructor(readonly params: EngineParams = DEFAULT_PARAMS) {}

  model(target: string, name = target): TargetModel {
    let m = this.targets.get(target);
    if (!m) {
      m = new TargetModel(target, name, this.pool);
      this.targets.set(target, m);
      this.brand.set(target, brandWordsOf(target, name));
    } else if (name !== target && m.name !== name) {
      m.name = name;
      this.brand.set(target, brandWordsOf(target, name));
    }
    return m;
  }

  private revoltsOf(target: string): LiveRevolt[] {
    const out: LiveRevolt[] = [];
    for (const r of this.open.values()) if (r.target === target) out.push(r);
    return out;
  }

  /**
   * Feeds classified posts (in roughly time order). `history` posts only build the model (the
   * restart path: they were judged before, and their revolts are restored from the store).
   */
  feed(posts: EnginePost[], opts: { history?: boolean } = {}): void {
    for (const p of posts) {
      const m = this.model(p.target);
      const brand = this.brand.get(p.target)!;
      const { keys, words, echo } = keysOf(p.text, p.topics, brand);
      const ref = m.add(p, keys, words, echo);
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

  /** Posts of a revolt that just resolved: they cannot open another one for the widest window. */
  claim(m: TargetModel, ids: Iterable<string>, resolvedAt: number): void {
    for (const id of ids) m.claimed.set(id, resolvedAt + RECENT_MS);
  }

  /** Restores the members of a revolt resolved less than RECENT_MS ago (the restart path). */
  restoreClaimed(target: string, ids: Iterable<string>, resolvedAt: number): void {
    this.claim(this.model(target), ids, resolvedAt);
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
      const words = contentWords(ownText(p.text).text, brand);
      addMember(
        r,
        { id: p.id, at: p.publishedAt, author: p.author, source: p.source, followers: p.followers, reach: p.followers + 20 * (p.metrics?.reposts ?? 0) + (p.metrics?.likes ?? 0), negativity: Math.max(0, -p.sentimentScore), cues: p.escalation, text: p.text.slice(0, 280), words, topics: p.topics },
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
    const open = this.revoltsOf(m.id);
    // nothing new to test and nothing open to follow: a quiet target costs nothing
    if (m.dirty.size === 0 && open.length === 0) return [];
    const p = this.params;
    const brand = this.brand.get(m.id)!;
    const ex = exposureOf(m, now);
    const candidates: WindowStat[] = [];
    for (const ks of m.dirty) {
      if (m.keys.get(ks.key) !== ks || open.some((r) => r.keys.has(ks.key))) continue;
      const stat = testKey(m, ks, now, p, ex);
      if (stat) candidates.push(stat);
    }
    m.dirty.clear();
    candidates.sort((a, b) => b.score - a.score || keyRank(a.key) - keyRank(b.key) || (a.key < b.key ? -1 : 1));

    // group candidates: into an open revolt of the same incident, or with each other
    const groups: (CrowdView & { stats: WindowStat[]; memberIds: Set<string>; voices: Set<string>; members: Ref[] })[] = [];
    const grown = new Set<LiveRevolt>();
    const recentViews = new Map<LiveRevolt, CrowdView>();
    const viewOf = (r: LiveRevolt) => {
      let v = recentViews.get(r);
      if (!v) recentViews.set(r, (v = recentView(r, now)));
      return v;
    };
    for (const c of candidates) {
      const ids = c.members.map((x) => x.id);
      const authors = new Set(c.members.map((x) => x.author));
      let why: JoinReason | null = null;
      let into = open.find((r) => (why = this.sameIncident(m, c, ids, authors, viewOf(r))) !== null);
      if (!into) {
        into = open.find((r) => now - r.openedAt <= SAME_WAVE_MS && sameWave(majorityTopics(c.members), openingTopics(r)));
        why = 'same wave';
      }
      if (into) {
        this.join(into, c, now, why!);
        grown.add(into);
        recentViews.delete(into);
        continue;
      }
      // candidates bursting at one target in the same tick are one wave, like a key after an opening
      const g = groups.find((g) => this.sameIncident(m, c, ids, authors, g) !== null) ?? groups.find((g) => sameWave(majorityTopics(c.members), majorityTopics(g.members)));
      if (g) {
        g.stats.push(c);
        for (const ref of c.members) {
          if (g.memberIds.has(ref.id)) continue;
          g.memberIds.add(ref.id);
          g.members.push(ref);
          g.voices.add(ref.author);
        }
      } else groups.push({ stats: [c], memberIds: new Set(ids), voices: authors, members: [...c.members] });
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
        this.claim(m, r.members.map((x) => x.id), now);
      }
      changes.push({ revolt: r, event: step.event, created: false, explain: explainOf(r, rate, exp, brand) });
    }
    return changes;
  }

  /**
   * Is candidate `c` (a key no open revolt carries) part of the open revolt `r`? Yes when most of its
   * window's posts are already members; when most of its voices are already voices of the revolt
   * (the same crowd, naming the incident differently: a hashtag, then "outage", then "app"); when
   * the key's recent negative posts are to a large part members of the revolt (its posts carry the
   * key); when the revolt's own members use the key's words (the same crowd in other words: "bag
   * never arrived" in a lost-luggage revolt); or when both are mostly about the same rule topic.
   */
  private sameIncident(m: TargetModel, c: WindowStat, ids: string[], authors: Set<string>, crowd: CrowdView): JoinReason | null {
    if (overlap(ids, crowd.memberIds) >= MERGE_OVERLAP * Math.min(ids.length, crowd.memberIds.size)) return 'shared posts';
    // most of the candidate's voices (or of the group's, the smaller of two candidates) are the crowd's
    if (sharesVoices(authors, crowd.voices, crowd.revolt ? authors.size : Math.min(authors.size, crowd.voices.size))) return 'shared voices';
    const ks = m.keys.get(c.key);
    if (ks) {
      let neg = 0;
      let inside = 0;
      for (const ref of ks.recent) {
        if (!ref.neg || ref.dup) continue;
        neg++;
        if (crowd.memberIds.has(ref.id)) inside++;
      }
      if (inside >= 3 && inside >= MERGE_OVERLAP * neg) return 'shared posts';
    }
    if (kindOf(c.key) === 'phrase') {
      const words = c.key.slice('phrase:'.length).split(' ');
      let n = 0;
      for (const mbr of crowd.members) if (words.every((w) => mbr.words.includes(w))) n++;
      if (n >= MERGE_MIN_WORD_USES && n >= MERGE_WORD_SHARE * crowd.members.length) return 'same words';
    }
    // the candidate is mostly about a rule topic that a good part of the crowd's posts carry too
    const topics = majorityTopics(c.members);
    if (topics.length === 0) return null;
    if (crowd.revolt && intersects(topics, openingTopics(crowd.revolt))) return 'same topic';
    for (const topic of topics) {
      let carry = 0;
      for (const mbr of crowd.members) if (mbr.topics.includes(topic)) carry++;
      if (carry >= MERGE_MIN_SHARED && carry >= MERGE_TOPIC_SHARE * crowd.members.length) return 'same topic';
    }
    return null;
  }

  /** A candidate key joins an open revolt: the key is added, its posts become members, its numbers are kept. */
  private join(r: LiveRevolt, c: WindowStat, now: number, why: JoinReason): void {
    r.keys.add(c.key);
    for (const ref of c.members) addMember(r, memberOf(ref));
    const merged = Array.isArray(r.opening.mergedKeys) ? (r.opening.mergedKeys as unknown[]) : [];
    r.opening = { ...r.opening, mergedKeys: [...merged, { key: c.key, observed: c.observed, expected: c.expected, score: c.score, joinedAt: new Date(now).toISOString(), why }] };
    r.life = { ...r.life, pendingUpdate: true };
  }

  /** Two open revolts that came to share most of their recent posts or voices become one (the older one). */
  private mergeIfOverlapping(r: LiveRevolt, open: LiveRevolt[], now: number): RevoltChange | null {
    if (open.length < 2 || r.mergedInto || !this.open.has(r.id)) return null;
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
      keysInPlay: best.keysInPlay,
      test: `negative binomial (Gamma–Poisson) upper tail, shape at most ${MAX_SHAPE}, corrected for ${WINDOWS_MS.length} windows and ${best.keysInPlay} ${kindOf(best.key)} keys in play`,
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

/** Why a key joined an open revolt (kept in explain.mergedKeys). */
type JoinReason = 'shared posts' | 'shared voices' | 'same words' | 'same topic' | 'same wave';

/** The posts of an open revolt (its recent members) or of a group of candidates, as grouping compares them. */
interface CrowdView {
  /** The open revolt this crowd is (absent for a group of candidates). */
  revolt?: LiveRevolt;
  /** Every member id (all of a revolt's members, not only recent ones). */
  memberIds: ReadonlySet<string>;
  members: readonly { author: string; words: string[]; topics: string[] }[];
  voices: ReadonlySet<string>;
}

/** A revolt's members in the merge window and their voices. */
function recentView(r: LiveRevolt, now: number): CrowdView {
  const members: Member[] = [];
  for (let i = r.members.length - 1; i >= 0 && r.members[i].at > now - MERGE_WINDOW_MS; i--) members.push(r.members[i]);
  return { revolt: r, memberIds: r.memberIds, members, voices: new Set(members.map((x) => x.author)) };
}

/**
 * A key bursting at a target shortly after another (or in the same tick) belongs to the same wave
 * unless the two are clearly about different rule topics — no topic that most posts of each carry
 * (a fee and an app crash at one bank are two revolts; "lost luggage" and "arrived without bags" are one).
 */
function sameWave(a: string[], b: string[]): boolean {
  return a.length === 0 || b.length === 0 || intersects(a, b);
}

/** Posts a revolt is judged by when asking what it is about: its first members, the crowd that opened it. */
const OPENING_MEMBERS = 10;

/**
 * What a revolt is about, by rule topic: the majority topics of its first members (later members
 * may include the target's ordinary traffic that shares a common word with it).
 */
function openingTopics(r: LiveRevolt): string[] {
  return majorityTopics(r.members.slice(0, OPENING_MEMBERS));
}

/** The rule topics carried by at least half of `posts` (none for fewer than two posts). */
function majorityTopics(posts: readonly { topics: string[] }[]): string[] {
  if (posts.length < MERGE_MIN_SHARED) return [];
  const counts = new Map<string, number>();
  for (const p of posts) for (const t of p.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const out: string[] = [];
  for (const [t, c] of counts) if (c >= MERGE_OVERLAP * posts.length) out.push(t);
  return out;
}

function intersects(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
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
