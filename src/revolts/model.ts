/**
 * The in-memory model of one target (pure data + arithmetic): rolling per-key windows of recent
 * posts, hourly history of negative voices per key, hourly volume for the daily and weekly
 * rhythm, and the fingerprints that tell duplicates from new voices. Fed post by post; nothing
 * here reads a database.
 */
import { fingerprint, isRepost, kindOf, type KeyKind } from './keys.js';

export const HOUR = 3_600_000;
/** How long a key's recent posts are kept: the widest detection window. */
export const RECENT_MS = 3 * HOUR;
/** History used for a key's expected volume. */
export const HISTORY_HOURS = 8 * 24;
/** History used for the daily and weekly rhythm. */
export const RHYTHM_HOURS = 28 * 24;
const DUPLICATE_MS = 24 * HOUR;
/** A key is in play (one of the family tested at a tick) with this many negative posts in the widest window. */
const ACTIVE_VOICES = 1;

export interface EnginePost {
  id: string;
  target: string;
  source: string;
  author: string;
  followers: number;
  text: string;
  url?: string | null;
  publishedAt: number;
  metrics?: { likes?: number; reposts?: number; replies?: number } | null;
  sentiment: 'negative' | 'neutral' | 'positive';
  sentimentScore: number;
  complaint: boolean;
  topics: string[];
  escalation: string[];
}

/** One post as the model keeps it (shared by every key it carries). */
export interface Ref {
  id: string;
  at: number;
  author: string;
  source: string;
  followers: number;
  reach: number;
  neg: boolean;
  /** A repost or a duplicate of an earlier post: reach, not a voice. */
  dup: boolean;
  /** The post this one duplicates, when dup. */
  dupOf: string | null;
  negativity: number;
  cues: string[];
  text: string;
  words: string[];
  /** Rule topics of the post. */
  topics: string[];
}

/** A key's only voice so far. `live` while it is within the widest window (the key is in play). */
interface OnceEntry {
  key: string;
  kind: KeyKind;
  ref: Ref;
  live: boolean;
}

export interface KeyState {
  key: string;
  kind: KeyKind;
  /** Negative voices per hour of history: hours ascending (appended as time goes), and their counts. */
  histH: number[];
  histN: number[];
  histTotal: number;
  recent: Ref[];
  /** Negative voices among `recent` (a cheap gate before any window is computed). */
  recentNeg: number;
  /** Authors who counted as a voice in the last hour, and when (a ranting customer is one voice an hour). */
  voiceAuthors: string[];
  voiceAt: number[];
  /** The newest hour this key is listed under in the model's `touched` index. */
  touchedHour: number;
  /** The key's counter in the pool of every target's history. */
  pooled: PoolEntry;
  lastAt: number;
}

export function reachOf(followers: number, metrics: EnginePost['metrics']): number {
  return Math.max(0, followers) + 20 * Math.max(0, metrics?.reposts ?? 0) + Math.max(0, metrics?.likes ?? 0);
}

/**
 * What every target's history says about each key, pooled: a prior for a target that has little
 * history of its own (a cold start, or a brand that just appeared), so that "waiting-time" is known
 * to be common in airline complaints before this airline's own history shows it.
 */
export class KeyPool {
  private readonly entries = new Map<string, PoolEntry>();
  /** Posts in the targets' histories. */
  volume = 0;

  /** The shared counter of a key, held by a target's state of the key (a voice then costs no lookup). */
  hold(key: string): PoolEntry {
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { voices: 0, holders: 0 }));
    e.holders++;
    return e;
  }

  /** A target dropped its state of the key: the counter goes when no target holds it. */
  release(key: string, e: PoolEntry): void {
    if (--e.holders <= 0 && this.entries.get(key) === e) this.entries.delete(key);
  }

  voices(key: string): number {
    return this.entries.get(key)?.voices ?? 0;
  }
}

export interface PoolEntry {
  voices: number;
  holders: number;
}

