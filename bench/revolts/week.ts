/**
 * The background of a scenario week: eight targets posting real texts (six airlines from the
 * airline tweets, a Polish clinic from the PolEmo reviews, a Chinese food-delivery brand from the
 * waimai reviews) in their natural mix of sentiment, at a daily rhythm, with authors who repeat the
 * way real ones do. Texts come from one half of each set (pools.ts) and are read at run time.
 */
import { Rng } from './prng.js';
import { Deck, rehandle, type PoolText, type Pools } from './pools.js';
import type { ReplayLine } from './lines.js';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** A Monday, 00:00 UTC. Day 0 is a warm-up (nothing injected); days 1–7 are the scored week. */
export const WEEK_START = Date.parse('2026-03-02T00:00:00Z');
export const DAYS = 8;

export type Lang = 'en' | 'pl' | 'zh';

export interface Target {
  id: string;
  name: string;
  handle: string;
  lang: Lang;
  /** posts per hour at the busiest hour of a weekday */
  peakPerHour: number;
  size: 'small' | 'mid' | 'large';
  source: string;
}

export const TARGETS: Target[] = [
  { id: 'united', name: 'United', handle: '@united', lang: 'en', peakPerHour: 200, size: 'large', source: 'twitter' },
  { id: 'southwest', name: 'Southwest', handle: '@SouthwestAir', lang: 'en', peakPerHour: 50, size: 'mid', source: 'twitter' },
  { id: 'delta', name: 'Delta', handle: '@Delta', lang: 'en', peakPerHour: 40, size: 'mid', source: 'twitter' },
  { id: 'us-airways', name: 'US Airways', handle: '@USAirways', lang: 'en', peakPerHour: 40, size: 'mid', source: 'twitter' },
  { id: 'american', name: 'American', handle: '@AmericanAir', lang: 'en', peakPerHour: 30, size: 'mid', source: 'twitter' },
  { id: 'virgin-america', name: 'Virgin America', handle: '@VirginAmerica', lang: 'en', peakPerHour: 10, size: 'small', source: 'twitter' },
  { id: 'medica-clinic', name: 'Medica', handle: '@MedicaKlinika', lang: 'pl', peakPerHour: 14, size: 'small', source: 'reviews' },
  { id: 'kuaisong', name: 'Kuaisong', handle: '@kuaisong', lang: 'zh', peakPerHour: 40, size: 'mid', source: 'app-reviews' },
];

/** The daily rhythm (0.1 at night to 1 at 16:00 UTC), weekends at 0.8. */
export function rhythm(t: number): number {
  const d = new Date(t);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const day = 0.1 + 0.9 * Math.exp(-((h - 16) ** 2) / (2 * 4.5 ** 2));
  const dow = d.getUTCDay();
  return day * (dow === 0 || dow === 6 ? 0.8 : 1);
}

export function poolOf(p: Pools, lang: Lang) {
  return lang === 'en' ? p.airline : lang === 'pl' ? p.pl : p.zh;
}

/** Share of a pool's posts labelled negative: the target's own negative rate is rate × this. */
export function negativeShare(p: Pools, lang: Lang): number {
  const pool = poolOf(p, lang);
  return pool.negative.length / pool.all.length;
}

/** Expected posts per hour at a target at time t. */
export function rateAt(t: Target, at: number): number {
  return t.peakPerHour * rhythm(at);
}

/**
 * Synthetic authors (the sets carry none): a fifth of posts continue a conversation of the last
 * 3 hours with the same brand; the rest come from a heavy-tailed pool (a few regulars, a long tail).
 */
export class AuthorPool {
  private readonly recent: { id: string; followers: number; at: number }[] = [];
  private readonly pool: { id: string; followers: number }[];

  constructor(
    private readonly rng: Rng,
    size: number,
    prefix: string,
  ) {
    this.pool = Array.from({ length: size }, (_, i) => ({ id: `${prefix}${i}`, followers: rng.followers() }));
  }

  pick(at: number): { id: string; followers: number } {
    const list = this.recent;
    while (list.length && list[0].at < at - 3 * HOUR) list.shift();
    if (list.length && this.rng.chance(0.2)) return this.rng.pick(list);
    const who = this.pool[Math.floor(this.pool.length * this.rng.next() ** 1.6)];
    list.push({ ...who, at });
    return who;
  }
}

export interface TargetStream {
  target: Target;
  authors: AuthorPool;
  deck: Deck;
}

export function textFor(t: Target, x: PoolText): string {
  if (t.lang !== 'en') return x.text;
  const text = rehandle(x.text, t.handle);
  // a tweet that names no airline reached this stream by mentioning the brand
  return text.includes(t.handle) ? text : `${t.handle} ${text}`;
}

/** What a target's ordinary traffic is drawn from: for the airlines, their tweets and other English tweets. */
export function backgroundPool(p: Pools, lang: Lang): PoolText[] {
  return lang === 'en' ? [...p.airline.all, ...p.englishChatter] : poolOf(p, lang).all;
}

/** Times of a Poisson process with intensity rate(t) per hour over [from, to) (thinning). */
export function poissonTimes(rng: Rng, from: number, to: number, rate: (t: number) => number, maxRate: number): number[] {
  const out: number[] = [];
  if (maxRate <= 0) return out;
  for (let t = from; ; ) {
    t += rng.exp(maxRate / HOUR);
    if (t >= to) break;
    if (rng.chance(rate(t) / maxRate)) out.push(Math.round(t));
  }
  return out;
}

/** Each target's author pool and text deck (the deck skips `taken`: texts reserved for injections). */
export function makeStreams(rng: Rng, pools: Pools, taken: Set<string>): Map<string, TargetStream> {
  const streams = new Map<string, TargetStream>();
  for (const t of TARGETS) {
    const weekly = t.peakPerHour * 0.5 * 24 * DAYS;
    streams.set(t.id, { target: t, authors: new AuthorPool(rng, Math.max(200, Math.round(weekly * 0.45)), `${t.id}-u`), deck: new Deck(backgroundPool(pools, t.lang), () => rng.next(), taken) });
  }
  return streams;
}

/** The background week: every target's ordinary traffic. */
export function background(rng: Rng, streams: Map<string, TargetStream>, seed: number): ReplayLine[] {
  const lines: ReplayLine[] = [];
  let n = 0;
  for (const { target: t, authors, deck } of streams.values()) {
    for (const at of poissonTimes(rng, WEEK_START, WEEK_START + DAYS * DAY, (x) => rateAt(t, x), t.peakPerHour)) {
      const who = authors.pick(at);
      lines.push({ id: `s${seed}-b${++n}`, source: t.source, target: t.id, author: { id: who.id, followers: who.followers }, text: textFor(t, deck.draw()), lang: t.lang, publishedAt: new Date(at).toISOString() });
    }
  }
  return lines;
}
