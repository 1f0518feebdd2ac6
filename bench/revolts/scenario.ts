/**
 * One scenario week per seed: the background of eight real-text targets (week.ts) with every
 * family of revolt and decoy injected (families.ts). Even seeds are built from half A of every
 * dataset and are the ones tuned on; odd seeds from half B, and are the ones reported.
 */
import { Rng } from './prng.js';
import { loadPools, type Half } from './pools.js';
import { background, DAYS, makeStreams, TARGETS, WEEK_START } from './week.js';
import { inject, type Injection } from './families.js';
import type { ReplayLine } from './lines.js';

export interface Scenario {
  seed: number;
  half: Half;
  lines: ReplayLine[];
  injections: Injection[];
  start: number;
  days: number;
  targets: number;
}

export function halfOf(seed: number): Half {
  return seed % 2 === 0 ? 'A' : 'B';
}

export function generateScenario(seed: number): Scenario {
  const rng = new Rng(seed * 7919 + 13);
  const pools = loadPools(halfOf(seed));
  const taken = new Set<string>();
  const streams = makeStreams(rng, pools, taken);
  const inj = inject(rng, pools, seed, streams, taken);
  const lines = [...background(rng, streams, seed), ...inj.lines];
  lines.sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0));
  return { seed, half: halfOf(seed), lines, injections: inj.injections, start: WEEK_START, days: DAYS, targets: TARGETS.length };
}
