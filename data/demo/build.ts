/**
 * Builds the built-in demo stream, data/demo/stream.jsonl, from the hand-written parts in
 * data/demo/parts/*.yaml:   npx tsx data/demo/build.ts
 *
 * Deterministic: every brand and episode draws from its own seeded PRNG (never Math.random), so the
 * same parts always give the same file, and editing one episode leaves the others' timing alone.
 * The builder only schedules, picks authors and combines hand-written fragments; it invents no text.
 * It checks what the demo relies on (sorted, unique ids, a revolt with enough distinct authors in
 * its first hour, size) and fails loudly rather than writing a stream that would not show a revolt.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const SEED = 20_250_611;
const STREAM_MINUTES = 360;
const BACKGROUND_GAP_MINUTES = 2.6; // mean gap between background posts per brand, modulated ±20%
const POOL_SIZE = { en: 120, pl: 15, zh: 15 } as const; // background authors per brand
const LANG_SHARE = { en: 0.8, pl: 0.1, zh: 0.1 } as const;
const MOOD_SHARE = { neutral: 0.55, positive: 0.3, complaint: 0.15 } as const;
const NEWS_SHARE_OF_NEUTRAL = 0.15; // English neutral background posts that are media news items
const ACTIVITY_SKEW = 0.35; // regulars' activity ∝ 1/rank^skew: a few chatty, most occasional
const MIN_REPEAT_GAP = 10; // minutes before a background author posts again
const BIG_ACCOUNT_SHARE = 0.03; // ordinary authors with 20k–200k followers
const MIN_FIRST_HOUR_AUTHORS = 25; // the main revolt needs this many distinct authors in its first hour
const MAX_BYTES = 1_500_000;
const URL_BASE = 'https://demo.backlash.invalid';
const LINK_BASE = 'https://pics.demo.invalid/p';

const HERE = dirname(fileURLToPath(import.meta.url));
const PARTS = join(HERE, 'parts');
const OUT = join(HERE, 'stream.jsonl');

// ---- parts -------------------------------------------------------------------------------

const texts = z.array(z.string().min(1)).default([]);
const timedTexts = z.array(z.union([z.string().min(1), z.object({ after: z.number(), text: z.string().min(1) }).strict()])).default([]);
const moods = z.object({ neutral: texts, news: texts, positive: texts, complaint: texts }).strict();
const account = z.object({ name: z.string(), handle: z.string().regex(/^[a-z0-9_]+$/), followers: z.number().int().positive() }).strict();
const episodeSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['revolt', 'spike', 'single-author']),
    label: z.string(),
    hashtag: z.string().optional(),
    rate: z.array(z.tuple([z.number(), z.number()])).optional(), // [minute, posts per minute]
    window: z.tuple([z.number(), z.number()]).optional(), // single-author only
    author: account.optional(), // single-author only
    hashtagShare: z.number().default(0),
    linkShare: z.number().default(0),
    repostShare: z.number().default(0),
    followUpShare: z.number().default(0),
    poolShare: z.number().default(0),
    early: texts,
    posts: z.object({ en: timedTexts, pl: timedTexts, zh: timedTexts }).strict(),
    compose: z.object({ openers: texts, middles: texts, closers: texts }).strict().optional(),
    news: z.array(z.object({ at: z.number(), text: z.string() }).strict()).default([]),
    aftermath: z.object({ from: z.number(), to: z.number(), posts: texts }).strict().optional(),
  })
  .strict();
const brandSchema = z
  .object({
    target: z.string(),
    name: z.string(),
    networks: z.record(z.string(), z.number()),
    social: z.string(),
    media: z.array(account).min(1),
    background: z.object({ en: moods, pl: moods, zh: moods }).strict(),
    episodes: z.array(episodeSchema),
  })
  .strict();
const pair = z.tuple([z.string(), z.string()]);
const peopleSchema = z
  .object({
    en: z.object({ first: z.array(z.string()), last: z.array(z.string()), nicknames: z.array(pair) }).strict(),
    pl: z.object({ female: z.array(z.string()), male: z.array(z.string()), surnames: z.array(pair) }).strict(),
    zh: z.object({ surnames: z.array(pair), given: z.array(pair), nicknames: z.array(pair) }).strict(),
  })
  .strict();

type Brand = z.output<typeof brandSchema>;
type Episode = z.output<typeof episodeSchema>;
type Names = z.output<typeof peopleSchema>;
type Lang = 'en' | 'pl' | 'zh';

function load<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parse(readFileSync(join(PARTS, file), 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

// ---- randomness --------------------------------------------------------------------------

type Rng = ReturnType<typeof createRng>;

/** mulberry32, seeded from SEED and a name so each component has its own stream. */
function createRng(name: string) {
  let h = 0x811c9dc5 ^ SEED;
  for (const ch of name) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  let a = h >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    shuffle<T>(xs: T[]): T[] {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [xs[i], xs[j]] = [xs[j], xs[i]];
      }
      return xs;
    },
    weighted<K extends string>(shares: Readonly<Record<K, number>>): K {
      const keys = Object.keys(shares) as K[];
      let x = next() * keys.reduce((s, k) => s + shares[k], 0);
      for (const k of keys) if ((x -= shares[k]) < 0) return k;
      return keys[keys.length - 1];
    },
  };
  return r;
}

