import { describe, expect, it } from 'vitest';
import { background, HOUR, MIN, newEngine, post, run, said, T0 } from './engine-helpers.js';

const ONSET = T0 + 30 * HOUR;
const END = ONSET + 3 * HOUR;

describe('revolt engine: opening and explanation', () => {
  it('opens one revolt for a burst of complaints sharing a topic, explains why, and keeps growing it', () => {
    const engine = newEngine();
    const burst = Array.from({ length: 20 }, (_, k) => post({ text: said(k, 'Acme lost my luggage again'), topics: ['lost-luggage'], publishedAt: ONSET + k * 2 * MIN, followers: k === 7 ? 90_000 : 100 + k, escalation: k === 4 ? ['legal'] : [] }));
    const changes = run(engine, [...background(T0, END), ...burst], T0, END);
    const opened = changes.filter((c) => c.event === 'revolt.opened');
    expect(opened).toHaveLength(1);
    const o = opened[0];
    expect(o.revolt.key).toBe('lost-luggage');
    expect(o.revolt.label).toBe('Lost luggage — Acme Air');
    expect(o.revolt.openedAt - ONSET).toBeLessThanOrEqual(15 * MIN);
    const ex = o.explain as Record<string, any>;
    expect(ex.observed).toBeGreaterThanOrEqual(3); // a rule topic may open on 3 voices when the surprise is strong (minAuthorsStrong)
    expect(ex.expected).toBeLessThan(1);
    expect(ex.pValue).toBeLessThan(1e-5);
    expect(ex.score).toBeGreaterThanOrEqual(5);
    expect(ex.firstPost.id).toBe(burst[0].id);
    expect(ex.sources).toEqual(['acme-x']);
    expect(ex.topTerms.map((t: { term: string }) => t.term)).toEqual(expect.arrayContaining(['lost', 'luggage']));
    expect(ex.reason).toMatch(/negative posts from \d+ distinct authors in \d+ min/);
    // the final state: every burst post is a member, the most reached post is the influencer's
    const last = changes.filter((c) => c.revolt.id === o.revolt.id).at(-1)!;
    expect(last.revolt.memberIds.size).toBe(20);
    expect((last.explain.current as any).mostReachedPost.id).toBe(burst[7].id);
    expect((last.explain.current as any).escalation).toEqual({ legal: 1 });
    expect(changes.filter((c) => c.event === 'revolt.opened')).toHaveLength(1);
  });

  it('opens on a novel phrase no rule knows, and on a hashtag', () => {
    const engine = newEngine();
    const phrase = Array.from({ length: 10 }, (_, k) => post({ text: said(k, 'a seat deposit to sit with my kid?'), publishedAt: ONSET + k * 3 * MIN }));
    const tag = Array.from({ length: 10 }, (_, k) => post({ text: said(k + 4, '#AcmeStranded'), publishedAt: ONSET + 90 * MIN + k * 3 * MIN }));
    const changes = run(engine, [...background(T0, END + HOUR), ...phrase, ...tag], T0, END + HOUR);
    const opened = changes.filter((c) => c.event === 'revolt.opened').map((c) => c.revolt);
    expect(opened).toHaveLength(2);
    expect(opened[0].key).toMatch(/^phrase:/);
    expect([...opened[0].keys]).toContain('phrase:seat deposit');
    expect(opened[1].key).toBe('#acmestranded');
  });
});

describe('revolt engine: merging', () => {
  it('groups that share most posts open as one revolt carrying every key', () => {
    const engine = newEngine();
    const burst = Array.from({ length: 12 }, (_, k) => post({ text: said(k, '#AcmeDown checkout outage'), topics: ['outage'], publishedAt: ONSET + k * MIN }));
    const changes = run(engine, [...background(T0, END), ...burst], T0, END);
    const opened = changes.filter((c) => c.event === 'revolt.opened');
    expect(opened).toHaveLength(1);
    expect(opened[0].revolt.key).toBe('outage'); // the rule topic is the most specific kind
    expect([...opened[0].revolt.keys]).toEqual(expect.arrayContaining(['outage', '#acmedown']));
  });

  it('two open revolts that come to share most of their posts merge into the older one', () => {
    const engine = newEngine();
    const a = Array.from({ length: 8 }, (_, k) => post({ text: `refund fee scam number ${k}`, topics: ['billing'], publishedAt: ONSET + k * MIN }));
    const b = Array.from({ length: 8 }, (_, k) => post({ text: `#AcmeFees are a joke ${k}`, publishedAt: ONSET + 60 * MIN + k * MIN }));
    let changes = run(engine, [...background(T0, ONSET + 70 * MIN), ...a, ...b], T0, ONSET + 70 * MIN);
    const opened = changes.filter((c) => c.event === 'revolt.opened');
    expect(opened.map((c) => c.revolt.key)).toEqual(['billing', '#acmefees']);
    // from now on the same posts carry both: the hashtag crowd and the billing crowd are one
    const both = Array.from({ length: 14 }, (_, k) => post({ text: `#AcmeFees billing scam again ${k}`, topics: ['billing'], publishedAt: ONSET + 75 * MIN + k * MIN }));
    changes = run(engine, both, ONSET + 75 * MIN, ONSET + 100 * MIN);
    const merged = changes.find((c) => c.event === 'revolt.resolved' && c.revolt.mergedInto);
    expect(merged?.event).toBe('revolt.resolved');
    expect(merged?.revolt.id).toBe(opened[1].revolt.id);
    expect(merged?.revolt.mergedInto).toBe(opened[0].revolt.id);
    const survivor = engine.open.get(opened[0].revolt.id)!;
    expect(survivor.keys.has('#acmefees')).toBe(true);
    expect(engine.open.has(opened[1].revolt.id)).toBe(false);
  });
});

