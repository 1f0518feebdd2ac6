import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, RevoltEngine } from '../../src/revolts/engine.js';
import { keysOf } from '../../src/revolts/keys.js';
import { poissonUpperTail } from '../../src/revolts/stats.js';
import type { EnginePost } from '../../src/revolts/key-state.js';
import { background, HOUR, MIN, newEngine, post, run, said, T0 } from './engine-helpers.js';

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
      out.push(post({ target, text: waiting ? said(i, `on hold for ages, flight ${i % 37}`) : `to city ${i % 23} tomorrow, tips?`, topics: waiting ? ['waiting-time'] : [], author: `${target}-u${i}`, publishedAt: t, sentiment: waiting ? 'negative' : 'neutral', sentimentScore: waiting ? -0.5 : 0, complaint: waiting }));
    }
    return out;
  }
  /** A quiet night of chatter (no waiting complaints yet), then a busy day with the usual share of them. */
  function newcomer(): EnginePost[] {
    const early = Array.from({ length: 40 }, (_, k) => post({ target: 'beta', text: `booked seat ${k}, holidays`, author: `beta-n${k}`, publishedAt: ONSET - 6 * HOUR + k * 9 * MIN, sentiment: 'neutral', sentimentScore: 0, complaint: false }));
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
    const lost = Array.from({ length: 12 }, (_, k) => post({ text: said(k, 'lost my luggage again'), topics: ['lost-items'], author: `l${k}`, publishedAt: ONSET + k * 2 * MIN }));
    const arrived = Array.from({ length: 12 }, (_, k) => post({ text: said(k + 4, 'whole flight arrived without bags'), author: `w${k}`, publishedAt: ONSET + 6 * MIN + k * 2 * MIN }));
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
    const burst = Array.from({ length: 12 }, (_, k) => post({ text: said(k, 'the seat deposit is a scam'), author: `s${k}`, publishedAt: ONSET + k * MIN }));
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
  /** How much of the usual billing share each hour carries: it drifts a lot from hour to hour (CV about 0.55). */
  const DRIFT = [0.4, 1.6, 0.7, 2.1, 1.0, 0.5, 1.8, 0.9, 1.3, 0.6, 1.1, 0.3, 1.5, 0.8, 1.9, 0.6, 1.2, 0.4, 1.7, 1.0, 0.7, 1.4, 0.5, 1.1];
  /** Thirty hours of a busy target (two posts a minute), a tenth of it billing complaints on average; then `factor` times that share for three hours. */
  function days(factor: number): EnginePost[] {
    const out: EnginePost[] = [];
    let i = 0;
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let t = T0; t < ONSET + 3 * HOUR; t += MIN / 2, i++) {
      const hour = Math.floor((t - T0) / HOUR);
      const share = 0.1 * (t >= ONSET ? factor : DRIFT[hour % DRIFT.length]);
      const billing = rand() < share;
      out.push(post({ text: billing ? said(i, 'charged a fee on my card') : `nice trip to town ${i % 40}`, topics: billing ? ['billing'] : [], author: `u${i}`, publishedAt: t, sentiment: billing ? 'negative' : 'positive', sentimentScore: billing ? -0.4 : 0.5, complaint: billing }));
    }
    return out;
  }

  it('twice the usual share of a subject that drifts that much opens nothing, where a Poisson test would', () => {
    const posts = days(2);
    expect(opened(run(newEngine(), posts, T0, ONSET + 3 * HOUR))).toEqual([]);
    // what a Poisson test on the last three hours would say: the rate learnt from the history, and no drift
    const hist = posts.filter((p) => p.publishedAt < ONSET);
    const rate = hist.filter((p) => p.complaint).length / hist.length;
    const last = posts.filter((p) => p.publishedAt >= ONSET);
    const observed = last.filter((p) => p.complaint).length;
    expect(poissonUpperTail(observed, rate * last.length)).toBeLessThan(1e-5);
  });

  it('six times the usual opens, and says how the test was corrected', () => {
    const o = opened(run(newEngine(), days(6), T0, ONSET + 3 * HOUR));
    expect(o.map((c) => c.revolt.key)).toContain('billing');
    expect((o[0].explain as { test: string }).test).toMatch(/drift learnt per level.*corrected for the windows tried and \d+ \w+ keys in play/);
  });
});
