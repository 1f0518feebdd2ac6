/**
 * The learned escalation head's decision beside the cue rules (pure): which cue types a post
 * carries once the head has scored them, and the judgement that explains it.
 */
import type { Judgement } from './escalation-judge.js';
import { setAside, type HeadScore } from './escalation-head.js';
import type { Unit } from '../tokenize/index.js';
import { round } from '../heads.js';

import type { EscalationHit } from '../../types.js';

/**
 * The learned head decides each cue type: a rule hit it scores below the type's `keep` is set aside
 * (with the head's probability and features as the reason), a type it scores at or above the
 * type's `add` without a rule hit is added (its cue: the strongest word feature).
 */
export function decideEscalation(scores: HeadScore[], ruleHits: EscalationHit[], judged: Judgement | null, units: Unit[]): { escalation: EscalationHit[]; judgement: Judgement | null } {
  let changed = false;
  const out: EscalationHit[] = [];
  const hits = judged ? [...judged.hits] : [];
  const suppressed = judged ? [...judged.suppressed] : [];
  const why = (s: HeadScore) => `learned head p=${round(s.p)}` + (s.top.length ? ` (${s.top.map((f) => `${describeFeature(f.feature)} ${f.weight > 0 ? '+' : ''}${f.weight}`).join(', ')})` : '');
  for (const s of scores) {
    const rule = ruleHits.find((e) => e.id === s.id);
    if (s.p >= (rule ? s.keep : s.add) && (rule || !setAside(judged, s.id))) {
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

/**
 * The cue a head-only hit names: the post's own words for its strongest positive word feature
 * ("notice", "your chicken"), found among the units by key; Chinese character pairs as written.
 */
export function strongestCue(top: { feature: string; weight: number }[], units: Unit[]): string {
  const f = top.find((x) => x.weight > 0 && !x.feature.startsWith('f:'));
  if (!f) return 'learned';
  const body = f.feature.slice(2);
  if (f.feature.startsWith('w:')) return units.find((u) => (u.kind === 'w' && u.key === body) || (u.kind === 'n' && u.text === body))?.text ?? body;
  if (f.feature.startsWith('b:')) {
    const [a, b] = body.split(' ');
    for (let i = 0; i + 1 < units.length; i++) if (units[i].kind === 'w' && units[i].key === a && units[i + 1].key === b) return `${units[i].text} ${units[i + 1].text}`;
  }
  return body;
}

/** a readable feature name for explanations */
export function describeFeature(f: string): string {
  if (f.startsWith('f:h:')) return `rule cue ${f.slice(4)} counted`;
  if (f.startsWith('f:s:')) return `rule cue set aside (${f.slice(4)})`;
  if (f === 'f:?') return 'a question';
  if (f === 'f:@') return 'addressed to someone';
  if (f === 'f:lex+') return 'praise, no negative word';
  if (f === 'f:lex-') return 'a negative word';
  return `"${f.slice(2)}"`;
}
