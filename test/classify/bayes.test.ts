import { describe, expect, it } from 'vitest';
import { fitCalibration, applyCalibration, tuneOffsets } from '../../src/classify/bayes/calibrate.js';
import { modelFromJson, modelToJson, ModelFormatError } from '../../src/classify/bayes/model.js';
import { centredLogits, scoreHead, trainHead } from '../../src/classify/bayes/nb.js';
import { createClassifier, headInputs } from '../../src/classify/classifier.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../src/entry/classifier-files.js';
import { feedbackToRecords } from '../../src/classify/feedback.js';
import { trainModel, type TrainingRecord } from '../../src/classify/train.js';
import { rulesClassifier } from './helpers.js';

describe('naive Bayes head', () => {
  const head = trainHead([
    { features: ['late', 'flight'], label: 'delay' },
    { features: ['late', 'train'], label: 'delay' },
    { features: ['bag', 'lost'], label: 'luggage' },
    { features: ['bag', 'missing'], label: 'luggage' },
  ]);
  it('scores only the features a post has, ignoring unknown ones', () => {
    const s = scoreHead(head, ['late', 'never-seen']);
    expect(s[head.classes.indexOf('delay')]).toBeGreaterThan(s[head.classes.indexOf('luggage')]);
  });
  it('survives a JSON round trip unchanged in its decisions', () => {
    const model = { version: 't', heads: { topic: head }, zhWords: ['好吃'], meta: {} };
    const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    expect(Array.from(scoreHead(back.heads.topic!, ['bag']))).toEqual(Array.from(scoreHead(head, ['bag'])).map((x) => expect.closeTo(x, 3)));
    expect(back.zhWords).toEqual(['好吃']);
  });
  it('refuses a file of another format or version', () => {
    expect(() => modelFromJson({ format: 'other' })).toThrow(ModelFormatError);
    expect(() => modelFromJson({ format: 'backlash-nb', version: 99, heads: {} })).toThrow(/version 99/);
  });
});

describe('calibration', () => {
  it('moves a decision boundary to where F1 of the wanted class is best, and leaves a good one alone', () => {
    // one input; class 1 holds x ≥ 0.3, but the layer puts the boundary at 0
    const X = Array.from({ length: 400 }, (_, i) => [i / 200 - 1]);
    const y = X.map(([x]) => (x >= 0.3 ? 1 : 0));
    const cal = { inputs: ['x'], weights: [[0], [10]], bias: [0, 0] };
    const off = tuneOffsets(cal, X, y, { positive: 1, range: 5, step: 0.5 });
    expect(off[0]).toBe(0);
    expect(off[1]).toBe(-3);
    const f1 = (o: number[]) => {
      const t = { ...cal, bias: cal.bias.map((b, c) => b + o[c]) };
      const p = X.map((x) => applyCalibration(t, x)[1] > 0.5);
      const tp = p.filter((v, i) => v && y[i]).length;
      return (2 * tp) / (p.filter(Boolean).length + y.filter(Boolean).length);
    };
    expect(f1(off)).toBe(1);
    expect(f1([0, 0])).toBeLessThan(0.9);
    const right = { inputs: ['x'], weights: [[0], [10]], bias: [0, -3] };
    expect(tuneOffsets(right, X, y, { positive: 1, range: 5, step: 0.5 })).toEqual([0, 0]);
  });

  it('learns which input predicts the class', () => {
    const X = Array.from({ length: 200 }, (_, i) => [i % 2, Math.sin(i)]);
    const y = X.map(([a]) => a);
    const cal = fitCalibration(['signal', 'noise'], X, y, 2);
    expect(applyCalibration(cal, [1, 0])[1]).toBeGreaterThan(0.8);
    expect(applyCalibration(cal, [0, 0])[1]).toBeLessThan(0.2);
  });
});

const RECORDS: TrainingRecord[] = [];
for (let i = 0; i < 12; i++) {
  RECORDS.push({ text: `my parcel number ${i} never arrived, the courier lost it`, sentiment: 'negative', complaint: true, topic: 'Lost Parcel' });
  RECORDS.push({ text: `charged twice on card ${i}, want my money back`, sentiment: 'negative', complaint: true, topic: 'Double Charge' });
  RECORDS.push({ text: `thank you for the lovely gift number ${i}`, sentiment: 'positive', complaint: false });
  RECORDS.push({ text: `what time do you open on day ${i}`, sentiment: 'neutral', complaint: false });
  RECORDS.push({ text: `送餐太慢了，等了${i}个小时`, sentiment: 'negative', complaint: true });
  RECORDS.push({ text: `味道很好，第${i}次点了`, sentiment: 'positive', complaint: false });
}

