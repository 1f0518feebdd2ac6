/**
 * Calibration: a small multinomial logistic regression over a handful of inputs (the model's
 * log-odds and the rule evidence), fitted on out-of-fold predictions so it learns how much each
 * source deserves on this data. Inputs are standardised while fitting and the weights folded back.
 */
import type { Calibration } from './model.js';

export interface FitOptions {
  l2?: number;
  iterations?: number;
  /** weight classes inversely to their frequency (better macro-F1 on skewed sets) */
  balanced?: boolean;
}

export function fitCalibration(inputs: string[], X: number[][], y: number[], C: number, opts: FitOptions = {}): Calibration {
  const l2 = opts.l2 ?? 1e-3;
  const iters = opts.iterations ?? 300;
  const N = X.length;
  const D = inputs.length;
  const mean = new Array(D).fill(0);
  const std = new Array(D).fill(0);
  for (const x of X) for (let d = 0; d < D; d++) mean[d] += x[d] / N;
  for (const x of X) for (let d = 0; d < D; d++) std[d] += (x[d] - mean[d]) ** 2 / N;
  for (let d = 0; d < D; d++) std[d] = Math.sqrt(std[d]) || 1;
  const Z = X.map((x) => x.map((v, d) => (v - mean[d]) / std[d]));
  const freq = new Array(C).fill(0);
  for (const c of y) freq[c]++;
  const sw = y.map((c) => (opts.balanced ? N / (C * Math.max(1, freq[c])) : 1));
  const swSum = sw.reduce((a, b) => a + b, 0);
  const W = Array.from({ length: C }, () => new Array(D).fill(0));
  const b = freq.map((f) => Math.log((f + 1) / (N + C)));
  // Adam on the full batch: a few hundred steps converge for a dozen inputs
  const mW = W.map((r) => r.map(() => 0));
  const vW = W.map((r) => r.map(() => 0));
  const mb = new Array(C).fill(0);
  const vb = new Array(C).fill(0);
  const lr = 0.05;
  const p = new Array(C).fill(0);
  for (let t = 1; t <= iters; t++) {
    const gW = W.map((r) => r.map(() => 0));
    const gb = new Array(C).fill(0);
    for (let i = 0; i < N; i++) {
      const z = Z[i];
      let max = -Infinity;
      for (let c = 0; c < C; c++) {
        let s = b[c];
        for (let d = 0; d < D; d++) s += W[c][d] * z[d];
        p[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < C; c++) sum += (p[c] = Math.exp(p[c] - max));
      for (let c = 0; c < C; c++) {
        const g = (sw[i] * (p[c] / sum - (y[i] === c ? 1 : 0))) / swSum;
        gb[c] += g;
        for (let d = 0; d < D; d++) gW[c][d] += g * z[d];
      }
    }
    for (let c = 0; c < C; c++) {
      for (let d = 0; d < D; d++) {
        const g = gW[c][d] + l2 * W[c][d];
        mW[c][d] = 0.9 * mW[c][d] + 0.1 * g;
        vW[c][d] = 0.999 * vW[c][d] + 0.001 * g * g;
        W[c][d] -= (lr * (mW[c][d] / (1 - 0.9 ** t))) / (Math.sqrt(vW[c][d] / (1 - 0.999 ** t)) + 1e-8);
      }
      mb[c] = 0.9 * mb[c] + 0.1 * gb[c];
      vb[c] = 0.999 * vb[c] + 0.001 * gb[c] * gb[c];
      b[c] -= (lr * (mb[c] / (1 - 0.9 ** t))) / (Math.sqrt(vb[c] / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  const weights = W.map((row) => row.map((w, d) => round(w / std[d])));
  const bias = b.map((bc, c) => round(bc - W[c].reduce((s, w, d) => s + (w * mean[d]) / std[d], 0)));
  return { inputs, weights, bias };
}

export function applyCalibration(cal: Calibration, x: number[]): number[] {
  const C = cal.bias.length;
  const z = new Array(C);
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    let s = cal.bias[c];
    const w = cal.weights[c];
    for (let d = 0; d < w.length; d++) s += w[d] * x[d];
    z[c] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let c = 0; c < C; c++) sum += (z[c] = Math.exp(z[c] - max));
  for (let c = 0; c < C; c++) z[c] /= sum;
  return z;
}

function round(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/**
 * Decision offsets for a fitted calibration layer: added to its biases, they move the boundaries
 * between classes to where the training posts' out-of-fold predictions score best, by macro-F1
 * over the classes or by F1 of one class (`positive`: the complaint class). A grid over one offset
 * per class after the first (steps of `step` within ±`range`); ties go to the smallest move.
 */
export function tuneOffsets(cal: Calibration, X: number[][], y: number[], opts: { positive?: number; range?: number; step?: number } = {}): number[] {
  const C = cal.bias.length;
  const range = opts.range ?? 1.5;
  const step = opts.step ?? 0.1;
  const logp = X.map((x) => applyCalibration(cal, x).map((p) => Math.log(Math.max(p, 1e-12))));
  const steps: number[] = [];
  for (let v = -range; v <= range + 1e-9; v += step) steps.push(Math.round(v * 1000) / 1000);
  const offsets = new Array(C).fill(0);
  let best = offsets.slice();
  let bestScore = score(offsets);
  let bestMove = 0;
  const search = (c: number) => {
    if (c === C) {
      const s = score(offsets);
      const move = offsets.reduce((a, o) => a + Math.abs(o), 0);
      if (s > bestScore + 1e-9 || (Math.abs(s - bestScore) <= 1e-9 && move < bestMove)) {
        bestScore = s;
        bestMove = move;
        best = offsets.slice();
      }
      return;
    }
    for (const v of steps) {
      offsets[c] = v;
      search(c + 1);
    }
    offsets[c] = 0;
  };
  if (C <= 3) search(1);
  return best;

  function score(off: number[]): number {
    return decisionF1(logp, y, C, opts.positive, off);
  }
}

/**
 * F1 of the decisions taken by argmax over per-class scores (plus optional offsets): macro-F1 over
 * the classes, or F1 of class `positive` alone.
 */
export function decisionF1(scores: number[][], y: number[], C: number, positive?: number, offsets?: number[]): number {
  const tp = new Array(C).fill(0);
  const fp = new Array(C).fill(0);
  const fn = new Array(C).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    let k = 0;
    for (let c = 1; c < C; c++) if (s[c] + (offsets?.[c] ?? 0) > s[k] + (offsets?.[k] ?? 0)) k = c;
    if (k === y[i]) tp[k]++;
    else {
      fp[k]++;
      fn[y[i]]++;
    }
  }
  const f1 = (c: number) => (tp[c] ? (2 * tp[c]) / (2 * tp[c] + fp[c] + fn[c]) : 0);
  if (positive !== undefined) return f1(positive);
  let sum = 0;
  for (let c = 0; c < C; c++) sum += f1(c);
  return sum / C;
}
