/**
 * Scores detections against the scenario's truth. Every opening is classified:
 * - revolt: the first opening on an injected revolt's target between its onset and its end (+1 h)
 *   that (when the detector names posts) includes its posts — the revolt is found;
 * - decoy: an opening matching a decoy (its posts, when named, are mostly the decoy's);
 * - repeat: another opening of a revolt already found (the same revolt announced twice);
 * - background: anything else — an opening on the background traffic. On a real background it may
 *   fall on a real incident of the data (reported with its name); it still counts.
 * False alarms = repeats + background openings.
 */
import type { Injected } from './scenario.js';

export interface Opening {
  target: string;
  at: number;
  /** External ids of member posts, when the detector reports them. */
  members?: Set<string>;
  key?: string;
  why?: string;
}

export interface Incident {
  name: string;
  target: string;
  from: number;
  to: number;
}

export interface BackgroundOpening {
  opening: Opening;
  /** The real incident of the data it falls on, if any. */
  incident: string | null;
}

export interface Score {
  found: number;
  total: number;
  latenciesMin: (number | null)[];
  medianLatencyMin: number | null;
  falseAlarms: number;
  falseAlarmsPerDay: number;
  decoyOpenings: number;
  repeats: Opening[];
  background: BackgroundOpening[];
  perRevolt: { name: string; latencyMin: number | null }[];
  perDecoy: { name: string; opened: boolean }[];
}

const SLACK_MS = 60 * 60_000;

function inWindow(o: Opening, x: Injected): boolean {
  return o.target === x.target && o.at >= x.onset && o.at <= x.end + SLACK_MS;
}

function shared(o: Opening, x: Injected): number {
  let n = 0;
  for (const id of x.ids) if (o.members!.has(id)) n++;
  return n;
}

function hits(o: Opening, x: Injected): boolean {
  if (!inWindow(o, x)) return false;
  if (!o.members) return true;
  const n = shared(o, x);
  return n >= Math.min(3, x.ids.length) || n >= 0.3 * o.members.size;
}

export function score(openings: Opening[], revolts: Injected[], decoys: Injected[], days: number, incidents: Incident[] = []): Score {
  const used = new Set<Opening>();
  const sorted = [...openings].sort((a, b) => a.at - b.at);
  const perRevolt = revolts.map((r) => {
    const o = sorted.find((x) => !used.has(x) && hits(x, r));
    if (o) used.add(o);
    return { name: r.name, latencyMin: o ? Math.round((o.at - r.onset) / 6_000) / 10 : null };
  });
  // every opening a decoy caused counts, not just the first
  let decoyOpenings = 0;
  const perDecoy = decoys.map((d) => {
    const os = sorted.filter((x) => !used.has(x) && hits(x, d) && (!x.members || shared(x, d) >= 0.5 * x.members.size));
    os.forEach((o) => used.add(o));
    decoyOpenings += os.length;
    return { name: d.name, opened: os.length > 0 };
  });
  // a second opening of a revolt already found is the same revolt announced twice: still false
  const found = revolts.filter((_, i) => perRevolt[i].latencyMin !== null);
  const repeats = sorted.filter((o) => !used.has(o) && found.some((r) => hits(o, r)));
  repeats.forEach((o) => used.add(o));
  const background = sorted
    .filter((o) => !used.has(o))
    .map((opening) => ({ opening, incident: incidents.find((i) => i.target === opening.target && opening.at >= i.from && opening.at <= i.to + SLACK_MS)?.name ?? null }));
  const falseAlarms = repeats.length + background.length;
  const lat = perRevolt.map((r) => r.latencyMin).filter((x): x is number => x !== null).sort((a, b) => a - b);
  const median = lat.length ? (lat.length % 2 ? lat[(lat.length - 1) / 2] : (lat[lat.length / 2 - 1] + lat[lat.length / 2]) / 2) : null;
  return {
    found: lat.length,
    total: revolts.length,
    latenciesMin: perRevolt.map((r) => r.latencyMin),
    medianLatencyMin: median,
    falseAlarms,
    falseAlarmsPerDay: Math.round((falseAlarms / days) * 100) / 100,
    decoyOpenings,
    repeats,
    background,
    perRevolt,
    perDecoy,
  };
}
