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
  let mean = 0;
  for (const x of joint) mean += x;
  mean /= joint.length;
  return Array.from(joint, (x) => Math.max(-clip, Math.min(clip, x - mean)));
}

export function softmax(z: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) if (z[i] > max) max = z[i];
  const e = Array.from({ length: z.length }, (_, i) => Math.exp(z[i] - max));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
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
