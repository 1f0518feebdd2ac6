/**
 * What a key's volume would be without a revolt (pure). A key's voices are its share of the target's
 * traffic times the traffic of the window. The traffic is what the target's daily and weekly rhythm
 * predicts, unless the window's other posts say it is unusually busy: the window's traffic is either
 * ordinary (it varies around the rhythm as much as the target's own history shows) or busy (anything
 * goes, and the other posts are the yardstick), weighted by how well each explains the other posts.
 * The share itself drifts from hour to hour: by as much as a level's own history shows (clipped so
 * that past revolts do not teach it that anything goes), or a fixed allowance for ordinary keys. The
 * test is the predictive tail of that Gamma–Poisson mixture: a negative binomial per component.
 */
import { negBinomUpperTail } from './stats.js';
import type { KeyState } from './key-state.js';
import { voicesSince } from './key-state.js';
import type { TargetModel } from './target-model.js';
import {
  BUSY_EVIDENCE, BUSY_PRIOR, BUSY_SHAPE, DRIFT_CLIP_Z, HISTORY_HOURS, LEVEL_DRIFT_FLOOR, LEVEL_DRIFT_PRIOR, LEVEL_DRIFT_WEIGHT, LEVEL_RECENT_MS, MAX_SHAPE, PRIOR_POSTS, PRIOR_VOICES, RECENT_MS, VOLUME_DRIFT_FLOOR,
} from './params.js';
import { HOUR } from './time.js';

/** The history before a cutoff that every key of a target is measured against. */
export interface History {
  /** Posts (reach excluded) before the cutoff. */
  volume: number;
  /** Voices before the cutoff. */
  voices: number;
  /** Rhythm-weighted hours the history covers. */
  hours: number;
  cutoffHour: number;
  firstHour: number;
  /** Squared coefficient of variation of the hourly volume around the rhythm. */
  volumeCv2: number;
}

/** Histories for the short windows (cut 3 h back) and the long ones (cut 12 h back). */
export interface Exposure {
  short: History;
  long: History;
}

/** Computed once per hour (or when a late post lands in a past hour). */
export function exposureOf(m: TargetModel, now: number): Exposure {
  const nowHour = Math.floor(now / HOUR);
  const c = m.exposureCache;
  if (c && c.hour === nowHour && c.firstAt === m.firstAt && c.lateVersion === m.lateVersion) return c.value as Exposure;
  const value = { short: historyOf(m, now - RECENT_MS, nowHour), long: historyOf(m, now - LEVEL_RECENT_MS, nowHour) };
  m.exposureCache = { hour: nowHour, firstAt: m.firstAt, lateVersion: m.lateVersion, value };
  return value;
}

function clipped(x: number, e: number, cv2: number): number {
  const d2 = (x - e) ** 2;
  const cap = DRIFT_CLIP_Z ** 2 * (e + e * e * cv2);
  return Math.min(d2, cap);
}

/** A squared coefficient of variation learnt from hourly residuals, shrunk towards the prior. */
function learnt(num: number, den: number, floor: number): number {
  const est = den > 0 ? Math.max(0, num / den) : LEVEL_DRIFT_PRIOR;
  return Math.max(floor, (den * est + LEVEL_DRIFT_WEIGHT * LEVEL_DRIFT_PRIOR) / (den + LEVEL_DRIFT_WEIGHT));
}

function historyOf(m: TargetModel, cutoff: number, nowHour: number): History {
  const cutoffHour = Math.floor(cutoff / HOUR);
  const firstHour = Math.max(Math.floor(m.firstAt / HOUR), nowHour - HISTORY_HOURS);
  let hours = 0;
  let volume = 0;
  let voices = 0;
  for (let h = firstHour; h < cutoffHour; h++) {
    hours += m.rhythm(h, nowHour);
    volume += m.allByHour.get(h) ?? 0;
    voices += m.negByHour.get(h) ?? 0;
  }
  let num = 0;
  let den = 0;
  if (hours > 0) {
    const rate = volume / hours;
    for (let h = firstHour; h < cutoffHour; h++) {
      const e = rate * m.rhythm(h, nowHour);
      const x = m.allByHour.get(h) ?? 0;
      num += clipped(x, e, LEVEL_DRIFT_PRIOR) - e;
      den += e * e;
    }
  }
  return { volume, voices, hours, cutoffHour, firstHour, volumeCv2: learnt(num, den, VOLUME_DRIFT_FLOOR) };
}

/** The key's voices in the history before the cutoff. */
export function historyVoices(ks: KeyState, h: History): number {
  return Math.max(0, ks.histTotal - voicesSince(ks, h.cutoffHour));
}

