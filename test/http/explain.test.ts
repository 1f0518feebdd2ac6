import { describe, expect, it } from 'vitest';
import { explainRevolt } from '../../src/http/revolt-explain.js';
import { explainVerdict, readFeature } from '../../src/http/why-post.js';
import type { PostView } from '../../src/http/queries.js';

describe('why a revolt opened, in sentences', () => {
  const explain = {
    reason: '12 negative posts from 9 distinct authors in 30 min on lost-items, against 0.8 expected (p=2.1e-7)',
    key: 'lost-items',
    kind: 'topic',
    window: { from: '2026-03-02T09:00:00.000Z', to: '2026-03-02T09:30:00.000Z', minutes: 30 },
    observed: 9,
    posts: 12,
    expected: 0.8,
    ratio: 11.3,
    pValue: 2.1e-7,
    keysInPlay: 14,
    negativeShare: 0.92,
    mergedKeys: [{ key: 'lost-items', observed: 9, expected: 0.8, score: 8.1 }, { key: '#nimbuslostmybag', observed: 5, expected: 0.1, score: 6, joinedAt: '2026-03-02T09:40:00Z', why: 'same wave' }],
    topTerms: [{ term: 'westmoor', posts: 7 }, { term: 'bag', posts: 6 }],
    firstPost: { id: 'p1', text: '<script>alert(1)</script> my bag' },
    sources: ['nimbus-air-mastodon'],
    current: { stage: 'escalating', members: 20, distinctAuthors: 15, voicesLastHour: 11, expectedLastHour: 1.2, peakPerHour: 14, reach: 52000, influentialAuthors: 1, escalation: { legal: 2 } },
  };

  it('tells the detector’s numbers as sentences and the merged keys as rows', () => {
    const x = explainRevolt(explain);
    expect(x.sentences[0]).toBe('12 negative posts from 9 distinct authors in 30 min on lost-items, against 0.8 expected (p=2.1e-7).');
    expect(x.sentences).toContain('9 different customers wrote 12 negative posts about lost-items (a topic) between 09:00 and 09:30 UTC (30 minutes).');
    expect(x.sentences.join(' ')).toMatch(/expected about 0\.80 in such a window: this is 11\.3 times that/);
    expect(x.sentences.join(' ')).toMatch(/92 % of what was said about it was negative/);
    expect(x.sentences.join(' ')).toContain('“<script>alert(1)</script> my bag”'); // plain text: escaped where it is shown
    expect(x.mergedKeys).toEqual([
      { key: 'lost-items', observed: 9, expected: 0.8, score: 8.1, note: null },
      { key: '#nimbuslostmybag', observed: 5, expected: 0.1, score: 6, note: 'same wave' },
    ]);
    expect(x.now).toContain('Escalation cues: legal (2 authors).');
    expect(x.levels).toEqual([]);
    expect(x.coordinated).toBeNull();
  });

  it('uses the levels and the copy-paste campaign when the detector gives them, and leaves out what is missing or malformed', () => {
    const x = explainRevolt({ key: 'phrase:where is my refund', observed: 'many', levels: [{ level: 'phrase', key: 'phrase:where is my refund', observed: 30, expected: 1, score: 12, windowMinutes: 15 }, { nonsense: true }], coordinated: { authors: 25, posts: 40, text: 'Where is my refund @acme' } });
    expect(x.levels).toEqual([{ level: 'phrase', key: 'phrase:where is my refund', observed: 30, expected: 1, score: 12, windowMinutes: 15 }]);
    expect(x.sentences.join(' ')).toMatch(/It fired at one level: phrase\./);
    expect(x.sentences.join(' ')).toMatch(/25 accounts posted 40 copies of the same text \(“Where is my refund @acme”\)/);
    expect(x.sentences.join(' ')).not.toMatch(/different customers/); // observed was not a number
    expect(explainRevolt({})).toEqual({ sentences: [], mergedKeys: [], levels: [], coordinated: null, now: [] });
  });
});

