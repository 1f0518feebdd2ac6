/**
 * One incident is one revolt (pure). The keys that burst at a target at one tick, and the keys that
 * burst while a revolt is open there, are compared with the crowds already known: the same posts,
 * the same voices, the same words or the same rule topic make them one incident. A broad level (the
 * whole target, a pillar, a touchpoint) is *explained* by the incidents that hold most of its excess
 * voices; only a broad burst that nothing more specific explains is a revolt of its own.
 */
import { isBroad, isWord, kindOf } from './keys.js';
import type { Ref } from './key-state.js';
import type { LiveRevolt } from './revolt.js';
import type { TargetModel } from './target-model.js';
import type { WindowStat } from './test-key.js';
import { poissonUpperTail, surpriseOf } from './stats.js';
import { RATE_WINDOW_MS } from './revolt.js';
import { WAVE_SCORE, EXPLAIN_SHARE, MERGE_MIN_SHARED, MERGE_MIN_WORD_USES, MERGE_OVERLAP, MERGE_TOPIC_SHARE, MERGE_WINDOW_MS, MERGE_WORD_SHARE, OPENING_MEMBERS } from './params.js';

/** Why a key joined an open revolt (kept in explain.mergedKeys). */
export type JoinReason = 'shared posts' | 'shared voices' | 'same words' | 'same topic' | 'same subject' | 'same wave';

/** The posts of an open revolt (its recent members) or of a group of candidates, as grouping compares them. */
export interface CrowdView {
  /** The open revolt this crowd is (absent for a group of candidates). */
  revolt?: LiveRevolt;
  /** Every member id (all of a revolt's members, not only recent ones). */
  memberIds: ReadonlySet<string>;
  members: readonly { author: string; words: string[]; topics: string[] }[];
  voices: ReadonlySet<string>;
  /** A broad revolt holds every voice of its level: sharing posts or voices with it says nothing. */
  broad: boolean;
}

/** A group of candidates of one tick: one revolt to open. */
export interface Group extends CrowdView {
  stats: WindowStat[];
  memberIds: Set<string>;
  voices: Set<string>;
  members: Ref[];
  /** Broad levels this group explains (they fired too; they are not its keys). */
  levels: WindowStat[];
}

/** Kinds from the most specific name to the broadest: the order in which a revolt is named. */
const KIND_RANK = { topic: 0, campaign: 1, hashtag: 2, link: 3, phrase: 4, touchpoint: 6, pillar: 7, target: 8 } as const;

export function keyRank(key: string): number {
  const k = kindOf(key);
  return KIND_RANK[k] + (k === 'phrase' && isWord(key) ? 1 : 0);
}

/** A revolt's members in the merge window and their voices. */
export function recentView(r: LiveRevolt, now: number): CrowdView {
  const members: Ref[] = [];
  for (let i = r.members.length - 1; i >= 0 && r.members[i].at > now - MERGE_WINDOW_MS; i--) members.push(r.members[i]);
  return { revolt: r, memberIds: r.memberIds, members, voices: new Set(members.map((x) => x.author)), broad: isBroad(kindOf(r.key)) };
}

export function newGroup(c: WindowStat): Group {
  return { stats: [c], memberIds: new Set(c.members.map((x) => x.id)), voices: new Set(c.members.map((x) => x.author)), members: [...c.members], levels: [], broad: isBroad(c.kind) };
}

export function addToGroup(g: Group, c: WindowStat): void {
  g.stats.push(c);
  for (const ref of c.members) {
    if (g.memberIds.has(ref.id)) continue;
    g.memberIds.add(ref.id);
    g.members.push(ref);
    g.voices.add(ref.author);
  }
}

export function overlap(ids: Iterable<string>, set: ReadonlySet<string>): number {
  let n = 0;
  for (const id of ids) if (set.has(id)) n++;
  return n;
}

export function intersects(a: readonly string[], b: readonly string[]): boolean {
  return a.some((x) => b.includes(x));
}

/** Most of `of` voices (at least MERGE_MIN_SHARED) are also in the other set. */
export function sharesVoices(a: ReadonlySet<string>, b: ReadonlySet<string>, of: number): boolean {
  if (of <= 0) return false;
  let n = 0;
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) n++;
  return n >= MERGE_MIN_SHARED && n >= MERGE_OVERLAP * of;
}

