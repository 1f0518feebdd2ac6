/**
 * Background traffic for the scenario week, one of three kinds:
 *
 * - synthetic: posts composed from the hand-written parts in phrases.ts for three made-up brands,
 *   a Poisson process thinned by a daily rhythm.
 * - airline: the real tweets of ../shared/datasets/en_airline_tweets.jsonl (six US airlines,
 *   Feb 2015), each brand a target, each tweet at its REAL time (decoded from its snowflake id): the
 *   week is the data's own week, with its real rhythm and its real incidents (American Airlines
 *   appears only from the evening of Feb 22, at ~50 tweets an hour: the winter-storm cancellations).
 * - mixed: real tweets of other sets (en_complaint_tweets, en_tweeteval_val, en_banking77_train)
 *   shared among the three made-up brands and spread over a week with the synthetic daily rhythm.
 *
 * Real sets carry no authors: authors are synthetic (see `AuthorPool`), with a repeat distribution
 * like Twitter's (a few regulars, conversations of several tweets, most accounts seen once) or,
 * with `authors: 'unique'`, one author per post (the harshest case: every post a distinct voice).
 * Dataset text is read at run time and never written into the repository.
 */
import { Rng } from './prng.js';
import { BRANDS, CITIES, CLOSERS, HAPPY_CLOSERS, OPENERS, type Brand } from './phrases.js';
import { readDataset, snowflakeTime, type DatasetRow } from './datasets.js';
import type { ReplayLine } from './scenario.js';

export type BackgroundKind = 'synthetic' | 'airline' | 'mixed';
export type AuthorModel = 'realistic' | 'unique';
/** Airline tweets at their real times, or spread at random over 7 days with the synthetic daily rhythm. */
export type TimeModel = 'real' | 'spread';

const MIN = 60_000;
const HOUR = 60 * MIN;
export const SYNTHETIC_WEEK_START = Date.parse('2026-03-02T00:00:00Z'); // a Monday

/** What an injected revolt needs to know of a target. */
export interface TargetInfo {
  id: string;
  name: string;
  handle: string;
}

export interface Background {
  kind: BackgroundKind;
  lines: ReplayLine[];
  targets: TargetInfo[];
  /** Start of the simulated week (injections are placed in days from here) and its length. */
  start: number;
  days: number;
  /** Known real incidents in the background (reported, still counted as false alarms when opened). */
  incidents: { name: string; target: string; from: number; to: number }[];
}

/** The daily rhythm: quiet at night, busy afternoon and evening; weekends a little quieter. */
export function rhythm(t: number): number {
  const d = new Date(t);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const day = 0.1 + 0.9 * Math.exp(-((h - 16) ** 2) / (2 * 4.5 ** 2));
  const dow = d.getUTCDay();
  return day * (dow === 0 || dow === 6 ? 0.8 : 1);
}

/**
 * Synthetic authors for posts that have none. Realistic: a tweet is a follow-up in a recent
 * conversation with the same brand (the author tweeted it within the last 3 hours) with
 * probability 0.2, otherwise drawn from a heavy-tailed pool (a few regulars, a long tail seen once).
 */
export class AuthorPool {
  private readonly recent = new Map<string, { id: string; followers: number; at: number }[]>();
  private readonly pool: { id: string; followers: number }[];
  private seq = 0;

  constructor(
    private readonly rng: Rng,
    private readonly model: AuthorModel,
    size: number,
    private readonly prefix = 'u',
  ) {
    this.pool = Array.from({ length: model === 'unique' ? 0 : size }, (_, i) => ({ id: `${prefix}${i}`, followers: rng.followers() }));
  }

