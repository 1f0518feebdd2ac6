/**
 * What a scenario week injects: revolts of every shape the detector must catch, and decoys it must
 * never open on, each built from real labelled posts (an airline topic label gives a real topic
 * surge; negative Polish and Chinese reviews give revolts in those languages). Only the campaign
 * slogans, hashtags, comparison phrases and bot templates below are written by the project.
 *
 * Sizes are relative to the target's own negative rate at that hour (a peak of 3× adds twice the
 * negative posts the target usually gets), so small and large targets, night and day, are alike.
 */
import { Rng } from './prng.js';
import { Deck, SURGE_TOPICS, type PoolText, type Pools } from './pools.js';
import { DAY, HOUR, MIN, WEEK_START, DAYS, TARGETS, negativeShare, poissonTimes, poolOf, rateAt, textFor, type Target, type TargetStream } from './week.js';
import type { ReplayLine } from './lines.js';

export const REVOLT_FAMILIES = ['topic-sharp', 'topic-slow', 'slow-burn', 'brand-wide', 'night', 'small-target', 'large-target', 'polish', 'chinese', 'phrase', 'hashtag', 'copy-paste', 'two-at-once'] as const;
export const DECOY_FAMILIES = ['busy-day', 'positive-launch', 'neutral-news', 'angry-author', 'bot', 'competitor'] as const;
export type RevoltFamily = (typeof REVOLT_FAMILIES)[number];
export type DecoyFamily = (typeof DECOY_FAMILIES)[number];

export interface Injection {
  family: RevoltFamily | DecoyFamily;
  kind: 'revolt' | 'decoy';
  /** what was injected, in words (topic, peak, duration, ramp) */
  name: string;
  target: string;
  onset: number;
  end: number;
  ids: string[];
  /** times of the injected voices (a first post by a new author, not a repost), ascending */
  voiceTimes: number[];
}

// Written by the project: slogans, hashtags and phrases campaigns carry, and what decoys say.
const PHRASES = ['bring back free bags', 'stop the seat fees', 'junk fee refund', 'give us our miles', 'no more bait fares', 'fix the rebooking tool'];
const HASHTAGS = ['#WhereAreMyBags', '#StrandedAgain', '#FixYourApp', '#RefundUsNow', '#NotFlyingAgain', '#TarmacTrap', '#JunkFeeJune'];
const COPY_TEXTS = [
  '{h} you cancelled my flight and kept my money. Refund every passenger now.',
  '{h} stranded passengers deserve better than silence. Answer your customers.',
  '{h} hidden fees on every booking. We are done being ripped off.',
  '{h} three hours on hold and then the line goes dead. Fix your call centre.',
];
const COPY_PREFIX = ['', '', '', 'Same. ', 'This. ', '+1 ', 'Agreed: '];
const COPY_SUFFIX = ['', '', '', '!!', ' 😡', ' Shameful.', ' RT if you agree'];
const COMPARISONS = ['Should have flown {y}.', '{y} would never do this.', 'Switching to {y}.', 'Never had this with {y}.', 'Next time I am booking {y}.', 'Going back to {y}.'];
const LAUNCH_TAGS = ['#NewRoutes', '#SummerSale', '#NewApp', '#FlyBetter'];
const NEWS_LINKS = ['https://news.example.com/travel/new-routes-summer', 'https://news.example.com/business/quarterly-results', 'https://news.example.com/travel/fleet-order'];

interface Ctx {
  rng: Rng;
  pools: Pools;
  seed: number;
  streams: Map<string, TargetStream>;
  /** texts used by injections (the background skips them) */
  taken: Set<string>;
  lines: ReplayLine[];
  injections: Injection[];
}

const target = (id: string) => TARGETS.find((t) => t.id === id)!;
const MID = TARGETS.filter((t) => t.size === 'mid' && t.lang === 'en').map((t) => t.id);
const AIRLINES = TARGETS.filter((t) => t.lang === 'en').map((t) => t.id);

function logUniform(rng: Rng, lo: number, hi: number): number {
  return lo * Math.exp(rng.next() * Math.log(hi / lo));
}
function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + rng.next() * (hi - lo);
}

