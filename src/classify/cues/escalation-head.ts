/**
 * The learned escalation head: one small logistic regression per cue type and language, trained on
 * the project's own escalation corpus (data/corpus/escalation-*.jsonl, scripts/train-escalation.ts)
 * and shipped as data/model/escalation.json. It sits beside the cue rules: its inputs are the
 * post's words (English Porter stems, Polish normalised stems, Chinese words and character pairs),
 * adjacent word pairs, and what the rules and the context judge said — a cue of the type that
 * counted (`h:legal`), one set aside and why (`s:legal:negated`, `s:question`, `s:brand`, …).
 * A type is reported when its probability reaches the language's threshold; the explanation names
 * the probability and the features that pushed hardest. Pure: no I/O.
 */
import type { Unit } from '../tokenize/unit.js';
import type { JudgedCue, Judgement } from './escalation-judge.js';

export interface EscalationHeadLangJson {
  types: string[];
  bias: number[];
  /** feature → one weight per type */
  weights: Record<string, number[]>;
  /** a type the rules did not find is added when its probability is at least this */
  threshold: number;
  /** a type the rules found is kept unless its probability is below this (default: threshold) */
  keep?: number;
}

export interface EscalationHeadJson {
  kind: 'backlash-escalation-head';
  version: string;
  langs: Record<string, EscalationHeadLangJson>;
  meta?: Record<string, unknown>;
}

interface HeadLang {
  types: string[];
  bias: Float64Array;
  nTypes: number;
  /** flat weights: feature id × type */
  w: Float64Array;
  names: string[];
  words: Map<string, number>;
  pairs: Map<string, Map<string, number>>;
  chars: Map<number, number>;
  flags: Map<string, number>;
  threshold: number;
  keep: number;
}

export interface EscalationHead {
  version: string;
  langs: Map<string, HeadLang>;
}

export interface HeadScore {
  id: string;
  p: number;
  /** the strongest features for the type: "feature +weight" */
  top: { feature: string; weight: number }[];
}

const isHan = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/** Feature strings of a post (training and explanations; the hot path uses ids, same features). */
export function headFeatures(units: Unit[], text: string, lang: string, j: Judgement | null): string[] {
  const f = new Set<string>();
  let prev: string | null = null;
  for (const u of units) {
    if (u.kind === 'w') {
      f.add('w:' + u.key);
      if (prev !== null) f.add('b:' + prev + ' ' + u.key);
      prev = u.key;
      continue;
    }
    if (u.kind === 'n') f.add('w:' + u.text);
    else if (u.kind === 'm') f.add('f:@');
    else if (u.kind === 'p' && u.text.includes('?')) f.add('f:?');
    prev = null;
  }
  if (lang === 'zh') for (let i = 0; i + 1 < text.length; i++) if (isHan(text.charCodeAt(i)) && isHan(text.charCodeAt(i + 1))) f.add('c:' + text[i] + text[i + 1]);
  for (const k of judgementFlags(j)) f.add(k);
  return [...f];
}

function judgementFlags(j: Judgement | null): string[] {
  if (!j) return [];
  const out: string[] = [];
  for (const h of j.hits) out.push('f:h:' + h.id);
  for (const s of j.suppressed) {
    const kind = (s as JudgedCue & { kind?: string }).kind ?? 'other';
    out.push('f:s:' + s.id + ':' + kind, 'f:s:' + kind);
  }
  return out;
}

