import { describe, expect, it } from 'vitest';
import { rulesClassifier } from './helpers.js';

const esc = (text: string, lang?: string) => rulesClassifier().classify(text, lang).escalation.map((e) => e.id);
const topics = (text: string, lang?: string) => rulesClassifier().classify(text, lang).topics.map((t) => t.id);

describe('escalation cues', () => {
  it.each([
    ['leave', "I'm switching to another provider after this", 'en'],
    ['legal', 'you will be hearing from my lawyer', 'en'],
    ['regulator', 'reporting this to the ombudsman', 'en'],
    ['press', 'a journalist friend is very interested in this story', 'en'],
    ['safety', 'my kid got food poisoning from your chicken', 'en'],
    ['boycott', 'boycott this company', 'en'],
    ['amplify', 'everyone retweet this please', 'en'],
    ['leave', 'Wypowiadam umowę, odchodzę do konkurencji', 'pl'],
    ['legal', 'Sprawę kieruję do sądu', 'pl'],
    ['regulator', 'Zgłoszę to do rzecznika praw konsumenta', 'pl'],
    ['press', 'Sprawą zainteresuję dziennikarzy', 'pl'],
    ['safety', 'Po jedzeniu miałem zatrucie i wylądowałem w szpitalu', 'pl'],
    ['boycott', 'Omijajcie ten sklep szerokim łukiem, bojkot!', 'pl'],
    ['amplify', 'Udostępnijcie proszę', 'pl'],
    ['leave', '再也不会在这家买了，销户', 'zh'],
    ['legal', '我要起诉你们', 'zh'],
    ['regulator', '已经打了12315', 'zh'],
    ['press', '准备联系媒体曝光', 'zh'],
    ['safety', '吃完食物中毒住院了', 'zh'],
    ['boycott', '大家抵制这家店', 'zh'],
    ['amplify', '求转发扩散', 'zh'],
  ])('%s: %s', (id, text, lang) => {
    expect(esc(text, lang)).toContain(id);
  });

  it('reports the phrase that matched', () => {
    const v = rulesClassifier().classify('Everyone retweet this!', 'en');
    expect(v.escalation).toEqual([{ id: 'amplify', cue: 'everyone retweet' }]);
  });

  it('stays quiet on ordinary posts', () => {
    expect(esc('thanks for the quick delivery', 'en')).toEqual([]);
  });
});

describe('topics', () => {
  it('map to pillar and touchpoint', () => {
    const v = rulesClassifier().classify('@PowerCo charged twice on my direct debit', 'en');
    expect(v.topics[0]).toMatchObject({ id: 'billing', pillar: 'integrity', touchpoint: 'billing' });
  });
  it('match in each language', () => {
    expect(topics('the courier left my parcel in the rain', 'en')).toContain('delivery');
    expect(topics('Kurier zgubił moją paczkę', 'pl')).toContain('delivery');
    expect(topics('骑手送错了地址', 'zh')).toContain('delivery');
  });
});

describe('complaints', () => {
  it('tells a complaint from a question and from thanks', () => {
    const c = rulesClassifier();
    expect(c.classify('@ShopCo my order still hasn\'t arrived after 2 weeks and nobody answers').complaint.is).toBe(true);
    expect(c.classify('@ShopCo thank you so much, the courier was lovely').complaint.is).toBe(false);
    expect(c.classify('外卖一个多小时还没送到，打电话没人接', 'zh').complaint.is).toBe(true);
    expect(c.classify('Dziękuję za szybką pomoc, wszystko w porządku!', 'pl').complaint.is).toBe(false);
  });
});
