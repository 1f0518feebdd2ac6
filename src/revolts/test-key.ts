/**
 * Is a key's recent volume a revolt? (pure). Each key is tested over several windows; many keys of
 * a kind are tested at once, and each window is another try, so the surprise (−log10 p) is corrected
 * for both: minus log10 of the windows tried and of the keys of that kind in play at the target.
 * Then effect-size guards: enough distinct voices, more than expected by a margin, and (for a key
 * whose posts are not all voices) a crowd clearly more negative than the target's usual traffic.
 */
import { isBroad, isLevel, isWord, kindOf, type KeyKind } from './keys.js';
import { voiceOf, type KeyState, type Ref } from './key-state.js';
import { countBetween } from './key-state.js';
import type { TargetModel } from './target-model.js';
import { expectation, type Exposure } from './baseline.js';
import { BROAD_MIN_WINDOW_MS, COLD_HOURS, COLD_MARGIN, LEVEL_WINDOWS_MS, WINDOWS_MS, type DetectParams } from './params.js';
import { HOUR } from './time.js';

export interface WindowStat {
  key: string;
  kind: KeyKind;
  windowMs: number;
  /** distinct voices (negative authors) */
  observed: number;
  /** voices as the history counts them (an author once an hour): what the test compared with `expected` */
  voiceEvents: number;
  /** voice posts */
  posts: number;
  duplicates: number;
  allAuthors: number;
  negativeShare: number;
  expected: number;
  /** weight of "the window's traffic is ordinary" (1: the rhythm was the yardstick; 0: the other posts were) */
  ordinary: number;
  pValue: number;
  score: number;
  /** the score this window needed */
  needed: number;
  keysInPlay: number;
  members: Ref[];
}

/**
 * Keys that name something and may open on fewer voices: a rule topic or a pair of words. (A tag
 * needs the full crowd: its first few posts are all its crowd, and a launch tag's first three can
 * all be misread as negative.)
 */
function isNamed(key: string): boolean {
  const k = kindOf(key);
  return k === 'topic' || (k === 'phrase' && !isWord(key));
}

/** The fewest distinct authors a key can ever open with. */
export function fewestAuthors(key: string, p: DetectParams): number {
  const kind = kindOf(key);
  // a share of everything, many accounts, or what people share (a news story's or a launch tag's
  // first few posts may all grumble, or all be misread)
  if (isBroad(kind) || kind === 'campaign' || kind === 'link' || kind === 'hashtag') return p.minAuthors;
  const near = p.minAuthors > 3 ? p.minAuthors - 1 : p.minAuthors; // never below three voices
  return isNamed(key) ? Math.min(near, p.minAuthorsStrong) : near;
}

/**
 * The surprise a window needs to open with `authors` distinct authors and `posts` posts: openScore
 * with minAuthors; nearScore with one author fewer (any key); strongScore (pairScore for a pair of
 * words) down to minAuthorsStrong for a key that names something. A single word needs wordScore
 * in any case; a broad level levelMargin more, and the whole target targetMargin more again.
 */
export function scoreNeeded(key: string, authors: number, posts: number, p: DetectParams): number {
  const kind = kindOf(key);
  const base = (isWord(key) ? Math.max(p.openScore, p.wordScore) : p.openScore) + (isBroad(kind) ? p.levelMargin : 0) + (kind === 'target' ? p.targetMargin : 0) + p.sensitivityOffset;
  if (authors >= p.minAuthors && posts >= Math.min(p.minPosts, p.minAuthors)) return base;
  if (isBroad(kind) || kind === 'campaign' || kind === 'link' || kind === 'hashtag') return Infinity;
  const near = authors >= p.minAuthors - 1 && posts >= Math.min(p.minPosts, p.minAuthors) - 1 ? p.nearScore + p.sensitivityOffset : Infinity;
  const strong = isNamed(key) ? (kind === 'phrase' ? p.pairScore : p.strongScore) + p.sensitivityOffset : Infinity;
  return Math.max(base, Math.min(near, strong));
}

interface Counts {
  /** distinct voices */
  observed: number;
  posts: number;
  duplicates: number;
  allAuthors: number;
  members: Ref[];
}

/** The window's posts: distinct voices, voice posts, reach, every author (newest first, one pass). */
function windowCounts(m: TargetModel, ks: KeyState, now: number, w: number): Counts {
  const claimed = m.claimed.size > 0 ? m.claimed : null;
  const voices = new Set<string>();
  const authors = new Set<string>();
  const members: Ref[] = [];
  let duplicates = 0;
  for (let i = ks.recent.length - 1; i >= 0; i--) {
    const r = ks.recent[i];
    if (r.at > now) continue;
    if (r.at <= now - w) break;
    if (claimed && (claimed.get(r.id) ?? 0) > now) continue;
    if (!voiceOf(ks, r)) {
      // a campaign's crowd is every account posting its message, happy copies included
      if (r.dup && ks.kind !== 'campaign') duplicates++;
      else authors.add(r.author);
      continue;
    }
    authors.add(r.author);
    voices.add(r.author);
    members.push(r);
  }
  members.reverse();
  return { observed: voices.size, posts: members.length, duplicates, allAuthors: authors.size, members };
}

/** Voices as the history counts them (an author once an hour) in every window, newest first. */
function eventCounts(m: TargetModel, ks: KeyState, now: number, windows: number[]): number[] {
  const claimed = m.claimed.size > 0 ? m.claimed : null;
  const out: number[] = [];
  let w = 0;
  let n = 0;
  for (let i = ks.events.length - 1; i >= 0 && w < windows.length; i--) {
    const r = ks.events[i];
    if (r.at > now) continue;
    while (w < windows.length && r.at <= now - windows[w]) {
      out.push(n);
      w++;
    }
    if (w >= windows.length) break;
    if (claimed && (claimed.get(r.id) ?? 0) > now) continue;
    n++;
  }
  while (out.length < windows.length) out.push(n);
  return out;
}

