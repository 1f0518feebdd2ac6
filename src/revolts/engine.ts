/**
 * The revolt engine: all detection state in memory, fed with classified posts, asked for decisions
 * at each tick. Pure: no clock, no database. detect.ts feeds it from the store and persists what it
 * decides; the checkpoint (open revolts with their state, and a cursor over classifications) lets a
 * restarted process rebuild it without forgetting or re-announcing.
 *
 * A tick at a target: every key that got a voice is tested (test-key.ts), at every level; the keys
 * that burst join an open revolt of the same incident or group with each other (grouping.ts); broad
 * levels are explained by those groups or open revolts, or form a revolt of their own; each group
 * opens a revolt (opening.ts); and every open revolt is followed (follow.ts).
 */
import type { Priority, RevoltEventType } from '../types.js';
import { contentWords, isBroad, keysOf, kindOf, ownText } from './keys.js';
import { type LifecycleState } from './lifecycle.js';
import { reachOf, type EnginePost, type Ref } from './key-state.js';
import { KeyPool } from './key-pool.js';
import { TargetModel } from './target-model.js';
import { BrandIndex } from './attribution.js';
import { addMember, newLiveRevolt, type LiveRevolt } from './revolt.js';
import { exposureOf, usualShare, type Exposure } from './baseline.js';
import { testKey, type WindowStat } from './test-key.js';
import { addToGroup, keyRank, newGroup, recentView, type CrowdView, type Group, type JoinReason } from './grouping.js';
import { groupOf, levelSeenFromAbove, openRevoltOf, placeLevel, type JoinContext } from './joining.js';
import { levelNote, openRevolt } from './opening.js';
import { followRevolt, mergeIfOverlapping } from './follow.js';
import { DEFAULT_PARAMS, LEVEL_RECENT_MS, type EngineParams } from './params.js';
import { HOUR } from './time.js';

export { DEFAULT_PARAMS, type EngineParams } from './params.js';
export { DETECTOR_VERSION } from './opening.js';

const PRUNE_EVERY_MS = HOUR;

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

export function persistedState(r: LiveRevolt): PersistedState {
  return { v: 1, keys: [...r.keys], life: r.life, duplicates: r.duplicates, dupReach: r.dupReach };
}

export class RevoltEngine {
  readonly targets = new Map<string, TargetModel>();
  /** Open revolts by id. */
  readonly open = new Map<string, LiveRevolt>();
  private readonly brands = new BrandIndex();
  private readonly lastPrune = new Map<string, number>();
  /** Every target's key history, pooled: the prior for a target with little history of its own. */
  readonly pool = new KeyPool();

  constructor(readonly params: EngineParams = DEFAULT_PARAMS) {}

  model(target: string, name = target): TargetModel {
    let m = this.targets.get(target);
    if (!m) {
      m = new TargetModel(target, name, this.pool);
      this.targets.set(target, m);
      this.brands.set(target, name);
    } else if (name !== target && m.name !== name) {
      m.name = name;
      this.brands.set(target, name);
    }
    return m;
  }