/** Intensity shape: linear ramp to the peak over `ramp`, a plateau, and a fade over the last quarter (at most 1 h). */
function profile(onset: number, dur: number, ramp: number): (t: number) => number {
  const fade = Math.min(dur / 4, HOUR);
  return (t) => {
    const u = t - onset;
    if (u < 0 || u >= dur) return 0;
    if (u < ramp) return Math.max(0.05, u / ramp);
    if (u > dur - fade) return Math.max(0.05, (dur - u) / fade);
    return 1;
  };
}

/** Expected count of a profile at peak rate 1/h. */
function profileHours(dur: number, ramp: number): number {
  const fade = Math.min(dur / 4, HOUR);
  return (dur - ramp / 2 - fade / 2) / HOUR;
}

/** Draws `n` unused texts from a pool (fewer when it runs out). */
function drawTexts(c: Ctx, pool: PoolText[], n: number): PoolText[] {
  const free = pool.filter((x) => !c.taken.has(x.ref));
  const out: PoolText[] = [];
  const deck = new Deck(free, () => c.rng.next());
  for (let i = 0; i < Math.min(n, free.length); i++) {
    const x = deck.draw();
    c.taken.add(x.ref);
    out.push(x);
  }
  return out;
}

/** Posts a revolt: each time a voice (a new author 85 %, an earlier one 15 %) or, 8 %, a repost of an earlier post. */
function emit(c: Ctx, inj: Injection, t: Target, times: number[], texts: (i: number) => string): void {
  const authors: { id: string; text: string }[] = [];
  let k = 0;
  for (const [i, at] of times.entries()) {
    let text: string;
    let author: string;
    let voice = false;
    if (authors.length > 3 && c.rng.chance(0.08)) {
      const orig = c.rng.pick(authors);
      author = `s${c.seed}-i${c.injections.length}-rt${i}`;
      text = `RT @${orig.id}: ${orig.text}`;
    } else if (authors.length > 3 && c.rng.chance(0.15)) {
      author = c.rng.pick(authors).id;
      text = texts(k++);
    } else {
      author = `s${c.seed}-i${c.injections.length}-a${i}`;
      text = texts(k++);
      authors.push({ id: author, text });
      voice = true;
    }
    const id = `s${c.seed}-i${c.injections.length}-${i}`;
    c.lines.push({ id, source: t.source, target: t.id, author: { id: author, followers: c.rng.followers() }, text, lang: t.lang, publishedAt: new Date(at).toISOString(), metrics: { likes: c.rng.int(30), reposts: c.rng.int(8), replies: c.rng.int(5) } });
    inj.ids.push(id);
    if (voice) inj.voiceTimes.push(at);
  }
}

/** The target's negative posts per hour at `at` (its rate times its pool's negative share). */
function negRate(c: Ctx, t: Target, at: number): number {
  return rateAt(t, at) * negativeShare(c.pools, t.lang);
}

interface Surge {
  t: Target;
  onset: number;
  dur: number;
  ramp: number;
  /** peak as a multiple of the target's negative rate, or an explicit total */
  peak?: number;
  total?: number;
  minTotal?: number;
  pool: PoolText[];
  label: string;
  decorate?: (text: string, i: number) => string;
  family: RevoltFamily;
}

function surge(c: Ctx, s: Surge): Injection {
  const peakAt = s.onset + s.ramp;
  let perHour = s.total !== undefined ? s.total / profileHours(s.dur, s.ramp) : (s.peak! - 1) * negRate(c, s.t, peakAt);
  if (s.minTotal !== undefined) perHour = Math.max(perHour, s.minTotal / profileHours(s.dur, s.ramp));
  const shape = profile(s.onset, s.dur, s.ramp);
  const times = poissonTimes(c.rng, s.onset, s.onset + s.dur, (x) => perHour * shape(x), perHour);
  const texts = drawTexts(c, s.pool, times.length);
  const used = times.slice(0, texts.length);
  const inj: Injection = { family: s.family, kind: 'revolt', name: '', target: s.t.id, onset: s.onset, end: s.onset + s.dur, ids: [], voiceTimes: [] };
  emit(c, inj, s.t, used, (i) => {
    const base = textFor(s.t, texts[i % texts.length]);
    return s.decorate ? s.decorate(base, i) : base;
  });
  const mult = 1 + perHour / Math.max(0.01, negRate(c, s.t, peakAt));
  inj.name = `${s.label}, ${used.length} posts over ${(s.dur / HOUR).toFixed(1)} h, ramp ${Math.round(s.ramp / MIN)} min, peak ×${mult.toFixed(1)}`;
  return inj;
}