const LEVEL_ALL_WINDOWS_MS = [...WINDOWS_MS, ...LEVEL_WINDOWS_MS];
/** A broad level (the whole target, a pillar, a touchpoint) moves with the traffic: it is not tested over the shortest windows. */
const BROAD_WINDOWS_MS = LEVEL_ALL_WINDOWS_MS.filter((w) => w >= BROAD_MIN_WINDOW_MS);

/** Share of voices among every author of the key's recent posts (its whole crowd, reach excluded). */
function crowdShare(ks: KeyState, now: number): number {
  const voices = new Set<string>();
  const authors = new Set<string>();
  for (const r of ks.recent) {
    if (r.at > now || r.dup) continue;
    authors.add(r.author);
    if (r.neg) voices.add(r.author);
  }
  return voices.size / Math.max(1, authors.size);
}

/** The target's usual share of voices among its posts (the yardstick of a crowd's negativity). */
function usualVoiceShare(ex: Exposure): number {
  return ex.short.volume > 0 ? ex.short.voices / ex.short.volume : 0.5;
}

/** The most surprising window of a key that passes every guard, or null. */
export function testKey(m: TargetModel, ks: KeyState, now: number, p: DetectParams, ex: Exposure): WindowStat | null {
  m.pruneKey(ks, now);
  const fewest = fewestAuthors(ks.key, p);
  if (ks.recentNeg < Math.min(p.minPosts, fewest)) return null;
  const windows = ks.broad ? BROAD_WINDOWS_MS : ks.level ? LEVEL_ALL_WINDOWS_MS : WINDOWS_MS;
  const keysInPlay = Math.max(1, m.active[ks.kind]);
  // a broad level is judged against the target's own rhythm: it waits for a day of it
  if (ks.broad && ex.short.hours < COLD_HOURS) return null;
  const cold = ex.short.hours < COLD_HOURS ? COLD_MARGIN : 0;
  const base = (p.correctWindows ? Math.log10(windows.length) : 0) + (p.correctKeys ? Math.log10(keysInPlay) : 0) + cold;
  const usual = usualVoiceShare(ex);
  const needShare = Math.max(p.minNegativeShare, usual + p.negativeLift * (1 - usual));
  // the least any window could need (a pair or topic on few voices, a word on many): a cheap gate
  const minNeeded = -p.windowSlope * Math.log10(HOUR / windows[windows.length - 1]) + Math.min(scoreNeeded(ks.key, p.minAuthors, p.minPosts, p), scoreNeeded(ks.key, fewest, fewest, p), scoreNeeded(ks.key, p.minAuthors - 1, p.minPosts - 1, p));
  const events = eventCounts(m, ks, now, windows);
  let best: WindowStat | null = null;
  for (let i = 0; i < windows.length; i++) {
    const w = windows[i];
    const x0 = events[i];
    // a short window is many more tries a day than a long one: it pays more for them
    const correction = base + p.windowSlope * Math.log10(HOUR / w);
    if (w > WINDOWS_MS[WINDOWS_MS.length - 1] && ex.long.hours < COLD_HOURS && ks.broad) continue;
    if (x0 < Math.min(p.minPosts, fewest)) continue;
    // the test first, on counts alone; the window's posts are gathered only when it passes
    const h = w > WINDOWS_MS[WINDOWS_MS.length - 1] ? ex.long : ex.short;
    const total = countBetween(m.recentTimes, now - w, now);
    let e = expectation(m, ks, now, w, h, Math.max(0, total - x0));
    if (e.tail(x0) > 10 ** -(base + minNeeded)) continue;
    const c = windowCounts(m, ks, now, w);
    if (c.observed < fewest || c.posts < Math.min(p.minPosts, fewest)) continue;
    // a tag or a link is judged by its whole recent crowd: a launch tag with a few grumbles in one
    // quarter of an hour is still a happy crowd
    const share = ks.kind === 'hashtag' || ks.kind === 'link' ? Math.min(c.observed / Math.max(1, c.allAuthors), crowdShare(ks, now)) : c.observed / Math.max(1, c.allAuthors);
    if (!isBroad(ks.kind) && share < needShare) continue;
    if (c.posts !== x0) e = expectation(m, ks, now, w, h, Math.max(0, total - c.posts));
    const x = Math.max(x0, c.observed);
    if (!isLevel(ks.kind) && x < p.ratio * e.mean) continue;
    // the excess itself is a crowd: at least fewest − 1 voices beyond what was expected
    if (x - e.mean < fewest - 1) continue;
    const pValue = e.tail(x);
    const score = Math.round((surprise(pValue) - correction) * 100) / 100;
    const needed = scoreNeeded(ks.key, c.observed, c.posts, p);
    if (score < needed) continue;
    if (!best || score - needed > best.score - best.needed) {
      best = { key: ks.key, kind: ks.kind, windowMs: w, observed: c.observed, posts: c.posts, duplicates: c.duplicates, allAuthors: c.allAuthors, members: c.members, voiceEvents: x, negativeShare: Math.round(share * 100) / 100, expected: Math.round(e.mean * 1000) / 1000, ordinary: Math.round(e.ordinary * 100) / 100, pValue, score, needed, keysInPlay };
    }
  }
  return best;
}

/** −log10 of a tail probability, capped at 30. */
function surprise(p: number): number {
  return p <= 1e-30 ? 30 : -Math.log10(Math.max(p, 1e-300));
}
