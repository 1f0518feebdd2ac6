/**
 * Moments of truth: per target, a pillar × touchpoint matrix of complaints over a period, each cell
 * with its change against the previous period of the same length (a Poisson rate ratio with its
 * interval) and the IBM CEM factor its complaints are mostly about, so the page can say "the
 * problem is speed at the phone touchpoint". Pure: rows go in, the matrix comes out.
 *
 * A complaint counts once in each distinct (pillar, touchpoint) pair among its topics; a cell's
 * factors count once per distinct factor among the topics that put the post in that cell.
 */
import type { Factor } from '../classify/rules/schema.js';
import { direction, rateRatio, roundInterval, type RoundedInterval } from './stats.js';
import { hitsOf } from './scan.js';

export interface MomentsPeriod {
  from: number;
  to: number;
  /** the previous period: [previousFrom, from) */
  previousFrom: number;
}

export interface FactorCount {
  kind: Factor['kind'];
  name: string;
  count: number;
}

export interface MomentsCell {
  pillar: string;
  touchpoint: string;
  complaints: number;
  previous: number;
  /** current / previous complaint rate with its 95 % interval; null when both are 0 (value/high null = infinite) */
  change: RoundedInterval | null;
  /** 'up' or 'down' only when the interval excludes 1 */
  trend: 'up' | 'down' | 'flat';
  /** the factor most of this cell's complaints (this period) are about */
  factor: FactorCount | null;
  factors: FactorCount[];
}

export interface MomentsMatrix {
  target: string;
  complaints: number;
  previous: number;
  change: RoundedInterval | null;
  trend: 'up' | 'down' | 'flat';
  cells: MomentsCell[];
  /** the cell with most complaints, in words */
  headline: null | { pillar: string; touchpoint: string; factor: FactorCount | null; complaints: number; text: string };
}

type Meta = Map<string, { factor: Factor | null }>;

interface CellAcc {
  pillar: string;
  touchpoint: string;
  now: number;
  prev: number;
  factors: Map<string, FactorCount>;
}

interface TargetAcc {
  now: number;
  prev: number;
  cells: Map<string, CellAcc>;
}

export function createMoments(period: MomentsPeriod, topics: Meta) {
  const targets = new Map<string, TargetAcc>();
  return {
    add(row: { target_id: string; topics: string; published_at: number }): void {
      if (row.published_at < period.previousFrom || row.published_at >= period.to) return;
      const current = row.published_at >= period.from;
      let t = targets.get(row.target_id);
      if (!t) targets.set(row.target_id, (t = { now: 0, prev: 0, cells: new Map() }));
      if (current) t.now++;
      else t.prev++;
      const seen = new Map<string, Set<string>>();
      for (const h of hitsOf(row.topics)) {
        if (!h.pillar || !h.touchpoint) continue;
        const key = `${h.pillar}|${h.touchpoint}`;
        let factors = seen.get(key);
        if (!factors) seen.set(key, (factors = new Set()));
        const f = topics.get(h.id)?.factor;
        if (f) factors.add(`${f.kind}|${f.name}`);
        let c = t.cells.get(key);
        if (!c) t.cells.set(key, (c = { pillar: h.pillar, touchpoint: h.touchpoint, now: 0, prev: 0, factors: new Map() }));
      }
      for (const [key, factors] of seen) {
        const c = t.cells.get(key)!;
        if (!current) {
          c.prev++;
          continue;
        }
        c.now++;
        for (const fk of factors) {
          const [kind, name] = fk.split('|') as [Factor['kind'], string];
          const fc = c.factors.get(fk) ?? { kind, name, count: 0 };
          fc.count++;
          c.factors.set(fk, fc);
        }
      }
    },
    result(): MomentsMatrix[] {
      const span = period.to - period.from;
      const prevSpan = period.from - period.previousFrom;
      return [...targets.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([target, t]) => {
          const cells = [...t.cells.values()]
            .map((c): MomentsCell => {
              const factors = [...c.factors.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
              const ratio = rateRatio(c.now, span, c.prev, prevSpan);
              return { pillar: c.pillar, touchpoint: c.touchpoint, complaints: c.now, previous: c.prev, change: roundInterval(ratio), trend: direction(ratio), factor: factors[0] ?? null, factors };
            })
            .sort((a, b) => b.complaints - a.complaints || b.previous - a.previous || a.pillar.localeCompare(b.pillar) || a.touchpoint.localeCompare(b.touchpoint));
          const ratio = rateRatio(t.now, span, t.prev, prevSpan);
          const top = cells[0] && cells[0].complaints > 0 ? cells[0] : null;
          return { target, complaints: t.now, previous: t.prev, change: roundInterval(ratio), trend: direction(ratio), cells, headline: top ? { pillar: top.pillar, touchpoint: top.touchpoint, factor: top.factor, complaints: top.complaints, text: headline(top) } : null };
        });
    },
  };
}

function headline(c: MomentsCell): string {
  const what = c.factor ? `${c.factor.name.replace(/-/g, ' ')} (${c.factor.kind})` : 'complaints';
  const ch = c.change;
  const move =
    c.trend === 'up' ? `, up ×${ch?.value ?? '∞'} on the previous period (95 % interval ×${ch?.low}–${ch?.high ?? '∞'})`
    : c.trend === 'down' ? `, down to ×${ch?.value} of the previous period (95 % interval ×${ch?.low}–${ch?.high})`
    : ', no clear change on the previous period';
  return `The problem is ${what} at the ${c.touchpoint} touchpoint (${c.pillar} pillar): ${c.complaints} complaint${c.complaints === 1 ? '' : 's'}${move}.`;
}
