/**
 * The learned escalation head: one small logistic regression per cue type and language, trained on
 * the project's own escalation corpus (data/corpus/escalation-*.jsonl, scripts/train-escalation.ts)
 * and shipped as data/model/escalation.json. It sits beside the cue rules: its inputs are the
 * post's words (English Porter stems, Polish normalised stems, Chinese words and character pairs),
 * adjacent word pairs, and what the rules and the context judge said — a cue of the type that
 * counted (`h:legal`), one set aside and why (`s:legal:negated`, `s:question`, `s:brand`, …).
 * The lexicon's polarity is a feature too (`f:lex+`: praise with no negative word). A type is
 * reported when its probability reaches the language's threshold, unless the judge set a match of
 * that type aside in context; the explanation names the probability and the features that pushed
 * hardest. Pure: no I/O.
 */
import type { Unit } from '../tokenize/unit.js';
import type { JudgedCue, Judgement } from './escalation-judge.js';
import { isHan, pairGet, pairKey, pairTable, type PairTable } from './escalation-pairs.js';

export interface EscalationHeadLangJson {
  types: string[];
  bias: number[];
  /** feature → one weight per type */
  weights: Record<string, number[]>;
  /** a type the rules did not find is added when its probability is at least this */
  threshold: number;
  /** a type the rules found is kept unless its probability is below this (default: threshold) */
  keep?: number;
  /** per cue type, where it differs from the language's `threshold` / `keep` */
  perType?: Record<string, { threshold?: number; keep?: number }>;
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
  chars: PairTable;
  flags: Map<string, number>;
  threshold: number;
  keep: number;
  /** per type (in `types` order) the thresholds as probabilities, and as log-odds: the hot path compares sums, never calls exp */
  add: number[];
  keepP: number[];
  addZ: Float64Array;
  keepZ: Float64Array;
  flagAt: number | undefined;
  flagQ: number | undefined;
  /** Han characters that open a character-pair feature: the pair map is asked only after one */
  pairStart: Uint8Array;
  scratch: Scratch;
}

export interface EscalationHead {
  version: string;
  langs: Map<string, HeadLang>;
}

export interface HeadScore {
  id: string;
  p: number;
  /** the type's thresholds: added at p >= add without a rule hit; a rule hit kept at p >= keep */
  add: number;
  keep: number;
  /** the strongest features for the type: "feature +weight" */
  top: { feature: string; weight: number }[];
}

/** the lexicon's polarity as a flag: praise with no negative word ("f:lex+"), a negative word ("f:lex-") */
export function polarityFlag(lex: { pos: number; neg: number } | null): string | null {
  if (!lex) return null;
  if (lex.neg >= 1) return 'f:lex-';
  if (lex.pos > 0 && lex.neg === 0) return 'f:lex+';
  return null;
}

/** Feature strings of a post (training and explanations; the hot path uses ids, same features). */
export function headFeatures(units: Unit[], text: string, lang: string, j: Judgement | null, lex: { pos: number; neg: number } | null = null): string[] {
  const f = new Set<string>();
  const pol = polarityFlag(lex);
  if (pol) f.add(pol);
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
    const add = l.types.map((t) => l.perType?.[t]?.threshold ?? l.threshold);
    const keepP = l.types.map((t) => l.perType?.[t]?.keep ?? l.keep ?? l.threshold);
    const h: HeadLang = { types: l.types, bias: Float64Array.from(l.bias), nTypes, w, names, words: new Map(), pairs: new Map(), chars: pairTable([]), flags: new Map(), threshold: l.threshold, keep: l.keep ?? l.threshold,
      add, keepP, addZ: Float64Array.from(add, logit), keepZ: Float64Array.from(keepP, logit), flagAt: undefined, flagQ: undefined, pairStart: new Uint8Array(0x6c00),
      scratch: { ids: new Int32Array(names.length), n: 0, stamp: new Uint32Array(names.length), epoch: 0, z: new Float64Array(nTypes) } };
    const charEntries: [number, number][] = [];
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
          charEntries.push([pairKey(body.charCodeAt(0), body.charCodeAt(1)), id]);
          h.pairStart[body.charCodeAt(0) - 0x3400] = 1;
          break;
        default:
          h.flags.set(name, id);
      }
    });
    h.chars = pairTable(charEntries);
    h.flagAt = h.flags.get('f:@');
    h.flagQ = h.flags.get('f:?');
    langs.set(lang, h);
  }
  return { version: json.version, langs };
}

/** per-language scratch of the hot path: the post's feature ids, deduplicated by an epoch stamp */
interface Scratch {
  ids: Int32Array;
  n: number;
  stamp: Uint32Array;
  epoch: number;
  z: Float64Array;
}

