import { describe, expect, it } from 'vitest';
import { rulesClassifier } from './helpers.js';

const label = (text: string, lang?: string) => rulesClassifier().classify(text, lang).sentiment.label;
const score = (text: string, lang?: string) => rulesClassifier().classify(text, lang).sentiment.score;

describe('lexicon sentiment, English', () => {
  it('reads plain praise and plain anger', () => {
    expect(label('the crew were amazing, thank you')).toBe('positive');
    expect(label('worst airline ever, absolutely terrible')).toBe('negative');
    expect(label('what time does the store open tomorrow')).toBe('neutral');
  });
  it('flips a negated positive and softens a negated negative', () => {
    expect(label('the food was good')).toBe('positive');
    expect(label('the food was not good')).toBe('negative');
    expect(score('not bad')).toBeGreaterThan(0);
    expect(score('not bad')).toBeLessThan(score('good'));
  });
  it('lets the clause after "but" decide', () => {
    expect(label('The staff was nice but the food was awful')).toBe('negative');
    expect(label('The food was awful but the staff were wonderful and fixed everything')).toBe('positive');
  });
  it('weighs an "although" clause less than the main clause', () => {
    expect(label('although the room was small, the staff were wonderful')).toBe('positive');
  });
  it('strengthens intensified, shouted, elongated and exclaimed words', () => {
    expect(score('very bad')).toBeLessThan(score('bad'));
    expect(score('slightly bad')).toBeGreaterThan(score('bad'));
    expect(score('this is BAD today')).toBeLessThan(score('this is bad today'));
    expect(score('this is baaad')).toBeLessThan(score('this is bad'));
    expect(score('sooo bad')).toBeLessThan(score('bad'));
    expect(score('bad!!!')).toBeLessThan(score('bad'));
  });
  it('scores emoji and emoticons', () => {
    expect(label('on my way 😍')).toBe('positive');
    expect(label('on my way :(')).toBe('negative');
  });
});

describe('lexicon sentiment, Polish', () => {
  it('reads inflected forms and negation', () => {
    expect(label('Bardzo miła i kompetentna pani doktor, polecam!', 'pl')).toBe('positive');
    expect(label('Nie polecam, lekarz był opryskliwy', 'pl')).toBe('negative');
    expect(label('Lekarz nie był miły', 'pl')).toBe('negative');
    expect(label('Wizyta trwała piętnaście minut.', 'pl')).toBe('neutral');
  });
  it('lets "ale" decide', () => {
    expect(label('Miła pani, ale zupełnie nie pomogła i straciłam pieniądze', 'pl')).toBe('negative');
  });
});

describe('lexicon sentiment, Chinese', () => {
  it('reads words inside unsegmented text, with negation and degree words', () => {
    expect(label('送餐很快，味道也很好', 'zh')).toBe('positive');
    expect(label('不好吃', 'zh')).toBe('negative');
    expect(label('味道不新鲜', 'zh')).toBe('negative');
    expect(score('非常好吃', 'zh')).toBeGreaterThan(score('好吃', 'zh'));
  });
  it('lets 但是 decide and discounts a 虽然 clause', () => {
    expect(label('房间很干净，但是隔音太差了', 'zh')).toBe('negative');
    expect(label('虽然有点贵，但是环境很好，服务也很周到', 'zh')).toBe('positive');
  });
});

describe('other languages', () => {
  it('are detected, marked and scored neutral with low confidence', () => {
    const v = rulesClassifier().classify('Das Essen war schrecklich und der Service sehr schlecht');
    expect(v.lang).toBe('de');
    expect(v.sentiment).toMatchObject({ label: 'neutral', score: 0 });
    expect(v.sentiment.confidence).toBeLessThan(0.3);
    expect(v.complaint.is).toBe(false);
  });
});
