import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyRules } from '../classify/helpers.js';

const BIN = new URL('../../bin/backlash.js', import.meta.url).pathname;
const run = (args: string[], input = '') => spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
const jsonl = (stdout: string) => stdout.trimEnd().split('\n').map((l) => JSON.parse(l));

describe('backlash classify', () => {
  it('writes one verdict per input line, in order, and nothing else on stdout', () => {
    const input = [
      { id: 'a', text: '@SkyLineAir flight delayed 3 hours and nobody tells us anything. Worst airline ever!' },
      { id: 'b', text: '送餐太慢了，饭菜都凉了，再也不点了' },
      { id: 3, text: 'Bardzo miła pani doktor, polecam', lang: 'pl' },
      { id: 'd', text: 'What time does the store open tomorrow?', lang: 'en-GB' },
    ].map((o) => JSON.stringify(o)).join('\n');
    const r = run(['classify'], input + '\n');
    expect(r.status).toBe(0);
    const out = jsonl(r.stdout);
    expect(out.map((o) => o.id)).toEqual(['a', 'b', 3, 'd']);
    expect(out.map((o) => o.lang)).toEqual(['en', 'zh', 'pl', 'en']);
    expect(out[0]).toMatchObject({ sentiment: { label: 'negative' }, complaint: { is: true } });
    expect(out[1].sentiment.label).toBe('negative');
    expect(out[2].sentiment.label).toBe('positive');
    for (const o of out) {
      expect(o.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(o.sentiment.score).toBeLessThanOrEqual(1);
      expect(o.complaint.score).toBeGreaterThanOrEqual(0);
      expect(Array.isArray(o.topics) && Array.isArray(o.escalation)).toBe(true);
      expect(o.explain).toBeUndefined();
    }
  }, 120_000);

  it('answers a line it cannot read with an error line and goes on', () => {
    const r = run(['classify'], ['{"id":"x1","text":"great, thanks"}', 'not json {"id": "x2"', '{"id":"x3"}', '[1]', '', '{"id":"x5","text":"awful"}'].join('\n'));
    expect(r.status).toBe(0);
    const out = jsonl(r.stdout);
    expect(out).toHaveLength(6);
    expect(out[0].id).toBe('x1');
    expect(out[1]).toMatchObject({ id: 'x2', error: expect.stringMatching(/line 2: invalid JSON/) });
    expect(out[2]).toMatchObject({ id: 'x3', error: expect.stringMatching(/"text" must be a string/) });
    expect(out[3]).toEqual({ error: expect.stringMatching(/line 4/) });
    expect(out[4]).toEqual({ error: expect.stringMatching(/line 5: blank line/) });
    expect(out[5]).toMatchObject({ id: 'x5', sentiment: { label: 'negative' } });
  }, 120_000);

  it('keeps one output line per input line, blank and whitespace-only lines included (issue 16)', () => {
    const input = ['', '{"id":1,"text":"thanks, lovely staff"}', '   ', '', '{"id":2,"text":"my bag is lost"}\r', '\r', '{"id":3,"text":"ok"}'].join('\n') + '\n';
    const r = run(['classify'], input);
    expect(r.status).toBe(0);
    const out = jsonl(r.stdout);
    expect(out).toHaveLength(7);
    expect(out.map((o) => (o.error ? `error ${/line (\d+)/.exec(o.error)![1]}` : o.id))).toEqual(['error 1', 1, 'error 3', 'error 4', 2, 'error 6', 3]);
  }, 120_000);

  it('answers an unknown lang with an error on that line, not a neutral verdict (issue 16)', () => {
    const lines = [
      { id: 'a', text: 'the flight was cancelled and nobody helped', lang: 'xx' },
      { id: 'b', text: 'Der Flug wurde gestrichen', lang: 'de' },
      { id: 'c', text: 'terrible service', lang: 'english' },
      { id: 'd', text: 'terrible service', lang: 'EN-us' },
      { id: 'e', text: 'terrible service', lang: null },
      { id: 'f', text: 'terrible service', lang: '' },
      { id: 'g', text: '服务太差了', lang: 'zh-Hans' },
    ].map((o) => JSON.stringify(o));
    for (const args of [['classify'], ['classify', '--explain']]) {
      const out = jsonl(run(args, lines.join('\n') + '\n').stdout);
      expect(out).toHaveLength(7);
      expect(out[0]).toEqual({ id: 'a', error: expect.stringMatching(/^line 1: unknown lang "xx": expected one of en, pl, zh/) });
      expect(out[1]).toEqual({ id: 'b', error: expect.stringMatching(/^line 2: unknown lang "de"/) });
      expect(out[2]).toEqual({ id: 'c', error: expect.stringMatching(/^line 3: unknown lang "english"/) });
      expect(out.slice(3).map((o) => [o.id, o.lang, o.sentiment.label])).toEqual([['d', 'en', 'negative'], ['e', 'en', 'negative'], ['f', 'en', 'negative'], ['g', 'zh', 'negative']]);
    }
  }, 120_000);

  it('explains on request', () => {
    const r = run(['classify', '--explain'], '{"id":1,"text":"The staff was nice but the food was not good"}\n');
    const [v] = jsonl(r.stdout);
    expect(v.explain.lexicon.hits.map((h: { text: string }) => h.text)).toEqual(['nice', 'good']);
    expect(v.explain.combination).toBeDefined();
  }, 120_000);

  describe('large inputs over threads', () => {
    const texts = [
      '@SkyLineAir flight delayed 3 hours and nobody tells us anything',
      '送餐太慢了，饭菜都凉了',
      'Bardzo miła pani doktor, polecam',
      'thanks for the quick refund!',
      'the app crashes every time I pay, fix it',
      'new album out on friday',
    ];
    // 6,000 lines with errors and blank lines mixed in: enough for several batches per thread
    const lines = Array.from({ length: 6000 }, (_, i) =>
      i % 997 === 5 ? 'not json' : i % 1009 === 7 ? '' : JSON.stringify({ id: i, text: `${texts[i % texts.length]} #${i % 13}` }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'backlash-threads-'));
    const file = join(dir, 'posts.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const fromFile = (args: string[]) => {
      const fd = openSync(file, 'r');
      try {
        return spawnSync(process.execPath, [BIN, ...args], { stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
      } finally {
        closeSync(fd);
      }
    };

    it('gives the same lines in the same order as one thread, from a file or a pipe', () => {
      const one = run(['classify', '--threads', '1'], readFileSync(file, 'utf8'));
      expect(one.status).toBe(0);
      const out = one.stdout.trimEnd().split('\n');
      expect(out).toHaveLength(lines.length);
      expect(JSON.parse(out[7])).toEqual({ error: 'line 8: blank line, expected a JSON object with "text"' });
      expect(JSON.parse(out[5])).toMatchObject({ error: expect.stringMatching(/line 6: invalid JSON/) });
      const threadedFile = fromFile(['classify', '--threads', '3']);
      expect(threadedFile.status).toBe(0);
      expect(threadedFile.stdout).toBe(one.stdout);
      const threadedPipe = spawnSync(process.execPath, [BIN, 'classify', '--threads', '2'], { input: readFileSync(file, 'utf8'), encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
      expect(threadedPipe.status).toBe(0);
      expect(threadedPipe.stdout).toBe(one.stdout);
    }, 120_000);

    it('fails with the rule file named, before any output, when the rules are broken', () => {
      const rules = copyRules();
      writeFileSync(join(rules, 'scoring.yaml'), 'lexicon: [');
      const r = fromFile(['classify', '--threads', '2', '--rules', rules]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/scoring\.yaml/);
    }, 120_000);
  });

  it('rejects a --threads that is not a whole number from 1 to 64', () => {
    const r = run(['classify', '--threads', '0']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--threads/);
  }, 120_000);

  it('rejects an unknown option with exit code 2 and usage on stderr', () => {
    const r = run(['classify', '--modle', 'x']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown option --modle/);
  }, 120_000);
});

describe('backlash train, classify --model, eval', () => {
  it('learns topics from a file and returns them; eval prints F1 and a confusion matrix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlash-train-'));
    const rows: string[] = [];
    for (let i = 0; i < 15; i++) {
      rows.push(JSON.stringify({ text: `flight ${i} delayed again, stuck at the gate`, sentiment: 'negative', topic: 'Late Flight' }));
      rows.push(JSON.stringify({ text: `they lost my suitcase ${i}, no bag at the carousel`, sentiment: 'negative', topic: 'Lost Luggage' }));
      rows.push(JSON.stringify({ text: `great crew on flight ${i}, thanks`, sentiment: 'positive' }));
    }
    const data = join(dir, 'train.jsonl');
    writeFileSync(data, rows.join('\n') + '\n');
    const model = join(dir, 'model.json');
    const t = run(['train', data, '--out', model]);
    expect(t.status).toBe(0);
    expect(t.stdout).toBe('');
    expect(JSON.parse(readFileSync(model, 'utf8'))).toMatchObject({ format: 'backlash-nb', version: 1 });
    const c = run(['classify', '--model', model], '{"id":1,"text":"they lost my bag again, it is not at the carousel"}\n');
    expect(jsonl(c.stdout)[0].topics.map((x: { id: string }) => x.id)).toContain('Lost Luggage');
    // an explanation never changes the verdict
    const x = run(['classify', '--model', model, '--explain'], '{"id":1,"text":"they lost my bag again, it is not at the carousel"}\n');
    const { explain: _explain, ...withoutExplain } = jsonl(x.stdout)[0];
    expect(withoutExplain).toEqual(jsonl(c.stdout)[0]);
    const e = run(['eval', data, '--model', model]);
    expect(e.status).toBe(0);
    expect(e.stdout).toMatch(/== sentiment[\s\S]*macro-F1[\s\S]*confusion/);
    expect(e.stdout).toMatch(/== topic[\s\S]*Lost Luggage/);
  }, 180_000);

  it('reads CSV too, fails clearly without --out, and trains on top of the shipped model unless --base none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlash-train-'));
    const csv = join(dir, 'a.csv');
    writeFileSync(csv, 'text,complaint\n"late, again",true\nthanks,false\n');
    const r = run(['train', csv]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--out MODEL is required/);
    // complaint labels only: on top of the shipped model its sentiment and topic heads are kept
    const rows = ['text,complaint'];
    for (let i = 0; i < 20; i++) rows.push(`"parcel ${i} never arrived, nobody answers",true`, `"thanks for the quick delivery ${i}",false`);
    writeFileSync(csv, rows.join('\n') + '\n');
    const onBase = run(['train', csv, '--out', join(dir, 'm.json')]);
    expect(onBase.status).toBe(0);
    expect(onBase.stderr).toMatch(/on top of .*default\.json .*kept from it: sentiment, topic/);
    expect(onBase.stderr).toMatch(/complaint \(2 classes, 40 posts, \d+ features, calibrated, out-of-fold F1 (0|1)\.\d{3}\)/);
    const c = run(['classify', '--model', join(dir, 'm.json'), '--explain'], '{"id":1,"text":"my parcel never arrived, awful service"}\n');
    const v = jsonl(c.stdout)[0];
    expect(v.sentiment.label).toBe('negative');
    expect(v.explain.combination).toEqual({ sentiment: 'model + rules, calibrated', complaint: 'model + rules, calibrated' });
    const alone = run(['train', csv, '--out', join(dir, 'alone.json'), '--base', 'none']);
    expect(alone.status).toBe(0);
    expect(alone.stderr).not.toMatch(/on top of/);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'alone.json'), 'utf8')).heads)).toEqual(['complaint']);
  }, 120_000);
});

describe('backlash rules test', () => {
  it('passes on the shipped rules', () => {
    const r = run(['rules', 'test']);
    expect(r.stdout).toMatch(/(\d+)\/\1 examples pass/);
    expect(r.status).toBe(0);
  }, 120_000);

  it('rejects a broken rule file with file, line and field', () => {
    const dir = copyRules();
    writeFileSync(join(dir, 'topics.yaml'), readFileSync(join(dir, 'topics.yaml'), 'utf8').replace('pillar: integrity', 'pillar: honesty'));
    const r = run(['rules', 'test', '--rules', dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/topics\.yaml: line \d+: topics\.0\.pillar: /);
  }, 120_000);

  it('fails when an example does not hold', () => {
    const dir = copyRules();
    const f = join(dir, 'escalation.yaml');
    writeFileSync(f, readFileSync(f, 'utf8') + '  - text: "lovely weather today"\n    lang: en\n    expect: { escalation: [legal] }\n');
    const r = run(['rules', 'test', '--rules', dir, '--no-model']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL escalation\.yaml:\d+ "lovely weather today"\n\s+escalation: expected legal/);
  }, 120_000);
});
