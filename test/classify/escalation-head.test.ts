import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classifier.js';
import { escalationHeadFromJson, headFeatures, type EscalationHeadJson } from '../../src/classify/cues/escalation-head.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../src/entry/classifier-files.js';
import { rulesClassifier } from './helpers.js';

type Explained = { hits: { id: string; cue: string; why: string }[]; suppressed: { id: string; cue: string; why: string; kind?: string }[]; head?: Record<string, number> };

/** a head written by hand: the figures below follow from these weights alone */
function tinyHead(over: Partial<EscalationHeadJson['langs']['en']> = {}): EscalationHeadJson {
  return {
    kind: 'backlash-escalation-head',
    version: 'tiny',
    langs: {
      en: {
        types: ['leave', 'legal'],
        bias: [-3, -3],
        // "solicitor" → legal; "elsewhere" → leave; a rule's legal cue set aside as negated pulls legal down
        weights: { 'w:solicitor': [0, 5], 'w:elsewher': [5, 0], 'b:my notic': [2, 0], 'f:s:legal:negated': [0, -2], 'f:h:legal': [0, 1] },
        threshold: 0.8,
        keep: 0,
        ...over,
      },
    },
  };
}

describe('the learned escalation head beside the cue rules', () => {
  const rules = rulesClassifier().rules;

  it('adds a type the rules missed when its probability reaches the threshold, and says why', () => {
    const clf = createClassifier(rules, null, escalationHeadFromJson(tinyHead()));
    const text = 'taking the family elsewhere after this';
    expect(rulesClassifier().classify(text, 'en').escalation).toEqual([]);
    const v = clf.classify(text, 'en', { explain: true });
    // bias -3 + 5 = 2: p = 0.881 >= 0.8
    expect(v.escalation).toEqual([{ id: 'leave', cue: 'elsewhere' }]);
    const e = v.explain!.escalation as Explained;
    expect(e.hits[0].why).toContain('learned head p=0.881');
    expect(e.hits[0].why).toContain('"elsewher" +5');
    expect(e.head).toMatchObject({ leave: 0.881, legal: 0.047 });
  });

  it('stays silent below the threshold', () => {
    // bias -3 + 2 = -1: p = 0.269 < 0.8
    const clf = createClassifier(rules, null, escalationHeadFromJson(tinyHead()));
    expect(clf.classify('consider this my notice', 'en').escalation).toEqual([]);
  });

  it('keeps a rule hit unless its probability falls below keep, and then names the head as the reason', () => {
    const text = 'my solicitor will hear about this';
    const keepAll = createClassifier(rules, null, escalationHeadFromJson(tinyHead({ weights: { 'f:h:legal': [0, 0] } })));
    // p(legal) = sigmoid(-3) = 0.047, keep 0: the rule hit stays
    expect(keepAll.classify(text, 'en').escalation.map((e) => e.id)).toEqual(['legal']);
    const strict = createClassifier(rules, null, escalationHeadFromJson(tinyHead({ weights: { 'f:h:legal': [0, 0] }, keep: 0.1 })));
    const v = strict.classify(text, 'en', { explain: true });
    expect(v.escalation).toEqual([]);
    const e = v.explain!.escalation as Explained;
    expect(e.suppressed).toEqual([expect.objectContaining({ id: 'legal', kind: 'head' })]);
    expect(e.suppressed[0].why).toContain('but learned head p=0.047');
  });

  it('takes thresholds per cue type where the language sets them, the language defaults elsewhere', () => {
    const text = 'my solicitor will hear about this';
    const perType = { legal: { keep: 0.1 }, leave: { threshold: 0.9 } };
    const clf = createClassifier(rules, null, escalationHeadFromJson(tinyHead({ weights: { 'f:h:legal': [0, 0], 'w:elsewher': [5, 0] }, perType })));
    // legal: p = 0.047 below its own keep 0.1, the rule hit is set aside
    const v = clf.classify(text, 'en', { explain: true });
    expect(v.escalation).toEqual([]);
    expect((v.explain!.escalation as Explained).suppressed).toEqual([expect.objectContaining({ id: 'legal', kind: 'head' })]);
    // leave: p = 0.881 reaches the language's 0.8 but not its own 0.9
    expect(clf.classify('taking the family elsewhere after this', 'en').escalation).toEqual([]);
    const lower = createClassifier(rules, null, escalationHeadFromJson(tinyHead({ perType: { leave: { threshold: 0.85 } } })));
    expect(lower.classify('taking the family elsewhere after this', 'en').escalation).toEqual([{ id: 'leave', cue: 'elsewhere' }]);
  });

  it('does not add back a type the judge set aside in context (quoted, negated, asked about)', () => {
    const clf = createClassifier(rules, null, escalationHeadFromJson(tinyHead({ weights: { 'w:court': [0, 6], 'w:sue': [0, 6] } })));
    // the head alone would say legal (bias -3 + 6: p = 0.953), but the judge saw the cue quoted / negated
    const quoted = clf.classify('"see you in court" is the best line in that film', 'en', { explain: true });
    expect(quoted.escalation).toEqual([]);
    expect((quoted.explain!.escalation as Explained).head!.legal).toBeGreaterThan(0.9);
    expect(clf.classify("I'm not going to sue anyone, just fix it", 'en').escalation).toEqual([]);
    expect(clf.classify('we will see you in court', 'en').escalation.map((e) => e.id)).toEqual(['legal']);
  });

  it("sees the context judge's verdicts as features", () => {
    const a = rulesClassifier().analyse("I'm not going to sue, I just want my refund", 'en')!;
    const f = headFeatures(a.units, "I'm not going to sue", 'en', a.judgement);
    expect(f).toContain('f:s:legal:negated');
    expect(f).toContain('f:s:negated');
    const b = rulesClassifier().analyse('my lawyer will be in touch', 'en')!;
    expect(headFeatures(b.units, 'my lawyer will be in touch', 'en', b.judgement)).toContain('f:h:legal');
  });

  it('gives the same verdicts whether or not an explanation is asked for', () => {
    const clf = createClassifier(rules, null, escalationHeadFromJson(tinyHead()));
    for (const t of ['taking the family elsewhere', 'my solicitor is on it', 'what time do you open?', "I'm not going to sue"]) {
      expect(clf.classify(t, 'en', { explain: true }).escalation).toEqual(clf.classify(t, 'en').escalation);
    }
  });

  it('rejects a file that is not an escalation head', () => {
    expect(() => escalationHeadFromJson({ ...tinyHead(), kind: 'something-else' } as unknown as EscalationHeadJson)).toThrow(/not an escalation head/);
  });

  it('ships trained on the corpus and rides with the default model, not with the rules alone', () => {
    const withHead = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
    expect(withHead.escalationHead).not.toBeNull();
    expect(withHead.version).toMatch(/\+esc-[0-9a-f]{8}$/);
    expect(buildClassifier(DEFAULT_RULES_DIR, null).escalationHead).toBeNull();
    expect(buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH, null).escalationHead).toBeNull();
    // a phrasing none of the rule files lists (written for this test, not in the corpus)
    const text = 'my mum was poorly for days after your fish pie';
    expect(buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH, null).classify(text, 'en').escalation).toEqual([]);
    expect(withHead.classify(text, 'en').escalation.map((e) => e.id)).toEqual(['safety']);
    expect(withHead.classify('what time does the branch open on saturday?', 'en').escalation).toEqual([]);
  });
});