  private brandOf(target: string): ReadonlySet<string> {
    return this.brands.wordsOf(target) ?? new Set();
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
      const { keys, words, echo } = keysOf({ text: p.text, topics: p.topics, pillars: p.pillars, touchpoints: p.touchpoints, lang: p.lang }, undefined, this.brandOf(p.target));
      const aboutAnother = this.brands.aboutAnother(ownText(p.text).text, p.target);
      const ref = m.add(p, keys, words, { echo, aboutAnother });
      if (opts.history || !ref.neg) continue;
      // a post goes to the revolts whose keys it carries; when it carries one's own key, only to those
      let into: LiveRevolt[] = [];
      for (const r of this.open.values()) if (r.target === p.target && keys.some((k) => r.keys.has(k))) into.push(r);
      if (into.length > 1 && into.some((r) => keys.includes(r.key))) into = into.filter((r) => keys.includes(r.key));
      for (const r of into) {
        if (ref.dup && !(ref.campaign && r.keys.has(ref.campaign))) {
          r.duplicates++;
          r.dupReach += ref.reach;
        } else addMember(r, ref);
      }
    }
  }

  /** Posts of a revolt that just resolved: they cannot open another one for the widest window. */
  claim(m: TargetModel, ids: Iterable<string>, resolvedAt: number): void {
    for (const id of ids) m.claimed.set(id, resolvedAt + LEVEL_RECENT_MS);
  }

  /** Restores the members of a revolt resolved less than LEVEL_RECENT_MS ago (the restart path). */
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
    const brand = this.brandOf(init.target);
    for (const p of init.members) {
      const ref: Ref = {
        id: p.id, at: p.publishedAt, author: p.author, source: p.source, followers: p.followers, reach: reachOf(p.followers, p.metrics), neg: true, dup: false, dupOf: null, campaign: null,
        negativity: Math.max(0, -p.sentimentScore), cues: p.escalation, text: p.text.slice(0, 280), words: contentWords(ownText(p.text).text, brand, p.lang), topics: p.topics,
      };
      addMember(r, ref, true);
    }
    for (const l of (Array.isArray(init.opening.levels) ? init.opening.levels : []) as { key: string }[]) r.levels.set(l.key, l as never);
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
    const ex = exposureOf(m, now);
    const candidates = this.candidates(m, now, ex, open);
    const groups = this.assign(m, candidates, open, now, ex);
    const brand = this.brandOf(m.id);
    const changes: RevoltChange[] = [];
    for (const g of groups) {
      const r = openRevolt(m, g, now, brand);
      this.open.set(r.id, r);
      changes.push(followRevolt(this, m, r, now, ex, true)!);
    }
    for (const r of open) {
      const merged = mergeIfOverlapping(this, r, open, now);
      if (merged) {
        changes.push(merged);
        continue;
      }
      if (r.mergedInto) continue;
      const change = followRevolt(this, m, r, now, ex, false);
      if (change) changes.push(change);
    }
    return changes;
  }

  /** Every key that got a voice since the last tick and is not already a key of an open revolt, tested. */
  private candidates(m: TargetModel, now: number, ex: Exposure, open: LiveRevolt[]): WindowStat[] {
    const out: WindowStat[] = [];
    for (const ks of m.dirty) {
      if (m.keys.get(ks.key) !== ks || open.some((r) => r.keys.has(ks.key))) continue;
      const stat = testKey(m, ks, now, this.params, ex);
      if (stat) out.push(stat);
    }
    m.dirty.clear();
    // specific keys first, most surprising first; broad levels last, narrowest first
    return out.sort((a, b) => Number(isBroad(a.kind)) - Number(isBroad(b.kind)) || (isBroad(a.kind) ? keyRank(a.key) - keyRank(b.key) : 0) || b.score - a.score || keyRank(a.key) - keyRank(b.key) || (a.key < b.key ? -1 : 1));
  }

  /** Candidates join open revolts of the same incident, group with each other, or explain nothing and form their own group. */
  private assign(m: TargetModel, candidates: WindowStat[], open: LiveRevolt[], now: number, ex: Exposure): Group[] {
    const groups: Group[] = [];
    const views = new Map<LiveRevolt, CrowdView>();
    const viewOf = (r: LiveRevolt) => views.get(r) ?? (views.set(r, recentView(r, now)), views.get(r)!);
    const cx: JoinContext = { m, open, broadOpen: open.filter((r) => isBroad(kindOf(r.key))), now, viewOf, usual: (key) => usualShare(m, key, ex.short) };
    for (const c of candidates) {
      if (isBroad(c.kind)) {
        const by = open.length ? levelSeenFromAbove(cx, c) : [];
        for (const r of by) this.noteLevel(r, c, now);
        if (!by.length) placeLevel(groups, c);
        continue;
      }
      const joined = openRevoltOf(cx, c);
      if (joined) {
        this.join(joined.into, c, now, joined.why);
        views.delete(joined.into);
        continue;
      }
      const g = groupOf(cx, c, groups);
      if (g) addToGroup(g, c);
      else groups.push(newGroup(c));
    }
    return groups;
  }

  private noteLevel(r: LiveRevolt, c: WindowStat, now: number): void {
    if (!r.levels.has(c.key)) {
      r.levels.set(c.key, levelNote(c, now));
      r.life = { ...r.life, pendingUpdate: true };
    }
  }

  /** A candidate key joins an open revolt: the key is added, its posts become members, its numbers are kept. */
  private join(r: LiveRevolt, c: WindowStat, now: number, why: JoinReason): void {
    r.keys.add(c.key);
    // the key's posts that another open revolt already holds stay there: one incident's words are not another's posts
    const others = [...this.open.values()].filter((x) => x !== r && x.target === r.target);
    for (const ref of c.members) if (!others.some((x) => x.memberIds.has(ref.id))) addMember(r, ref);
    this.noteLevel(r, c, now);
    const merged = Array.isArray(r.opening.mergedKeys) ? (r.opening.mergedKeys as unknown[]) : [];
    r.opening = { ...r.opening, mergedKeys: [...merged, { key: c.key, observed: c.observed, expected: c.expected, score: c.score, joinedAt: new Date(now).toISOString(), why }] };
    r.life = { ...r.life, pendingUpdate: true };
  }

  /** Brand words of a target (removed from its content terms). */
  brandWords(target: string): ReadonlySet<string> {
    return this.brandOf(target);
  }
}
