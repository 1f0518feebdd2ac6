import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS } from '../../src/revolts/engine.js';
import { fewestAuthors, scoreNeeded } from '../../src/revolts/test-key.js';
import { HOUR, MIN, newEngine, post, run, said, T0 } from './engine-helpers.js';
import type { EnginePost } from '../../src/revolts/key-state.js';

/** Two days with a daily rhythm: a post every 6 minutes by day, one an hour at night. */
function rhythmic(from: number, to: number): EnginePost[] {
  const texts = ['Flying Acme tomorrow, tips?', 'Great Acme crew today', 'Acme lounge: nice', 'Acme coffee was bad'];
  const out: EnginePost[] = [];
  let i = 0;
  for (let t = from; t < to; ) {
    const h = new Date(t).getUTCHours();
    const text = texts[i % texts.length];
    const neg = text.includes('bad');
    out.push(post({ text, publishedAt: t, author: `bg${i % 300}`, sentiment: neg ? 'negative' : 'neutral', sentimentScore: neg ? -0.4 : 0.2, complaint: false }));
    i++;
    t += (h >= 7 && h < 23 ? 6 : 60) * MIN;
  }
  return out;
}

const NIGHT = T0 + 2 * 24 * HOUR + 3 * HOUR; // 03:00 on the third day
const END = NIGHT + 2 * HOUR;

function burst(n: number, authors: number, text: (k: number) => string, topics: string[] = []): EnginePost[] {
  return Array.from({ length: n }, (_, k) => post({ text: text(k), topics, author: `night-${k % authors}`, publishedAt: NIGHT + k * 4 * MIN }));
}

function openings(extra: EnginePost[]) {
  const engine = newEngine();
  return run(engine, [...rhythmic(T0, END), ...extra], T0, END).filter((c) => c.event === 'revolt.opened');
}

describe('adaptive author minimum', () => {
  it('never goes below three authors, and only rule topics and word pairs reach it (a tag or a link needs all of them)', () => {
    expect(fewestAuthors('lost-luggage', DEFAULT_PARAMS)).toBe(3);
    // a tag or a shared link needs the full crowd: a launch tag's or a news story's first few posts may all grumble
    expect(fewestAuthors('#acmedown', DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.minAuthors);
    expect(fewestAuthors('phrase:seat deposit', DEFAULT_PARAMS)).toBe(3);
    expect(fewestAuthors('phrase:vieques', DEFAULT_PARAMS)).toBe(4);
    expect(fewestAuthors('link:news.example.com/x', DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.minAuthors);
    expect(fewestAuthors('lost-luggage', { ...DEFAULT_PARAMS, minAuthors: 3 })).toBe(3);
    expect(fewestAuthors('phrase:seat deposit', { ...DEFAULT_PARAMS, minAuthors: 3 })).toBe(3);
    expect(fewestAuthors('lost-luggage', { ...DEFAULT_PARAMS, minAuthors: 3, minAuthorsStrong: 2 })).toBe(2);
  });

  it('asks more of a single word than of a subject the rules name or a pair of words', () => {
    expect(scoreNeeded('lost-luggage', 3, 3, DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.strongScore);
    expect(scoreNeeded('#acmedown', 3, 3, DEFAULT_PARAMS)).toBe(Infinity);
    expect(scoreNeeded('#acmedown', 5, 5, DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.openScore);
    expect(scoreNeeded('phrase:seat deposit', 3, 3, DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.pairScore);
    expect(scoreNeeded('phrase:seat deposit', 5, 5, DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.openScore);
    // a word: never on three voices, and more than the usual score even with five (common words drift, and there are many)
    expect(scoreNeeded('phrase:tickets', 3, 3, DEFAULT_PARAMS)).toBe(Infinity);
    expect(scoreNeeded('phrase:tickets', 4, 4, DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.nearScore);
    expect(scoreNeeded('phrase:tickets', 6, 6, DEFAULT_PARAMS)).toBe(DEFAULT_PARAMS.wordScore);
    expect(DEFAULT_PARAMS.wordScore).toBeGreaterThan(DEFAULT_PARAMS.openScore);
  });

  it('a rule topic on three authors at night, strongly significant, opens', () => {
    const o = openings(burst(3, 3, (k) => said(k, 'my suitcase vanished on the red-eye'), ['lost-luggage']));
    expect(o).toHaveLength(1);
    expect(o[0].revolt.key).toBe('lost-luggage');
    const ex = o[0].explain as { observed: number; score: number };
    expect(ex.observed).toBe(3);
    expect(ex.score).toBeGreaterThanOrEqual(DEFAULT_PARAMS.strongScore);
  });

  it('a word no rule knows on three authors stays shut, and opens on four', () => {
    const text = (k: number) => `vieques?! (${k})`; // one word and nothing else
    expect(openings(burst(3, 3, text))).toEqual([]);
    const four = openings(burst(4, 4, text));
    expect(four).toHaveLength(1);
    expect([...four[0].revolt.keys]).toContain('phrase:vieques');
    expect((four[0].explain as { observed: number }).observed).toBe(4);
  });

  it('a pair of words no rule knows opens on three authors at night when strongly significant', () => {
    const three = openings(burst(3, 3, (k) => said(k, 'a seat deposit now')));
    expect(three).toHaveLength(1);
    expect([...three[0].revolt.keys]).toContain('phrase:seat deposit');
    const ex = three[0].explain as { observed: number; score: number };
    expect(ex.observed).toBe(3);
    expect(ex.score).toBeGreaterThanOrEqual(DEFAULT_PARAMS.pairScore);
  });

  it('two authors never open, however many posts and however surprising', () => {
    expect(openings(burst(24, 2, (k) => said(k, 'my suitcase vanished on the red-eye #AcmeLostBags'), ['lost-luggage']))).toEqual([]);
  });
});
