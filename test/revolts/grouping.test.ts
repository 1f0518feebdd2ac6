import { describe, expect, it } from 'vitest';
import { background, HOUR, MIN, newEngine, post, run, said, T0 } from './engine-helpers.js';
import { ON_HOLD } from '../helpers/luggage.js';
import { holdsAnotherIncident, type CrowdView } from '../../src/revolts/grouping.js';
import type { Ref } from '../../src/revolts/key-state.js';
import type { WindowStat } from '../../src/revolts/test-key.js';
import type { LiveRevolt } from '../../src/revolts/revolt.js';

const ONSET = T0 + 30 * HOUR;

describe('revolt engine: one incident is one revolt', () => {
  it('a hashtag, then two rule topics from the same crowd with staggered onsets open one revolt carrying every key', () => {
    const engine = newEngine();
    const crowd = Array.from({ length: 16 }, (_, i) => `crowd-${i}`);
    // first the tag, then "outage", then "the app": the same customers naming one incident three ways
    const tag = crowd.map((a, k) => post({ text: said(k, 'card declined at the shop #AcmeDown'), author: a, publishedAt: ONSET + k * MIN }));
    const outage = crowd.map((a, k) => post({ text: said(k + 3, 'still an outage, payments failing'), topics: ['outage'], author: a, publishedAt: ONSET + 18 * MIN + k * MIN }));
    const app = crowd.map((a, k) => post({ text: said(k + 6, 'banking login shows an error screen'), topics: ['website-app'], author: a, publishedAt: ONSET + 36 * MIN + k * MIN }));
    const end = ONSET + 3 * HOUR;
    const changes = run(engine, [...background(T0, end), ...tag, ...outage, ...app], T0, end);
    const opened = changes.filter((c) => c.event === 'revolt.opened');
    expect(opened).toHaveLength(1);
    const r = opened[0].revolt;
    expect(r.key).toBe('#acmedown');
    expect([...r.keys]).toEqual(expect.arrayContaining(['#acmedown', 'outage', 'website-app']));
    // the later keys' posts are members, and the explanation says which keys joined
    for (const p of [...outage, ...app]) expect(r.memberIds.has(p.id)).toBe(true);
    const last = changes.filter((c) => c.revolt.id === r.id).at(-1)!;
    const merged = (last.explain.mergedKeys as { key: string; joinedAt?: string }[]).map((m) => m.key);
    expect(merged).toEqual(expect.arrayContaining(['#acmedown', 'outage', 'website-app']));
    expect((last.explain.current as { distinctAuthors: number }).distinctAuthors).toBe(16);
  });

  it('two incidents at one brand at the same time stay two revolts when their voices differ', () => {
    const engine = newEngine();
    const fee = Array.from({ length: 14 }, (_, k) => post({ text: said(k, 'a booking surcharge of twelve euros'), topics: ['billing'], author: `fee-${k}`, publishedAt: ONSET + k * 2 * MIN }));
    const down = Array.from({ length: 14 }, (_, k) => post({ text: said(k + 5, 'mobile check-in crashed, boarding pass blank'), topics: ['website-app'], author: `down-${k}`, publishedAt: ONSET + 5 * MIN + k * 2 * MIN }));
    const end = ONSET + 3 * HOUR;
    const changes = run(engine, [...background(T0, end), ...fee, ...down], T0, end);
    const opened = changes.filter((c) => c.event === 'revolt.opened').map((c) => c.revolt);
    expect(opened).toHaveLength(2);
    expect(opened.map((r) => r.key).sort()).toEqual(['billing', 'website-app']);
    expect(changes.some((c) => c.revolt.mergedInto)).toBe(false);
    const [a, b] = opened;
    for (const id of a.memberIds) expect(b.memberIds.has(id)).toBe(false);
  });

  it('a second incident spoken of in many words opens at its touchpoint while the first is open', () => {
    const engine = newEngine();
    // the first: one subject, one rule topic, at the airport
    const first = Array.from({ length: 14 }, (_, k) => post({ text: said(k, 'flight cancelled at the gate'), topics: ['cancellation'], touchpoints: ['airport'], pillars: ['resolution'], author: `gate-${k}`, publishedAt: ONSET + k * 3 * MIN }));
    // the second, twenty minutes later: every caller in their own words, the rule topic read on a
    // few of them; what they share is the touchpoint (the phone)
    const second = ON_HOLD.map((text, k) => post({ text, topics: k % 8 === 0 ? ['phone-support'] : [], touchpoints: ['phone'], pillars: ['time-and-effort'], author: `caller-${k}`, publishedAt: ONSET + 20 * MIN + k * 3 * MIN }));
    const end = ONSET + 4 * HOUR;
    const changes = run(engine, [...background(T0, end), ...first, ...second], T0, end);
    const opened = changes.filter((c) => c.event === 'revolt.opened').map((c) => c.revolt);
    expect(opened).toHaveLength(2);
    const [a, b] = opened;
    expect(a.key).toBe('cancellation');
    expect(b.key).toBe('touchpoint:phone');
    // each holds its own crowd
    expect(second.filter((p) => b.memberIds.has(p.id)).length).toBeGreaterThanOrEqual(10);
    for (const p of second) expect(a.memberIds.has(p.id)).toBe(false);
  });

  it('two open revolts whose recent voices become the same crowd merge into the older one', () => {
    const engine = newEngine();
    const a = Array.from({ length: 8 }, (_, k) => post({ text: `refund fee scam number ${k}`, topics: ['billing'], author: `x${k}`, publishedAt: ONSET + k * MIN }));
    const b = Array.from({ length: 8 }, (_, k) => post({ text: `#AcmeFees are a joke ${k}`, author: `y${k}`, publishedAt: ONSET + 60 * MIN + k * MIN }));
    let changes = run(engine, [...background(T0, ONSET + 70 * MIN), ...a, ...b], T0, ONSET + 70 * MIN);
    const opened = changes.filter((c) => c.event === 'revolt.opened');
    expect(opened.map((c) => c.revolt.key)).toEqual(['billing', '#acmefees']);
    // then each crowd speaks under the other's key: no post carries both, but the voices are one crowd
    const xTag = Array.from({ length: 8 }, (_, k) => post({ text: `#AcmeFees again, they never stop ${k}`, author: `x${k}`, publishedAt: ONSET + 75 * MIN + k * MIN }));
    const yBill = Array.from({ length: 8 }, (_, k) => post({ text: `charged twice on my card statement ${k}`, topics: ['billing'], author: `y${k}`, publishedAt: ONSET + 75 * MIN + k * MIN }));
    changes = run(engine, [...xTag, ...yBill], ONSET + 75 * MIN, ONSET + 100 * MIN);
    const merged = changes.find((c) => c.event === 'revolt.resolved' && c.revolt.mergedInto);
    expect(merged?.revolt.id).toBe(opened[1].revolt.id);
    expect(merged?.revolt.mergedInto).toBe(opened[0].revolt.id);
    const survivor = engine.open.get(opened[0].revolt.id)!;
    expect([...survivor.keys]).toEqual(expect.arrayContaining(['billing', '#acmefees']));
    for (const p of [...b, ...xTag]) expect(survivor.memberIds.has(p.id)).toBe(true);
    expect((survivor.opening.mergedKeys as { revolt?: string }[]).some((m) => m.revolt === opened[1].revolt.id)).toBe(true);
  });
});

