import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefaultClassifier } from '../../src/entry/classifier-files.js';
import { parseRules } from '../../src/classify/rules/parse.js';
import { copyRules } from './helpers.js';

const SCORING = readFileSync(new URL('../../rules/scoring.yaml', import.meta.url), 'utf8');
const parse = (path: string, text: string) => () => parseRules([{ path: 'scoring.yaml', text: SCORING }, { path, text }]);

describe('rule validation', () => {
  it('names file, line and field for a weight out of range', () => {
    const text = 'lang: en\nlexicon:\n  - weight: 2\n    words: [good]\n  - weight: 9\n    words: [great]\n';
    expect(parse('sentiment/en.yaml', text)).toThrow(/sentiment\/en\.yaml: line 5: lexicon\.1\.weight: .*5/);
  });
  it('names an unknown key', () => {
    expect(parse('sentiment/en.yaml', 'lang: en\nlexicn: []\n')).toThrow(/sentiment\/en\.yaml: line 2: unknown key "lexicn"/);
  });
  it('rejects a word listed under two weights', () => {
    const text = 'lang: en\nlexicon:\n  - weight: 2\n    words: [good]\n  - weight: -2\n    words: [bad, good]\n';
    expect(parse('sentiment/en.yaml', text)).toThrow(/line 6: lexicon\.1\.words\.1: "good" is listed twice/);
  });
  it('rejects a topic without a known pillar', () => {
    const text = 'topics:\n  - id: billing\n    label: Billing\n    pillar: money\n    touchpoint: billing\n    factor: {kind: emotional, name: honesty}\n    cues: {en: [bill]}\n';
    expect(parse('topics.yaml', text)).toThrow(/topics\.yaml: line 4: topics\.0\.pillar: /);
  });
  it('rejects broken YAML with its line', () => {
    expect(parse('escalation.yaml', 'escalation:\n  - id: legal\n    cues: {en: [sue\n')).toThrow(/escalation\.yaml: line \d+: invalid YAML/);
  });
  it('rejects an example that names an unknown topic', () => {
    const text = 'topics:\n  - id: billing\n    label: Billing\n    pillar: integrity\n    touchpoint: billing\n    factor: {kind: emotional, name: honesty}\n    cues: {en: [bill]}\nexamples:\n  - text: hi\n    expect: {topics: [biling]}\n';
    expect(parse('topics.yaml', text)).toThrow(/line 9: examples: unknown topic "biling"/);
  });
  it('takes YAML scalars that are not strings as words', () => {
    const set = parseRules([{ path: 'scoring.yaml', text: SCORING }, { path: 'sentiment/en.yaml', text: 'lang: en\nlexicon:\n  - weight: 1\n    words: [true, 42]\n' }]);
    expect(set.sentiment[0].lexicon[0].words).toEqual(['true', '42']);
  });
});

describe('reloading rules', () => {
  it('picks up an edited rule without a restart', async () => {
    const dir = copyRules();
    const clf = await loadDefaultClassifier({ rulesDir: dir, modelPath: null });
    expect(clf.classify('the service was zorgy', 'en').sentiment.label).toBe('neutral');
    const file = join(dir, 'sentiment/en.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  - weight: -3\n    words: [', '  - weight: -3\n    words: [zorgy, '));
    await clf.reload();
    expect(clf.classify('the service was zorgy', 'en').sentiment.label).toBe('negative');
  });

  it('keeps the last good rules when a reload finds a broken file', async () => {
    const dir = copyRules();
    const clf = await loadDefaultClassifier({ rulesDir: dir, modelPath: null });
    const before = clf.version;
    writeFileSync(join(dir, 'escalation.yaml'), 'escalation:\n  - id: legal\n    label: Legal\n    cues: {en: [sue]}\n    severity: high\n');
    await expect(clf.reload()).rejects.toThrow(/escalation\.yaml: line 5: unknown key "escalation\.0\.severity"/);
    expect(clf.version).toBe(before);
    expect(clf.classify('my lawyer will call you', 'en').escalation.map((e) => e.id)).toContain('legal');
  });
});
