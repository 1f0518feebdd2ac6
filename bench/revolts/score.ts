/**
 * Scores detections against the scenario's truth: a revolt is found by the first opening on its
 * target between its onset and its end that (when the detector names posts) includes its posts;
 * an opening matching a decoy is a decoy opening; any other opening is a false alarm.
 */
import type { Injected } from './scenario.js';

export interface Opening {
  target: string;
  at: number;
  /** External ids of member posts, when the detector reports them. */
  members?: Set<string>;
}

export interface Score {
  found: number;
  total: number;
  latenciesMin: (number | null)[];
  medianLatencyMin: number | null;
  falseAlarms: number;
  falseAlarmsPerDay: number;
  decoyOpenings: number;
  perRevolt: { name: string; latencyMin: number | null }[];
  perDecoy: { name: string; opened: boolean }[];
}

function hits(o: Opening, x: Injected, slackMs: number): boolean {
  if (o.target !== x.target || o.at < x.onset || o.at > x.end + slackMs) return false;
  if (!o.members) return true;
  let n = 0;
  for (const id of x.ids) if (o.members.has(id)) n++;
  return n >= Math.min(3, x.ids.length) || n >= 0.3 * o.members.size;
}

export function score(openings: Opening[], revolts: Injected[], decoys: Injected[], days: number): Score {
  const used = new Set<Opening>();
  const perRevolt = revolts.map((r) => {
    const o = openings.find((x) => !used.has(x) && hits(x, r, 60 * 60_000));
    if (o) used.add(o);
    return { name: r.name, latencyMin: o ? Math.round((o.at - r.onset) / 6_000) / 10 : null };
  });
  // every opening a decoy caused counts, not just the first
  let decoyOpenings = 0;
  const perDecoy = decoys.map((d) => {
    const os = openings.filter((x) => !used.has(x) && hits(x, d, 60 * 60_000) && (!x.members || [...d.ids].filter((id) => x.members!.has(id)).length >= 0.5 * x.members.size));
    os.forEach((o) => used.add(o));
    decoyOpenings += os.length;
    return { name: d.name, opened: os.length > 0 };
  });
  // alarms that overlap a revolt already found are the same revolt announced twice: still false
  const falseAlarms = openings.filter((o) => !used.has(o)).length;
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
    perRevolt,
    perDecoy,
  };
}
