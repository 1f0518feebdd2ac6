import { describe, expect, it } from 'vitest';
import { binaryF1, evaluate, formatReport } from '../../src/classify/metrics.js';
import { parseCsv, parseRecords } from '../../src/classify/records.js';

describe('metrics', () => {
  it('computes per-class F1, macro-F1 over gold labels and a confusion matrix with extra predictions', () => {
    const r = evaluate(['pos', 'pos', 'neg', 'neg'], ['pos', 'neutral', 'neg', 'pos']);
    expect(r.labels).toEqual(['neg', 'pos']);
    expect(r.predictedLabels).toEqual(['neg', 'pos', 'neutral']);
    expect(r.confusion).toEqual([[1, 1, 0], [0, 1, 1]]);
    expect(r.perClass[0].f1).toBeCloseTo(2 / 3);
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0.5) / 2);
    expect(formatReport(r)).toMatch(/macro-F1 0\.583/);
  });
  it('computes the F1 of the positive class', () => {
    expect(binaryF1([true, true, false], [true, false, true]).f1).toBeCloseTo(0.5);
  });
});

describe('records', () => {
  it('reads CSV with quotes, commas and newlines', () => {
    expect(parseCsv('text,sentiment\n"a, ""b""\nc",negative\nd,positive\n')).toEqual([['text', 'sentiment'], ['a, "b"\nc', 'negative'], ['d', 'positive']]);
    const { records } = parseRecords('text,complaint,topic\nlate again,true,Late Flight\n', 'csv');
    expect(records).toEqual([{ text: 'late again', complaint: true, topic: 'Late Flight' }]);
  });
  it('reports bad JSONL lines and keeps the good ones', () => {
    const { records, errors } = parseRecords('{"text":"a","sentiment":"Positive"}\nnope\n{"id":1}\n', 'jsonl');
    expect(records).toEqual([{ text: 'a', sentiment: 'positive' }]);
    expect(errors.map((e) => e.line)).toEqual([2, 3]);
  });
});