/** Arrival times of an inhomogeneous Poisson process (thinning), sorted. */
function arrivals(r: Rng, rate: (t: number) => number, from: number, to: number, maxRate: number): number[] {
  const out: number[] = [];
  for (let t = from; ; ) {
    t += -Math.log(1 - r.next()) / maxRate;
    if (t >= to) return out;
    if (r.next() * maxRate < rate(t)) out.push(t);
  }
}

/** Background arrivals: gamma(2) gaps around a slowly varying mean, steadier than Poisson. */
function steady(r: Rng, meanGap: (t: number) => number): number[] {
  const out: number[] = [];
  for (let t = meanGap(0) * r.next(); t < STREAM_MINUTES; t += (meanGap(t) * -(Math.log(1 - r.next()) + Math.log(1 - r.next()))) / 2) out.push(t);
  return out;
}

function piecewise(points: [number, number][]): (t: number) => number {
  return (t) => {
    for (let i = 1; i < points.length; i++) {
      const [t0, v0] = points[i - 1];
      const [t1, v1] = points[i];
      if (t >= t0 && t <= t1) return v0 + ((v1 - v0) * (t - t0)) / (t1 - t0 || 1);
    }
    return 0;
  };
}

// ---- authors -----------------------------------------------------------------------------

interface Author { id: string; name: string; handle: string; followers: number; network: string; lang: Lang }

function ascii(s: string): string {
  return s.replace(/ł/g, 'l').replace(/Ł/g, 'L').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9_]/g, '');
}

