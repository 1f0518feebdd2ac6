/**
 * The model compiled for classification: every feature of every head interned once to a number
 * (one hash lookup per feature for all heads), per-head weights in flat typed arrays indexed by
 * feature id, and side indexes so that bigrams ("a_b") and negation-scoped stems ("¬a") are found
 * without building their strings per post. Pure: no I/O.
 */
import type { HeadName, Model, NbHead } from './model.js';

export interface HeadTable {
  head: NbHead;
  classes: number;
  /** log P(feature | class): weights[id * classes + c]; 0 where the head lacks the feature */
  weights: Float64Array;
  /** scratch for the current post's sums (see scoreIds) */
  out: Float64Array<ArrayBuffer>;
}

export interface FeatureTable {
  ids: Map<string, number>;
  /** first word key → second word key → id of the bigram feature "first_second" */
  bigrams: Map<string, Map<string, number>>;
  /** word key → id of "¬key" */
  negated: Map<string, number>;
  /** two-code-unit features (Chinese character bigrams) by (c0 << 16) | c1: an int32 key, no boxed number */
  hanPairs: Map<number, number>;
  /** scratch: the code units of the current run of Chinese words */
  han: Uint16Array;
  names: string[];
  heads: Partial<Record<HeadName, HeadTable>>;
  /** per-post dedupe: stamp[id] === current post number when already taken */
  stamp: Uint32Array;
  post: number;
  /** unique per table (so per classifier: rules + model): tags the facts cached in word units */
  serial: number;
  /** the current post's feature ids (grown on demand) */
  buf: Int32Array;
  /** ids of the rule pseudo-features, so the hot path builds none of their strings */
  rule: RuleFeatureIds;
}

export interface RuleFeatureIds {
  caps: number | undefined;
  elong: number | undefined;
  /** "§lex:-3" .. "§lex:3" at index bucket + 3 */
  lex: (number | undefined)[];
  /** "§c:<cue id>", "§t:<topic id>", "§e:<escalation id>" by id */
  complaint: Map<string, number>;
  topic: Map<string, number>;
  escalation: Map<string, number>;
}

function ruleFeatureIds(ids: Map<string, number>): RuleFeatureIds {
  const byPrefix = (prefix: string) => {
    const m = new Map<string, number>();
    for (const [f, id] of ids) if (f.startsWith(prefix)) m.set(f.slice(prefix.length), id);
    return m;
  };
  return {
    caps: ids.get('§caps'),
    elong: ids.get('§elong'),
    lex: [-3, -2, -1, 0, 1, 2, 3].map((b) => ids.get('§lex:' + b)),
    complaint: byPrefix('§c:'),
    topic: byPrefix('§t:'),
    escalation: byPrefix('§e:'),
  };
}

let serials = 0;

export function buildFeatureTable(model: Model): FeatureTable {
  const ids = new Map<string, number>();
  const names: string[] = [];
  for (const head of Object.values(model.heads)) {
    for (const f of head.features.keys()) {
      if (!ids.has(f)) {
        ids.set(f, names.length);
        names.push(f);
      }
    }
  }
  const bigrams = new Map<string, Map<string, number>>();
  const negated = new Map<string, number>();
  const hanPairs = new Map<number, number>();
  for (let id = 0; id < names.length; id++) {
    const f = names[id];
    if (f.length === 2) hanPairs.set((f.charCodeAt(0) << 16) | f.charCodeAt(1), id);
    if (f.charCodeAt(0) === 0xac /* ¬ */) negated.set(f.slice(1), id);
    const u = f.indexOf('_');
    if (u > 0 && u < f.length - 1) {
      const a = f.slice(0, u);
      let m = bigrams.get(a);
      if (!m) bigrams.set(a, (m = new Map()));
      m.set(f.slice(u + 1), id);
    }
  }
  const heads: FeatureTable['heads'] = {};
  for (const [name, head] of Object.entries(model.heads) as [HeadName, NbHead][]) {
    const C = head.classes.length;
    const weights = new Float64Array(names.length * C);
    for (const [f, lp] of head.features) {
      const base = ids.get(f)! * C;
      for (let c = 0; c < C; c++) weights[base + c] = lp[c];
    }
    heads[name] = { head, classes: C, weights, out: new Float64Array(C) };
  }
  return { ids, bigrams, negated, hanPairs, han: new Uint16Array(1 << 16), names, heads, stamp: new Uint32Array(names.length), post: 0, serial: ++serials, buf: new Int32Array(512), rule: ruleFeatureIds(ids) };
}

/** Log joint per class over feature ids: the same sums as scoreHead over the same features, in order. */
export function scoreIds(t: HeadTable, ids: ArrayLike<number>, n: number, out = new Float64Array(t.classes)): Float64Array {
  const C = t.classes;
  const prior = t.head.logPrior;
  const w = t.weights;
  for (let c = 0; c < C; c++) out[c] = prior[c];
  for (let i = 0; i < n; i++) {
    const base = ids[i] * C;
    for (let c = 0; c < C; c++) out[c] += w[base + c];
  }
  return out;
}