function pickTopic(c: Ctx, need: number): { topic: string; pool: PoolText[] } {
  const ok = SURGE_TOPICS.filter((x) => (c.pools.airline.byTopic.get(x) ?? []).filter((p) => !c.taken.has(p.ref)).length >= need);
  const topic = ok.length ? c.rng.pick(ok) : SURGE_TOPICS[0];
  return { topic, pool: c.pools.airline.byTopic.get(topic) ?? [] };
}

type Place = { target: string; onset: number; dur: number };
type Builder = (c: Ctx, p: Place) => Injection[];

/** Each family: where it may happen, when, how long, and how it is built. */
const FAMILIES: Record<RevoltFamily | DecoyFamily, { targets: string[]; hours?: [number, number]; dur: (r: Rng) => number; build: Builder }> = {
  'topic-sharp': {
    targets: MID,
    dur: (r) => uniform(r, 1, 3) * HOUR,
    build: (c, p) => {
      const { topic, pool } = pickTopic(c, 60);
      return [surge(c, { family: 'topic-sharp', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 10, 25) * MIN, peak: logUniform(c.rng, 3, 20), minTotal: 10, pool, label: `${topic} (sharp)` })];
    },
  },
  'topic-slow': {
    targets: MID,
    dur: (r) => uniform(r, 3, 6) * HOUR,
    build: (c, p) => {
      const { topic, pool } = pickTopic(c, 80);
      return [surge(c, { family: 'topic-slow', t: target(p.target), onset: p.onset, dur: p.dur, ramp: p.dur * uniform(c.rng, 0.4, 0.6), peak: logUniform(c.rng, 2, 6), minTotal: 15, pool, label: `${topic} (slow ramp)` })];
    },
  },
  'slow-burn': {
    targets: MID,
    dur: () => 12 * HOUR,
    build: (c, p) => {
      const { topic, pool } = pickTopic(c, 100);
      return [surge(c, { family: 'slow-burn', t: target(p.target), onset: p.onset, dur: p.dur, ramp: HOUR, total: Math.round(uniform(c.rng, 50, 90)), pool, label: `${topic} (slow burn)` })];
    },
  },
  'brand-wide': {
    targets: [...MID, 'united'],
    dur: (r) => uniform(r, 2, 4) * HOUR,
    build: (c, p) => [surge(c, { family: 'brand-wide', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 20, 60) * MIN, peak: logUniform(c.rng, 2, 5), minTotal: 20, pool: c.pools.airline.negative, label: 'complaints on every topic' })],
  },
  night: {
    targets: MID,
    hours: [1.5, 4],
    dur: () => HOUR,
    build: (c, p) => {
      const { topic, pool } = pickTopic(c, 20);
      return [surge(c, { family: 'night', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 10, 20) * MIN, total: c.rng.int(8) + 8, pool, label: `${topic} at night` })];
    },
  },
  'small-target': {
    targets: ['virgin-america'],
    hours: [8, 22],
    dur: () => 2 * HOUR,
    build: (c, p) => {
      const { topic, pool } = pickTopic(c, 30);
      return [surge(c, { family: 'small-target', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 15, 45) * MIN, total: c.rng.int(9) + 12, pool, label: `${topic} at a small brand` })];
    },
  },
  'large-target': {
    targets: ['united'],
    dur: (r) => uniform(r, 2, 4) * HOUR,
    build: (c, p) => {
      const { topic, pool } = pickTopic(c, 250);
      return [surge(c, { family: 'large-target', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 20, 90) * MIN, peak: uniform(c.rng, 1.5, 3), minTotal: 40, pool, label: `${topic} at a large brand` })];
    },
  },
  polish: {
    targets: ['medica-clinic'],
    dur: (r) => uniform(r, 2, 3) * HOUR,
    build: (c, p) => [surge(c, { family: 'polish', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 15, 60) * MIN, total: c.rng.int(21) + 25, pool: c.pools.pl.negative, label: 'negative Polish reviews' })],
  },
  chinese: {
    targets: ['kuaisong'],
    dur: (r) => uniform(r, 2, 3) * HOUR,
    build: (c, p) => [surge(c, { family: 'chinese', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 15, 60) * MIN, total: c.rng.int(41) + 40, pool: c.pools.zh.negative, label: 'negative Chinese reviews' })],
  },
  phrase: {
    targets: MID,
    dur: (r) => uniform(r, 1, 3) * HOUR,
    build: (c, p) => {
      const phrase = c.rng.pick(PHRASES);
      return [surge(c, { family: 'phrase', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 15, 60) * MIN, total: c.rng.int(26) + 15, pool: c.pools.airline.negative, label: `phrase “${phrase}”`, decorate: (x, i) => (i % 2 ? `${x} ${phrase}!` : `${phrase.charAt(0).toUpperCase()}${phrase.slice(1)}. ${x}`) })];
    },
  },
  hashtag: {
    targets: MID,
    dur: (r) => uniform(r, 1, 3) * HOUR,
    build: (c, p) => {
      const tag = c.rng.pick(HASHTAGS);
      return [surge(c, { family: 'hashtag', t: target(p.target), onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 15, 60) * MIN, total: c.rng.int(26) + 15, pool: c.pools.airline.negative, label: `hashtag ${tag}`, decorate: (x) => `${x} ${tag}` })];
    },
  },
  'copy-paste': {
    targets: [...MID, 'united'],
    dur: (r) => uniform(r, 1, 2) * HOUR,
    build: (c, p) => {
      const t = target(p.target);
      const body = c.rng.pick(COPY_TEXTS).replaceAll('{h}', t.handle);
      const tag = c.rng.chance(0.5) ? ` ${c.rng.pick(HASHTAGS)}` : '';
      const n = c.rng.int(36) + 15;
      const inj: Injection = { family: 'copy-paste', kind: 'revolt', name: `copy-paste campaign${tag ? ` with ${tag.trim()}` : ''}, ${n} accounts`, target: t.id, onset: p.onset, end: p.onset + p.dur, ids: [], voiceTimes: [] };
      const times = Array.from({ length: n }, () => p.onset + Math.round(c.rng.next() ** 1.5 * p.dur)).sort((a, b) => a - b);
      times[0] = p.onset;
      // every account posts once: a campaign of many accounts, not one account repeating itself
      times.forEach((at, i) => {
        const id = `s${c.seed}-i${c.injections.length}-${i}`;
        const text = `${c.rng.pick(COPY_PREFIX)}${body}${c.rng.pick(COPY_SUFFIX)}${tag}`;
        c.lines.push({ id, source: t.source, target: t.id, author: { id: `s${c.seed}-i${c.injections.length}-a${i}`, followers: c.rng.followers() }, text, lang: t.lang, publishedAt: new Date(at).toISOString() });
        inj.ids.push(id);
        inj.voiceTimes.push(at);
      });
      return [inj];
    },
  },
  'two-at-once': {
    targets: MID,
    dur: (r) => uniform(r, 1.5, 3) * HOUR,
    build: (c, p) => {
      const a = pickTopic(c, 60);
      let b = pickTopic(c, 60);
      for (let k = 0; k < 20 && b.topic === a.topic; k++) b = pickTopic(c, 60);
      const t = target(p.target);
      const first = surge(c, { family: 'two-at-once', t, onset: p.onset, dur: p.dur, ramp: uniform(c.rng, 10, 40) * MIN, peak: logUniform(c.rng, 3, 10), minTotal: 12, pool: a.pool, label: `${a.topic} (first of two)` });
      c.injections.push(first); // ids of the second one are numbered after it
      const onset2 = p.onset + uniform(c.rng, 0, 45) * MIN;
      const second = surge(c, { family: 'two-at-once', t, onset: onset2, dur: p.dur, ramp: uniform(c.rng, 10, 40) * MIN, peak: logUniform(c.rng, 3, 10), minTotal: 12, pool: b.pool, label: `${b.topic} (second of two)` });
      c.injections.pop();
      return [first, second];
    },
  },
  // decoys: none of these may ever open a revolt
  'busy-day': {
    targets: TARGETS.map((t) => t.id),
    hours: [9, 14],
    dur: (r) => uniform(r, 4, 8) * HOUR,
    build: (c, p) => {
      const t = target(p.target);
      const s = c.streams.get(t.id)!;
      const f = uniform(c.rng, 2, 3);
      const times = poissonTimes(c.rng, p.onset, p.onset + p.dur, (x) => (f - 1) * rateAt(t, x), (f - 1) * t.peakPerHour);
      const inj: Injection = { family: 'busy-day', kind: 'decoy', name: `usual mix at ×${f.toFixed(1)} for ${(p.dur / HOUR).toFixed(1)} h, ${times.length} extra posts`, target: t.id, onset: p.onset, end: p.onset + p.dur, ids: [], voiceTimes: [] };
      times.forEach((at, i) => {
        const who = s.authors.pick(at);
        const id = `s${c.seed}-i${c.injections.length}-${i}`;
        c.lines.push({ id, source: t.source, target: t.id, author: { id: who.id, followers: who.followers }, text: textFor(t, s.deck.draw()), lang: t.lang, publishedAt: new Date(at).toISOString() });
        inj.ids.push(id);
      });
      return [inj];
    },
  },
  'positive-launch': {
    targets: TARGETS.map((t) => t.id),
    hours: [10, 18],
    dur: () => 2 * HOUR,
    build: (c, p) => {
      const t = target(p.target);
      const tag = c.rng.pick(LAUNCH_TAGS);
      const k = uniform(c.rng, 4, 8);
      const total = Math.max(40, Math.round(k * rateAt(t, p.onset + HOUR) * 2));
      const inj = surge(c, { family: 'topic-sharp', t, onset: p.onset, dur: p.dur, ramp: 20 * MIN, total, pool: poolOf(c.pools, t.lang).positive, label: `positive launch ${tag}`, decorate: (x, i) => (i % 2 && t.lang === 'en' ? `${x} ${tag}` : x) });
      return [{ ...inj, family: 'positive-launch', kind: 'decoy', voiceTimes: [] }];
    },
  },
  'neutral-news': {
    targets: AIRLINES,
    hours: [8, 20],
    dur: () => 1.5 * HOUR,
    build: (c, p) => {
      const t = target(p.target);
      const link = c.rng.pick(NEWS_LINKS);
      const inj = surge(c, { family: 'topic-sharp', t, onset: p.onset, dur: p.dur, ramp: 15 * MIN, total: c.rng.int(51) + 50, pool: c.pools.airline.neutral, label: `neutral news sharing ${link}`, decorate: (x) => `${x} ${link}` });
      return [{ ...inj, family: 'neutral-news', kind: 'decoy', voiceTimes: [] }];
    },
  },
  'angry-author': {
    targets: TARGETS.map((t) => t.id),
    dur: () => 2 * HOUR,
    build: (c, p) => {
      const t = target(p.target);
      const n = c.rng.int(21) + 30;
      const texts = drawTexts(c, poolOf(c.pools, t.lang).negative, n);
      const inj: Injection = { family: 'angry-author', kind: 'decoy', name: `one author, ${texts.length} negative posts`, target: t.id, onset: p.onset, end: p.onset + p.dur, ids: [], voiceTimes: [] };
      texts.forEach((x, i) => {
        const id = `s${c.seed}-i${c.injections.length}-${i}`;
        c.lines.push({ id, source: t.source, target: t.id, author: { id: `s${c.seed}-angry`, followers: 300 }, text: textFor(t, x), lang: t.lang, publishedAt: new Date(p.onset + Math.round((i / texts.length) * p.dur)).toISOString() });
        inj.ids.push(id);
      });
      return [inj];
    },
  },
  bot: {
    targets: TARGETS.map((t) => t.id),
    dur: () => HOUR,
    build: (c, p) => {
      const t = target(p.target);
      const base = textFor(t, drawTexts(c, poolOf(c.pools, t.lang).negative, 1)[0]);
      const n = c.rng.int(51) + 100;
      const inj: Injection = { family: 'bot', kind: 'decoy', name: `one account, ${n} copies of a negative post with a counter`, target: t.id, onset: p.onset, end: p.onset + p.dur, ids: [], voiceTimes: [] };
      for (let i = 0; i < n; i++) {
        const id = `s${c.seed}-i${c.injections.length}-${i}`;
        c.lines.push({ id, source: t.source, target: t.id, author: { id: `s${c.seed}-bot`, followers: 12 }, text: `${base} [${i + 1}]`, lang: t.lang, publishedAt: new Date(p.onset + Math.round((i / n) * p.dur)).toISOString() });
        inj.ids.push(id);
      }
      return [inj];
    },
  },
  competitor: {
    targets: MID,
    dur: () => 2 * HOUR,
    build: (c, p) => {
      const y = target(p.target);
      const x = target(c.rng.pick(AIRLINES.filter((a) => a !== y.id)));
      const { topic, pool } = pickTopic(c, 60);
      const inj = surge(c, {
        family: 'topic-sharp',
        t: x, // the texts address the competitor …
        onset: p.onset,
        dur: p.dur,
        ramp: 20 * MIN,
        total: c.rng.int(31) + 30,
        pool,
        label: `${topic} at competitor ${x.name}, posts mentioning ${y.name}`,
        decorate: (text) => `${text} ${c.rng.pick(COMPARISONS).replaceAll('{y}', y.handle)}`,
      });
      // … and reach this target's stream (its search catches the mention)
      const ids = new Set(inj.ids);
      for (const l of c.lines) if (ids.has(l.id)) l.target = y.id;
      return [{ ...inj, target: y.id, family: 'competitor', kind: 'decoy', voiceTimes: [] }];
    },
  },
};

