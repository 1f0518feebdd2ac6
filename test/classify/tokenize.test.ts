import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/classify/tokenize/detect-lang.js';
import { tokenizeLatin } from '../../src/classify/tokenize/latin.js';
import { normalisePolish } from '../../src/classify/tokenize/normalise-pl.js';
import { stemEnglish } from '../../src/classify/tokenize/stem-en.js';
import { buildZhDict, segmentHan } from '../../src/classify/tokenize/zh-dict.js';
import { tokenizeChinese } from '../../src/classify/tokenize/zh.js';

describe('tokenizers', () => {
  it('keeps mentions, urls, emoticons, emoji and punctuation shapes apart from words', () => {
    const u = tokenizeLatin('@Brand sooo BAD :(( 😡 see https://x.co/a !!!', stemEnglish);
    expect(u.map((x) => x.kind)).toEqual(['m', 'w', 'w', 'e', 'e', 'w', 'u', 'p']);
    expect(u[1]).toMatchObject({ text: 'soo', alt: 'so', elong: true });
    expect(u[2]).toMatchObject({ text: 'bad', caps: true });
    expect(u[3].text).toBe(':(');
    expect(u[7].text).toBe('!!');
  });

  it('stems English words so inflections meet', () => {
    expect(stemEnglish('delayed')).toBe(stemEnglish('delay'));
    expect(stemEnglish("don't")).toBe("don't");
  });

  it('normalises Polish inflection and diacritics onto one key', () => {
    const k = normalisePolish('polecam');
    for (const w of ['polecamy', 'poleciła', 'polecenie']) expect(normalisePolish(w)).toBe(k);
    expect(normalisePolish('miła')).toBe(normalisePolish('miły'));
    expect(normalisePolish('źle')).toBe(normalisePolish('zle'));
    expect(normalisePolish('nie')).toBe('nie');
  });

  it('segments Chinese by longest dictionary match and keeps unknown characters alone', () => {
    const dict = buildZhDict(['好吃', '不好吃', '送餐', '太慢']);
    const out: string[] = [];
    segmentHan('送餐太慢不好吃啊', dict, out);
    expect(out).toEqual(['送餐', '太慢', '不好吃', '啊']);
    const units = tokenizeChinese('很好吃!👍 OK', dict, stemEnglish);
    expect(units.map((x) => x.text)).toEqual(['很', '好吃', '!', '👍', 'ok']);
  });
});

describe('language detection', () => {
  it.each([
    ['The flight was delayed again and nobody told us', 'en'],
    ['Paczka nie dotarła, czekam już tydzień', 'pl'],
    ['Bardzo miła pani doktor, polecam', 'pl'],
    ['送餐太慢了，饭菜都凉了', 'zh'],
    ['Das Essen war nicht gut und der Service ist sehr langsam', 'de'],
    ['Le service est très lent et je ne suis pas content', 'fr'],
    // Polish typed without diacritics: "z" is Polish, "sie" German: a tie goes to Polish
    ['czuje sie z gory oceniony', 'pl'],
    ['WHY IS MY ORDER STILL NOT HERE', 'en'],
    ['配達がとても遅かったです', 'ja'],
    ['Доставка опоздала на два часа', 'ru'],
    ['🙂🙂', 'und'],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});