export function isNegative(p: Pick<EnginePost, 'sentiment' | 'complaint'>): boolean {
  return p.sentiment === 'negative' || p.complaint;
}

export class TargetModel {
  readonly allByHour = new Map<number, number>();
  readonly negByHour = new Map<number, number>();
  readonly keys = new Map<string, KeyState>();
  private readonly prints = new Map<string, { id: string; at: number }>();
  firstAt = Infinity;
  lastAt = -Infinity;
  /** Keys that received a negative voice since the last evaluation. */
  readonly dirty = new Set<KeyState>();
  /** Publication times of the target's recent posts (any sentiment), for the window's observed volume. */
  readonly recentTimes: number[] = [];
  private rhythmCache: { hour: number; hod: number[]; dow: number[] } | null = null;
  /** The first voice of each key that has had only one (a key is made by its second). */
  private readonly once = new Map<string, OnceEntry>();
  /** The same entries in time order, to take them out of play after the widest window. */
  private readonly onceQueue: OnceEntry[] = [];
  /** Keys touched in each hour: pruning visits only the keys of the hours that expire, never all keys. */
  private readonly touched = new Map<number, KeyState[]>();
  /** Hours whose recent refs (3 h) and whose history (8 days) have been pruned, exclusive. */
  private recentPrunedTo = -Infinity;
  private histPrunedTo = -Infinity;
  /** Bumped when a post lands in an hour before the newest one seen (invalidates cached exposure). */
  lateVersion = 0;
  exposureCache: { hour: number; firstAt: number; lateVersion: number; value: unknown } | null = null;
  /** Posts in the 8-day history (for the pool). */
  histVolume = 0;
  /**
   * Members of revolts that resolved in the last RECENT_MS (post id → until when): they already
   * made one revolt, so they do not count toward opening another (a revolt that just went quiet
   * is not re-announced from its own posts).
   */
  readonly claimed = new Map<string, number>();
  /** Keys of each kind with ACTIVE_VOICES negative posts in the widest window: the family of keys in play at a tick. */
  readonly active: Record<KeyKind, number> = { topic: 0, hashtag: 0, link: 0, phrase: 0 };

  constructor(
    readonly id: string,
    public name: string,
    readonly pool: KeyPool = new KeyPool(),
  ) {}

  /** The key's share of the posts of every other target (0 when no other target knows it). */
  pooledShare(ks: KeyState): number {
    const others = this.pool.volume - this.histVolume;
    if (others <= 0) return 0;
    return Math.max(0, ks.pooled.voices - ks.histTotal) / others;
  }

