/**
 * One key at one target (pure data): its recent posts, its negative voices per hour of history, and
 * the bookkeeping that makes a ranting customer one voice an hour. Also the post as the model keeps
 * it (`Ref`), shared by every key it carries and by the revolts it joins.
 */
import type { KeyKind } from './keys.js';
import { HOUR } from './time.js';
import { LEVEL_RECENT_MS, RECENT_MS } from './params.js';

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
  /** CX pillars and touchpoints of the post's topics (the levels above a topic). */
  pillars?: string[];
  touchpoints?: string[];
  lang?: string | null;
  escalation: string[];
}

/** One post as the engine keeps it. */
export interface Ref {
  id: string;
  at: number;
  author: string;
  source: string;
  followers: number;
  reach: number;
  /** Negative or a complaint, and about this target: a voice unless it is reach. */
  neg: boolean;
  /** A repost, an echo or a copy of an earlier message: reach, not a voice. */
  dup: boolean;
  /** The first post of the message this one copies, when it is a copy. */
  dupOf: string | null;
  /** The copy-paste campaign (several accounts, one message) the post belongs to. */
  campaign: string | null;
  negativity: number;
  cues: string[];
  text: string;
  words: string[];
  topics: string[];
}

export interface PoolEntry {
  voices: number;
  holders: number;
}

export interface KeyState {
  key: string;
  kind: KeyKind;
  /** A level (target, pillar, touchpoint, topic): long windows, a drift learnt from its history. */
  level: boolean;
  /** A broad level keeps only its voices in `recent` (every other post is its yardstick, not its evidence). */
  broad: boolean;
  /** Negative voices per hour of history: hours ascending (appended as time goes), and their counts. */
  histH: number[];
  histN: number[];
  histTotal: number;
  recent: Ref[];
  /**
   * The posts that counted as a voice (one per author per hour, as the history counts them): a
   * window's observed volume, so that it is measured like the history it is compared with.
   */
  events: Ref[];
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
  /** The drift learnt from the history, cached for the hour it was computed in. */
  drift: { hour: number; cv2: number } | null;
}

export function isVoice(ref: Ref): boolean {
  return ref.neg && !ref.dup;
}

/** A voice of this key: copies are reach everywhere but under the campaign they make. */
export function voiceOf(ks: Pick<KeyState, 'kind'>, ref: Ref): boolean {
  return ks.kind === 'campaign' ? ref.neg : ref.neg && !ref.dup;
}

export function reachOf(followers: number, metrics: EnginePost['metrics']): number {
  return Math.max(0, followers) + 20 * Math.max(0, metrics?.reposts ?? 0) + Math.max(0, metrics?.likes ?? 0);
}

export function isNegative(p: Pick<EnginePost, 'sentiment' | 'complaint'>): boolean {
  return p.sentiment === 'negative' || p.complaint;
}

/** True when `author` has not counted as a voice of the key within an hour of `at` (and records it). */
export function newVoice(ks: KeyState, author: string, at: number): boolean {
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
export function forgetVoices(ks: KeyState, before: number): void {
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
export function addVoice(ks: KeyState, hour: number): void {
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

/** Drops a key's recent refs older than `from`; returns how many voices left (for the keys-in-play count). */
export function dropRecentBefore(ks: KeyState, from: number): number {
  let cut = 0;
  let voices = 0;
  while (cut < ks.recent.length && ks.recent[cut].at < from) {
    if (voiceOf(ks, ks.recent[cut])) voices++;
    cut++;
  }
  if (cut) {
    ks.recent.splice(0, cut);
    ks.recentNeg -= voices;
  }
  let e = 0;
  while (e < ks.events.length && ks.events[e].at < from) e++;
  if (e) ks.events.splice(0, e);
  return voices;
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

/** A key's only voice so far. `live` while it is within the widest window (the key is in play). */
export interface OnceEntry {
  key: string;
  kind: KeyKind;
  ref: Ref;
  live: boolean;
}

export const KINDS: KeyKind[] = ['target', 'pillar', 'touchpoint', 'topic', 'campaign', 'hashtag', 'link', 'phrase'];

export function recentMsOf(ks: Pick<KeyState, 'level'>): number {
  return ks.level ? LEVEL_RECENT_MS : RECENT_MS;
}

export interface AddOptions {
  /** The post addresses another watched brand first: it is not a voice here. */
  aboutAnother?: boolean;
  /** The post only passes another one on (a repost or a bare quote). */
  echo?: boolean;
}

/** First voices that left the widest window are no longer in play; those older than the history are forgotten. */
export function pruneOnce(once: Map<string, OnceEntry>, onceQueue: OnceEntry[], active: Record<KeyKind, number>, now: number, histFrom: number): void {
  let q = 0;
  while (q < onceQueue.length && onceQueue[q].ref.at < now - RECENT_MS) {
    const e = onceQueue[q++];
    if (e.live) {
      e.live = false;
      active[e.kind]--;
    }
  }
  if (q) onceQueue.splice(0, q);
  for (const [k, e] of once) {
    if (e.ref.at >= histFrom * HOUR) break;
    once.delete(k);
  }
}
