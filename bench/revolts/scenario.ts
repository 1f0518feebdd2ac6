/**
 * The scenario week (seeded): background posts per brand with a daily rhythm, eight injected
 * revolts of different sizes, speeds, hours and kinds, and three decoys that must stay quiet.
 * Output: replay input lines (the `backlash replay` contract) and the ground truth.
 */
import { Rng } from './prng.js';
import { BRANDS, CITIES, CLOSERS, HAPPY_CLOSERS, OPENERS, type Brand } from './phrases.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
export const WEEK_START = Date.parse('2026-03-02T00:00:00Z'); // a Monday
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
  lines: ReplayLine[];
  revolts: Injected[];
  decoys: Injected[];
}

interface RevoltSpec {
  name: string;
  kind: 'topic' | 'phrase' | 'hashtag';
  brand: string;
  day: number;
  hour: number;
  voices: number;
  rampMin: number;
  texts: string[]; // {h} handle, {c} city
}

/** Eight revolts: sizes 12–60 voices, ramps 20 min–3 h, three of them at night. */
export const REVOLTS: RevoltSpec[] = [
  { name: 'grounded hashtag (evening)', kind: 'hashtag', brand: 'nimbus-air', day: 1, hour: 21.25, voices: 16, rampMin: 60, texts: ['{h} stuck in {c} for the night without a hotel, awful #GroundedByNimbus', 'cancelled with zero notice and nobody at the desk #GroundedByNimbus', 'four hours on the tarmac in {c} then sent home, terrible #GroundedByNimbus', 'they just abandoned us at {c} airport, disgusting #GroundedByNimbus', 'families sleeping on the floor in {c} #GroundedByNimbus', 'worst night ever, flight cancelled and no help #GroundedByNimbus'] },
  { name: 'surge fee phrase (night)', kind: 'phrase', brand: 'quickcart', day: 2, hour: 3.3, voices: 20, rampMin: 90, texts: ['{h} a surge fee of 9 euros on a 20 euro order?? no way', 'since when is there a surge fee on groceries', 'the new surge fee doubled my basket in {c}, deleting the app', 'surge fee at 3am, really? who is ordering that much', 'hidden surge fee only shows at checkout, shady', 'not paying a surge fee for bread'] },
  { name: 'locked accounts hashtag', kind: 'hashtag', brand: 'lumen-bank', day: 3, hour: 10, voices: 40, rampMin: 120, texts: ['{h} my account is frozen and I cannot pay rent, this is terrible #LumenLocked', 'still locked out of my savings for two days now #LumenLocked', 'salary arrived and I cannot touch it, ridiculous #LumenLocked', 'support says wait 72 hours, useless #LumenLocked', 'cannot buy food, card blocked for no reason #LumenLocked', 'whole family locked out in {c}, furious #LumenLocked'] },
  { name: 'seat deposit phrase (slow)', kind: 'phrase', brand: 'nimbus-air', day: 4, hour: 18, voices: 25, rampMin: 180, texts: ['{h} a seat deposit just to sit next to my kid? shame on you', 'so now there is a seat deposit on top of the fare, ridiculous', 'paid the seat deposit and still got split from my partner', 'seat deposit is a scam, plain and simple', 'refund my seat deposit, the seat did not exist', 'who approved this awful seat deposit'] },
  { name: 'checkout outage topic (fast)', kind: 'topic', brand: 'quickcart', day: 5, hour: 12.5, voices: 60, rampMin: 25, texts: ['{h} app is down, payment fails at checkout', 'checkout crashed three times, order gone', 'login broken and the app keeps crashing', 'payment page is down in {c} too', 'cannot pay, the app crashed mid order', 'outage again? app down for everyone?'] },
  { name: 'charged twice topic (night, small)', kind: 'topic', brand: 'lumen-bank', day: 6, hour: 2.7, voices: 12, rampMin: 45, texts: ['{h} charged twice for every payment tonight', 'every card payment charged twice, my bill is a mess', 'double charge on my card, overcharged by 300', 'woke up to being charged twice for rent', 'overcharged again, charged twice at the shop'] },
  { name: 'lost luggage topic', kind: 'topic', brand: 'nimbus-air', day: 2, hour: 15.2, voices: 30, rampMin: 60, texts: ['{h} lost my luggage on the {c} flight, nobody answers', 'my bag never arrived in {c}, baggage desk closed', 'third day without my suitcase, lost luggage line rings out', 'whole flight from {c} arrived without bags', 'lost baggage again, nobody knows where it is'] },
  { name: 'overdraft charge phrase', kind: 'phrase', brand: 'lumen-bank', day: 5, hour: 7.8, voices: 18, rampMin: 120, texts: ['{h} an overdraft penalty for being 2 euros short? disgusting', 'overdraft penalty charged while my salary was pending, unacceptable', 'the new overdraft penalty is a scam', 'overdraft penalty of 35 on a 5 euro overdraft, ridiculous', 'who else got hit with the overdraft penalty today'] },
];

const ESCALATIONS = [' Talking to my lawyer.', ' Calling a journalist.', ' Boycott them.', ' Never again, switching to another bank.', ' Everyone retweet this.'];

/** Background volume per hour at the day's busiest hour, per brand. */
const PEAK_PER_HOUR = 48;

/** The daily rhythm: quiet at night, busy afternoon and evening; weekends a little quieter. */
export function rhythm(t: number): number {
  const d = new Date(t);
  const h = d.getUTCHours() + d.getUTCMinutes() / 60;
  const day = 0.1 + 0.9 * Math.exp(-((h - 16) ** 2) / (2 * 4.5 ** 2));
  const dow = d.getUTCDay();
  return day * (dow === 0 || dow === 6 ? 0.8 : 1);
}