  /**
   * Adds a post under its keys; returns the model's view of it. An echo (a repost, or a quote with
   * hardly a word of its own: keys.ts) is reach, not a voice.
   */
  add(p: EnginePost, keys: string[], words: string[], echo = false): Ref {
    const hour = Math.floor(p.publishedAt / HOUR);
    if (p.publishedAt < this.lastAt && hour < Math.floor(this.lastAt / HOUR)) this.lateVersion++;
    let touched = this.touched.get(hour);
    if (!touched) this.touched.set(hour, (touched = []));
    this.firstAt = Math.min(this.firstAt, p.publishedAt);
    this.lastAt = Math.max(this.lastAt, p.publishedAt);
    this.allByHour.set(hour, (this.allByHour.get(hour) ?? 0) + 1);
    this.histVolume++;
    this.pool.volume++;
    this.recentTimes.push(p.publishedAt);
    const neg = isNegative(p);
    // only a voice can be a copy that matters (a copy says what the original said, sentiment included)
    const print = neg ? fingerprint(p.text) : null;
    let dupOf: string | null = null;
    if (print) {
      const seen = this.prints.get(print);
      if (seen && seen.id !== p.id && p.publishedAt - seen.at < DUPLICATE_MS) dupOf = seen.id;
      else {
        if (seen) this.prints.delete(print); // re-inserted at the end: the map stays in time order
        this.prints.set(print, { id: p.id, at: p.publishedAt });
      }
    }
    const ref: Ref = {
      id: p.id,
      at: p.publishedAt,
      author: p.author,
      source: p.source,
      followers: p.followers,
      reach: reachOf(p.followers, p.metrics),
      neg,
      dup: dupOf !== null || echo || isRepost(p.text),
      dupOf,
      negativity: Math.max(0, -p.sentimentScore),
      cues: p.escalation,
      text: p.text.slice(0, 280),
      words,
      topics: p.topics,
    };
    if (neg && !ref.dup) this.negByHour.set(hour, (this.negByHour.get(hour) ?? 0) + 1);
    const voice = neg && !ref.dup;
    for (const k of keys) {
      let ks = this.keys.get(k);
      if (!ks) {
        // a key starts with its second voice (most words and pairs are said once in a week): the
        // first is remembered; other posts only count under keys already in play (their share)
        if (!voice) continue;
        const first = this.once.get(k);
        if (!first) {
          const e: OnceEntry = { key: k, kind: kindOf(k), ref, live: true };
          this.once.set(k, e);
          this.onceQueue.push(e);
          this.active[e.kind]++; // in play like a key with one voice
          continue;
        }
        this.once.delete(k);
        ks = { key: k, kind: first.kind, histH: [], histN: [], histTotal: 0, recent: [], recentNeg: 0, voiceAuthors: [], voiceAt: [], touchedHour: -Infinity, lastAt: 0, pooled: this.pool.hold(k) };
        this.keys.set(k, ks);
        this.seedFirstVoice(ks, first);
      }
      if (ks.recent.length && ks.recent[ks.recent.length - 1] === ref) continue; // a key the post carries twice
      if (ks.touchedHour !== hour) {
        // listed once per hour it is touched in (a late post may list it again: visited twice, harmless)
        ks.touchedHour = hour;
        touched.push(ks);
      }
      ks.recent.push(ref);
      if (ref.at > ks.lastAt) ks.lastAt = ref.at;
      if (voice) {
        if (++ks.recentNeg === ACTIVE_VOICES) this.active[ks.kind]++;
        // one voice per author per key per hour: a ranting customer is one voice, not sixty
        if (newVoice(ks, ref.author, ref.at)) {
          addVoice(ks, hour);
          ks.pooled.voices++;
        }
        this.dirty.add(ks);
      }
    }
    return ref;
  }

