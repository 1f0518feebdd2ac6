/**
 * Severity 0–100 and priority P1–P4 of a revolt (pure). Eight parts, each capped, summed:
 *
 *   volume        20  member posts (voices), log scale: 6 → 5, 25 → 11, 100 → 17, 200+ → 20
 *   velocity      15  voices in the last hour against expected, log2 of the ratio (×32 → full)
 *   authors       15  distinct authors, log scale: 5 → 6, 20 → 10, 100 → 15
 *   negativity    10  mean negative sentiment strength of members (0..1)
 *   reach         15  followers + 20 × reposts + likes of members, duplicates included: log10, 1M → full
 *   escalation    15  share of voices with escalation cues: legal, safety, regulator weigh 1,
 *                     press, boycott, leave 0.6, amplify 0.3; full at 30 % weighted share
 *   spread         5  distinct sources (networks): 1 → 0, 2 → 3, 3+ → 5
 *   influencers    5  authors with ≥ 10,000 followers: 1 → 2, 2 → 4, 3+ → 5
 *
 * Priority: P1 ≥ 70, P2 ≥ 50, P3 ≥ 30, else P4; a safety or legal cue from 3+ authors lifts it to P2 at least.
 */
import type { Priority } from '../types.js';

export const INFLUENTIAL_FOLLOWERS = 10_000;
export const CUE_WEIGHT: Record<string, number> = { legal: 1, safety: 1, regulator: 1, press: 0.6, boycott: 0.6, leave: 0.6, amplify: 0.3 };

export interface SeverityInput {
  voices: number;
  authors: number;
  rate: number;
  expectedRate: number;
  negativity: number; // 0..1
  reach: number;
  /** escalation cue id → distinct authors using it */
  cues: Record<string, number>;
  sources: number;
  influencers: number;
}

export interface SeverityParts {
  volume: number;
  velocity: number;
  authors: number;
  negativity: number;
  reach: number;
  escalation: number;
  spread: number;
  influencers: number;
}

const cap = (x: number, max: number) => Math.max(0, Math.min(max, x));
const r1 = (x: number) => Math.round(x * 10) / 10;

export function severityParts(s: SeverityInput): SeverityParts {
  let cueShare = 0;
  for (const [id, n] of Object.entries(s.cues)) cueShare += (CUE_WEIGHT[id] ?? 0.3) * n;
  cueShare /= Math.max(1, s.authors);
  return {
    volume: r1(cap(20 * (Math.log10(1 + s.voices) / Math.log10(201)), 20)),
    velocity: r1(cap(3 * Math.log2(Math.max(1, s.rate / Math.max(0.25, s.expectedRate))), 15)),
    authors: r1(cap(15 * (Math.log10(1 + s.authors) / 2), 15)),
    negativity: r1(cap(10 * s.negativity, 10)),
    reach: r1(cap(15 * (Math.log10(1 + s.reach) / 6), 15)),
    escalation: r1(cap(15 * (cueShare / 0.3), 15)),
    spread: s.sources >= 3 ? 5 : s.sources === 2 ? 3 : 0,
    influencers: cap(2 * s.influencers, 5),
  };
}

export function severityOf(s: SeverityInput): number {
  const p = severityParts(s);
  return Math.round(cap(p.volume + p.velocity + p.authors + p.negativity + p.reach + p.escalation + p.spread + p.influencers, 100));
}

export function priorityOf(severity: number, cues: Record<string, number> = {}): Priority {
  const base: Priority = severity >= 70 ? 'P1' : severity >= 50 ? 'P2' : severity >= 30 ? 'P3' : 'P4';
  if ((base === 'P3' || base === 'P4') && ((cues.safety ?? 0) >= 3 || (cues.legal ?? 0) >= 3)) return 'P2';
  return base;
}
