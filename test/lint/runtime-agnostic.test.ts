/**
 * The core runs on Node and on workerd: only src/entry/ and src/cli/ may import Node built-ins,
 * Node-only packages or each other's files. `npm run lint` enforces it (eslint/runtime-boundary.js);
 * these tests pin down what the rule catches and that the config applies it to every file under src/.
 */
import path from 'node:path';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { forbiddenPackage, runtimeBoundary } from '../../eslint/runtime-boundary.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');

RuleTester.describe = describe;
RuleTester.it = it;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' } });
const at = (rel: string) => path.join(SRC, rel);
const options = [{ srcDir: SRC }];

describe('runtime boundary rule', () => {
  tester.run('runtime-boundary', runtimeBoundary, {
    valid: [
      { filename: at('classify/core.ts'), options, code: "import { ok } from './ok.js';\nimport { z } from 'zod';\nimport type { Kysely } from 'kysely';" },
      { filename: at('entry/node.ts'), options, code: "import fs from 'node:fs';\nimport pg from 'pg';\nimport { openDb } from './open-db.js';" },
      { filename: at('cli/commands/train.ts'), options, code: "import { readModel } from '../../entry/model-file.js';\nimport fs from 'node:fs';" },
      {
        filename: at('classify/x.ts'),
        options,
        code: "import { stem } from 'natural/lib/natural/stemmers/porter_stemmer.js';\nimport { a } from './entry/a.js';",
      },
      { filename: path.join(ROOT, 'test/x.test.ts'), options, code: "import fs from 'node:fs';\nimport { openDb } from '../src/entry/open-db.js';" },
    ],
    invalid: [
      { filename: at('classify/io.ts'), options, code: "import fs from 'node:fs';", errors: [{ messageId: 'nodeOnly' }] },
      {
        filename: at('store/db.ts'),
        options,
        code: "export { Pool } from 'pg';\nexport * from 'fs/promises';",
        errors: [{ messageId: 'nodeOnly' }, { messageId: 'nodeOnly' }],
      },
      {
        filename: at('jobs/tick.ts'),
        options,
        code: "const q = await import('p-queue');\nconst u = require('undici');",
        errors: [{ messageId: 'nodeOnly' }, { messageId: 'nodeOnly' }],
      },
      { filename: at('feeds/http.ts'), options, code: "import type { Dispatcher } from 'undici';", errors: [{ messageId: 'nodeOnly' }] },
      // the leak the old package-name scan missed: a relative import of a Node-only entry file
      { filename: at('classify/feedback-node.ts'), options, code: "import { openDb } from '../entry/open-db.js';", errors: [{ messageId: 'intoRuntime' }] },
      { filename: at('http/routes/x.ts'), options, code: "export { run } from '../../cli/main.js';", errors: [{ messageId: 'intoRuntime' }] },
      { filename: at('app.ts'), options, code: "const m = await import('./entry/open-db.js');", errors: [{ messageId: 'intoRuntime' }] },
    ],
  });

  it('classifies package names', () => {
    expect(forbiddenPackage('fs/promises')).toBe('a Node built-in');
    expect(forbiddenPackage('@hono/node-server/serve-static')).toBe('a Node-only package');
    expect(forbiddenPackage('kysely')).toBeNull();
    expect(forbiddenPackage('./fs.js')).toBeNull();
  });

  it('is switched on for every file under src/ by eslint.config.js (npm run lint, which CI runs)', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    for (const file of ['src/app.ts', 'src/classify/core.ts', 'src/http/routes/sources.ts', 'src/entry/node.ts']) {
      const config = await eslint.calculateConfigForFile(path.join(ROOT, file));
      expect(config.rules['backlash/runtime-boundary'], file).toEqual([2]);
    }
  });
});
