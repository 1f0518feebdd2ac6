/**
 * Multinomial naive Bayes over binarised features (a feature counts once per post), trained by
 * counting and scored sparsely: only the features a post has are looked up, so the cost of a
 * post does not grow with the vocabulary.
 */
import type { NbHead } from './model.js';

export interface LabelledFeatures {
  features: string[];
  label: string;
}

export interface TrainHeadOptions {
  alpha?: number;
  /** drop features seen in fewer posts than this (keeps shipped models small) */
  minCount?: number;
  classes?: string[];
}

export function trainHead(docs: LabelledFeatures[], opts: TrainHeadOptions = {}): NbHead {
  const alpha = opts.alpha ?? 0.5;
  const minCount = opts.minCount ?? 1;
  const classes = opts.classes ?? [...new Set(docs.map((d) => d.label))].sort();
  const ci = new Map(classes.map((c, i) => [c, i]));
  const C = classes.length;
  const docCount = new Float64Array(C);
  const counts = new Map<string, Float64Array>();
  for (const d of docs) {
    const c = ci.get(d.label);
    if (c === undefined) continue;
    docCount[c]++;
    for (const f of d.features) {
      let row = counts.get(f);
      if (!row) counts.set(f, (row = new Float64Array(C)));
      row[c]++;
    }
  }
  const total = new Float64Array(C);
  const kept: [string, Float64Array][] = [];
  for (const [f, row] of counts) {
    let n = 0;
    for (let c = 0; c < C; c++) n += row[c];
    if (n < minCount) continue;
    kept.push([f, row]);
    for (let c = 0; c < C; c++) total[c] += row[c];
  }
  const V = kept.length + 1;
  const denom = Array.from(total, (t) => Math.log(t + alpha * V));
  const features = new Map<string, Float64Array>();
  for (const [f, row] of kept) {
    const lp = new Float64Array(C);
    for (let c = 0; c < C; c++) lp[c] = Math.log(row[c] + alpha) - denom[c];
    features.set(f, lp);
  }
  const N = docs.length;
  const logPrior = Array.from(docCount, (n) => Math.log((n + 1) / (N + C)));
  return { classes, logPrior, features, docs: N };
}

/** Log joint per class (unnormalised), summed over the post's known features. */
export function scoreHead(head: NbHead, features: string[], out = new Float64Array(head.classes.length)): Float64Array {
  const C = head.classes.length;
  for (let c = 0; c < C; c++) out[c] = head.logPrior[c];
  for (const f of features) {
    const lp = head.features.get(f);
    if (lp === undefined) continue;
    for (let c = 0; c < C; c++) out[c] += lp[c];
  }
  return out;
}

/** Log joint → centred log-odds, clipped: a stable input for calibration. */
export function centredLogits(joint: Float64Array, clip = 25): number[] {
  const n = joint.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += joint[i];
  mean /= n;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = joint[i] - mean;
    out[i] = x < -clip ? -clip : x > clip ? clip : x;
  }
  return out;
}

export function softmax(z: ArrayLike<number>): number[] {
  const n = z.length;
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (z[i] > max) max = z[i];
  const e = new Array<number>(n);
  let s = 0;
  for (let i = 0; i < n; i++) s += e[i] = Math.exp(z[i] - max);
  for (let i = 0; i < n; i++) e[i] /= s;
  return e;
}

/** Features that pushed hardest toward `cls`, for explanations. */
export function topFeatures(head: NbHead, features: string[], cls: number, k = 6): { feature: string; weight: number }[] {
  const C = head.classes.length;
  const out: { feature: string; weight: number }[] = [];
  for (const f of features) {
    const lp = head.features.get(f);
    if (!lp) continue;
    let rest = 0;
    for (let c = 0; c < C; c++) if (c !== cls) rest += lp[c];
    const w = lp[cls] - rest / Math.max(1, C - 1);
    if (w > 0) out.push({ feature: f, weight: Math.round(w * 100) / 100 });
  }
  return out.sort((a, b) => b.weight - a.weight).slice(0, k);
}

export interface RefineOptions {
  epochs?: number;
  /** learning rate of the first epoch (decays as rate / (1 + epoch)) */
  rate?: number;
  l2?: number;
  /** weight classes inversely to their frequency (macro-F1 on skewed label sets) */
  balanced?: boolean;
  seed?: number;
}

/**
 * Discriminative refinement of a head: keeps its sparse table shape (feature → one weight per
 * class, plus a bias per class in logPrior) but fits the weights by class-balanced softmax
 * regression (SGD) over the same binarised features, starting from zero. Scoring is unchanged
 * (sum of the post's feature weights), so a refined head costs exactly what a naive Bayes head
 * costs. Used where naive Bayes' independence assumption hurts most: many small, overlapping
 * classes (complaint reasons) and complaint detection.
 */
export function refineHead(docs: LabelledFeatures[], classes: string[], opts: RefineOptions = {}): NbHead {
  const epochs = opts.epochs ?? 20;
  const rate = opts.rate ?? 0.05;
  const l2 = opts.l2 ?? 1e-4;
  const C = classes.length;
  const ci = new Map(classes.map((c, i) => [c, i]));
  const rows = docs.filter((d) => ci.has(d.label));
  const W = new Map<string, Float64Array>();
  const b = new Float64Array(C);
  const freq = new Float64Array(C);
  for (const d of rows) freq[ci.get(d.label)!]++;
  const cw = Array.from(freq, (f) => (opts.balanced === false ? 1 : rows.length / (C * Math.max(1, f))));
  const ws = rows.map((d) =>
    d.features.map((f) => {
      let w = W.get(f);
      if (!w) W.set(f, (w = new Float64Array(C)));
      return w;
    }),
  );
  const ys = rows.map((d) => ci.get(d.label)!);
  const p = new Float64Array(C);
  let seed = opts.seed ?? 1;
  const rnd = () => (seed = Math.imul(seed, 48271) % 2147483647 & 0x7fffffff) / 2147483647;
  const order = rows.map((_, i) => i);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    const eta = rate / (1 + ep);
    for (const k of order) {
      const fw = ws[k];
      const y = ys[k];
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let s = b[c];
        for (const w of fw) s += w[c];
        p[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += p[c] = Math.exp(p[c] - max);
      for (let c = 0; c < C; c++) {
        const g = cw[y] * (p[c] / sum - (c === y ? 1 : 0));
        b[c] -= eta * g;
        for (const w of fw) w[c] -= eta * (g + l2 * w[c]);
      }
    }
  }
  // features the fit left at (almost) nothing only cost space
  for (const [f, w] of W) {
    let big = false;
    for (let c = 0; c < C; c++) if (Math.abs(w[c]) >= 0.005) big = true;
    if (!big) W.delete(f);
  }
  return { classes, logPrior: Array.from(b), features: W, docs: rows.length, refined: true };
}
