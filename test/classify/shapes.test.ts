import { describe, expect, it } from 'vitest';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../src/entry/classifier-files.js';
import { compileShapes, findShape } from '../../src/classify/lexicon/shapes.js';

const withModel = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);

describe('sentiment on the shapes of real speech (rules/sentiment/shapes.yaml)', () => {
  it('an eye-roll turns a positive reading negative, and the explanation names the shape', () => {
    const v = withModel.classify('Oh great… really loving sleeping on the airport floor 🙄', 'en', { explain: true });
    expect(v.sentiment.label).toBe('negative');
    expect(v.explain!.shape).toMatchObject({ id: 'eye-roll', kind: 'sarcasm', marker: '🙄', was: 'positive' });
  });

  it('a balanced phrase is neutral', () => {
    expect(withModel.classify('not great, not terrible', 'en').sentiment.label).toBe('neutral');
    expect(withModel.classify('Ani dobrze, ani źle, takie sobie jedzenie', 'pl').sentiment.label).toBe('neutral');
  });

  it('a weak marker needs negative evidence beside it', () => {
    expect(withModel.classify('Love how quick the refund was, thank you', 'en').sentiment.label).toBe('positive');
    expect(withModel.classify('Love how my bag is lost again, thanks guys', 'en').sentiment.label).toBe('negative');
  });

  it('markers match whole words only, and scare quotes round a positive word count as a weak marker', () => {
    const shapes = compileShapes([
      { id: 's', kind: 'sarcasm', strength: 'weak', markers: { en: ['oh great'] }, scare_quotes: true },
      { id: 'b', kind: 'balanced', strength: 'strong', markers: { en: ['meh'] }, scare_quotes: false },
    ]);
    expect(findShape('oh greatest day ever', 'en', shapes, undefined, true)).toBeNull();
    expect(findShape('Oh great, another delay', 'en', shapes, undefined, true)).toMatchObject({ id: 's', marker: 'oh great' });
    expect(findShape('Oh great, another delay', 'en', shapes, undefined, false)).toBeNull();
    expect(findShape('mehmet is here', 'en', shapes, undefined, false)).toBeNull();
    expect(findShape('food was meh', 'en', shapes, undefined, false)).toMatchObject({ id: 'b' });
    const en = withModel.rules.langs.get('en');
    expect(findShape('thanks for the "helpful" advice', 'en', shapes, en, true)).toMatchObject({ id: 's', marker: '"helpful"' });
    expect(findShape('we watched "the terrible twos" again', 'en', shapes, en, true)).toBeNull();
  });

  it('slang and outages: "leży" of a bank is negative, an outage outranks the lunch it spoiled', () => {
    expect(withModel.classify('Lumen Bank leży. Karta odrzucona…', 'pl').sentiment.label).toBe('negative');
    expect(withModel.classify("Can't pay for the kids' lunch… total outage", 'en').topics[0].id).toBe('outage');
  });
});

describe('complaint by rules: whom an English post addresses (scoring.yaml complaint.by_lang)', () => {
  it('a post to a customer-service handle leans complaint, the same words to no one less so; other languages keep the base weights', () => {
    const to = withModel.classify('@shopco_help my parcel is late', 'en').complaint.score;
    const none = withModel.classify('my parcel is late', 'en').complaint.score;
    expect(to).toBeGreaterThan(none);
    const plTo = withModel.classify('@sklep paczka się spóźnia', 'pl').complaint.score;
    const plNone = withModel.classify('paczka się spóźnia', 'pl').complaint.score;
    expect(Math.abs(plTo - plNone)).toBeLessThan(1e-9);
  });
});