function take(sc: Scratch, id: number | undefined): void {
  if (id !== undefined && sc.stamp[id] !== sc.epoch) {
    sc.stamp[id] = sc.epoch;
    sc.ids[sc.n++] = id;
  }
}

/** what the head knows about a word unit: its id (-1: none) and the pairs it opens */
interface UnitFacts {
  h: HeadLang;
  id: number;
  next: Map<string, number> | undefined;
}

const logit = (p: number) => (p <= 0 ? -Infinity : p >= 1 ? Infinity : Math.log(p / (1 - p)));

/** The post's feature ids into the language's scratch, each once. */
function gatherFeatures(h: HeadLang, units: Unit[], text: string, lang: string, j: Judgement | null, lex: { pos: number; neg: number } | null): void {
  const sc = h.scratch;
  sc.n = 0;
  if (sc.epoch === 0xffffffff) (sc.stamp.fill(0), (sc.epoch = 0));
  sc.epoch++;
  // a word's id and the pairs it opens are kept on the (shared, cached) word unit
  let next: Map<string, number> | undefined;
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (u.kind === 'w') {
      let c = u.eh as UnitFacts | null | undefined;
      if (!c || c.h !== h) u.eh = c = { h, id: h.words.get(u.key) ?? -1, next: h.pairs.get(u.key) };
      if (c.id >= 0) take(sc, c.id);
      if (next !== undefined) take(sc, next.get(u.key));
      next = c.next;
      continue;
    }
    if (u.kind === 'n') take(sc, h.words.get(u.text));
    else if (u.kind === 'm') take(sc, h.flagAt);
    else if (u.kind === 'p' && u.text.includes('?')) take(sc, h.flagQ);
    next = undefined;
  }
  if (lang === 'zh' && h.chars.size > 0) {
    const starts = h.pairStart;
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      if (!isHan(a) || starts[a - 0x3400] === 0) continue;
      const b = text.charCodeAt(i + 1);
      if (isHan(b)) take(sc, pairGet(h.chars, pairKey(a, b)));
    }
  }
  if (j) for (const k of judgementFlags(j)) take(sc, h.flags.get(k));
  const pol = polarityFlag(lex);
  if (pol) take(sc, h.flags.get(pol));
}

/**
 * Probability per cue type for a post: the sums over the post's features, found through the id
 * maps without building the feature strings, deduplicated with a stamp array. Most posts change
 * nothing (no type reaches the threshold, no rule hit falls below `keep`): then, unless `explain`,
 * it returns null without building anything. Otherwise every type's probability, and for the
 * types that fire (or all, with `explain`) the features that pushed hardest.
 */
export function scoreEscalationHead(head: EscalationHead, units: Unit[], text: string, lang: string, j: Judgement | null, explain = false, lex: { pos: number; neg: number } | null = null): HeadScore[] | null {
  const h = head.langs.get(lang);
  if (!h) return null;
  gatherFeatures(h, units, text, lang, j, lex);
  const { ids, z } = h.scratch;
  const n = h.scratch.n;
  const T = h.nTypes;
  for (let t = 0; t < T; t++) z[t] = h.bias[t];
  for (let k = 0; k < n; k++) {
    const o = ids[k] * T;
    for (let t = 0; t < T; t++) z[t] += h.w[o + t];
  }
  // which types the head changes: a rule hit below `keep`, or a type without one at `add` or above
  let changes = 0;
  for (let t = 0; t < T; t++) {
    const rule = j !== null && j.hits.some((x) => x.id === h.types[t]);
    if (rule ? z[t] < h.keepZ[t] : z[t] >= h.addZ[t] && !setAside(j, h.types[t])) changes |= 1 << t;
  }
  if (changes === 0 && !explain) return null;
  const out: HeadScore[] = [];
  for (let t = 0; t < T; t++) {
    const s: HeadScore = { id: h.types[t], p: 1 / (1 + Math.exp(-z[t])), add: h.add[t], keep: h.keepP[t], top: [] };
    // the features behind a change (or every type's, to explain)
    if (explain || changes & (1 << t)) {
      const top: { feature: string; weight: number }[] = [];
      for (let k = 0; k < n; k++) {
        const weight = Math.round(h.w[ids[k] * T + t] * 100) / 100;
        if (weight !== 0) top.push({ feature: h.names[ids[k]], weight });
      }
      s.top = top.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, 4);
    }
    out.push(s);
  }
  return out;
}

/**
 * The judge set a match of this type aside in context (quoted, negated, asked about, a look-alike,
 * the brand's words): the head does not add the type back. Its features see no quotation marks or
 * negation scope; the judge does.
 */
export function setAside(j: Judgement | null, type: string): boolean {
  return j !== null && j.suppressed.some((s) => s.id === type && (s as JudgedCue).kind !== 'head');
}