describe('revolt engine: decoys stay quiet', () => {
  it('one furious customer posting dozens of times is not a revolt', () => {
    const engine = newEngine();
    const rant = Array.from({ length: 45 }, (_, k) => post({ text: `Acme lost my luggage, terrible, I hate you (${k})`, topics: ['lost-luggage'], author: 'one-angry-customer', publishedAt: ONSET + k * 2 * MIN }));
    expect(run(engine, [...background(T0, END), ...rant], T0, END)).toEqual([]);
  });

  it('a happy viral spike is not a revolt, even when the classifier misreads a few posts', () => {
    const engine = newEngine();
    const joy = Array.from({ length: 120 }, (_, k) => {
      const misread = k % 12 === 0; // one in twelve judged negative ("insanely good" and the like)
      return post({ text: `free upgrades for everyone on my flight #AcmeSurprise amazing crew ${k}`, publishedAt: ONSET + k * 30_000, sentiment: misread ? 'negative' : 'positive', sentimentScore: misread ? -0.2 : 0.8, complaint: false });
    });
    expect(run(engine, [...background(T0, END), ...joy], T0, END)).toEqual([]);
  });

  it('a neutral news burst sharing one link is not a revolt', () => {
    const engine = newEngine();
    const news = Array.from({ length: 70 }, (_, k) => post({ text: `Acme to merge with Harbor Air, deal announced https://news.example.com/acme-merger?src=${k}`, publishedAt: ONSET + k * MIN, sentiment: k % 10 === 0 ? 'negative' : 'neutral', sentimentScore: 0, complaint: false }));
    expect(run(engine, [...background(T0, END), ...news], T0, END)).toEqual([]);
  });

  it('a news link whose first four sharers all grumble is not a revolt', () => {
    const engine = newEngine();
    const url = 'https://news.example.com/travel/new-routes-summer';
    const grumbles = ['my bag is still missing', 'two hours on hold again', 'the app logged me out', 'seat fees again'].map((t, k) => post({ text: `${t} ${url}`, publishedAt: ONSET + k * 2 * MIN }));
    const news = Array.from({ length: 40 }, (_, k) => post({ text: `New summer routes announced ${url}`, publishedAt: ONSET + (10 + k) * MIN, sentiment: 'neutral', sentimentScore: 0, complaint: false }));
    expect(run(engine, [...background(T0, END), ...grumbles, ...news], T0, END).filter((c) => c.event === 'revolt.opened')).toEqual([]);
  });

  it('reposts are reach, not voices; one account repeating a text stays shut', () => {
    const engine = newEngine();
    const original = post({ text: 'Acme cancelled my flight and kept the money, disgusting behaviour', topics: ['billing'], publishedAt: ONSET, followers: 5000 });
    const reposts = Array.from({ length: 30 }, (_, k) => post({ text: `RT @a1: ${original.text}`, topics: ['billing'], publishedAt: ONSET + (k + 1) * MIN, followers: 1000 }));
    const repeats = Array.from({ length: 10 }, (_, k) => post({ text: original.text, topics: ['billing'], author: original.author, publishedAt: ONSET + (k + 1) * 90_000 }));
    expect(run(engine, [...background(T0, END), original, ...reposts, ...repeats], T0, END)).toEqual([]);
  });

  it('the same text from many distinct accounts opens a revolt flagged as coordinated', () => {
    const engine = newEngine();
    const text = 'Acme cancelled my flight and kept the money, disgusting behaviour';
    const copies = Array.from({ length: 12 }, (_, k) => post({ text: k % 3 ? `${text} #boycottacme` : `Same. ${text}`, publishedAt: ONSET + k * 2 * MIN }));
    const opened = run(engine, [...background(T0, END), ...copies], T0, END).filter((c) => c.event === 'revolt.opened');
    expect(opened).toHaveLength(1);
    const coordinated = (opened[0].explain as { coordinated?: { authors: number; text: string } }).coordinated;
    expect(coordinated?.authors).toBeGreaterThanOrEqual(5);
    expect(coordinated?.text).toContain('kept the money');
    expect([...opened[0].revolt.keys].some((k) => k.startsWith('campaign:'))).toBe(true);
    expect(opened[0].revolt.memberIds.size).toBeGreaterThanOrEqual(5);
  });
});
