import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClassifier, DEFAULT_RULES_DIR } from '../../src/entry/classifier-files.js';
import type { BacklashClassifier } from '../../src/classify/classifier.js';

let rulesOnly: BacklashClassifier | null = null;
/** The shipped rules without a model: what the rule files alone decide. */
export function rulesClassifier(): BacklashClassifier {
  return (rulesOnly ??= buildClassifier(DEFAULT_RULES_DIR, null));
}

/** A private copy of rules/ to break or edit in a test. */
export function copyRules(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backlash-rules-'));
  cpSync(DEFAULT_RULES_DIR, dir, { recursive: true });
  return dir;
}
