/**
 * The Porter stemmer port (src/classify/tokenize/porter.ts) must give natural's stems exactly: the
 * shipped model's English features are natural's stems.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import natural from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { describe, expect, it } from 'vitest';
import { porterStem } from '../../src/classify/tokenize/porter.js';
import { DATASETS, DATASETS_DIR, skipWithout } from '../helpers/requirements.js';

const ROOT = new URL('../../', import.meta.url).pathname;

function wordsOf(files: string[]): Set<string> {
  const words = new Set<string>();
  for (const f of files) for (const w of readFileSync(f, 'utf8').toLowerCase().match(/[a-z']+/g) ?? []) if (w.length >= 3) words.add(w);
  return words;
}

const jsonl = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.jsonl')).map((f) => join(dir, f)) : []);
const yamls = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamls(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));

function mismatches(words: Iterable<string>): string[] {
  const out: string[] = [];
  for (const w of words) if (porterStem(w) !== natural.stem(w)) out.push(`${w}: ${porterStem(w)} ≠ ${natural.stem(w)}`);
  return out;
}

describe('Porter stemmer', () => {
  it('stems like natural the words its quirks are about', () => {
    const edge = ['caresses', 'ponies', 'cats', 'feed', 'agreed', 'plastered', 'motoring', 'sing', 'conflated', 'troubled', 'sized', 'hopping', 'tanned', 'falling', 'hissing', 'fizzed',
      'failing', 'filing', 'happy', 'sky', 'sly', 'yyy', 'xyy', 'flyaway', 'eye', 'relational', 'conditional', 'valenci', 'digitizer', 'radically', 'generalization', 'oscillators',
      'hopefulness', 'triplicate', 'formative', 'electrical', 'revival', 'allowance', 'adjustment', 'adoption', 'controll', 'roll', 'rate', 'cease', 'ies', 'sses', 'eed', 'ing', "don't", 'Running'];
    expect(mismatches(edge)).toEqual([]);
  });

  it("stems like natural every word of the project's corpus, evaluation posts and rule files", () => {
    const words = wordsOf([...jsonl(join(ROOT, 'data/corpus')), ...jsonl(join(ROOT, 'data/eval')), ...yamls(join(ROOT, 'rules'))]);
    expect(words.size).toBeGreaterThan(5000);
    expect(mismatches(words)).toEqual([]);
  });

  it.skipIf(skipWithout(DATASETS))('stems like natural every word of the evaluation datasets', () => {
    const words = wordsOf(jsonl(DATASETS_DIR));
    expect(words.size).toBeGreaterThan(30_000);
    expect(mismatches(words)).toEqual([]);
  });
});