describe('training', () => {
  const rules = rulesClassifier().rules;
  const model = trainModel(RECORDS, rules);
  const clf = createClassifier(rules, model);
  it('learns every head the records carry, with calibration', () => {
    expect(Object.keys(model.heads).sort()).toEqual(['complaint', 'sentiment', 'topic']);
    expect(model.heads.sentiment!.calibration?.inputs[0]).toBe('nb:negative');
  });
  it('estimates from the out-of-fold predictions how well each head will do, low when the labels are noise', () => {
    const est = model.meta.estimates as Record<string, { metric: string; value: number; posts: number }>;
    expect(est.sentiment).toMatchObject({ metric: 'macro-F1', posts: RECORDS.length });
    expect(est.complaint.metric).toBe('F1');
    expect(est.sentiment.value).toBeGreaterThan(0.9);
    expect(est.complaint.value).toBeGreaterThan(0.9);
    // the same texts with complaint labels that follow nothing in them
    const noise = RECORDS.map((r, i) => ({ text: r.text, complaint: ((i * 7) % 5) % 2 === 0 }));
    const noisy = trainModel(noise, rules, { heads: ['complaint'] }).meta.estimates as Record<string, { value: number }>;
    expect(noisy.complaint.value).toBeLessThan(est.complaint.value - 0.2);
  });
  it('returns learned topics as topics', () => {
    const v = clf.classify('the courier lost my parcel', 'en');
    expect(v.topics.map((t) => t.id)).toContain('Lost Parcel');
    expect(clf.classify('charged twice again', 'en').topics.map((t) => t.id)).toContain('Double Charge');
  });
  it('learns Chinese words with Intl.Segmenter and keeps them in the model', () => {
    expect(model.zhWords.length).toBeGreaterThan(0);
    expect(clf.classify('送餐太慢了', 'zh').sentiment.label).toBe('negative');
  });
  it('explains which model features decided', () => {
    const v = clf.classify('the courier lost my parcel', 'en', { explain: true });
    const m = v.explain!.model as { sentiment: { features: { feature: string }[] }; topic: { best: string } };
    expect(m.topic.best).toBe('Lost Parcel');
    expect(m.sentiment.features.length).toBeGreaterThan(0);
    expect(v.explain!.combination).toMatchObject({ sentiment: 'model + rules, calibrated' });
  });
  it('explains rules-only verdicts by lexicon entries and cues', () => {
    const v = rulesClassifier().classify('The staff was nice but the food was not good', 'en', { explain: true });
    const lex = v.explain!.lexicon as { hits: { text: string; why?: string[] }[] };
    expect(lex.hits.find((h) => h.text === 'nice')?.why).toContain('before "but"');
    expect(lex.hits.find((h) => h.text === 'good')?.why).toEqual(expect.arrayContaining(['negated by "not"', 'after "but"']));
  });
});

describe('training on top of a base model', () => {
  const shipped = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
  const rules = shipped.rules;
  const base = shipped.model!;
  const complaintsOnly = RECORDS.map(({ text, complaint }) => ({ text, complaint }));
  const TEXTS = ['the courier lost my parcel and nobody answers', 'thank you, lovely service today', 'what time do you open on Sunday', 'my card was charged twice, want my money back'];

  it('keeps the heads the records do not label, so a complaint-only model still judges sentiment and topics', () => {
    const model = trainModel(complaintsOnly, rules, { base });
    expect(model.heads.sentiment).toBe(base.heads.sentiment);
    expect(model.heads.topic).toBe(base.heads.topic);
    expect(model.heads.prior).toBeUndefined();
    expect(model.meta.base).toBe(base.version);
    const clf = createClassifier(rules, model);
    for (const t of TEXTS) expect(clf.classify(t, 'en').sentiment).toEqual(shipped.classify(t, 'en').sentiment);
    // without a base the same records give a complaint head alone: sentiment falls back to the rules
    const alone = trainModel(complaintsOnly, rules, { base: null });
    expect(Object.keys(alone.heads)).toEqual(['complaint']);
    expect(createClassifier(rules, alone).classify(TEXTS[0], 'en', { explain: true }).explain!.combination).toMatchObject({ sentiment: 'rules only (scoring.yaml thresholds)' });
  });

  it("weighs the base model's sentiment log-odds in the complaint head, on the classification fast path too", () => {
    const model = trainModel(complaintsOnly, rules, { base });
    const cal = model.heads.complaint!.calibration!;
    expect(cal.inputs.slice(-3)).toEqual(['prior:negative', 'prior:neutral', 'prior:positive']);
    expect(cal.weights[0].length).toBe(cal.inputs.length);
    const clf = createClassifier(rules, model);
    const ch = model.heads.complaint!;
    for (const t of TEXTS) {
      // the slow path, spelled out: features as strings, every head scored by name
      const a = clf.analyse(t, 'en')!;
      const prior = centredLogits(scoreHead(model.heads.sentiment!, a.features));
      const expected = applyCalibration(cal, headInputs('complaint', ch, scoreHead(ch, a.features), a.signals, prior))[ch.classes.indexOf('true')];
      expect(clf.classify(t, 'en').complaint.score).toBeCloseTo(expected, 3);
    }
  });

  it("keeps the base sentiment head as the prior of a sentiment head it learns, through a JSON round trip", () => {
    const model = trainModel(RECORDS, rules, { base });
    expect(model.heads.sentiment).not.toBe(base.heads.sentiment);
    expect(model.heads.prior!.calibration).toBeUndefined();
    expect(model.heads.sentiment!.calibration!.inputs).toContain('prior:positive');
    const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(model))));
    expect(Object.keys(back.heads).sort()).toEqual(['complaint', 'prior', 'sentiment', 'topic']);
    const a = createClassifier(rules, model);
    const b = createClassifier(rules, back);
    for (const t of TEXTS) {
      const [x, y] = [a.classify(t, 'en'), b.classify(t, 'en')];
      expect(y.sentiment.label).toBe(x.sentiment.label);
      expect(y.complaint.score).toBeCloseTo(x.complaint.score, 2);
    }
  });
});

describe('feedback', () => {
  it('turns corrections into training records, the latest correction per field winning', () => {
    const recs = feedbackToRecords(
      [
        { post_id: 'p1', text: 'meh', sentiment: 'positive', actor: 'a', at: 1 },
        { post_id: 'p1', text: 'meh', sentiment: 'negative', actor: 'b', at: 2 },
        { post_id: 'p1', text: 'meh', complaint: 1, actor: 'b', at: 3 },
        { post_id: 'p2', text: 'x', actor: 'c', at: 1 },
      ],
      { weight: 1 },
    );
    expect(recs).toEqual([{ text: 'meh', lang: undefined, sentiment: 'negative', complaint: true }]);
  });
});
