/**
 * `backlash <command>`: a registry of commands, one file each under commands/. Each command returns
 * its exit code. A command that is not built yet says so and exits 2.
 */
export type Command = (argv: string[]) => Promise<number>;

interface CommandEntry {
  summary: string;
  load?: () => Promise<{ run: Command }>;
}

export const COMMANDS: Record<string, CommandEntry> = {
  serve: { summary: 'run the service (the built-in demo when no config is given)', load: () => import('./commands/serve.js') },
  migrate: { summary: 'apply database migrations and exit', load: () => import('./commands/migrate.js') },
  classify: { summary: 'classify JSONL posts from stdin: one verdict per line on stdout', load: () => import('./commands/classify.js') },
  train: { summary: 'train a naive Bayes model from labelled JSONL/CSV', load: () => import('./commands/train.js') },
  eval: { summary: 'print precision, recall, F1 and a confusion matrix for a labelled file', load: () => import('./commands/eval.js') },
  rules: { summary: 'rules test: check the examples carried by the rule files', load: () => import('./commands/rules.js') },
  replay: { summary: 'run the pipeline over a JSONL file of posts on a simulated clock; events on stdout', load: () => import('./commands/replay.js') },
  bench: { summary: 'bench [NAME]: run a benchmark from bench/ (figures with the peer from the same run)', load: () => import('./commands/bench.js') },
  keys: { summary: 'keys create --role viewer|agent|admin [--name N] | list | revoke ID: API keys', load: () => import('./commands/keys.js') },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}${c.load ? '' : ' (not built yet)'}`);
  return `usage: backlash <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    process.stderr.write(`backlash: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  if (!entry.load) {
    process.stderr.write(`backlash ${name}: not built yet (${entry.summary})\n`);
    return 2;
  }
  const { run } = await entry.load();
  return run(rest);
}