describe('why this post', () => {
  it('reads model features in words', () => {
    expect(readFeature('§lex:-2')).toBe('the lexicon found the words strongly negative (rules)');
    expect(readFeature('§c:service-failure')).toBe('complaint cue “service-failure” (rules)');
    expect(readFeature('§t:lost-items')).toBe('topic cue for “lost-items” (rules)');
    expect(readFeature('§e:legal')).toBe('escalation cue “legal” (rules)');
    expect(readFeature('my_luggag')).toBe('the words “my luggag” together (stems)');
    expect(readFeature('nobodi')).toBe('the word “nobodi” (stem)');
  });

  it('explains the verdict from the stored explanation: lexicon entries, cues, features, thresholds', () => {
    const post = {
      id: 'p', source: 's', target: 't', url: null, text: 'my luggage is lost again', lang: 'en', publishedAt: '2026-03-02T09:00:00Z', author: { id: 'a', name: null, handle: 'a', followers: 10 },
      classification: {
        sentiment: { label: 'negative', score: -0.9 }, complaint: { is: true, score: 0.97 }, topics: [{ id: 'lost-items', score: 0.6, pillar: 'resolution', touchpoint: 'delivery' }], escalation: [], lang: 'en', model: 'm',
        explain: { lexicon: { hits: [{ text: 'lost', base: -1, weight: -1 }, { text: 'again', base: -0.5, weight: -0.5 }] }, cues: { complaint: [{ id: 'service-failure', weight: 1.5, phrase: 'again' }], topics: { 'lost-items': ['luggage'] } }, combination: { sentiment: 'model + rules, calibrated', complaint: 'rules only' }, model: { sentiment: { probabilities: { negative: 0.97, neutral: 0.02, positive: 0.01 }, features: [{ feature: 'lost', weight: 2.98 }, { feature: '§lex:-1', weight: 2.85 }] }, topic: { best: 'lost-items', probability: 0.77, features: [{ feature: '§t:lost-items', weight: 2 }] } } },
      },
    } as PostView;
    const w = explainVerdict(post, 0.45, new Map([['lost-items', 'Lost items']]));
    expect(w.summary).toEqual(['Read as negative (score -0.90, 97 % sure), mostly because of “lost”, “again”.', 'A complaint (score 0.97 ≥ 0.45): the complaint cues “again”.', 'About Lost items (resolution, delivery).']);
    expect(w.sentiment!.features[1]).toEqual({ feature: '§lex:-1', reads: 'the lexicon found the words negative (rules)', weight: 2.85 });
    expect(w.topics[0]).toMatchObject({ id: 'lost-items', label: 'Lost items', cues: ['luggage'] });
    expect(w.topicModel).toMatchObject({ best: 'lost-items', probability: 0.77 });
    expect(explainVerdict({ ...post, classification: null }, null, new Map()).summary).toEqual(['This post has not been classified yet.']);
  });

  it('tells why each escalation cue counted or was set aside, and which shape of speech turned the reading', () => {
    const post = {
      id: 'p', source: 's', target: 't', url: null, text: "Oh great, reporting them to the CAA 🙄 I'm not going to sue though", lang: 'en', publishedAt: '2026-03-02T09:00:00Z', author: { id: 'a', name: null, handle: 'a', followers: 10 },
      classification: {
        sentiment: { label: 'negative', score: -0.6 }, complaint: { is: true, score: 0.8 }, topics: [], escalation: [{ id: 'regulator', cue: 'CAA' }], lang: 'en', model: 'm',
        explain: {
          escalation: { hits: [{ id: 'regulator', cue: 'CAA', why: 'names Civil Aviation Authority (GB, aviation) (rules/regulators.yaml)' }], suppressed: [{ id: 'legal', cue: 'sue', why: '"sue" matches the cue "sue", but negated by "not"' }] },
          shape: { id: 'eye-roll', kind: 'sarcasm', strength: 'strong', marker: '🙄', was: 'positive' },
        },
      },
    } as PostView;
    const w = explainVerdict(post, 0.45, new Map());
    expect(w.summary).toContain('Escalation cues — regulator: names Civil Aviation Authority (GB, aviation) (rules/regulators.yaml).');
    expect(w.summary).toContain('Not counted as escalation — legal: "sue" matches the cue "sue", but negated by "not".');
    expect(w.summary).toContain('Read against its words: “🙄” (sarcasm, rules/sentiment/shapes.yaml) turned a positive reading negative.');
  });
});
