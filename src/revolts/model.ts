/**
 * The in-memory model of one target (pure data + arithmetic): rolling per-key windows of recent
 * posts, hourly history of negative voices per key, hourly volume for the daily and weekly
 * rhythm, and the fingerprints that tell duplicates from new voices. Fed post by post; nothing
 * here reads a database.
 */
import { fingerprint, isRepost } from './keys.js';

export const HOUR = 3_600_000;
/** How long a key's recent posts are kept: the widest detection window. */
export const RECENT_MS = 3 * HOUR;
/** History used for a key's expected volume. */
export const HISTORY_HOURS = 8 * 24;
/** History used for the daily and weekly rhythm. */
export const RHYTHM_HOURS = 28 * 24;
const DUPLICATE_MS = 24 * HOUR;

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
}

export interface KeyState {
  key: string;
  hist: Map<number, number>;
  histTotal: number;
  recent: Ref[];
  /** Negative voices among `recent` (a cheap gate before any window is computed). */
  recentNeg: number;
  lastVoice: Map<string, number>;
  lastAt: number;
}

export function reachOf(followers: number, metrics: EnginePost['metrics']): number {
  return Math.max(0, followers) + 20 * Math.max(0, metrics?.reposts ?? 0) + Math.max(0, metrics?.likes ?? 0);
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
  readonly dirty = new Set<string>();
  /** Publication times of the target's recent posts (any sentiment), for the window's observed volume. */
  readonly recentTimes: number[] = [];
  private rhythmCache: { hour: number; hod: number[]; dow: number[] } | null = null;
  /** Keys touched in each hour: pruning visits only the keys of the hours that expire, never all keys. */
  private readonly touched = new Map<number, Set<KeyState>>();
  /** Hours whose recent refs (3 h) and whose history (8 days) have been pruned, exclusive. */
  private recentPrunedTo = -Infinity;
  private histPrunedTo = -Infinity;
  /** Bumped when a post lands in an hour before the newest one seen (invalidates cached exposure). */
  lateVersion = 0;
  exposureCache: { key: string; value: unknown } | null = null;

  constructor(readonly id: string, public name: string) {}

  /** Adds a post under its keys; returns the model's view of it. */
  add(p: EnginePost, keys: string[], words: string[]): Ref {
    const hour = Math.floor(p.publishedAt / HOUR);
    if (p.publishedAt < this.lastAt && hour < Math.floor(this.lastAt / HOUR)) this.lateVersion++;
    let touched = this.touched.get(hour);
    if (!touched) this.touched.set(hour, (touched = new Set()));
    this.firstAt = Math.min(this.firstAt, p.publishedAt);
    this.lastAt = Math.max(this.lastAt, p.publishedAt);
    this.allByHour.set(hour, (this.allByHour.get(hour) ?? 0) + 1);
    this.recentTimes.push(p.publishedAt);
    const print = fingerprint(p.text);
    let dupOf: string | null = null;
    if (print) {
      const seen = this.prints.get(print);
      if (seen && seen.id !== p.id && p.publishedAt - seen.at < DUPLICATE_MS) dupOf = seen.id;
      else {
        if (seen) this.prints.delete(print); // re-inserted at the end: the map stays in time order
        this.prints.set(print, { id: p.id, at: p.publishedAt });
      }
    }
    const neg = isNegative(p);
    const ref: Ref = {
      id: p.id,
      at: p.publishedAt,
      author: p.author,
      source: p.source,
      followers: p.followers,
      reach: reachOf(p.followers, p.metrics),
      neg,
      dup: dupOf !== null || isRepost(p.text),
      dupOf,
      negativity: Math.max(0, -p.sentimentScore),
      cues: p.escalation,
      text: p.text.slice(0, 280),
      words,
    };
    if (neg && !ref.dup) this.negByHour.set(hour, (this.negByHour.get(hour) ?? 0) + 1);
    for (const k of keys) {
      let ks = this.keys.get(k);
      if (!ks) {
        ks = { key: k, hist: new Map(), histTotal: 0, recent: [], recentNeg: 0, lastVoice: new Map(), lastAt: 0 };
        this.keys.set(k, ks);
      }
      touched.add(ks);
      ks.recent.push(ref);
      ks.lastAt = Math.max(ks.lastAt, ref.at);
      if (neg && !ref.dup) {
        ks.recentNeg++;
        // one voice per author per key per hour: a ranting customer is one voice, not sixty
        const last = ks.lastVoice.get(ref.author);
        if (last === undefined || Math.abs(ref.at - last) >= HOUR) {
          ks.lastVoice.set(ref.author, ref.at);
          ks.hist.set(hour, (ks.hist.get(hour) ?? 0) + 1);
          ks.histTotal++;
        }
        this.dirty.add(k);
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
    if (this.touched.size === 0 && this.recentTimes.length === 0 && this.prints.size === 0) return;
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
        pruneRecent(ks, recentFrom);
        for (const [a, t] of ks.lastVoice) if (t < now - HOUR) ks.lastVoice.delete(a);
      }
    }
    if (recentHour > fromR) this.recentPrunedTo = recentHour;
    const fromH = Number.isFinite(this.histPrunedTo) ? this.histPrunedTo : this.minTouchedHour();
    for (let h = fromH; h < histFrom; h++) {
      const set = this.touched.get(h);
      if (!set) continue;
      this.touched.delete(h);
      for (const ks of set) {
        const n = ks.hist.get(h);
        if (n !== undefined) {
          ks.hist.delete(h);
          ks.histTotal -= n;
        }
        if (Math.floor(ks.lastAt / HOUR) <= h) {
          pruneRecent(ks, recentFrom);
          if (ks.recent.length === 0 && ks.histTotal <= 0 && this.keys.get(ks.key) === ks) this.keys.delete(ks.key);
        }
      }
    }
    if (histFrom > fromH) this.histPrunedTo = histFrom;
    let cut = 0;
    while (cut < this.recentTimes.length && this.recentTimes[cut] < recentFrom) cut++;
    if (cut) this.recentTimes.splice(0, cut);
    const rhythmFrom = nowHour - RHYTHM_HOURS;
    for (const h of this.allByHour.keys()) if (h < rhythmFrom) this.allByHour.delete(h);
    for (const h of this.negByHour.keys()) if (h < rhythmFrom) this.negByHour.delete(h);
    // fingerprints are kept in time order: stop at the first one still fresh
    for (const [f, v] of this.prints) {
      if (v.at >= now - DUPLICATE_MS) break;
      this.prints.delete(f);
    }
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
