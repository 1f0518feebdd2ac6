/**
 * Is a key's recent volume a burst? (pure). Expected voices come from the key's own history,
 * scaled by the target's rhythm; the test is the Gamma–Poisson (negative binomial) predictive
 * tail, which stays honest at counts of 2 and when history is short.
 */
import { negBinomUpperTail, surpriseOf } from './stats.js';
import { kindOf } from './keys.js';
import { countBetween, HISTORY_HOURS, HOUR, RECENT_MS, voicesSince, type KeyState, type Ref, type TargetModel } from './model.js';

/** Detection windows: a fast burst shows in 15 minutes, a slow build-up over three hours. */
export const WINDOWS_MS = [15 * 60_000, 30 * 60_000, 60 * 60_000, RECENT_MS];
/** Prior for a key never seen: 0.3 voices in PRIOR_POSTS posts of the target's traffic. */
const PRIOR_VOICES = 0.3;
const PRIOR_POSTS = 20;
/**
 * Ceiling on the negative binomial's shape: a key's share of the traffic drifts from hour to hour
 * (a delay at one airport, a storm), so even a long history never makes its count Poisson-tight.
 */
export const MAX_SHAPE = 2;

export interface DetectParams {
  minAuthors: number;
  minPosts: number;
  /** Observed voices must be at least ratio × expected (effect size, not just significance). */
  ratio: number;
  /** Surprise (−log10 p, after correcting for the windows tried) needed to open. */
  openScore: number;
  /** Share of the key's recent authors who are negative: below it, a spike is happy or news. */
  minNegativeShare: number;
  /**
   * Adaptive author minimum: a rule topic or a hashtag (a key that names a subject) may open with
   * this many distinct authors (and posts) — fewer than minAuthors — when its surprise reaches
   * `strongScore`; a pair of words when it reaches `pairScore`.
   */
  minAuthorsStrong: number;
  strongScore: number;
  pairScore: number;
  /** The surprise a single word (`phrase:` without a space) needs whatever its voices. */
  wordScore: number;
  /** Any key (single words and links too) may open with minAuthors − 1 distinct authors (never fewer than 3) when its surprise reaches this. */
  nearScore: number;
}

/**
 * Keys that name something: a rule topic, a tag people chose, or a pair of words (two people using
 * the same unusual pair by chance is rare; one unusual word — a place, a name — is not).
 */
function isNamed(key: string): boolean {
  const k = kindOf(key);
  return k === 'topic' || k === 'hashtag' || (k === 'phrase' && key.includes(' '));
}

/** The surprise a named key needs to open on minAuthorsStrong voices: a word pair a little more than a topic or tag. */
function strongScoreOf(key: string, p: DetectParams): number {
  return kindOf(key) === 'phrase' ? p.pairScore : p.strongScore;
}

/** The fewest distinct authors a key can ever open with. */
export function fewestAuthors(key: string, p: DetectParams): number {
  const near = p.minAuthors > 3 ? p.minAuthors - 1 : p.minAuthors; // never below three voices
  return isNamed(key) ? Math.min(near, p.minAuthorsStrong) : near;
}

/**
 * The surprise a window needs to open with `authors` distinct authors and `posts` posts:
 * openScore with minAuthors; nearScore with one author fewer (any key); strongScore down to
 * minAuthorsStrong for a rule topic or hashtag. (fewestAuthors has already ruled out fewer.)
 */
export function scoreNeeded(key: string, authors: number, posts: number, p: DetectParams): number {
  // a single word is one of the many tested, and a common one drifts: it needs more in any case
  const floor = kindOf(key) === 'phrase' && !key.includes(' ') ? Math.max(p.openScore, p.wordScore) : p.openScore;
  if (authors >= p.minAuthors && posts >= Math.min(p.minPosts, p.minAuthors)) return floor;
  const near = authors >= p.minAuthors - 1 && posts >= Math.min(p.minPosts, p.minAuthors) - 1 ? p.nearScore : Infinity;
  return Math.max(floor, Math.min(near, isNamed(key) ? strongScoreOf(key, p) : Infinity));
}

export interface WindowStat {
  key: string;
  windowMs: number;
  observed: number; // distinct negative authors (voices)
  posts: number; // negative posts, duplicates excluded
  duplicates: number;
  allAuthors: number;
  negativeShare: number;
  expected: number;
  pValue: number;
  score: number;
  /** Keys of the same kind in play at the target when tested (the family the score is corrected for). */
  keysInPlay: number;
  members: Ref[];
}

interface Exposure {
  /** Posts of the target (any sentiment) in the history before the cutoff. */
  volume: number;
  /** Rhythm-weighted hours that history covers. */
  histHours: number;
  cutoffHour: number;
}

/**
 * The history every key of a target is measured against. A key's expected voices are its share of
 * the target's traffic in history times the traffic expected in the window: the larger of what the
 * daily/weekly rhythm predicts and what actually arrived (without the key's own posts). At night
 * the rhythm predicts little, so a few voices stand out; on a busy news day everything scales.
 */
export function exposureOf(m: TargetModel, now: number): Exposure {
  const nowHour = Math.floor(now / HOUR);
  // it only changes with the hour (or a late post into a past hour): computed once per hour
  const c = m.exposureCache;
  if (c && c.hour === nowHour && c.firstAt === m.firstAt && c.lateVersion === m.lateVersion) return c.value as Exposure;
  const value = computeExposure(m, now, nowHour);
  m.exposureCache = { hour: nowHour, firstAt: m.firstAt, lateVersion: m.lateVersion, value };
  return value;
}

