/**
 * The project's root folder (where package.json, rules/ and data/ live), found by walking up from
 * this module, so it is right both when running from src/ through tsx and from the dist/ bundle.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function find(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'backlash') return dir;
      } catch {
        // not ours; keep walking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the Backlash project folder (package.json named "backlash")');
    dir = up;
  }
}

export const PROJECT_ROOT = find();