function createPeople(names: Names) {
  const taken = new Set<string>();
  const nicknames = { en: [...names.en.nicknames], zh: [...names.zh.nicknames] }; // each used once
  const nickname = (r: Rng, lang: 'en' | 'zh') => nicknames[lang].splice(r.int(nicknames[lang].length), 1)[0];
  const claim = (r: Rng, base: string): string => {
    let handle = ascii(base).slice(0, 22) || 'user';
    while (taken.has(handle)) handle = `${handle.replace(/\d+$/, '')}${10 + r.int(990)}`;
    taken.add(handle);
    return handle;
  };
  const followers = (r: Rng): number =>
    r.chance(BIG_ACCOUNT_SHARE)
      ? Math.round(20_000 * Math.pow(10, r.next()))
      : Math.round(Math.min(9_000, Math.max(12, Math.exp(Math.log(320) + r.normal()))));
  const digits = (r: Rng) => String(r.chance(0.5) ? 10 + r.int(90) : 1960 + r.int(45));

  function identity(r: Rng, lang: Lang): [string, string] {
    if (lang === 'zh') {
      if (nicknames.zh.length && r.chance(0.3)) return nickname(r, 'zh');
      const [s, sp] = r.pick(names.zh.surnames);
      const [g, gp] = r.pick(names.zh.given);
      const handle = r.pick([`${sp}${gp}`, `${gp}_${sp}`, `${sp}${gp}${digits(r)}`, `${sp}_${gp[0]}${digits(r)}`]);
      return [`${s}${g}`, handle];
    }
    let first: string, last: string;
    if (lang === 'pl') {
      const female = r.chance(0.5);
      first = r.pick(female ? names.pl.female : names.pl.male);
      last = r.pick(names.pl.surnames)[female ? 1 : 0];
    } else {
      if (nicknames.en.length && r.chance(0.12)) return nickname(r, 'en');
      first = r.pick(names.en.first);
      last = r.pick(names.en.last);
    }
    const display = r.pick([`${first} ${last}`, `${first} ${last}`, `${first} ${last}`, `${first} ${last[0]}.`, first]);
    const handle = r.pick([`${first}${last}`, `${first}_${last}`, `${first[0]}${last}`, `${first}${last}${digits(r)}`, `${first}_${last[0]}`, `${last}${first[0]}`, `${first}${digits(r)}`]);
    return [display, handle];
  }

  return {
    make(r: Rng, lang: Lang, network: string): Author {
      const [name, base] = identity(r, lang);
      const handle = claim(r, base);
      return { id: `${network}:${handle}`, name, handle: `@${handle}`, followers: followers(r), network, lang };
    },
    fixed(a: z.output<typeof account>, network: string, lang: Lang = 'en'): Author {
      if (taken.has(a.handle)) throw new Error(`handle @${a.handle} is used twice`);
      taken.add(a.handle);
      return { id: `${network}:${a.handle}`, name: a.name, handle: `@${a.handle}`, followers: a.followers, network, lang };
    },
  };
}
type People = ReturnType<typeof createPeople>;

// ---- drafts ------------------------------------------------------------------------------

interface Draft {
  t: number;
  target: string;
  author: Author;
  text: string;
  lang: Lang;
  episode: string | null;
  role?: 'news' | 'aftermath'; // unset: the episode's own posts
  repostOf?: Draft;
  metrics: { likes: number; reposts: number; replies: number };
}

/** Engagement grows with reach (sub-linearly) and with how heated the moment is. */
function metrics(r: Rng, followers: number, heat: number): Draft['metrics'] {
  const likes = Math.round(0.08 * Math.pow(followers, 0.6) * heat * Math.exp(0.8 * r.normal()));
  return {
    likes,
    reposts: Math.round(likes * (0.05 + 0.35 * r.next())),
    replies: Math.round(likes * (0.05 + 0.25 * r.next())) + (heat > 1.5 ? r.int(3) : 0),
  };
}

function draft(r: Rng, target: string, t: number, author: Author, text: string, lang: Lang, episode: string | null, heat: number): Draft {
  return { t, target, author, text, lang, episode, metrics: metrics(r, author.followers, heat) };
}

interface Pool { regulars: Record<Lang, Author[]>; media: Author[] }