  /**
   * Drops what fell out of every window: recent refs, old history hours, dead keys. Incremental:
   * only the keys touched in the hours that just expired are visited (a key untouched since then
   * has nothing newer to keep, so it is dropped once its last hour leaves the history).
   */
  prune(now: number): void {
    if (this.touched.size === 0 && this.recentTimes.length === 0 && this.prints.size === 0 && this.once.size === 0) return;
    const recentFrom = now - RECENT_MS;
    const nowHour = Math.floor(now / HOUR);
    const histFrom = nowHour - HISTORY_HOURS;
    // recent refs and voice marks of keys touched in hours now wholly older than the widest window
    const recentHour = Math.floor(recentFrom / HOUR); // hours < recentHour are out of every window
    const fromR = Number.isFinite(this.recentPrunedTo) ? this.recentPrunedTo : this.minTouchedHour();
    for (let h = fromR; h < recentHour; h++) {
      const set = this.touched.get(h);
      if (!set) continue;
      for (const ks of set) {
        this.pruneRecent(ks, recentFrom);
        forgetVoices(ks, now - HOUR);
      }
    }
    if (recentHour > fromR) this.recentPrunedTo = recentHour;
    const fromH = Number.isFinite(this.histPrunedTo) ? this.histPrunedTo : this.minTouchedHour();
    for (let h = fromH; h < histFrom; h++) {
      const gone = this.allByHour.get(h) ?? 0;
      this.histVolume -= gone;
      this.pool.volume -= gone;
      const set = this.touched.get(h);
      if (!set) continue;
      this.touched.delete(h);
      for (const ks of set) {
        // hours leave the history in ascending order: the key's oldest hours are at the front
        let n = 0;
        let cut = 0;
        while (cut < ks.histH.length && ks.histH[cut] <= h) n += ks.histN[cut++];
        if (cut) {
          ks.histH.splice(0, cut);
          ks.histN.splice(0, cut);
          ks.histTotal -= n;
          ks.pooled.voices -= n;
        }
        if (Math.floor(ks.lastAt / HOUR) <= h) {
          this.pruneRecent(ks, recentFrom);
          if (ks.recent.length === 0 && ks.histTotal <= 0 && this.keys.get(ks.key) === ks) {
            this.keys.delete(ks.key);
            this.pool.release(ks.key, ks.pooled);
          }
        }
      }
    }
    if (histFrom > fromH) this.histPrunedTo = histFrom;
    // keys said once: out of play after the widest window, forgotten after the history (time order)
    let q = 0;
    while (q < this.onceQueue.length && this.onceQueue[q].ref.at < recentFrom) {
      const e = this.onceQueue[q++];
      if (e.live) {
        e.live = false;
        this.active[e.kind]--;
      }
    }
    if (q) this.onceQueue.splice(0, q);
    for (const [k, e] of this.once) {
      if (e.ref.at >= histFrom * HOUR) break;
      this.once.delete(k);
    }
    let cut = 0;
    while (cut < this.recentTimes.length && this.recentTimes[cut] < recentFrom) cut++;
    if (cut) this.recentTimes.splice(0, cut);
    const rhythmFrom = nowHour - RHYTHM_HOURS;
    for (const h of this.allByHour.keys()) if (h < rhythmFrom) this.allByHour.delete(h);
    for (const h of this.negByHour.keys()) if (h < rhythmFrom) this.negByHour.delete(h);
    for (const [id, until] of this.claimed) if (until <= now) this.claimed.delete(id);
    // fingerprints are kept in time order: stop at the first one still fresh
    for (const [f, v] of this.prints) {
      if (v.at >= now - DUPLICATE_MS) break;
      this.prints.delete(f);
    }
  }

  /** A key's first voice, remembered before the key existed, becomes part of its state. */
  private seedFirstVoice(ks: KeyState, first: OnceEntry): void {
    const ref = first.ref;
    const hour = Math.floor(ref.at / HOUR);
    this.touched.get(hour)?.push(ks); // its history hour leaves with that hour
    ks.lastAt = ref.at;
    if (first.live) {
      ks.recent.push(ref);
      ks.recentNeg = 1; // already counted among the keys in play: the key's state carries that count now
      first.live = false;
    }
    newVoice(ks, ref.author, ref.at);
    addVoice(ks, hour);
    ks.pooled.voices++;
  }

  /** Drops a key's recent refs older than `from`, keeping the count of active keys. */
  pruneRecent(ks: KeyState, from: number): void {
    const before = ks.recentNeg;
    pruneRecent(ks, from);
    if (before >= ACTIVE_VOICES && ks.recentNeg < ACTIVE_VOICES) this.active[ks.kind]--;
  }

  private minTouchedHour(): number {
    let min = Infinity;
    for (const h of this.touched.keys()) if (h < min) min = h;
    return min; // Infinity when nothing was touched: no hour to visit
  }

  /**
   * The rhythm factor of an hour: how busy that hour of the day (and day of the week, once two
   * weeks are known) is against the target's average hour. Blended towards 1 while history is short.
   */
  rhythm(hour: number, nowHour: number): number {
    if (!this.rhythmCache || this.rhythmCache.hour !== nowHour) this.rhythmCache = { hour: nowHour, ...this.profile(nowHour) };
    const { hod, dow } = this.rhythmCache;
    return hod[((hour % 24) + 24) % 24] * dow[Math.floor(hour / 24 + 4) % 7];
  }

