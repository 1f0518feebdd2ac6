// Bundles the CLI and service (our own code only; packages stay external) into dist/, so that
// `backlash` starts in a fraction of the time tsx needs to compile ~150 modules on every run.
// Runs on `npm install` / `npm ci` (the "prepare" script) and with `npm run build`.
import { build } from 'esbuild';
import fs from 'node:fs';

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts', 'classify-worker': 'src/cli/commands/classify-worker.ts' },
  bundle: true,
  splitting: true, // commands stay lazily loaded chunks
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
fs.writeFileSync('dist/.built', new Date().toISOString() + '\n');
