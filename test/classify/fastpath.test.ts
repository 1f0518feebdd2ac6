/**
 * The classification hot path (interned feature ids, flat weight tables, hand-written JSONL
 * output) must decide exactly what the reference path decides: string features from analyse(),
 * summed through each head's feature map, and JSON.stringify of the verdict.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NO_TOPIC } from '../../src/classify/bayes/model.js';
import { scoreHead } from '../../src/classify/bayes/nb.js';
import { buildFeatureTable, scoreIds } from '../../src/classify/bayes/table.js';
import { extractFeatureIds } from '../../src/classify/features.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../src/entry/classifier-files.js';
import { verdictLine } from '../../src/cli/commands/classify.js';
import { keyFnFor } from '../../src/classify/rules/compile.js';
import { tokenizeLatin, tokenizeLatinRegex } from '../../src/classify/tokenize/latin.js';
import { segmentHan, type ZhDict } from '../../src/classify/tokenize/zh-dict.js';
import type { Unit } from '../../src/classify/tokenize/unit.js';

const corpus = ['en', 'pl', 'zh'].flatMap((l) =>
  readFileSync(new URL(`../../data/corpus/corpus-${l}.jsonl`, import.meta.url), 'utf8').trim().split('\n').map((x) => JSON.parse(x) as { text: string }),
);
const sample = corpus.filter((_, i) => i % 3 === 0).map((r) => r.text);
sample.push('NOT good at all!!! not bad though :) 😡 @brand http://x.co #fail', '没有 不好吃 太慢了！！', 'Nie polecam, bardzo źle.', '', '?!?');

describe('optimised classification path', () => {
  const clf = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
  const model = clf.model!;
  const table = buildFeatureTable(model);

  it('feature ids score every head exactly as the string features do', () => {
    let checked = 0;
    for (const text of sample) {
      const a = clf.analyse(text);
      if (!a) continue;
      const n = extractFeatureIds(a.units, clf.rules.langs.get(a.lang), a.evidence.lex, a.evidence.cues, table);
      const known = a.features.filter((f) => table.ids.has(f));
      expect(Array.from(table.buf.subarray(0, n), (id) => table.names[id])).toEqual(known);
      for (const [name, head] of Object.entries(model.heads)) {
        expect(Array.from(scoreIds(table.heads[name as 'sentiment']!, table.buf, n))).toEqual(Array.from(scoreHead(head, a.features)));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('verdicts keep the labels the reference scoring gives, and the JSONL line is JSON.stringify', () => {
    const th = model.heads.topic!;
    for (const text of sample.slice(0, 300)) {
      const v = clf.classify(text);
      expect(JSON.parse(verdictLine('x', v))).toEqual(JSON.parse(JSON.stringify({ id: 'x', ...v })));
      expect(verdictLine(7, v)).toBe(JSON.stringify({ id: 7, ...v }));
      const a = clf.analyse(text);
      if (!a) continue;
      // a learned topic in the verdict is the reference head's best non-empty topic
      const joint = scoreHead(th, a.features);
      let best = -1;
      th.classes.forEach((c, i) => c !== NO_TOPIC && (best < 0 || joint[i] > joint[best]) && (best = i));
      const learned = v.topics.filter((t) => th.classes.includes(t.id) && !a.evidence.cues.topics.has(t.id));
      for (const t of learned) expect(t.id).toBe(th.classes[best]);
    }
  });
});

describe('optimised tokenisers', () => {
  const tricky = [
    'xD x-P XD xo xoxo t_t T_T o_O O_o tT_t http://a.b/c?d=1 www.x.com hwww httpx café naïve don’t don\'t it\'s\'s ab\'é',
    '123abc abc123 #tag #Été @user_1 :) ;-) <3 ^_^ -_- 8) x) X( xs xS x$ x@ xyz SOOO goooood!!! ?!? ... ——',
    'Zamówienie nie dotarło, źle!!! Polecam :( ok', '外卖很快 but the driver was rude 😡😡 x)', 'tab\tnew\nline\r end',
  ];
  it('the hand-written word scanner gives exactly the units of the token expression', () => {
    for (const lang of ['en', 'pl', 'xx']) {
      const k = keyFnFor(lang);
      // fx / lx / eh are cache slots the feature extractor, lexicon scorer and escalation head fill on shared units
      const plain = (us: Unit[]) => us.map(({ fx: _fx, lx: _lx, eh: _eh, ...u }) => u);
      for (const t of [...tricky, ...corpus.map((r) => r.text)]) expect(plain(tokenizeLatin(t, k))).toEqual(plain(tokenizeLatinRegex(t, k)));
    }
  });
  it('trie segmentation matches longest-match over the word set', () => {
    const clf = buildClassifier(DEFAULT_RULES_DIR, DEFAULT_MODEL_PATH);
    const dict: ZhDict = clf.rules.zhDict;
    const reference = (run: string): string[] => {
      const out: string[] = [];
      for (let i = 0; i < run.length; ) {
        let len = 1;
        for (let l = Math.min(dict.maxLen.get(run[i]) ?? 1, run.length - i); l >= 2; l--) if (dict.words.has(run.substr(i, l))) ((len = l), (l = 0));
        out.push(run.substr(i, len));
        i += len;
      }
      return out;
    };
    for (const r of corpus) {
      for (const run of r.text.match(/\p{Script=Han}+/gu) ?? []) {
        const out: string[] = [];
        segmentHan(run, dict, out);
        expect(out).toEqual(reference(run));
      }
    }
  });
});