  private profile(nowHour: number): { hod: number[]; dow: number[] } {
    const hodN = new Array<number>(24).fill(0);
    const dowN = new Array<number>(7).fill(0);
    let total = 0;
    const firstHour = Math.floor(this.firstAt / HOUR);
    for (const [h, n] of this.allByHour) {
      if (h >= nowHour) continue;
      hodN[((h % 24) + 24) % 24] += n;
      dowN[Math.floor(h / 24 + 4) % 7] += n;
      total += n;
    }
    const spanH = Math.max(0, Math.min(RHYTHM_HOURS, nowHour - firstHour));
    const days = spanH / 24;
    const hod = new Array<number>(24).fill(1);
    const dow = new Array<number>(7).fill(1);
    if (total > 0 && days >= 1) {
      const mean = total / 24;
      const smooth = 1 + 0.1 * mean;
      const w = Math.min(1, (days - 1) / 2); // trust the daily shape fully after three days
      for (let i = 0; i < 24; i++) {
        const raw = (hodN[i] + smooth) / (mean + smooth);
        hod[i] = Math.max(0.1, 1 + w * (raw - 1));
      }
    }
    if (total > 0 && days >= 14) {
      const mean = total / 7;
      const w = Math.min(1, (days - 14) / 14);
      for (let i = 0; i < 7; i++) dow[i] = Math.max(0.2, 1 + w * ((dowN[i] + 1) / (mean + 1) - 1));
    }
    return { hod, dow };
  }
}

/** True when `author` has not counted as a voice of the key within an hour of `at` (and records it). */
function newVoice(ks: KeyState, author: string, at: number): boolean {
  const authors = ks.voiceAuthors;
  for (let i = authors.length - 1; i >= 0; i--) {
    if (authors[i] !== author) continue;
    if (Math.abs(at - ks.voiceAt[i]) < HOUR) return false;
    ks.voiceAt[i] = at;
    return true;
  }
  authors.push(author);
  ks.voiceAt.push(at);
  return true;
}

/** Drops the voice marks older than `before`. */
function forgetVoices(ks: KeyState, before: number): void {
  if (ks.voiceAuthors.length === 0) return;
  let w = 0;
  for (let i = 0; i < ks.voiceAuthors.length; i++) {
    if (ks.voiceAt[i] < before) continue;
    ks.voiceAuthors[w] = ks.voiceAuthors[i];
    ks.voiceAt[w++] = ks.voiceAt[i];
  }
  ks.voiceAuthors.length = w;
  ks.voiceAt.length = w;
}

/** Counts one voice of a key in an hour (hours arrive in order but for late posts). */
function addVoice(ks: KeyState, hour: number): void {
  const last = ks.histH.length - 1;
  ks.histTotal++;
  if (last >= 0 && ks.histH[last] === hour) {
    ks.histN[last]++;
    return;
  }
  if (last < 0 || ks.histH[last] < hour) {
    ks.histH.push(hour);
    ks.histN.push(1);
    return;
  }
  let i = last;
  while (i >= 0 && ks.histH[i] > hour) i--;
  if (i >= 0 && ks.histH[i] === hour) ks.histN[i]++;
  else {
    ks.histH.splice(i + 1, 0, hour);
    ks.histN.splice(i + 1, 0, 1);
  }
}

/** Negative voices of a key in hours from `hour` on. */
export function voicesSince(ks: KeyState, hour: number): number {
  let n = 0;
  for (let i = ks.histH.length - 1; i >= 0 && ks.histH[i] >= hour; i--) n += ks.histN[i];
  return n;
}

/** Posts of the target published in (from, to]. */
export function countBetween(times: number[], from: number, to: number): number {
  let n = 0;
  for (let i = times.length - 1; i >= 0; i--) {
    const t = times[i];
    if (t <= from) break;
    if (t <= to) n++;
  }
  return n;
}

export function pruneRecent(ks: KeyState, from: number): void {
  let cut = 0;
  while (cut < ks.recent.length && ks.recent[cut].at < from) {
    const r = ks.recent[cut];
    if (r.neg && !r.dup) ks.recentNeg--;
    cut++;
  }
  if (cut) ks.recent.splice(0, cut);
}
