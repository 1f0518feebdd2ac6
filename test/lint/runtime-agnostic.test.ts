/**
 * The core runs on Node and on workerd: only src/entry/ and src/cli/ may import Node built-ins or
 * Node-only packages. Scans every import, re-export and dynamic import under src/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');
const RUNTIME_DIRS = ['entry', 'cli'];
const NODE_ONLY_PACKAGES = ['better-sqlite3', 'pg', 'pg-pool', 'pg-cursor', 'undici', 'p-queue', '@hono/node-server', 'dotenv'];
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/**
 * Known Node-only loaders still outside src/entry/ (the classification stage's file readers). They
 * must move to src/entry/ (or the core must take their output as data): the list may only shrink,
 * and an entry that no longer imports anything Node-only fails the test so it is removed.
 */
const PENDING_MOVES = new Set(['classify/bayes/load-node.ts', 'classify/index.ts', 'classify/io-node.ts', 'classify/rules/load-node.ts']);

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

export function importsOf(text: string): { spec: string; typeOnly: boolean }[] {
  const out: { spec: string; typeOnly: boolean }[] = [];
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    out.push({ spec, typeOnly: /^\s*;?\s*(import|export)\s+type\s/.test(m[0]) });
  }
  return out;
}

export function forbidden(spec: string): string | null {
  if (spec.startsWith('node:')) return 'a Node built-in';
  const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
  if (BUILTINS.has(pkg)) return 'a Node built-in';
  if (NODE_ONLY_PACKAGES.includes(pkg)) return 'a Node-only package';
  return null;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.(ts|js|mts|mjs)$/.test(e.name) ? [p] : [];
  });
}

describe('runtime-agnostic core', () => {
  it('the scanner finds static, re-exported, dynamic and type imports', () => {
    const found = importsOf(`import fs from 'node:fs';\nexport { x } from "pg";\nconst q = await import('p-queue');\nimport type { Pool } from 'undici';\n// import x from 'better-sqlite3'\nimport { ok } from './ok.js';`);
    expect(found.map((f) => f.spec)).toEqual(['node:fs', 'pg', 'p-queue', 'undici', './ok.js']);
    expect(found.map((f) => forbidden(f.spec))).toEqual(['a Node built-in', 'a Node-only package', 'a Node-only package', 'a Node-only package', null]);
    expect(forbidden('fs/promises')).toBe('a Node built-in');
    expect(forbidden('kysely')).toBeNull();
    expect(forbidden('natural/lib/natural/stemmers/porter_stemmer.js')).toBeNull();
  });

  it('no file outside src/entry and src/cli imports a Node built-in or a Node-only package', () => {
    const violations: string[] = [];
    const pendingSeen = new Set<string>();
    for (const file of walk(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      if (RUNTIME_DIRS.includes(rel.split('/')[0])) continue;
      for (const { spec, typeOnly } of importsOf(fs.readFileSync(file, 'utf8'))) {
        const why = forbidden(spec);
        if (!why) continue;
        if (PENDING_MOVES.has(rel)) {
          pendingSeen.add(rel);
          continue;
        }
        // type-only imports vanish at build time, but they still tie the core to a runtime's API
        violations.push(`src/${rel} imports '${spec}' (${why}${typeOnly ? ', type only' : ''}): move it to src/entry/ or pass it in through AppContext`);
      }
    }
    for (const rel of PENDING_MOVES) if (!pendingSeen.has(rel)) violations.push(`src/${rel} no longer needs its exemption: remove it from PENDING_MOVES`);
    expect(violations).toEqual([]);
  });
});
