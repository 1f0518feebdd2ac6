/**
 * Every tuning value of revolt detection, one per line, with what it does. The scores are
 * "surprise": −log10 of the tail probability after the multiple-testing corrections (the windows
 * tried and the keys of a kind in play). Values were tuned on the even seeds of bench/revolts
 * (half A of every dataset) and reported on the odd ones; docs/revolts.md has the figures.
 */
import { HOUR, MINUTE } from './time.js';

// ── windows and memory ──────────────────────────────────────────────────────────────────────────
/** Windows every key is tested over: a fast burst shows in 15 minutes, a build-up in 3 hours. */
export const WINDOWS_MS = [15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR];
/** Longer windows for the levels (target, pillar, touchpoint, topic): a slow burn over half a day. */
export const LEVEL_WINDOWS_MS = [6 * HOUR, 12 * HOUR];
/**
 * The shortest window a broad level (the whole target, a pillar, a touchpoint) is tested over: a
 * quarter of an hour of a whole brand's traffic says more about how busy it is than about a revolt.
 */
export const BROAD_MIN_WINDOW_MS = HOUR;
/** How long an ordinary key keeps its recent posts (its widest window). */
export const RECENT_MS = 3 * HOUR;
/** How long a level key keeps its recent posts (its widest window). */
export const LEVEL_RECENT_MS = 12 * HOUR;
/** History a key's expected volume is learnt from. */
export const HISTORY_HOURS = 8 * 24;
/** History of the target's daily and weekly rhythm. */
export const RHYTHM_HOURS = 28 * 24;
/** A copy of a text seen this recently (by anyone) is reach, not a new voice. */
export const COPY_MEMORY_MS = 24 * HOUR;

// ── expected volume ─────────────────────────────────────────────────────────────────────────────
/** Prior of a key never seen: this many voices in PRIOR_POSTS posts of the target's traffic … */
export const PRIOR_VOICES = 0.3;
/** … plus PRIOR_POSTS posts' worth of what every other target's history says of the key. */
export const PRIOR_POSTS = 20;
/**
 * Negative binomial shape ceiling of an ordinary key (hashtag, link, phrase, campaign): its share of
 * the traffic drifts from hour to hour (coefficient of variation ≥ 0.7), so a common word doubling
 * on a storm day is not a revolt.
 */
export const MAX_SHAPE = 2;
/**
 * A level's share drifts too, by an amount learnt from its own hourly history (squared coefficient
 * of variation): this prior, worth LEVEL_DRIFT_WEIGHT squared expected voices, and never below the floor.
 */
export const LEVEL_DRIFT_PRIOR = 0.05;
export const LEVEL_DRIFT_WEIGHT = 100;
export const LEVEL_DRIFT_FLOOR = 0.005;
/** Hourly residuals beyond this many standard deviations are clipped when the drift is learnt (past revolts). */
export const DRIFT_CLIP_Z = 3;
/** The target's hourly volume around its rhythm: learnt the same way, floored. */
export const VOLUME_DRIFT_FLOOR = 0.01;
/**
 * A window's traffic is either ordinary (as its history says) or unusually busy, with this prior
 * probability; busy traffic (a loose Gamma prior of this shape on the volume) makes the other posts
 * in the window the yardstick: a busy day at twice the usual volume, with the usual mix, is not a
 * revolt. The other posts' upper tail under ordinary traffic is the evidence: at BUSY_EVIDENCE the
 * odds are the prior's, a hundred times smaller a hundred times the odds.
 */
export const BUSY_PRIOR = 0.01;
export const BUSY_SHAPE = 2;
export const BUSY_EVIDENCE = 0.01;
/** A target with less history than this has not shown its rhythm and subjects: it needs COLD_MARGIN more. */
export const COLD_HOURS = 24;
export const COLD_MARGIN = 0.5;

