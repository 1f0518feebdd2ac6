/**
 * `backlash rules test [--rules DIR] [--model FILE | --no-model]`: validate every rule file and
 * check the examples they carry. `backlash rules check`: validate only.
 */
import { existsSync } from 'node:fs';
import { opt, parseArgs, UsageError } from '../../classify/args.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../entry/classifier-files.js';
import { runExamples } from '../../classify/rules/examples.js';

const USAGE = `usage: backlash rules test [--rules DIR] [--model FILE | --no-model] [--verbose]
       backlash rules check [--rules DIR]
  test   validate the rule files and check every example they carry against its expected verdict
  check  validate only
`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    if (sub !== 'test' && sub !== 'check') throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'missing subcommand');
    const args = parseArgs(rest, { flags: ['no-model', 'verbose'], options: ['rules', 'model'] });
    const rulesDir = opt(args, 'rules') ?? DEFAULT_RULES_DIR;
    const modelPath = sub === 'check' || args.flags.has('no-model') ? null : (opt(args, 'model') ?? (existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : null));
    let clf;
    try {
      clf = buildClassifier(rulesDir, modelPath);
    } catch (e) {
      process.stderr.write(`backlash rules: ${(e as Error).message}\n`);
      return 1;
    }
    const files = clf.rules.files;
    if (sub === 'check') {
      process.stdout.write(`ok: ${files.length} rule files valid (${files.join(', ')})\n`);
      return 0;
    }
    const results = runExamples((t, l) => clf.classify(t, l), clf.rules.examples);
    let failed = 0;
    for (const r of results) {
      const where = `${r.example.file}${r.example.line ? `:${r.example.line}` : ''}`;
      if (!r.ok) {
        failed++;
        process.stdout.write(`FAIL ${where} ${JSON.stringify(r.example.text)}\n${r.problems.map((p) => `     ${p}`).join('\n')}\n`);
      } else if (args.flags.has('verbose')) process.stdout.write(`ok   ${where} ${JSON.stringify(r.example.text)}\n`);
    }
    process.stdout.write(`${results.length - failed}/${results.length} examples pass (${files.length} rule files, classifier ${clf.version})\n`);
    return failed ? 1 : 0;
  } catch (e) {
    process.stderr.write(`backlash rules: ${(e as Error).message}\n${e instanceof UsageError ? USAGE : ''}`);
    return 2;
  }
}