/** Everyday chatter: sampled texts (least-used first), never the same author twice on one text. */
function background(brand: Brand, people: People): { drafts: Draft[]; pool: Pool } {
  const r = createRng(`${brand.target}/background`);
  const networks = brand.networks;
  const regulars = { en: [], pl: [], zh: [] } as Record<Lang, Author[]>;
  for (const lang of ['en', 'pl', 'zh'] as const) {
    for (let i = 0; i < POOL_SIZE[lang]; i++) regulars[lang].push(people.make(r, lang, r.weighted(networks)));
  }
  const media = brand.media.map((m) => people.fixed(m, brand.social));
  // a few regulars post a lot, most post now and then
  const activity = new Map<Author, number>();
  for (const lang of ['en', 'pl', 'zh'] as const) r.shuffle([...regulars[lang]]).forEach((a, i) => activity.set(a, 1 / Math.pow(i + 1, ACTIVITY_SKEW)));

  const uses = new Map<string, Set<string>>();
  const lastPost = new Map<Author, number>();
  const lastUse = new Map<string, number>();
  const phase = r.next() * 2 * Math.PI;
  const drafts: Draft[] = [];
  for (const t of steady(r, (t) => BACKGROUND_GAP_MINUTES / (1 + 0.2 * Math.sin((2 * Math.PI * t) / 150 + phase)))) {
    const lang = r.weighted(LANG_SHARE);
    const mood = r.weighted(MOOD_SHARE);
    const isNews = lang === 'en' && mood === 'neutral' && r.chance(NEWS_SHARE_OF_NEUTRAL);
    const list = isNews ? brand.background.en.news : brand.background[lang][mood];
    const text = leastUsed(r, list, uses, lastUse, t);
    const used = uses.get(text)!;
    const candidates = (isNews ? media : regulars[lang]).filter((a) => !used.has(a.id) && !(t - (lastPost.get(a) ?? -Infinity) < MIN_REPEAT_GAP));
    if (candidates.length === 0) continue; // every candidate already said it: skip rather than repeat
    const author = isNews ? r.pick(candidates) : weightedPick(r, candidates, (a) => activity.get(a)!);
    used.add(author.id);
    lastPost.set(author, t);
    drafts.push(draft(r, brand.target, t, author, text, lang, null, isNews ? 1.5 : 1));
  }
  return { drafts, pool: { regulars, media } };
}

/** A text among the least used, and among those the less recently used half, so reuse is spread out. */
function leastUsed(r: Rng, list: string[], uses: Map<string, Set<string>>, lastUse: Map<string, number>, t: number): string {
  if (list.length === 0) throw new Error('empty background list');
  const count = (s: string) => uses.get(s)?.size ?? 0;
  const min = Math.min(...list.map(count));
  const stale = list.filter((s) => count(s) === min).sort((a, b) => (lastUse.get(a) ?? -Infinity) - (lastUse.get(b) ?? -Infinity));
  const text = r.pick(stale.slice(0, Math.ceil(stale.length / 2)));
  if (!uses.has(text)) uses.set(text, new Set());
  lastUse.set(text, t);
  return text;
}

function weightedPick<T>(r: Rng, xs: T[], weight: (x: T) => number): T {
  let x = r.next() * xs.reduce((s, v) => s + weight(v), 0);
  for (const v of xs) if ((x -= weight(v)) < 0) return v;
  return xs[xs.length - 1];
}

// ---- episodes ----------------------------------------------------------------------------

interface Written { text: string; lang: Lang; after: number }

function written(ep: Episode): Written[] {
  return (['en', 'pl', 'zh'] as const).flatMap((lang) =>
    ep.posts[lang].map((p) => (typeof p === 'string' ? { text: p, lang, after: -Infinity } : { text: p.text, lang, after: p.after })),
  );
}

