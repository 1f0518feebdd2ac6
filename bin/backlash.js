#!/usr/bin/env node
// Entry for `backlash` / `npx backlash` / `npm start`. Runs the bundle in dist/ (built by
// `npm install` / `npm run build`) when it is newer than every file in src/; otherwise the
// TypeScript sources through tsx, so an edit is never run stale.
// natural pulls in dotenv, whose banner would corrupt the CLI's JSONL on stdout: keep it quiet.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (process.env.BACKLASH_FROM_SOURCE) return false;
  try {
    return fs.statSync(path.join(root, 'dist', '.built')).mtimeMs >= newestMtime(path.join(root, 'src'));
  } catch {
    return false;
  }
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import('../dist/main.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
