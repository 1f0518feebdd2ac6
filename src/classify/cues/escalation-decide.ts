/**
 * The learned escalation head's decision beside the cue rules (pure): which cue types a post
 * carries once the head has scored them, and the judgement that explains it.
 */
import type { Judgement } from './escalation-judge.js';
import { describeFeature, setAside, strongestCue, type HeadScore } from './escalation-head.js';
import type { Unit } from '../tokenize/index.js';
import { round } from '../heads.js';

import type { EscalationHit } from '../../types.js';

/**
 * The learned head decides each cue type: a rule hit it scores below `keep` is set aside (with the
 * head's probability and features as the reason), a type it scores at or above `threshold`
 * without a rule hit is added (its cue: the strongest word feature).
 */
export function decideEscalation(scores: HeadScore[], ruleHits: EscalationHit[], judged: Judgement | null, threshold: number, keep: number, units: Unit[]): { escalation: EscalationHit[]; judgement: Judgement | null } {
  let changed = false;
  const out: EscalationHit[] = [];
  const hits = judged ? [...judged.hits] : [];
  const suppressed = judged ? [...judged.suppressed] : [];
  const why = (s: HeadScore) => `learned head p=${round(s.p)}` + (s.top.length ? ` (${s.top.map((f) => `${describeFeature(f.feature)} ${f.weight > 0 ? '+' : ''}${f.weight}`).join(', ')})` : '');
  for (const s of scores) {
    const rule = ruleHits.find((e) => e.id === s.id);
    if (s.p >= (rule ? keep : threshold) && (rule || !setAside(judged, s.id))) {
      if (rule) out.push(rule);
      else {
        const cue = strongestCue(s.top, units);
        out.push({ id: s.id, cue });
        hits.push({ id: s.id, cue, why: why(s) });
        changed = true;
      }
    } else if (rule) {
      changed = true;
      const i = hits.findIndex((h) => h.id === s.id);
      const h = i >= 0 ? hits.splice(i, 1)[0] : { id: s.id, cue: rule.cue ?? '', why: `matches the cue "${rule.cue ?? ''}"` };
      suppressed.push({ id: s.id, cue: h.cue, why: `${h.why}, but ${why(s)}`, kind: 'head' });
    }
  }
  // a type the head was not trained for is the rules' alone
  for (const r of ruleHits) if (!scores.some((s) => s.id === r.id)) out.push(r);
  if (!changed) return { escalation: ruleHits, judgement: judged };
  // keep the rules' order, then the head's additions
  out.sort((a, b) => idx(ruleHits, a) - idx(ruleHits, b));
  return { escalation: out, judgement: { hits, suppressed } };
}

function idx(list: EscalationHit[], e: EscalationHit): number {
  const i = list.findIndex((x) => x.id === e.id);
  return i < 0 ? list.length : i;
}