// ── opening ─────────────────────────────────────────────────────────────────────────────────────
export interface DetectParams {
  /** Distinct negative authors needed to open (fewer for keys that name something, when strongly significant). */
  minAuthors: number;
  /** Negative posts needed; never more than minAuthors. */
  minPosts: number;
  /** An ordinary key's voices must be at least ratio × expected (effect size, not just significance). */
  ratio: number;
  /** Surprise needed to open, every key. */
  openScore: number;
  /** A named key (rule topic, hashtag, campaign, word pair) may open on minAuthorsStrong voices at strongScore / pairScore. */
  minAuthorsStrong: number;
  strongScore: number;
  pairScore: number;
  /** A single word needs this much whatever its voices (one of thousands tested, and common words drift). */
  wordScore: number;
  /** Any key may open on minAuthors − 1 voices at this surprise. */
  nearScore: number;
  /** A broad level (the whole target, a pillar, a touchpoint) needs this much more than openScore. */
  levelMargin: number;
  /**
   * The whole target needs this much more again: it is one key (no keys-in-play correction), and
   * a revolt spoken of in many words (or in a language whose posts share no rule topic) shows only there.
   */
  targetMargin: number;
  /** Share of a key's recent authors who are voices, absolute floor (a happy spike, a news burst) … */
  minNegativeShare: number;
  /** … and the part of the way from the target's usual share to all-negative it must go. */
  negativeLift: number;
  /**
   * A window of length w pays windowSlope × log10(1 h / w) on top of the windows-tried correction: a
   * 15-minute window is four times as many tries a day as an hour, a 12-hour one a twelfth.
   */
  windowSlope: number;
  /**
   * The multiple-testing corrections (on by default; off only to measure what they buy, as
   * bench/revolts does with --no-correction): log10 of the windows tried, and of the keys of a kind in play.
   */
  correctWindows: boolean;
  correctKeys: boolean;
  /** Added to every score needed: −1 for `sensitivity: high`, +1 for `low`. */
  sensitivityOffset: number;
  /** A subsiding revolt resolves after a quiet spell this long. */
  quietAfterMs: number;
}

export const DEFAULT_PARAMS: EngineParams = {
  minAuthors: 5,
  minPosts: 6,
  ratio: 3,
  openScore: 4.5,
  minAuthorsStrong: 3,
  strongScore: 4.5,
  pairScore: 4.5,
  wordScore: 6,
  nearScore: 6.5,
  levelMargin: -1.5,
  targetMargin: 0,
  windowSlope: 0,
  minNegativeShare: 0.4,
  negativeLift: 1 / 3,
  sensitivityOffset: 0,
  correctWindows: true,
  correctKeys: true,
  quietAfterMs: 2 * HOUR,
};

export type EngineParams = DetectParams;

// ── grouping and merging ────────────────────────────────────────────────────────────────────────
/** Two groups are one revolt when this share of the smaller one's posts is in both. */
export const MERGE_OVERLAP = 0.5;
/** Shared voices needed (besides the share) before two crowds are called one. */
export const MERGE_MIN_SHARED = 2;
/** A phrase the revolt's recent members use (this many, and this share of them) names the same incident. */
export const MERGE_MIN_WORD_USES = 2;
export const MERGE_WORD_SHARE = 0.25;
/** A candidate mostly about one rule topic joins a revolt when this share of its recent members carry it. */
export const MERGE_TOPIC_SHARE = 1 / 3;
/** A key bursting at a target this soon after a revolt opened there, on no different subject, is the same wave. */
export const SAME_WAVE_MS = 45 * MINUTE;
/**
 * A specific key bursting under an open broad revolt stands out of that wave (a second incident)
 * when its voices would still be this surprising (p below 10^-WAVE_SCORE) if its usual volume were
 * lifted as much as the wave lifts the broad level's.
 */
export const WAVE_SCORE = 3;
/**
 * A pillar or touchpoint bursting while revolts are open at its target is those revolts seen from
 * above when they hold this share of its excess voices (an incident's posts spread over topics, so
 * its revolt holds only part of its levels' excess); below it, a second incident.
 */
export const OPEN_EXPLAIN_SHARE = 0.2;
/** Such a key is the second incident already opened when this share of its window's posts are that revolt's. */
export const WAVE_OVERLAP = 1 / 3;
/** Recent members compared when merging. */
export const MERGE_WINDOW_MS = 3 * HOUR;
/** A broad level is explained by a group when the group holds this share of the level's excess voices. */
export const EXPLAIN_SHARE = 0.5;
/** Posts a revolt is judged by when asking what it is about: its first members. */
export const OPENING_MEMBERS = 10;

// ── sensitivity ─────────────────────────────────────────────────────────────────────────────────
export const SENSITIVITY_OFFSET = { low: 1, medium: 0, high: -1 } as const;
export type Sensitivity = keyof typeof SENSITIVITY_OFFSET;