/** Per week: how many of each family (two-at-once makes two revolts). */
export const PER_WEEK: Partial<Record<RevoltFamily | DecoyFamily, number>> = { 'topic-sharp': 2, 'topic-slow': 2 };

/** Places every family in the week (days 1–7) without overlapping another injection at the same target. */
export function inject(rng: Rng, pools: Pools, seed: number, streams: Map<string, TargetStream>, taken: Set<string>): { lines: ReplayLine[]; injections: Injection[] } {
  const c: Ctx = { rng, pools, seed, streams, taken, lines: [], injections: [] };
  const busy: { target: string; from: number; to: number }[] = [];
  const order = [...REVOLT_FAMILIES, ...DECOY_FAMILIES].flatMap((f) => Array.from({ length: PER_WEEK[f] ?? 1 }, () => f));
  for (const f of order) {
    const spec = FAMILIES[f];
    let place: Place | null = null;
    for (let attempt = 0; attempt < 200 && !place; attempt++) {
      const tgt = rng.pick(spec.targets);
      const dur = spec.dur(rng);
      const [h0, h1] = spec.hours ?? [0, 24];
      const day = 1 + rng.int(DAYS - 1);
      const onset = WEEK_START + day * DAY + Math.round(uniform(rng, h0, h1) * HOUR);
      if (onset + dur > WEEK_START + DAYS * DAY) continue;
      const from = onset - 3 * HOUR;
      const to = onset + dur + 4 * HOUR;
      if (busy.some((b) => b.target === tgt && b.from < to && from < b.to)) continue;
      place = { target: tgt, onset, dur };
      busy.push({ target: tgt, from: onset, to: onset + dur + HOUR });
    }
    if (!place) throw new Error(`no room for ${f} in the week of seed ${seed}`);
    for (const inj of spec.build(c, place)) c.injections.push(inj);
  }
  return { lines: c.lines, injections: c.injections };
}
