/**
 * A word dictionary for Chinese forward maximum matching. Built from the rule files' Chinese entries
 * plus the words Intl.Segmenter found in the training corpus (stored in the model), so that
 * classification segments as training did, at a fraction of Intl.Segmenter's per-post cost.
 */
export interface ZhDict {
  words: Set<string>;
  /** first character → longest word starting with it */
  maxLen: Map<string, number>;
}

export function buildZhDict(words: Iterable<string>): ZhDict {
  const dict: ZhDict = { words: new Set(), maxLen: new Map() };
  for (const w of words) addZhWord(dict, w);
  return dict;
}

export function addZhWord(dict: ZhDict, word: string): void {
  if (word.length < 2) return;
  dict.words.add(word);
  const first = word[0];
  if ((dict.maxLen.get(first) ?? 0) < word.length) dict.maxLen.set(first, word.length);
}

export function mergeZhDicts(a: ZhDict, b: ZhDict): ZhDict {
  const out = buildZhDict(a.words);
  for (const w of b.words) addZhWord(out, w);
  return out;
}

/** Split a run of Han characters into dictionary words, longest match first; unknown characters alone. */
export function segmentHan(run: string, dict: ZhDict, out: string[]): void {
  let i = 0;
  const n = run.length;
  while (i < n) {
    const max = Math.min(dict.maxLen.get(run[i]) ?? 1, n - i);
    let len = 1;
    for (let l = max; l >= 2; l--) {
      if (dict.words.has(run.substr(i, l))) {
        len = l;
        break;
      }
    }
    out.push(run.substr(i, len));
    i += len;
  }
}

/** Words Intl.Segmenter finds in a text (used at training time to grow the dictionary). */
let segmenter: Intl.Segmenter | null = null;
export function segmenterWords(text: string): string[] {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike && /^\p{Script=Han}{2,}$/u.test(s.segment)) out.push(s.segment);
  return out;
}