function fill(tpl: string, b: Brand, rng: Rng): string {
  return tpl.replaceAll('{t}', rng.pick(b.things)).replaceAll('{c}', rng.pick(CITIES)).replaceAll('{h}', b.handle);
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

export function generateScenario(seed = 7): Scenario {
  const rng = new Rng(seed);
  const lines: ReplayLine[] = [];
  const end = WEEK_START + DAYS * 24 * HOUR;
  let n = 0;
  const sourcesOf = (b: Brand) => [`${b.id}-x`, `${b.id}-bsky`, `${b.id}-reddit`];
  const post = (b: Brand, t: number, text: string, author: string, followers: number, extra: Partial<ReplayLine> = {}): ReplayLine => {
    const line: ReplayLine = {
      id: `s${seed}-${++n}`,
      source: rng.chance(0.7) ? sourcesOf(b)[0] : rng.pick(sourcesOf(b)),
      target: b.id,
      author: { id: author, followers },
      text,
      lang: 'en',
      publishedAt: iso(Math.round(t)),
      metrics: { likes: rng.int(5), reposts: rng.chance(0.1) ? rng.int(4) : 0, replies: rng.int(3) },
      ...extra,
    };
    lines.push(line);
    return line;
  };

  // background: a Poisson process thinned by the rhythm; authors drawn from a pool with regulars
  for (const b of BRANDS) {
    const pool = Array.from({ length: 2500 }, (_, i) => ({ id: `${b.id}-u${i}`, followers: rng.followers() }));
    for (let t = WEEK_START; t < end; ) {
      t += rng.exp(PEAK_PER_HOUR / HOUR);
      if (t >= end || !rng.chance(rhythm(t))) continue;
      const who = pool[Math.floor(pool.length * rng.next() ** 2)];
      const r = rng.next();
      const tpl = r < 0.4 ? rng.pick(b.praise) + rng.pick(HAPPY_CLOSERS) : r < 0.7 ? rng.pick(b.neutral) : rng.pick(OPENERS) + rng.pick(b.gripes) + rng.pick(CLOSERS);
      post(b, t, `${rng.chance(0.5) ? b.handle + ' ' : ''}${fill(tpl, b, rng)}`, who.id, who.followers);
    }
  }

  const revolts: Injected[] = [];
  for (const [k, s] of REVOLTS.entries()) {
    const b = BRANDS.find((x) => x.id === s.brand)!;
    const onset = WEEK_START + s.day * 24 * HOUR + Math.round(s.hour * HOUR);
    const ids: string[] = [];
    const authors: { id: string; followers: number; text: string }[] = [];
    const times = Array.from({ length: s.voices }, (_, i) => (i === 0 ? 0 : Math.sqrt(rng.next()))).sort((a, b2) => a - b2);
    // the tail: a third more posts fading over twice the ramp
    const tail = Array.from({ length: Math.round(s.voices / 3) }, () => 1 + 2 * rng.next() ** 2);
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
  {
    // a happy viral spike: 120 delighted passengers in an hour
    const b = BRANDS[0];
    const onset = WEEK_START + 3 * 24 * HOUR + 16 * HOUR;
    const texts = ['{h} free upgrades for the whole flight to {c}, amazing crew #NimbusSurprise', 'best birthday surprise ever, thank you Nimbus #NimbusSurprise', 'the crew sang for a passenger and gave out cake, love this #NimbusSurprise', 'what a lovely gesture on the {c} flight #NimbusSurprise', 'never had a flight this fun, great job #NimbusSurprise'];
    const ids = Array.from({ length: 120 }, (_, i) => post(b, onset + rng.next() * HOUR, fill(rng.pick(texts), b, rng) + rng.pick(HAPPY_CLOSERS), `d1-a${i}`, rng.followers()).id);
    decoys.push({ name: 'happy viral spike', kind: 'decoy-happy', target: b.id, onset, end: onset + HOUR, ids });
  }
  {
    // one furious customer posting 45 times in two hours
    const b = BRANDS[1];
    const onset = WEEK_START + 4 * 24 * HOUR + 20 * HOUR;
    const texts = ['{h} my order is missing AGAIN, worst service ever', 'still no refund, terrible, answer me', 'this is ridiculous, where is my order', 'useless support, I want my money back', 'missing order, third time, awful'];
    const ids = Array.from({ length: 45 }, (_, i) => post(b, onset + (i / 45) * 2 * HOUR, `${fill(rng.pick(texts), b, rng)} (${i + 1})`, 'd2-the-one', 420).id);
    decoys.push({ name: 'one author, 45 posts', kind: 'decoy-one-author', target: b.id, onset, end: onset + 2 * HOUR, ids });
  }
  {
    // a neutral news burst: 70 accounts share the same story and link
    const b = BRANDS[2];
    const onset = WEEK_START + 5 * 24 * HOUR + 14 * HOUR;
    const texts = ['Lumen Bank to merge with Harbor Trust, deal announced this morning https://news.example.com/business/lumen-harbor-merger', 'Report: Lumen Bank and Harbor Trust agree merger terms https://news.example.com/business/lumen-harbor-merger', 'Lumen Bank merger with Harbor Trust expected to close next year https://news.example.com/business/lumen-harbor-merger', 'Breaking: Lumen Bank announces merger with Harbor Trust https://news.example.com/business/lumen-harbor-merger'];
    const ids = Array.from({ length: 70 }, (_, i) => post(b, onset + rng.next() * 1.5 * HOUR, rng.pick(texts), `d3-a${i}`, rng.followers() * 3).id);
    decoys.push({ name: 'neutral news burst', kind: 'decoy-news', target: b.id, onset, end: onset + 1.5 * HOUR, ids });
  }

  lines.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0));
  return { lines, revolts, decoys };
}