  pick(target: string, at: number): { id: string; followers: number } {
    if (this.model === 'unique') return { id: `${this.prefix}x${++this.seq}`, followers: this.rng.followers() };
    let list = this.recent.get(target);
    if (!list) this.recent.set(target, (list = []));
    while (list.length && list[0].at < at - 3 * HOUR) list.shift();
    if (list.length && this.rng.chance(0.2)) return this.rng.pick(list);
    const who = this.pool[Math.floor(this.pool.length * this.rng.next() ** 1.6)];
    list.push({ ...who, at });
    return who;
  }
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function fill(tpl: string, b: Brand, rng: Rng): string {
  return tpl.replaceAll('{t}', rng.pick(b.things)).replaceAll('{c}', rng.pick(CITIES)).replaceAll('{h}', b.handle);
}

/** Background volume per hour at the day's busiest hour, per made-up brand. */
const PEAK_PER_HOUR = 48;

function synthetic(rng: Rng, authors: AuthorModel, days: number): Background {
  const start = SYNTHETIC_WEEK_START;
  const end = start + days * 24 * HOUR;
  const lines: ReplayLine[] = [];
  let n = 0;
  for (const b of BRANDS) {
    const sources = [`${b.id}-x`, `${b.id}-bsky`, `${b.id}-reddit`];
    const pool = authors === 'unique' ? null : Array.from({ length: 2500 }, (_, i) => ({ id: `${b.id}-u${i}`, followers: rng.followers() }));
    for (let t = start; t < end; ) {
      t += rng.exp(PEAK_PER_HOUR / HOUR);
      if (t >= end || !rng.chance(rhythm(t))) continue;
      const who = pool ? pool[Math.floor(pool.length * rng.next() ** 2)] : { id: `${b.id}-x${n}`, followers: rng.followers() };
      const r = rng.next();
      const tpl = r < 0.4 ? rng.pick(b.praise) + rng.pick(HAPPY_CLOSERS) : r < 0.7 ? rng.pick(b.neutral) : rng.pick(OPENERS) + rng.pick(b.gripes) + rng.pick(CLOSERS);
      const text = `${rng.chance(0.5) ? b.handle + ' ' : ''}${fill(tpl, b, rng)}`; // drawn before the source: the seeded weeks stay as they were
      lines.push({
        id: `bg-${++n}`,
        source: rng.chance(0.7) ? sources[0] : rng.pick(sources),
        target: b.id,
        author: { id: who.id, followers: who.followers },
        text,
        lang: 'en',
        publishedAt: iso(Math.round(t)),
        metrics: { likes: rng.int(5), reposts: rng.chance(0.1) ? rng.int(4) : 0, replies: rng.int(3) },
      });
    }
  }
  return { kind: 'synthetic', lines, targets: BRANDS.map((b) => ({ id: b.id, name: b.name, handle: b.handle })), start, days, incidents: [] };
}

/** The six airlines of the airline set, as targets (handles are the airlines' public accounts). */
export const AIRLINES: (TargetInfo & { brand: string })[] = [
  { brand: 'Virgin America', id: 'virgin-america', name: 'Virgin America', handle: '@VirginAmerica' },
  { brand: 'United', id: 'united', name: 'United', handle: '@united' },
  { brand: 'Southwest', id: 'southwest', name: 'Southwest', handle: '@SouthwestAir' },
  { brand: 'Delta', id: 'delta', name: 'Delta', handle: '@Delta' },
  { brand: 'US Airways', id: 'us-airways', name: 'US Airways', handle: '@USAirways' },
  { brand: 'American', id: 'american', name: 'American', handle: '@AmericanAir' },
];

const DAY = 24 * HOUR;

function airline(rng: Rng, authors: AuthorModel, time: TimeModel): Background {
  const rows = readDataset('en_airline_tweets.jsonl');
  let timed = rows.map((r) => ({ r, at: snowflakeTime(r.id) })).filter((x): x is { r: DatasetRow; at: number } => x.at !== null && AIRLINES.some((a) => a.brand === x.r.brand));
  timed.sort((a, b) => a.at - b.at);
  if (time === 'spread') {
    // the same tweets at random times over 7 days from the data's first midnight, with the synthetic daily rhythm
    const from = Math.floor(timed[0].at / DAY) * DAY;
    const times = rhythmTimes(rng, timed.length, from, 7);
    timed = shuffled(rng, timed).map((x, i) => ({ r: x.r, at: times[i] }));
  }
  const first = timed[0].at;
  const last = timed[timed.length - 1].at;
  const start = Math.floor(first / DAY) * DAY;
  const pool = new AuthorPool(rng, authors, Math.round(timed.length * 0.45));
  const lines: ReplayLine[] = timed.map(({ r, at }) => {
    const t = AIRLINES.find((a) => a.brand === r.brand)!;
    const who = pool.pick(t.id, at);
    return { id: r.id.slice(r.id.indexOf(':') + 1), source: 'twitter', target: t.id, author: { id: who.id, followers: who.followers }, text: r.text, lang: 'en', publishedAt: iso(at) };
  });
  const aa = timed.filter((x) => x.r.brand === 'American');
  // American's real surge: from a handful of tweets to ~50 an hour (storm cancellations), to the end of the data
  const surge = aa.find((x, i) => i + 40 < aa.length && aa[i + 40].at - x.at < 2 * HOUR)?.at ?? last;
  return {
    kind: 'airline',
    lines,
    targets: AIRLINES.map(({ id, name, handle }) => ({ id, name, handle })),
    start,
    days: Math.round(((last - start) / DAY) * 10) / 10,
    incidents: time === 'real' ? [{ name: 'American: storm cancellations (real surge from ~0 to ~50 tweets/h)', target: 'american', from: surge, to: last }] : [],
  };
}

/** Times spread over `days` with the synthetic daily rhythm (rejection sampling). */
function rhythmTimes(rng: Rng, n: number, start: number, days: number): number[] {
  const out: number[] = [];
  while (out.length < n) {
    const t = start + rng.next() * days * DAY;
    if (rng.chance(rhythm(t))) out.push(Math.round(t));
  }
  return out.sort((a, b) => a - b);
}

function shuffled<T>(rng: Rng, xs: T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

function mixed(rng: Rng, authors: AuthorModel, days: number): Background {
  const start = SYNTHETIC_WEEK_START;
  const complaints = readDataset('en_complaint_tweets.jsonl');
  const general = shuffled(rng, readDataset('en_tweeteval_val.jsonl'));
  const bank = shuffled(rng, readDataset('en_banking77_train.jsonl')).slice(0, 2500);
  const chatter = shuffled(
    rng,
    complaints.filter((r) => r.domain?.startsWith('random')),
  );
  const travel = complaints.filter((r) => r.domain === 'transport' || r.domain === 'services');
  const shop = complaints.filter((r) => r.domain && !r.domain.startsWith('random') && r.domain !== 'transport' && r.domain !== 'services');
  const half = Math.floor(chatter.length / 2);
  const per: Record<string, DatasetRow[]> = {
    'nimbus-air': [...travel, ...chatter.slice(0, half), ...general.slice(0, 700)],
    quickcart: [...shop, ...chatter.slice(half), ...general.slice(700, 1400)],
    'lumen-bank': [...bank, ...general.slice(1400)],
  };
  const pool = new AuthorPool(rng, authors, 4000);
  const lines: ReplayLine[] = [];
  for (const b of BRANDS) {
    const rowsOf = shuffled(rng, per[b.id]);
    const times = rhythmTimes(rng, rowsOf.length, start, days);
    rowsOf.forEach((r, i) => {
      const who = pool.pick(b.id, times[i]);
      lines.push({ id: `${b.id}:${r.id}`, source: `${b.id}-x`, target: b.id, author: { id: who.id, followers: who.followers }, text: r.text, lang: 'en', publishedAt: iso(times[i]) });
    });
  }
  return { kind: 'mixed', lines, targets: BRANDS.map((b) => ({ id: b.id, name: b.name, handle: b.handle })), start, days, incidents: [] };
}

export function makeBackground(kind: BackgroundKind, rng: Rng, authors: AuthorModel, days = 7, time: TimeModel = 'real'): Background {
  if (kind === 'airline') return airline(rng, authors, time);
  if (kind === 'mixed') return mixed(rng, authors, days);
  return synthetic(rng, authors, days);
}