/** A revolt or a spike: early reports, then hand-written and composed posts and reposts. */
function burst(brand: Brand, ep: Episode, people: People, pool: Pool): Draft[] {
  const r = createRng(`${brand.target}/${ep.id}`);
  if (!ep.rate) throw new Error(`${ep.id}: a ${ep.kind} needs a rate`);
  const heat = ep.kind === 'revolt' ? 3 : 2.5;
  const times = arrivals(r, piecewise(ep.rate), ep.rate[0][0], ep.rate[ep.rate.length - 1][0], Math.max(...ep.rate.map(([, v]) => v)) * 1.05);
  const early = [...ep.early];
  const full = r.shuffle(written(ep));
  const seen = new Set([...early, ...full.map((w) => w.text)]);
  const fragmentUses = new Map<string, number>();
  const authors: Author[] = [];
  const out: Draft[] = [];

  const authorFor = (lang: Lang, network?: string, not?: Author): Author => {
    const ok = (a: Author) => a.lang === lang && (!network || a.network === network) && a !== not;
    const again = authors.filter(ok);
    if (again.length && r.chance(ep.followUpShare)) return r.pick(again);
    const regulars = pool.regulars[lang].filter(ok);
    const a = regulars.length && r.chance(ep.poolShare) ? r.pick(regulars) : people.make(r, lang, network ?? r.weighted(brand.networks));
    if (!authors.includes(a)) authors.push(a);
    return a;
  };

  const nEarly = Math.min(early.length, times.length);
  let repostsLeft = Math.round((times.length - nEarly) * ep.repostShare);
  for (const [i, t] of times.entries()) {
    const slotsLeft = times.length - i;
    if (i < nEarly) {
      out.push(draft(r, brand.target, t, authorFor('en'), early[i], 'en', ep.id, heat));
      continue;
    }
    const originals = out.filter((d) => !d.repostOf && d.author.network === brand.social);
    if (repostsLeft > 0 && originals.length >= 3 && r.chance(repostsLeft / slotsLeft)) {
      repostsLeft--;
      const orig = weightedPick(r, originals, (d) => Math.sqrt(d.author.followers) + d.metrics.likes);
      let author = authorFor(orig.lang, brand.social, orig.author);
      if (out.some((d) => d.repostOf === orig && d.author === author)) author = people.make(r, orig.lang, brand.social);
      const rt = draft(r, brand.target, t, author, `RT ${orig.author.handle}: ${orig.text}`, orig.lang, ep.id, 0.5);
      out.push({ ...rt, repostOf: orig });
      continue;
    }
    const ready = full.filter((w) => w.after <= t);
    const useFull = ready.length > 0 && (!ep.compose || r.chance(Math.min(1, full.length / (slotsLeft - repostsLeft))));
    if (useFull) {
      const w = ready[0];
      full.splice(full.indexOf(w), 1);
      out.push(draft(r, brand.target, t, authorFor(w.lang), w.text, w.lang, ep.id, heat));
    } else if (ep.compose) {
      out.push(draft(r, brand.target, t, authorFor('en'), compose(r, ep, seen, fragmentUses), 'en', ep.id, heat));
    }
  }
  if (full.length) process.stderr.write(`warning: ${ep.id}: ${full.length} hand-written posts did not fit the timeline\n`);

  ep.news.forEach((n, i) => out.push({ ...draft(r, brand.target, n.at, pool.media[i % pool.media.length], n.text, 'en', ep.id, 2), role: 'news' }));
  if (ep.aftermath) {
    const { from, to, posts } = ep.aftermath;
    const at = posts.map(() => from + r.next() * (to - from)).sort((a, b) => a - b);
    const earlier = authors.filter((a) => a.lang === 'en');
    posts.forEach((text, i) => {
      const author = earlier.length && r.chance(0.7) ? earlier.splice(r.int(earlier.length), 1)[0] : r.pick(pool.regulars.en);
      out.push({ ...draft(r, brand.target, at[i], author, text, 'en', ep.id, 1.5), role: 'aftermath' });
    });
  }
  return out;
}

/**
 * [opener] middle [middle | closer], plus maybe the hashtag or a photo link; never repeats a whole
 * post, and rotates through the fragments (least used first) so none of them clusters.
 */
function compose(r: Rng, ep: Episode, seen: Set<string>, uses: Map<string, number>): string {
  const c = ep.compose!;
  const fresh = (xs: string[], not = '') => {
    const ok = xs.filter((x) => x !== not);
    const min = Math.min(...ok.map((x) => uses.get(x) ?? 0));
    return r.pick(ok.filter((x) => (uses.get(x) ?? 0) <= min + (r.chance(0.3) ? 1 : 0)));
  };
  for (let tries = 0; tries < 500; tries++) {
    const shape = r.next();
    const m = fresh(c.middles);
    const [o, m2, cl] = [fresh(c.openers), fresh(c.middles, m), fresh(c.closers)];
    const parts = shape < 0.5 ? [o, m, cl] : shape < 0.7 ? [m, cl] : shape < 0.85 ? [o, m] : [o, m, m2];
    if (seen.has(parts.join(' '))) continue;
    for (const part of parts) uses.set(part, (uses.get(part) ?? 0) + 1);
    let text = parts.join(' ');
    if (ep.hashtag && !text.includes(ep.hashtag) && r.chance(ep.hashtagShare)) text += ` ${ep.hashtag}`;
    if (r.chance(ep.linkShare)) text += ` ${LINK_BASE}/${r.int(0xffffff).toString(16).padStart(6, '0')}`;
    if (!seen.has(text)) {
      seen.add(text);
      return text;
    }
  }
  throw new Error(`${ep.id}: ran out of distinct composed posts; add fragments`);
}

