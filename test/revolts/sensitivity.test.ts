import { describe, expect, it } from 'vitest';
import { buildConfig } from '../../src/config/config.js';
import { engineParams } from '../../src/revolts/detect.js';
import { DEFAULT_PARAMS, RevoltEngine } from '../../src/revolts/engine.js';
import { background, HOUR, MIN, post, run, said, T0 } from './engine-helpers.js';

const files = (yaml: string) => ({ readFile: (p: string) => (p === 'backlash.config.yaml' ? yaml : null) });
const paramsOf = (detection: string) => engineParams({ config: buildConfig({}, files(`detection:\n${detection}`)) });

const ONSET = T0 + 30 * HOUR;
const END = ONSET + 6 * HOUR;

/** The minute the first revolt opens on a slow trickle of one complaint, with these parameters (null: never). */
function openingMinute(params: typeof DEFAULT_PARAMS): number | null {
  const engine = new RevoltEngine(params);
  engine.model('acme', 'Acme Air');
  const trickle = Array.from({ length: 12 }, (_, k) => post({ text: said(k, 'the seat map lost my booked seat'), topics: ['booking'], author: `t${k}`, publishedAt: ONSET + k * 25 * MIN }));
  const o = run(engine, [...background(T0, END), ...trickle], T0, END).find((c) => c.event === 'revolt.opened');
  return o ? (o.revolt.openedAt - ONSET) / MIN : null;
}

describe('detection settings a user can understand', () => {
  it('sensitivity moves every score needed by a factor of ten, and the old keys still load', () => {
    expect(paramsOf('  sensitivity: high\n').sensitivityOffset).toBe(-1);
    expect(paramsOf('  sensitivity: low\n').sensitivityOffset).toBe(1);
    expect(paramsOf('  window: 45m\n  baseline: 48h\n')).toMatchObject({ sensitivityOffset: 0, minAuthors: DEFAULT_PARAMS.minAuthors });
    expect(() => paramsOf('  sensitivity: extreme\n')).toThrow(/sensitivity/);
  });

  it('minVoices is the fewest distinct authors that open; minAuthors, the older name, wins when both are set', () => {
    expect(paramsOf('  minVoices: 8\n')).toMatchObject({ minAuthors: 8, minPosts: 6 });
    expect(paramsOf('  minVoices: 4\n')).toMatchObject({ minAuthors: 4, minPosts: 4 });
    expect(paramsOf('  minVoices: 8\n  minAuthors: 6\n').minAuthors).toBe(6);
  });

  it('a high sensitivity opens a slow trickle sooner than medium, and low later or not at all', () => {
    const high = openingMinute({ ...DEFAULT_PARAMS, sensitivityOffset: -1 });
    const medium = openingMinute(DEFAULT_PARAMS);
    const low = openingMinute({ ...DEFAULT_PARAMS, sensitivityOffset: 1 });
    expect(high).not.toBeNull();
    expect(medium === null || high! < medium).toBe(true);
    expect(low === null || (medium !== null && low >= medium)).toBe(true);
    expect(high === medium && medium === low).toBe(false);
  });
});
