/**
 * The scenario week (seeded): background posts per target (synthetic, real airline tweets, or a
 * mix of real sets: background.ts), eight injected revolts of different sizes, speeds, hours and
 * kinds, and three decoys that must stay quiet. Output: replay input lines (the `backlash replay`
 * contract) and the ground truth. Every injected text is written by the project.
 */
import { Rng } from './prng.js';
import { CITIES, CLOSERS, HAPPY_CLOSERS, OPENERS } from './phrases.js';
import { makeBackground, type AuthorModel, type BackgroundKind, type TargetInfo, type TimeModel } from './background.js';
import { AIRLINE_DECOYS, AIRLINE_REVOLTS, DECOYS, REVOLTS, type DecoySpec, type RevoltSpec } from './injections.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
export const DAYS = 7;

export interface ReplayLine {
  id: string;
  source: string;
  target: string;
  author: { id: string; followers?: number };
  text: string;
  lang?: string;
  publishedAt: string;
  url?: string;
  metrics?: { likes: number; reposts: number; replies: number };
}

export interface Injected {
  name: string;
  kind: 'topic' | 'phrase' | 'hashtag' | 'decoy-happy' | 'decoy-one-author' | 'decoy-news';
  target: string;
  onset: number;
  end: number;
  ids: string[]; // external ids
}

export interface Scenario {
  background: BackgroundKind;
  lines: ReplayLine[];
  revolts: Injected[];
  decoys: Injected[];
  start: number;
  days: number;
  incidents: { name: string; target: string; from: number; to: number }[];
}

export interface ScenarioOptions {
  background?: BackgroundKind;
  authors?: AuthorModel;
  /** Airline background: tweets at their real times (default) or spread over the week. */
  time?: TimeModel;
  /** Scales every injected revolt's voices (0.5 = half as many). */
  revoltScale?: number;
}

const ESCALATIONS = [' Talking to my lawyer.', ' Calling a journalist.', ' Boycott them.', ' Never again, switching to another company.', ' Everyone retweet this.'];

function fill(tpl: string, t: TargetInfo, rng: Rng): string {
  rng.next(); // a draw the first version spent on a noun: the seeded weeks stay as they were
  return tpl.replaceAll('{c}', rng.pick(CITIES)).replaceAll('{h}', t.handle).replaceAll('{n}', t.name);
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

export function generateScenario(seed = 7, opts: ScenarioOptions = {}): Scenario {
  const kind = opts.background ?? 'synthetic';
  const rng = new Rng(seed);
  const bg = makeBackground(kind, rng, opts.authors ?? 'realistic', DAYS, opts.time ?? 'real');
  const lines: ReplayLine[] = [...bg.lines];
  const at = (day: number, hour: number) => bg.start + day * 24 * HOUR + Math.round(hour * HOUR);
  const targetOf = (id: string) => bg.targets.find((t) => t.id === id) ?? { id, name: id, handle: `@${id}` };
  let n = 0;
  const post = (t: TargetInfo, time: number, text: string, author: string, followers: number, extra: Partial<ReplayLine> = {}): ReplayLine => {
    const sources = kind === 'airline' ? ['twitter'] : [`${t.id}-x`, `${t.id}-bsky`, `${t.id}-reddit`];
    const line: ReplayLine = {
      id: `s${seed}-${++n}`,
      source: rng.chance(0.7) ? sources[0] : rng.pick(sources),
      target: t.id,
      author: { id: author, followers },
      text,
      lang: 'en',
      publishedAt: iso(Math.round(time)),
      metrics: { likes: rng.int(5), reposts: rng.chance(0.1) ? rng.int(4) : 0, replies: rng.int(3) },
      ...extra,
    };
    lines.push(line);
    return line;
  };

  const revolts: Injected[] = [];
  for (const [k, s] of (kind === 'airline' ? AIRLINE_REVOLTS : REVOLTS).entries()) {
    const b = targetOf(s.target);
    const onset = at(s.day, s.hour);
    const voices = Math.max(3, Math.round(s.voices * (opts.revoltScale ?? 1)));
    const ids: string[] = [];
    const authors: { id: string; followers: number; text: string }[] = [];
    const times = Array.from({ length: voices }, (_, i) => (i === 0 ? 0 : Math.sqrt(rng.next()))).sort((a, b2) => a - b2);
    // the tail: a third more posts fading over twice the ramp
    const tail = Array.from({ length: Math.round(voices / 3) }, () => 1 + 2 * rng.next() ** 2);
    for (const [i, u] of [...times, ...tail].entries()) {
      const t = onset + u * s.rampMin * MIN;
      const again = authors.length > 3 && rng.chance(0.15);
      let text: string;
      let author: { id: string; followers: number };
      if (authors.length > 3 && rng.chance(0.12)) {
        // a repost: reach, not a voice
        const orig = rng.pick(authors);
        author = { id: `r${k}-rt${i}`, followers: rng.followers() };
        text = `RT @${orig.id}: ${orig.text}`;
      } else {
        author = again ? rng.pick(authors) : { id: `r${k}-a${i}`, followers: i === 3 ? 85_000 : rng.followers() };
        text = rng.pick(OPENERS) + fill(rng.pick(s.texts), b, rng) + (rng.chance(0.1) ? rng.pick(ESCALATIONS) : rng.pick(CLOSERS));
        if (!again) authors.push({ ...author, text });
      }
      ids.push(post(b, t, text, author.id, author.followers, { metrics: { likes: rng.int(40), reposts: rng.int(12), replies: rng.int(6) } }).id);
    }
    revolts.push({ name: s.name, kind: s.kind, target: b.id, onset, end: onset + 3 * s.rampMin * MIN, ids });
  }

  const decoys: Injected[] = [];
  for (const d of kind === 'airline' ? AIRLINE_DECOYS : DECOYS) {
    const b = targetOf(d.target);
    const onset = at(d.day, d.hour);
    const span = d.durationMin * MIN;
    let ids: string[];
    if (d.kind === 'decoy-happy') {
      // a happy viral spike: delighted customers, many of them
      ids = Array.from({ length: d.posts }, (_, i) => post(b, onset + rng.next() * span, fill(rng.pick(d.texts), b, rng) + rng.pick(HAPPY_CLOSERS), `d1-a${i}`, rng.followers()).id);
    } else if (d.kind === 'decoy-one-author') {
      // one furious customer posting dozens of times
      ids = Array.from({ length: d.posts }, (_, i) => post(b, onset + (i / d.posts) * span, `${fill(rng.pick(d.texts), b, rng)} (${i + 1})`, 'd2-the-one', 420).id);
    } else {
      // a neutral news burst: many accounts share the same story and link
      ids = Array.from({ length: d.posts }, (_, i) => post(b, onset + rng.next() * span, rng.pick(d.texts).replaceAll('{n}', b.name), `d3-a${i}`, rng.followers() * 3).id);
    }
    decoys.push({ name: d.name, kind: d.kind, target: b.id, onset, end: onset + span, ids });
  }

  lines.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0));
  return { background: kind, lines, revolts, decoys, start: bg.start, days: bg.days, incidents: bg.incidents };
}