/** One author, their own case, evenly spread over a window with some jitter. */
function singleAuthor(brand: Brand, ep: Episode, people: People): Draft[] {
  const r = createRng(`${brand.target}/${ep.id}`);
  if (!ep.window || !ep.author) throw new Error(`${ep.id}: a single-author episode needs a window and an author`);
  const author = people.fixed(ep.author, brand.social);
  const [from, to] = ep.window;
  const posts = written(ep);
  const gap = (to - from) / posts.length;
  return posts.map((w, i) => draft(r, brand.target, from + (i + 0.5 + (r.next() - 0.5) * 0.8) * gap, author, w.text, w.lang, ep.id, 1.2));
}

// ---- output ------------------------------------------------------------------------------

function main(): void {
  const people = createPeople(load('people.yaml', peopleSchema));
  const brands = readdirSync(PARTS)
    .filter((f) => f.endsWith('.yaml') && f !== 'people.yaml')
    .sort()
    .map((f) => load(f, brandSchema));
  const drafts: Draft[] = [];
  for (const brand of brands) {
    checkBrand(brand);
    const { drafts: chatter, pool } = background(brand, people);
    drafts.push(...chatter);
    for (const ep of brand.episodes) drafts.push(...(ep.kind === 'single-author' ? singleAuthor(brand, ep, people) : burst(brand, ep, people, pool)));
  }
  for (const d of drafts) d.t = Math.round(d.t * 1000) / 1000;
  drafts.sort((a, b) => a.t - b.t); // stable: a repost sharing its original's minute stays after it

  const network = (d: Draft) => d.author.network;
  const lines = drafts.map((d, i) => {
    const id = `demo-${i + 1}`;
    const { id: authorId, name, handle, followers } = d.author;
    return JSON.stringify({
      id,
      source: `${d.target}-${network(d)}`,
      target: d.target,
      author: { id: authorId, name, handle, followers },
      text: d.text,
      lang: d.lang,
      offsetMinutes: d.t,
      url: `${URL_BASE}/${network(d)}/${id}`,
      metrics: d.metrics,
    });
  });
  const body = lines.join('\n') + '\n';
  checkStream(drafts, brands, Buffer.byteLength(body));
  writeFileSync(OUT, body);
  summarize(drafts, brands, Buffer.byteLength(body));
}

function checkBrand(brand: Brand): void {
  const all = [
    ...(['en', 'pl', 'zh'] as const).flatMap((l) => Object.values(brand.background[l]).flat()),
    ...brand.episodes.flatMap((ep) => [...ep.early, ...written(ep).map((w) => w.text), ...ep.news.map((n) => n.text), ...(ep.aftermath?.posts ?? [])]),
  ];
  const dupes = all.filter((s, i) => all.indexOf(s) !== i);
  if (dupes.length) throw new Error(`${brand.target}: text written twice: ${dupes[0]}`);
  const bg = (['en', 'pl', 'zh'] as const).flatMap((l) => Object.values(brand.background[l]).flat());
  if (bg.length < 60) throw new Error(`${brand.target}: only ${bg.length} background posts, want 60+`);
  const fee = bg.find((s) => /small basket fee/i.test(s));
  if (fee) throw new Error(`${brand.target}: the revolt's novel phrase leaks into the background: ${fee}`);
  for (const ep of brand.episodes) {
    const n = ep.early.length + written(ep).length;
    if (ep.kind === 'revolt' && n < 40) throw new Error(`${ep.id}: only ${n} hand-written angry posts, want 40+`);
  }
}

