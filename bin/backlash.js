#!/usr/bin/env node
// Entry for `backlash` / `npx backlash` / `npm start`. Runs the TypeScript sources through tsx.
// natural pulls in dotenv, whose banner would corrupt the CLI's JSONL on stdout: keep it quiet.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