/** The key's share of the target's posts, with the prior of a key never seen here. */
export function shareOf(m: TargetModel, ks: KeyState, h: History): { share: number; known: number } {
  const known = historyVoices(ks, h) + PRIOR_VOICES + PRIOR_POSTS * m.pooledShare(ks);
  return { share: known / (h.volume + PRIOR_POSTS), known };
}

/** A key's usual share of the target's voices (0–1), with the prior of a key never seen here. */
export function usualShare(m: TargetModel, key: string, h: History): number {
  const ks = m.keys.get(key);
  const known = ks ? historyVoices(ks, h) + PRIOR_VOICES + PRIOR_POSTS * m.pooledShare(ks) : PRIOR_VOICES;
  return Math.min(1, known / (h.voices + PRIOR_POSTS));
}

/** How much a level's share drifts from hour to hour (squared CV), learnt from its history; cached per hour. */
export function levelDrift(m: TargetModel, ks: KeyState, h: History, nowHour: number): number {
  if (ks.drift && ks.drift.hour === nowHour) return ks.drift.cv2;
  const { share } = shareOf(m, ks, h);
  let num = 0;
  let den = 0;
  let i = 0;
  while (i < ks.histH.length && ks.histH[i] < h.firstHour) i++;
  for (let hour = h.firstHour; hour < h.cutoffHour; hour++) {
    const e = share * (m.allByHour.get(hour) ?? 0);
    let x = 0;
    if (i < ks.histH.length && ks.histH[i] === hour) x = ks.histN[i++];
    if (e <= 0 && x === 0) continue;
    num += clipped(x, e, LEVEL_DRIFT_PRIOR) - e;
    den += e * e;
  }
  const cv2 = learnt(num, den, LEVEL_DRIFT_FLOOR);
  ks.drift = { hour: nowHour, cv2 };
  return cv2;
}

/** Rhythm-weighted length (hours) of the window (now − w, now]. */
export function windowWeight(m: TargetModel, now: number, w: number): number {
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

export interface Expectation {
  /** Expected voices (the mixture's mean). */
  mean: number;
  /** The weight of "the window's traffic is ordinary" after seeing the other posts. */
  ordinary: number;
  /** P(X ≥ observed) under the mixture. */
  tail(observed: number): number;
}

interface Component {
  weight: number;
  mean: number;
  shape: number;
}

/**
 * Expected voices of a key in the window, given `others`: the window's posts that are not the key's
 * voices (reach excluded).
 */
export function expectation(m: TargetModel, ks: KeyState, now: number, w: number, h: History, others: number): Expectation {
  const { share, known } = shareOf(m, ks, h);
  const s = Math.min(share, 0.95);
  // the share's uncertainty (little history) and its drift from hour to hour
  const est = 1 / known;
  const drift = ks.level ? levelDrift(m, ks, h, Math.floor(now / HOUR)) : Math.max(0, 1 / MAX_SHAPE - est);
  const byRhythm = h.hours > 0 ? (h.volume / h.hours) * windowWeight(m, now, w) : 0;
  const othersExpected = byRhythm * (1 - s);
  const comps: Component[] = [];
  const component = (weight: number, a: number) => {
    const mult = (a + others) / (a + othersExpected);
    const cv2 = (1 + 1 / (a + others)) * (1 + drift) * (1 + est) - 1;
    comps.push({ weight, mean: s * byRhythm * mult, shape: 1 / cv2 });
  };
  if (othersExpected > 0) {
    // how unusual are the other posts for ordinary traffic? Their upper tail, taken as evidence of a busy window
    const tight = 1 / h.volumeCv2;
    const pOthers = negBinomUpperTail(others, othersExpected, tight);
    const odds = (BUSY_PRIOR / (1 - BUSY_PRIOR)) * (BUSY_EVIDENCE / Math.max(pOthers, 1e-12));
    const busy = odds / (1 + odds);
    component(1 - busy, tight);
    component(busy, BUSY_SHAPE);
  } else {
    // no history at all: the other posts are the only yardstick
    const cv2 = (1 + 1 / (1 + others)) * (1 + drift) * (1 + est) - 1;
    comps.push({ weight: 1, mean: (s / (1 - s)) * Math.max(others, 0.5), shape: 1 / cv2 });
  }
  let mean = 0;
  for (const c of comps) mean += c.weight * c.mean;
  return {
    mean,
    ordinary: comps.length > 1 ? comps[0].weight : 0,
    tail: (x) => comps.reduce((p, c) => p + c.weight * negBinomUpperTail(x, c.mean, c.shape), 0),
  };
}