function checkStream(drafts: Draft[], brands: Brand[], bytes: number): void {
  const fail = (msg: string) => {
    throw new Error(`stream check failed: ${msg}`);
  };
  drafts.forEach((d, i) => {
    if (i && d.t < drafts[i - 1].t) fail('not sorted by time');
    if (d.t < 0 || d.t > STREAM_MINUTES) fail(`post outside 0..${STREAM_MINUTES}: ${d.t}`);
    if (d.repostOf && drafts.indexOf(d.repostOf) > i) fail(`repost before its original: ${d.text}`);
  });
  const said = new Set<string>();
  for (const d of drafts) {
    const key = `${d.author.id}\u0000${d.text}`;
    if (said.has(key)) fail(`${d.author.handle} posts the same text twice: ${d.text}`);
    said.add(key);
  }
  const main = brands.flatMap((b) => b.episodes).find((e) => e.kind === 'revolt');
  if (main?.rate) {
    const start = main.rate[0][0];
    const n = new Set(drafts.filter((d) => d.episode === main.id && !d.role && d.t < start + 60).map((d) => d.author.id)).size;
    if (n < MIN_FIRST_HOUR_AUTHORS) fail(`${main.id} has ${n} distinct authors in its first hour, want ${MIN_FIRST_HOUR_AUTHORS}+`);
  }
  if (bytes > MAX_BYTES) fail(`stream is ${bytes} bytes, over ${MAX_BYTES}`);
}

function summarize(drafts: Draft[], brands: Brand[], bytes: number): void {
  const log = (s = '') => process.stderr.write(s + '\n');
  const count = <T>(xs: T[], key: (x: T) => string) => xs.reduce((m, x) => m.set(key(x), (m.get(key(x)) ?? 0) + 1), new Map<string, number>());
  const fmt = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(', ');
  log(`wrote ${OUT}: ${drafts.length} posts, ${(bytes / 1024).toFixed(0)} KiB, ${new Set(drafts.map((d) => d.author.id)).size} authors`);
  for (const b of brands) {
    const mine = drafts.filter((d) => d.target === b.target);
    const bg = mine.filter((d) => !d.episode);
    log(`\n${b.target}: ${mine.length} posts (background ${bg.length}, ${new Set(bg.map((d) => d.author.id)).size} authors, ${new Set(bg.map((d) => d.text)).size} distinct texts)`);
    log(`  sources: ${fmt(count(mine, (d) => `${d.target}-${d.author.network}`))}`);
    log(`  lang:    ${fmt(count(mine, (d) => d.lang))}`);
    const buckets = Array.from({ length: STREAM_MINUTES / 15 }, (_, i) => mine.filter((d) => Math.floor(d.t / 15) === i).length);
    log(`  per 15 min: ${buckets.map((n) => String(n).padStart(3)).join('')}`);
    for (const ep of b.episodes) {
      const all = drafts.filter((d) => d.episode === ep.id);
      const posts = all.filter((d) => !d.role);
      const originals = posts.filter((d) => !d.repostOf);
      const start = Math.min(...posts.map((d) => d.t));
      const end = Math.max(...posts.map((d) => d.t));
      const peak10 = Math.max(...posts.map((p) => posts.filter((d) => d.t >= p.t && d.t < p.t + 10).length));
      const extra = [['news', all.filter((d) => d.role === 'news').length], ['aftermath', all.filter((d) => d.role === 'aftermath').length]].filter(([, n]) => n);
      log(`  ${ep.id} [${ep.kind}] minutes ${start.toFixed(0)}–${end.toFixed(0)}: ${posts.length} posts (${posts.length - originals.length} reposts, ${new Set(originals.map((d) => d.text)).size} distinct texts)${extra.map(([k, n]) => `, +${n} ${k}`).join('')}`);
      log(`    ${new Set(posts.map((d) => d.author.id)).size} distinct authors, ${new Set(posts.filter((d) => d.t < start + 60).map((d) => d.author.id)).size} in the first hour; busiest 10 minutes: ${peak10} posts`);
    }
  }
}

main();
