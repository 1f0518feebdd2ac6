import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, RevoltEngine } from '../../src/revolts/engine.js';
import { keysOf } from '../../src/revolts/keys.js';
import type { EnginePost } from '../../src/revolts/key-state.js';
import { background, HOUR, MIN, newEngine, post, run, T0 } from './engine-helpers.js';

const ONSET = T0 + 30 * HOUR;
const END = ONSET + 3 * HOUR;

function opened(changes: ReturnType<typeof run>) {
  return changes.filter((c) => c.event === 'revolt.opened');
}

describe('quotes: a voice is what its author says', () => {
  it('takes keys from the author’s own words, not from the post it quotes', () => {
    expect(keysOf('so true “@bob: lost my bag at the gate” the desk was empty and rude', []).keys).not.toContain('phrase:lost bag');
    expect(keysOf('so true “@bob: lost my bag at the gate” the desk was empty and rude', []).keys).toContain('phrase:desk');
    expect(keysOf('the desk was empty and rude RT @bob: lost my bag at the gate', []).keys).not.toContain('phrase:gate');
    // a quote with hardly a word of its own passes the quoted post on: reach, under the quoted keys
    const echo = keysOf('“@AcmeAir: Our fleet is on point today http://t.co/x” no way', []);
    expect(echo.echo).toBe(true);
    expect(echo.keys).toContain('phrase:fleet');
    expect(keysOf('lost my bag at the gate, nobody helps', []).echo).toBe(false);
  });

  it('many people quoting the brand’s own post with a word or two open nothing', () => {
    const engine = newEngine();
    const quotes = Array.from({ length: 30 }, (_, k) => post({ text: `“@AcmeAir: Our fleet is on fleek today http://t.co/x${k}” ${['no', 'ugh', 'make it stop', 'lol no', 'why'][k % 5]}`, publishedAt: ONSET + k * MIN }));
    expect(opened(run(engine, [...background(T0, END), ...quotes], T0, END))).toEqual([]);
  });
});

describe('cold start: a target with no history of its own', () => {
  /** An airline-like target whose complaints are often about waiting: one in four posts. */
  function airline(target: string, from: number, to: number, perHour: number): EnginePost[] {
    const out: EnginePost[] = [];
    let i = 0;
    for (let t = from; t < to; t += HOUR / perHour, i++) {
      const waiting = i % 4 === 0;
      out.push(post({ target, text: waiting ? `on hold for ages again, flight ${i % 37} delayed` : `flying tomorrow to city ${i % 23}, any tips`, topics: waiting ? ['waiting-time'] : [], author: `${target}-u${i}`, publishedAt: t, sentiment: waiting ? 'negative' : 'neutral', sentimentScore: waiting ? -0.5 : 0, complaint: waiting }));
    }
    return out;
  }
  /** A quiet night of chatter (no waiting complaints yet), then a busy day with the usual share of them. */
  function newcomer(): EnginePost[] {
    const early = Array.from({ length: 40 }, (_, k) => post({ target: 'beta', text: `booked seat ${k} for the holidays`, author: `beta-n${k}`, publishedAt: ONSET - 6 * HOUR + k * 9 * MIN, sentiment: 'neutral', sentimentScore: 0, complaint: false }));
    return [...early, ...airline('beta', ONSET, END, 40)];
  }

  it('without any other target, a new brand’s usual complaints look like a burst', () => {
    const engine = new RevoltEngine(DEFAULT_PARAMS);
    const changes = run(engine, newcomer(), ONSET - 6 * HOUR, END);
    expect(opened(changes).map((c) => c.revolt.key)).toContain('waiting-time');
  });

  it('with other targets where that subject is common, the newcomer stays quiet', () => {
    const engine = new RevoltEngine(DEFAULT_PARAMS);
    const changes = run(engine, [...airline('acme', T0, END, 30), ...newcomer()], T0, END);
    expect(opened(changes)).toEqual([]);
  });
});

describe('one wave is one revolt', () => {
  it('a revolt said two ways, with no word or topic in common, opens once', () => {
    const engine = newEngine();
    const lost = Array.from({ length: 12 }, (_, k) => post({ text: `lost my luggage again, nobody answers (${k})`, topics: ['lost-items'], author: `l${k}`, publishedAt: ONSET + k * 2 * MIN }));
    const arrived = Array.from({ length: 12 }, (_, k) => post({ text: `whole flight from Oslo arrived without bags (${k})`, author: `w${k}`, publishedAt: ONSET + 6 * MIN + k * 2 * MIN }));
    const changes = run(engine, [...background(T0, END), ...lost, ...arrived], T0, END);
    const o = opened(changes);
    expect(o).toHaveLength(1);
    const r = o[0].revolt;
    for (const p of [...lost, ...arrived]) expect(r.memberIds.has(p.id)).toBe(true);
    const last = changes.filter((c) => c.revolt.id === r.id).at(-1)!;
    const merged = last.explain.mergedKeys as { key: string; why?: string }[];
    expect(merged.some((m) => m.why !== undefined)).toBe(true); // each joined key says why it joined
  });

  it('the posts of a revolt that just went quiet do not open it again', () => {
    const engine = newEngine();
    const burst = Array.from({ length: 12 }, (_, k) => post({ text: `the seat deposit is a scam (${k})`, author: `s${k}`, publishedAt: ONSET + k * MIN }));
    // one more voice after the revolt resolved, while the burst is still in the widest window
    const late = post({ text: 'still fuming about that seat deposit', author: 'late-1', publishedAt: ONSET + 150 * MIN });
    const changes = run(engine, [...background(T0, END + HOUR), ...burst, late], T0, END + HOUR);
    const o = opened(changes);
    expect(o).toHaveLength(1);
    const resolved = changes.find((c) => c.event === 'revolt.resolved' && c.revolt.id === o[0].revolt.id);
    expect(resolved).toBeDefined();
    expect(resolved!.revolt.resolvedAt!).toBeLessThan(late.publishedAt);
  });
});

describe('overdispersion: a common subject drifts', () => {
  /** Two days of a busy target (a post a minute), a tenth of it billing complaints; then `factor` times that share for three hours. */
  function days(factor: number): EnginePost[] {
    const out: EnginePost[] = [];
    let i = 0;
    for (let t = T0; t < ONSET + 3 * HOUR; t += MIN, i++) {
      const billing = i % 20 < (t >= ONSET ? 2 * factor : 2);
      out.push(post({ text: billing ? `charged a fee on my card, statement ${i % 50}` : `nice trip to town ${i % 40}`, topics: billing ? ['billing'] : [], author: `u${i}`, publishedAt: t, sentiment: billing ? 'negative' : 'positive', sentimentScore: billing ? -0.4 : 0.5, complaint: billing }));
    }
    return out;
  }

  it('a day with two and a half times the usual billing complaints opens nothing (a Poisson test would)', () => {
    expect(opened(run(newEngine(), days(2.5), T0, ONSET + 3 * HOUR))).toEqual([]);
  });

  it('six times the usual opens, and says how the test was corrected', () => {
    const o = opened(run(newEngine(), days(6), T0, ONSET + 3 * HOUR));
    expect(o.map((c) => c.revolt.key)).toContain('billing');
    expect((o[0].explain as { test: string }).test).toMatch(/shape at most 2, corrected for 4 windows and \d+ topic keys in play/);
  });
});
