/**
 * Scores a detector's openings against a week's truth. Every opening is classed, in this order:
 * - revolt found: an opening at an injected revolt's target between its onset and an hour after its
 *   end that names at least three of its posts (or 30 % of the opening's members, when the detector
 *   names members; a peer that names none matches on place and time alone). Each opening is
 *   credited to one revolt at most, by a maximum matching that tries the earliest openings first;
 * - decoy opening: an opening at a decoy's target in its window naming its posts the same way;
 * - duplicate: another opening that matches a revolt already found (one incident announced twice);
 * - false alarm: anything else (an opening on the background traffic).
 */
import type { Injection } from './families.js';

export interface Opening {
  target: string;
  at: number;
  /** ids of the member posts, when the detector names them */
  members?: Set<string>;
  key?: string;
  why?: string;
}

export interface InjectionResult {
  injection: Injection;
  opening: Opening | null;
  /** minutes from onset to the opening */
  latencyMin: number | null;
  /** minutes from the 5th injected voice to the opening (negative: before it) */
  after5thMin: number | null;
  duplicates: number;
}

export interface WeekScore {
  revolts: InjectionResult[];
  decoys: InjectionResult[];
  duplicates: Opening[];
  falseAlarms: Opening[];
}

const SLACK_MS = 60 * 60_000;

function shared(o: Opening, x: Injection): number {
  let n = 0;
  for (const id of x.ids) if (o.members!.has(id)) n++;
  return n;
}

function matches(o: Opening, x: Injection): boolean {
  if (o.target !== x.target || o.at < x.onset || o.at > x.end + SLACK_MS) return false;
  if (!o.members) return true;
  const n = shared(o, x);
  return n >= Math.min(3, x.ids.length) || n >= 0.3 * o.members.size;
}

export function scoreWeek(openings: Opening[], injections: Injection[]): WeekScore {
  const sorted = [...openings].sort((a, b) => a.at - b.at);
  const used = new Set<Opening>();
  const result = (x: Injection): InjectionResult => ({ injection: x, opening: null, latencyMin: null, after5thMin: null, duplicates: 0 });
  const revolts = injections.filter((x) => x.kind === 'revolt').map(result);
  // one opening is credited to one revolt at most: a maximum matching (augmenting paths, earliest
  // opening first), so that an opening naming two incidents at once does not hide the one that names
  // only the second because the first was scored first
  const owner = new Map<Opening, number>();
  const tryRevolt = (i: number, seen: Set<Opening>): boolean => {
    for (const o of sorted) {
      if (seen.has(o) || !matches(o, revolts[i].injection)) continue;
      seen.add(o);
      const other = owner.get(o);
      if (other === undefined || tryRevolt(other, seen)) {
        owner.set(o, i);
        return true;
      }
    }
    return false;
  };
  revolts.forEach((_, i) => tryRevolt(i, new Set()));
  for (const [o, i] of owner) {
    const r = revolts[i];
    used.add(o);
    r.opening = o;
    r.latencyMin = Math.round((o.at - r.injection.onset) / 6_000) / 10;
    const v = r.injection.voiceTimes;
    if (v.length) r.after5thMin = Math.round((o.at - v[Math.min(4, v.length - 1)]) / 6_000) / 10;
  }
  const decoys = injections.filter((x) => x.kind === 'decoy').map(result);
  for (const d of decoys) {
    for (const o of sorted) {
      if (used.has(o) || !matches(o, d.injection)) continue;
      used.add(o);
      d.opening ??= o;
      d.duplicates++;
    }
  }
  const duplicates: Opening[] = [];
  for (const o of sorted) {
    if (used.has(o)) continue;
    const r = revolts.find((x) => x.opening && matches(o, x.injection));
    if (!r) continue;
    used.add(o);
    r.duplicates++;
    duplicates.push(o);
  }
  return { revolts, decoys, duplicates, falseAlarms: sorted.filter((o) => !used.has(o)) };
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