describe('a broad revolt holding two incidents', () => {
  const ref = (id: string, topics: string[]): Ref => ({ id, at: 0, author: `a-${id}`, source: 's', followers: 0, reach: 0, neg: true, dup: false, dupOf: null, campaign: null, negativity: 0.8, cues: [], text: '', words: [], topics });
  const stat = (members: Ref[]): WindowStat => ({ key: 'waiting-time', kind: 'topic', windowMs: HOUR, observed: members.length, voiceEvents: members.length, posts: members.length, duplicates: 0, allAuthors: members.length, negativeShare: 1, expected: 1, ordinary: 1, pValue: 1e-8, score: 6, needed: 4.5, keysInPlay: 10, members });
  const crowd = (members: Ref[]): CrowdView => ({ memberIds: new Set(members.map((m) => m.id)), members, voices: new Set(members.map((m) => m.author)), broad: true });
  const usual = () => 0.05;

  it('lets a late-flight surge out of a pillar revolt that also holds a booking surge', () => {
    const late = Array.from({ length: 12 }, (_, i) => ref(`late-${i}`, i % 4 === 3 ? ['branch-store'] : ['waiting-time']));
    const booking = Array.from({ length: 15 }, (_, i) => ref(`book-${i}`, i % 5 === 4 ? [] : ['booking']));
    const background = Array.from({ length: 6 }, (_, i) => ref(`bg-${i}`, [['refunds'], ['staff-behaviour'], []][i % 3]));
    const c = stat(late.filter((x) => x.topics.includes('waiting-time')));
    expect(holdsAnotherIncident(c, crowd([...late, ...booking, ...background]), usual)).toBe(true);
  });

  it('keeps one incident spoken of in many topics together', () => {
    // a late-flight wave: most posts say waiting-time, the rest scatter over what else went wrong
    const late = Array.from({ length: 24 }, (_, i) => ref(`late-${i}`, i % 3 === 2 ? [['branch-store'], ['staff-behaviour'], ['booking'], ['outage']][i % 4] : ['waiting-time']));
    const background = Array.from({ length: 6 }, (_, i) => ref(`bg-${i}`, [['refunds'], ['staff-behaviour'], []][i % 3]));
    const c = stat(late.filter((x) => x.topics.includes('waiting-time')));
    expect(holdsAnotherIncident(c, crowd([...late, ...background]), usual)).toBe(false);
  });

  it("judges a pillar revolt's other topics by their share of that pillar, not of every voice", () => {
    // a late-flight wave under pillar:time-and-effort; the pillar's usual traffic is mostly phone-support
    const late = Array.from({ length: 24 }, (_, i) => ref(`late-${i}`, i % 3 === 2 ? [['branch-store'], ['outage']][i % 2] : ['waiting-time']));
    const pillarTraffic = Array.from({ length: 18 }, (_, i) => ref(`bg-${i}`, i < 14 ? ['phone-support'] : []));
    const shares: Record<string, number> = { 'pillar:time-and-effort': 0.4, 'phone-support': 0.15 };
    const usualOf = (key: string) => shares[key] ?? 0.05;
    const c = stat(late.filter((x) => x.topics.includes('waiting-time')));
    const pillar = { ...crowd([...late, ...pillarTraffic]), revolt: { key: 'pillar:time-and-effort' } as LiveRevolt };
    expect(holdsAnotherIncident(c, pillar, usualOf)).toBe(false);
    // the same crowd under the whole target: phone-support at 14 of 26 is three times its usual share
    expect(holdsAnotherIncident(c, crowd([...late, ...pillarTraffic]), usualOf)).toBe(true);
  });
});