/** The rule topics carried by at least half of `posts` (none for fewer than two posts). */
export function majorityTopics(posts: readonly { topics: string[] }[]): string[] {
  if (posts.length < MERGE_MIN_SHARED) return [];
  const counts = new Map<string, number>();
  for (const p of posts) for (const t of p.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  const out: string[] = [];
  for (const [t, c] of counts) if (c >= MERGE_OVERLAP * posts.length) out.push(t);
  return out;
}

/** What a revolt is about, by rule topic: the majority topics of its first members (the crowd that opened it). */
export function openingTopics(r: LiveRevolt): string[] {
  return majorityTopics(r.members.slice(0, OPENING_MEMBERS));
}

/**
 * A key bursting at a target shortly after another (or in the same tick) belongs to the same wave
 * unless the two are clearly about different rule topics — no topic that most posts of each carry.
 */
export function sameWave(a: string[], b: string[]): boolean {
  return a.length === 0 || b.length === 0 || intersects(a, b);
}

/**
 * Is candidate `c` part of `crowd` (an open revolt or a group of this tick)? Yes when most of its
 * window's posts are already members; when most of its voices are the crowd's (the same people
 * naming the incident differently); when its recent negative posts are mostly members; when the
 * crowd's members use its words ("bag never arrived" in a lost-luggage revolt); or when both are
 * mostly about the same rule topic. A broad crowd holds everything: only words and topics count.
 */
export function sameIncident(m: TargetModel, c: WindowStat, crowd: CrowdView): JoinReason | null {
  if (!crowd.broad) {
    const ids = c.members.map((x) => x.id);
    if (overlap(ids, crowd.memberIds) >= MERGE_OVERLAP * Math.min(ids.length, crowd.memberIds.size)) return 'shared posts';
    const authors = new Set(c.members.map((x) => x.author));
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
  }
  if (kindOf(c.key) === 'phrase') {
    const words = c.key.slice('phrase:'.length).split(' ');
    let n = 0;
    for (const mbr of crowd.members) if (words.every((w) => mbr.words.includes(w))) n++;
    if (n >= MERGE_MIN_WORD_USES && n >= MERGE_WORD_SHARE * crowd.members.length) return 'same words';
  }
  const topics = majorityTopics(c.members);
  if (topics.length === 0) return null;
  if (crowd.revolt && !crowd.broad && intersects(topics, openingTopics(crowd.revolt))) return 'same topic';
  for (const topic of topics) {
    let carry = 0;
    for (const mbr of crowd.members) if (mbr.topics.includes(topic)) carry++;
    if (carry >= MERGE_MIN_SHARED && carry >= MERGE_TOPIC_SHARE * crowd.members.length && (!crowd.broad || carry >= MERGE_OVERLAP * crowd.members.length)) return 'same topic';
  }
  return null;
}

/** Does a post carry a key? (from what the model keeps of it) */
export function carries(ref: Ref, key: string): boolean {
  switch (kindOf(key)) {
    case 'topic':
      return ref.topics.includes(key);
    case 'phrase': {
      const words = key.slice('phrase:'.length).split(' ');
      return words.every((w) => ref.words.includes(w));
    }
    case 'campaign':
      return ref.campaign === key;
    case 'hashtag':
      return ref.text.toLowerCase().includes(key);
    case 'link':
      return ref.text.toLowerCase().includes(key.slice('link:'.length));
    default:
      return false;
  }
}

/** A key over-represented this many times among a crowd, against its usual share of the target's voices, marks the same incident. */
const LIFT = 3;
const LIFT_MIN_POSTS = 3;
const LIFT_MIN_SHARE = 0.15;

/** True when `key` is used by a share of `posts` well above its usual share `usual` (0–1) of the target's voices. */
export function overRepresented(posts: readonly Ref[], key: string, usual: number): boolean {
  let n = 0;
  for (const p of posts) if (carries(p, key)) n++;
  return n >= LIFT_MIN_POSTS && n >= LIFT_MIN_SHARE * posts.length && n >= LIFT * usual * posts.length;
}

/** The excess voices of a broad candidate: what it saw beyond what it expected. */
export function excessOf(c: WindowStat): number {
  return Math.max(1, c.voiceEvents - c.expected);
}

/**
 * The crowds (open revolts and this tick's groups) that explain a broad candidate: together they
 * hold at least EXPLAIN_SHARE of its excess voices. Each one holding some of them is returned.
 */
export function explainers<T extends CrowdView>(b: WindowStat, crowds: T[], share = EXPLAIN_SHARE): T[] {
  const held = crowds.map((x) => ({ x, n: x.broad ? 0 : overlap(b.members.map((r) => r.id), x.memberIds) }));
  const total = held.reduce((s, h) => s + h.n, 0);
  if (total < share * excessOf(b)) return [];
  return held.filter((h) => h.n > 0).map((h) => h.x);
}

/**
 * Does candidate `c` stand out of the wave of broad revolt `r`? The rest of the wave (the broad
 * revolt's voices of the last hour that do not carry the key, against what the level expects
 * without the key's usual share) lifts every subject about as much; a key whose voices are still
 * surprising against its own expectation times that lift is a second incident. When the rest is
 * not lifted at all, the broad revolt was this key all along: not a second incident either.
 */
export function standsOutOfWave(c: WindowStat, r: LiveRevolt, now: number, usual: number): boolean {
  const rest = new Set<string>();
  for (let i = r.members.length - 1; i >= 0; i--) {
    const x = r.members[i];
    if (x.at <= now - RATE_WINDOW_MS) break;
    if (x.at <= now && !carries(x, c.key)) rest.add(x.author);
  }
  const restExpected = Math.max(r.expectedRate * (1 - Math.min(usual, 0.9)), 1e-6);
  if (surpriseOf(poissonUpperTail(rest.size, restExpected)) < WAVE_SCORE) return false;
  const lift = Math.max(1, rest.size / restExpected);
  return surpriseOf(poissonUpperTail(c.observed, Math.max(c.expected, 0.05) * lift)) >= WAVE_SCORE;
}

/** The fewest posts, and the least share of a crowd, that carry its signature topic. */
const SIGNATURE_MIN_POSTS = 3;
const SIGNATURE_MIN_SHARE = 0.2;

/**
 * A crowd's signature: the rule topic most over-represented among its posts against the topic's
 * usual share of the target's voices (null when none is carried by enough of them). Real posts of
 * one incident spread over several topics, but the incident's own topic stands out of them.
 */
export function signatureTopic(posts: readonly { topics: string[] }[], usual: (topic: string) => number): string | null {
  const counts = new Map<string, number>();
  for (const p of posts) for (const t of p.topics) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best: string | null = null;
  let bestLift = 0;
  for (const [t, n] of counts) {
    if (n < SIGNATURE_MIN_POSTS || n < SIGNATURE_MIN_SHARE * posts.length) continue;
    const lift = n / posts.length / Math.max(usual(t), 1e-3);
    if (lift > bestLift || (lift === bestLift && best !== null && t < best)) {
      best = t;
      bestLift = lift;
    }
  }
  return best;
}

/**
 * A broad revolt holding two incidents at once: besides the candidate's posts, its recent members
 * carry another signature topic of their own, over-represented (against its usual share of the
 * revolt's level) and carried by a crowd (MIX_MIN_VOICES authors). The candidate is then the second
 * incident, not a name for the wave.
 */
export function holdsAnotherIncident(c: WindowStat, crowd: CrowdView, usual: (topic: string) => number): boolean {
  const own = signatureTopic(c.members, usual) ?? (c.kind === 'topic' ? c.key : null);
  if (own === null) return false;
  const ids = new Set(c.members.map((x) => x.id));
  const rest = (crowd.members as Ref[]).filter((x) => !ids.has(x.id) && !carries(x, c.key) && !x.topics.includes(own));
  const other = signatureTopic(rest, usual);
  if (other === null || other === own) return false;
  const authors = new Set(rest.filter((x) => x.topics.includes(other)).map((x) => x.author));
  // a pillar's or touchpoint's revolt holds only that level's voices: its topics' usual share there is
  // their share of the level's, not of every voice (phone-support fills much of the phone touchpoint)
  const level = crowd.revolt && (kindOf(crowd.revolt.key) === 'pillar' || kindOf(crowd.revolt.key) === 'touchpoint') ? usual(crowd.revolt.key) : 1;
  const usualThere = Math.min(1, usual(other) / Math.max(level, 1e-3));
  return authors.size >= MIX_MIN_VOICES && authors.size >= MIX_MIN_SHARE * rest.length && authors.size >= LIFT * usualThere * rest.length;
}

/** Authors the other incident of a mixed broad revolt needs, and the share of the rest of its members they make. */
const MIX_MIN_VOICES = 8;
const MIX_MIN_SHARE = 0.4;