export function escalationHeadFromJson(json: EscalationHeadJson): EscalationHead {
  if (json.kind !== 'backlash-escalation-head') throw new Error('not an escalation head (kind must be "backlash-escalation-head")');
  const langs = new Map<string, HeadLang>();
  for (const [lang, l] of Object.entries(json.langs)) {
    const names = Object.keys(l.weights);
    const nTypes = l.types.length;
    const w = new Float64Array(names.length * nTypes);
    const h: HeadLang = { types: l.types, bias: Float64Array.from(l.bias), nTypes, w, names, words: new Map(), pairs: new Map(), chars: new Map(), flags: new Map(), threshold: l.threshold, keep: l.keep ?? l.threshold };
    names.forEach((name, id) => {
      const ws = l.weights[name];
      for (let t = 0; t < nTypes; t++) w[id * nTypes + t] = ws[t] ?? 0;
      const body = name.slice(2);
      switch (name.slice(0, 2)) {
        case 'w:':
          h.words.set(body, id);
          break;
        case 'b:': {
          const sp = body.indexOf(' ');
          const a = body.slice(0, sp);
          let m = h.pairs.get(a);
          if (!m) h.pairs.set(a, (m = new Map()));
          m.set(body.slice(sp + 1), id);
          break;
        }
        case 'c:':
          h.chars.set(body.charCodeAt(0) * 65536 + body.charCodeAt(1), id);
          break;
        default:
          h.flags.set(name, id);
      }
    });
    langs.set(lang, h);
  }
  return { version: json.version, langs };
}

const ids: number[] = [];
const stamp = new Map<number, true>();

/**
 * Probability per cue type for a post: the sums over the post's features, found through the id
 * maps without building the feature strings. `explain` also names the strongest features.
 */
export function scoreEscalationHead(head: EscalationHead, units: Unit[], text: string, lang: string, j: Judgement | null, explain = false): HeadScore[] | null {
  const h = head.langs.get(lang);
  if (!h) return null;
  ids.length = 0;
  stamp.clear();
  const take = (id: number | undefined) => {
    if (id !== undefined && !stamp.has(id)) {
      stamp.set(id, true);
      ids.push(id);
    }
  };
  let prev: string | null = null;
  for (const u of units) {
    if (u.kind === 'w') {
      take(h.words.get(u.key));
      if (prev !== null) take(h.pairs.get(prev)?.get(u.key));
      prev = u.key;
      continue;
    }
    if (u.kind === 'n') take(h.words.get(u.text));
    else if (u.kind === 'm') take(h.flags.get('f:@'));
    else if (u.kind === 'p' && u.text.includes('?')) take(h.flags.get('f:?'));
    prev = null;
  }
  if (lang === 'zh' && h.chars.size) {
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      if (!isHan(a)) continue;
      const b = text.charCodeAt(i + 1);
      if (isHan(b)) take(h.chars.get(a * 65536 + b));
    }
  }
  for (const k of judgementFlags(j)) take(h.flags.get(k));
  const out: HeadScore[] = [];
  for (let t = 0; t < h.nTypes; t++) {
    let z = h.bias[t];
    for (const id of ids) z += h.w[id * h.nTypes + t];
    const s: HeadScore = { id: h.types[t], p: 1 / (1 + Math.exp(-z)), top: [] };
    if (explain || s.p >= Math.min(h.threshold, h.keep)) {
      s.top = ids
        .map((id) => ({ feature: h.names[id], weight: Math.round(h.w[id * h.nTypes + t] * 100) / 100 }))
        .filter((x) => x.weight !== 0)
        .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
        .slice(0, 4);
    }
    out.push(s);
  }
  return out;
}

export function headThreshold(head: EscalationHead, lang: string): number {
  return head.langs.get(lang)?.threshold ?? 0.5;
}

/** the words of the strongest positive word feature, as the cue a head-only hit names */
export function strongestCue(top: { feature: string; weight: number }[]): string {
  const f = top.find((x) => x.weight > 0 && !x.feature.startsWith('f:')) ?? top.find((x) => x.weight > 0);
  return f ? f.feature.slice(2) : 'learned';
}

/** a readable feature name for explanations */
export function describeFeature(f: string): string {
  if (f.startsWith('f:h:')) return `rule cue ${f.slice(4)} counted`;
  if (f.startsWith('f:s:')) return `rule cue set aside (${f.slice(4)})`;
  if (f === 'f:?') return 'a question';
  if (f === 'f:@') return 'addressed to someone';
  return `"${f.slice(2)}"`;
}