function computeExposure(m: TargetModel, now: number, nowHour: number): Exposure {
  const cutoffHour = Math.floor((now - RECENT_MS) / HOUR);
  const from = Math.max(Math.floor(m.firstAt / HOUR), nowHour - HISTORY_HOURS);
  let histHours = 0;
  let volume = 0;
  for (let h = from; h < cutoffHour; h++) {
    histHours += m.rhythm(h, nowHour);
    volume += m.allByHour.get(h) ?? 0;
  }
  return { volume, histHours, cutoffHour };
}

/** Rhythm-weighted length of the window (now − w, now]. */
function windowWeight(m: TargetModel, now: number, w: number): number {
  const nowHour = Math.floor(now / HOUR);
  let sum = 0;
  for (let t = now - w; t < now; ) {
    const h = Math.floor(t / HOUR);
    const end = Math.min(now, (h + 1) * HOUR);
    sum += ((end - t) / HOUR) * m.rhythm(h, nowHour);
    t = end;
  }
  return sum;
}

/** The key's history voices before the cutoff (its recent hours are what is being tested). */
function historyVoices(ks: KeyState, cutoffHour: number): number {
  return Math.max(0, ks.histTotal - voicesSince(ks, cutoffHour));
}

/**
 * Traffic expected in the window: the rhythm's prediction, or what arrived if more. What arrived is
 * judged without the key's own posts (a revolt must not raise its own baseline), scaled back by the
 * key's usual share: a key in half of all posts normally comes with as many posts without it.
 */
export function windowVolume(m: TargetModel, now: number, w: number, ex: Exposure, keyPosts = 0, share = 0): number {
  const byRhythm = ex.histHours > 0 ? (ex.volume / ex.histHours) * windowWeight(m, now, w) : 0;
  const others = countBetween(m.recentTimes, now - w, now) - keyPosts;
  return Math.max(byRhythm, others / (1 - Math.min(share, 0.9)), 0);
}

export function expectedVoices(m: TargetModel, ks: KeyState, now: number, w: number, ex: Exposure, keyPosts = 0): { mean: number; shape: number } {
  // the prior: a floor for a key never seen, plus what the other targets' histories say about it
  const voices = historyVoices(ks, ex.cutoffHour) + PRIOR_VOICES + PRIOR_POSTS * m.pooledShare(ks);
  const share = voices / (ex.volume + PRIOR_POSTS);
  const mean = share * windowVolume(m, now, w, ex, keyPosts, share);
  return { mean, shape: Math.min(voices, MAX_SHAPE) };
}

/** Counts for one key over (now − w, now]. */
function windowCounts(m: TargetModel, ks: KeyState, now: number, w: number) {
  const from = now - w;
  const claimed = m.claimed.size > 0 ? m.claimed : null;
  const negAuthors = new Set<string>();
  const allAuthors = new Set<string>();
  const members: Ref[] = [];
  let duplicates = 0;
  for (let i = ks.recent.length - 1; i >= 0; i--) {
    const r = ks.recent[i];
    if (r.at <= from || r.at > now) continue;
    if (claimed && (claimed.get(r.id) ?? 0) > now) continue;
    if (r.dup) {
      duplicates++;
      continue;
    }
    allAuthors.add(r.author);
    if (r.neg) {
      negAuthors.add(r.author);
      members.push(r);
    }
  }
  members.reverse();
  return { observed: negAuthors.size, posts: members.length, duplicates, allAuthors: allAuthors.size, members };
}

/**
 * Many keys are tested at once: every key of the kind with a voice in the widest window could have
 * burst by chance. The score is corrected for that family (log10 of its size), so a common word that
 * four people happen to use in one half hour on a busy day does not pass for a new phrase.
 */
export function familyCorrection(m: TargetModel, ks: KeyState): number {
  return Math.log10(Math.max(1, m.active[ks.kind]));
}

/**
 * A target with less than a day of history has not shown its own rhythm and subjects yet (every
 * target is new at the start of a replay): its keys need this much more surprise to open.
 */
const COLD_HOURS = 24;
const COLD_MARGIN = 0.5;

/** The most surprising window of a key, or null when none could open a revolt. */
export function testKey(m: TargetModel, ks: KeyState, now: number, p: DetectParams, ex: Exposure): WindowStat | null {
  m.pruneRecent(ks, now - RECENT_MS);
  const fewest = fewestAuthors(ks.key, p);
  if (ks.recentNeg < Math.min(p.minPosts, fewest)) return null;
  const correction = Math.log10(WINDOWS_MS.length) + familyCorrection(m, ks) + (ex.histHours < COLD_HOURS ? COLD_MARGIN : 0);
  // cheap bound: every recent voice against the smallest window's expectation
  const lo = expectedVoices(m, ks, now, WINDOWS_MS[0], ex);
  if (surpriseOf(negBinomUpperTail(ks.recentNeg, lo.mean, lo.shape)) - correction < p.openScore) return null;
  let best: WindowStat | null = null;
  for (const w of WINDOWS_MS) {
    const c = windowCounts(m, ks, now, w);
    if (c.observed < fewest || c.posts < Math.min(p.minPosts, fewest)) continue;
    const share = c.observed / Math.max(1, c.allAuthors);
    if (share < p.minNegativeShare) continue;
    const e = expectedVoices(m, ks, now, w, ex, c.posts + c.duplicates);
    if (c.observed < p.ratio * e.mean) continue;
    const pValue = negBinomUpperTail(c.observed, e.mean, e.shape);
    const score = Math.round((surpriseOf(pValue) - correction) * 100) / 100;
    if (score < scoreNeeded(ks.key, c.observed, c.posts, p)) continue;
    if (!best || score > best.score) {
      best = { key: ks.key, windowMs: w, ...c, negativeShare: Math.round(share * 100) / 100, expected: Math.round(e.mean * 1000) / 1000, pValue, score, keysInPlay: Math.max(1, m.active[ks.kind]) };
    }
  }
  return best;
}
