/** One entry point: text + language → units, with the right tokeniser and key function. */
import { keyFnFor } from '../rules/compile.js';
import { tokenizeLatin } from './latin.js';
import type { Unit } from './unit.js';
import { tokenizeChinese } from './zh.js';
import type { ZhDict } from './zh-dict.js';

export type { Unit } from './unit.js';
export { detectLanguage, isScoredLang, SCORED_LANGS } from './detect-lang.js';

export function tokenize(text: string, lang: string, zhDict: ZhDict): Unit[] {
  if (lang === 'zh') return tokenizeChinese(text, zhDict, keyFnFor('en'));
  return tokenizeLatin(text, keyFnFor(lang));
}
