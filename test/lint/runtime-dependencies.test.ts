/**
 * A runtime dependency is one the runtime imports: every package under "dependencies" must be
 * imported by the code that runs in production (src/, bin/, scripts/ for the build that `npm ci`
 * runs). A package only tests or benches use (natural, VADER, rss-parser) belongs in devDependencies.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RUNTIME_DIRS = ['src', 'bin', 'scripts'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : /\.(ts|js|mjs)$/.test(e.name) ? [p] : [];
  });
}

/** Package names a file imports: import … from, import(), require(), export … from. */
function importedPackages(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'".][^'"]*)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('node:')) continue;
    out.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return out;
}

describe('runtime dependencies', () => {
  it('are each imported by the code that runs in production', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const used = new Set<string>();
    for (const dir of RUNTIME_DIRS) for (const f of files(path.join(ROOT, dir))) for (const p of importedPackages(fs.readFileSync(f, 'utf8'))) used.add(p);
    expect(Object.keys(pkg.dependencies).filter((d) => !used.has(d))).toEqual([]);
    expect(pkg.dependencies).not.toHaveProperty('natural');
  });
});
