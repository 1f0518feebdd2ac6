/** Per-class precision, recall, F1 and a confusion matrix; macro-F1 over the gold labels. */
export interface ClassReport {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Report {
  labels: string[];
  predictedLabels: string[];
  perClass: ClassReport[];
  macroF1: number;
  accuracy: number;
  confusion: number[][]; // [gold][predicted], predicted labels may include extra ones (e.g. neutral)
  n: number;
}

export function evaluate(gold: string[], predicted: string[], labels?: string[]): Report {
  const goldLabels = labels ?? [...new Set(gold)].sort();
  const predictedLabels = [...goldLabels, ...[...new Set(predicted)].filter((p) => !goldLabels.includes(p)).sort()];
  const gi = new Map(goldLabels.map((l, i) => [l, i]));
  const pi = new Map(predictedLabels.map((l, i) => [l, i]));
  const confusion = goldLabels.map(() => new Array(predictedLabels.length).fill(0));
  let correct = 0;
  let n = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gi.get(gold[i]);
    if (g === undefined) continue;
    confusion[g][pi.get(predicted[i])!]++;
    n++;
    if (gold[i] === predicted[i]) correct++;
  }
  const perClass = goldLabels.map((label, g) => {
    const tp = confusion[g][pi.get(label)!];
    const support = confusion[g].reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[pi.get(label)!], 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  const macroF1 = perClass.reduce((a, c) => a + c.f1, 0) / Math.max(1, perClass.length);
  return { labels: goldLabels, predictedLabels, perClass, macroF1, accuracy: n ? correct / n : 0, confusion, n };
}

/** F1 of one class (e.g. complaint = true), as the complaint literature reports it. */
export function binaryF1(gold: boolean[], predicted: boolean[]): { precision: number; recall: number; f1: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < gold.length; i++) {
    if (predicted[i] && gold[i]) tp++;
    else if (predicted[i]) fp++;
    else if (gold[i]) fn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export function formatReport(r: Report, title = ''): string {
  const w = Math.max(9, ...r.predictedLabels.map((l) => l.length)) + 1;
  const lines: string[] = [];
  if (title) lines.push(title);
  lines.push(`${'label'.padEnd(w)} precision  recall     f1  support`);
  for (const c of r.perClass) lines.push(`${c.label.padEnd(w)} ${c.precision.toFixed(3).padStart(9)} ${c.recall.toFixed(3).padStart(7)} ${c.f1.toFixed(3).padStart(6)} ${String(c.support).padStart(8)}`);
  lines.push(`macro-F1 ${r.macroF1.toFixed(3)}   accuracy ${r.accuracy.toFixed(3)}   n ${r.n}`);
  lines.push('', `confusion (rows: gold, columns: predicted)`);
  lines.push(''.padEnd(w) + r.predictedLabels.map((l) => l.slice(0, 10).padStart(11)).join(''));
  r.confusion.forEach((row, g) => lines.push(r.labels[g].padEnd(w) + row.map((x) => String(x).padStart(11)).join('')));
  return lines.join('\n');
}
