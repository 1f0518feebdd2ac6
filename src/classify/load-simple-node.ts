import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createSimpleClassifier, type SimpleLexicon } from './simple.js';
import type { Classifier } from '../types.js';

export function loadSimpleClassifier(rulesDir = 'rules'): Classifier {
  const lex = parse(fs.readFileSync(path.join(rulesDir, 'simple', 'lexicon.yaml'), 'utf8')) as SimpleLexicon;
  return createSimpleClassifier(lex);
}
