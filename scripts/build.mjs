// Bundles the CLI and service into dist/, so that `backlash` starts in a fraction of the time tsx
// needs to compile ~150 modules on every run. Pure-JS packages made of many small modules (kysely,
// zod, yaml, hono) are bundled too: resolving and reading their few hundred files took longer
// than anything replay or classify does at start-up. Native, optional and tooling packages stay
// external. Runs on `npm install` / `npm ci` (the "prepare" script) and with `npm run build`.
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
  external: ['better-sqlite3', 'pg', 'undici', 'tsx', 'esbuild', 'wrangler', 'playwright-core'],
  // bundled CommonJS packages (yaml) require Node's built-in modules
  banner: { js: "import { createRequire as __backlashRequire } from 'node:module'; const require = __backlashRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
});
fs.writeFileSync('dist/.built', new Date().toISOString() + '\n');
