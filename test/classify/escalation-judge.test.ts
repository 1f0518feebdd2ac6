import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildClassifier } from '../../src/entry/classifier-files.js';
import { quoteRegions } from '../../src/classify/cues/escalation-judge.js';
import { copyRules, rulesClassifier } from './helpers.js';

const esc = (text: string, lang: string) => rulesClassifier().classify(text, lang).escalation.map((e) => e.id).sort();
const explained = (text: string, lang: string) => rulesClassifier().classify(text, lang, { explain: true }).explain!.escalation as { hits: { id: string; cue: string; why: string }[]; suppressed: { id: string; cue: string; why: string }[] };

describe('escalation judged in context (the misses and false alarms of issue 19)', () => {
  it.each([
    ['Reporting this flight delay status', 'en', []],
    ['great reporting by the crew', 'en', []],
    ['Is the lawyer discount still available', 'en', []],
    ["I'm done with this airline", 'en', ['leave']],
    ['twenty years a customer and you just lost me', 'en', ['leave']],
    ['ended up in A&E after eating your wrap', 'en', ['safety']],
    ['please RT so more people see', 'en', ['amplify']],
    ['reporting them to the CAA and talking to a journalist', 'en', ['press', 'regulator']],
    ['我要投诉到民航局', 'zh', ['regulator']],
    ['Więcej z nimi nie polecę', 'pl', ['leave']],
  ])('%s → %j', (text, lang, want) => {
    expect(esc(text, lang)).toEqual(want);
  });

  it('a negated cue does not count, and the explanation names the negator', () => {
    expect(esc("I'm not going to sue, I just want my refund", 'en')).toEqual([]);
    const e = explained("I'm not going to sue, I just want my refund", 'en');
    expect(e.suppressed[0]).toMatchObject({ id: 'legal', cue: 'sue' });
    expect(e.suppressed[0].why).toContain('negated by "not"');
    // the negation ends at the clause: a later threat still counts
    expect(esc("If this isn't fixed by Friday, I'm suing", 'en')).toEqual(['legal']);
    expect(esc('Nie zamierzam nikogo pozywać, chcę tylko zwrotu', 'pl')).toEqual([]);
    expect(esc('我不是要告你们，只想要退款', 'zh')).toEqual([]);
  });

  it('a quoted cue and a cue asked about in a question do not count; a request to amplify does', () => {
    expect(explained('Your ad says "switch to another provider and save"', 'en').suppressed[0].why).toContain('quoted');
    expect(esc('Do I need a lawyer to change the name on my account?', 'en')).toEqual([]);
    expect(explained('Do I need a lawyer to change the name on my account?', 'en').suppressed[0].why).toContain('question');
    expect(esc('Can everyone retweet this? They ignore every email', 'en')).toEqual(['amplify']);
  });

  it("the brand's own replies carry no threat", () => {
    const text = "We're sorry to hear that. If you're unhappy with our answer you can contact the Financial Ombudsman";
    expect(esc(text, 'en')).toEqual([]);
    expect(explained(text, 'en').suppressed[0].why).toContain("the brand's own words");
  });

  it('regulators by name or abbreviation, abbreviations only in capitals; the explanation names the body', () => {
    const e = explained('Filed a complaint with the DOT about my refund', 'en');
    expect(e.hits).toEqual([{ id: 'regulator', cue: 'DOT', why: 'names Department of Transportation (US, transport) (rules/regulators.yaml)' }]);
    expect(esc('The train arrived on the dot, thanks', 'en')).toEqual([]);
    expect(esc('Skarga do UOKiK wysłana', 'pl')).toEqual(['regulator']);
    expect(esc('Napisałam do Rzecznika Finansowego', 'pl')).toEqual(['regulator']);
    expect(esc('已经向消费者协会投诉', 'zh')).toEqual(['regulator']);
  });

  it('the verdict keeps its public shape: {id, cue} with the rule phrase', () => {
    expect(rulesClassifier().classify('Everyone retweet this!', 'en').escalation).toEqual([{ id: 'amplify', cue: 'everyone retweet' }]);
  });

  it('a team can add a regulator in rules/regulators.yaml; one feeding an unknown cue type is rejected', () => {
    const dir = copyRules();
    const file = join(dir, 'regulators.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('regulators:\n', 'regulators:\n  - { id: ie-cru, name: Commission for Regulation of Utilities, country: IE, sector: energy, acronyms: [CRU] }\n'));
    expect(buildClassifier(dir, null).classify('Complaint sent to the CRU today', 'en').escalation.map((e) => e.id)).toEqual(['regulator']);
    writeFileSync(file, text.replace('regulators:\n', 'regulators:\n  - { id: x-y, name: X, country: IE, sector: energy, cue: nonsense, acronyms: [XYZ] }\n'));
    expect(() => buildClassifier(dir, null)).toThrow(/unknown escalation cue "nonsense"/);
  });

  it('without a context section every match counts (the plain rule-word behaviour)', () => {
    const dir = copyRules();
    const file = join(dir, 'escalation.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\ncontext:\n[\s\S]*?\nexamples:/, '\nexamples:'));
    expect(buildClassifier(dir, null).classify("I'm not going to sue", 'en').escalation.map((e) => e.id)).toEqual(['legal']);
  });

  it('quote regions pair the marks of each language', () => {
    expect(quoteRegions('a "b" c „d” e «f» 「g」')).toEqual([[2, 4], [8, 10], [14, 16], [18, 20]]);
  });
});
