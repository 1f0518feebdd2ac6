/**
 * `backlash train FILE... --out MODEL [--with-feedback [--db PATH]] [--base MODEL|none] [--rules DIR] [--alpha A] [--folds K]`
 * Learns a naive Bayes model from JSONL or CSV records with "text" and any of "sentiment",
 * "complaint", "topic"; --with-feedback adds the team's corrections from the label_feedback table.
 * The model is trained on top of the shipped default model unless --base says otherwise.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { opt, parseArgs, UsageError } from '../../classify/args.js';
import { writeModel } from '../../entry/model-file.js';
import { feedbackToRecords } from '../../classify/feedback.js';
import { readModel } from '../../entry/model-file.js';
import { DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../entry/classifier-files.js';
import { readRecordFiles } from '../../entry/record-files.js';
import { compileRules } from '../../classify/rules/compile.js';
import { loadRuleSet } from '../../entry/rule-files.js';
import { trainModel, type Estimate, type TrainingRecord } from '../../classify/train.js';
import { HEADS, type HeadName } from '../../classify/bayes/model.js';

const USAGE = `usage: backlash train FILE... --out MODEL [options]
  FILE            JSONL or CSV with "text" and any of "sentiment", "complaint", "topic" ("lang" optional)
  --out MODEL     where to write the model (JSON)
  --with-feedback add the team's label corrections (label_feedback table)
  --db PATH       SQLite file for --with-feedback (default: $BACKLASH_DB or data/backlash.db; $DATABASE_URL wins)
  --base MODEL    the model this one starts from (default: the shipped data/model/default.json;
                  "none" for a model of the records alone): heads the records do not label are
                  kept from it, and its sentiment log-odds are an input of the heads they do
  --rules DIR     rule files whose evidence the model learns to weigh (default: rules/)
  --alpha A       additive smoothing (default 0.5)
  --folds K       folds for the calibration layer (default 5; 0 = none)
  --min-count N   drop features seen in fewer than N posts (default 1)
  --no-tune       keep the calibrated decision boundaries where the class-balanced fit puts them
                  (by default they move to where the records' out-of-fold predictions score best:
                  macro-F1 for sentiment, complaint F1 for complaints)
  --heads LIST    which labels to learn, e.g. sentiment,topic (default: every label the records carry;
                  a head left out comes from the base model, or from the rules alone without one)
`;

export async function run(argv: string[]): Promise<number> {
  const warn = (m: string) => process.stderr.write(`backlash train: ${m}\n`);
  try {
    const args = parseArgs(argv, { flags: ['with-feedback', 'no-tune', 'help'], options: ['out', 'db', 'rules', 'alpha', 'folds', 'min-count', 'heads', 'base'] });
    if (args.flags.has('help')) return void process.stdout.write(USAGE), 0;
    const out = opt(args, 'out');
    if (!out) throw new UsageError('--out MODEL is required');
    if (args.positionals.length === 0 && !args.flags.has('with-feedback')) throw new UsageError('give at least one FILE (or --with-feedback)');
    const num = (name: string) => {
      const v = opt(args, name);
      if (v === undefined) return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a non-negative number`);
      return n;
    };
    const t0 = performance.now();
    const records: TrainingRecord[] = readRecordFiles(args.positionals, warn);
    if (args.flags.has('with-feedback')) {
      const { readFeedback } = await import('../../entry/feedback-db.js');
      const { rows, note } = await readFeedback({ sqlitePath: opt(args, 'db') ?? process.env.BACKLASH_DB ?? 'data/backlash.db', databaseUrl: opt(args, 'db') ? undefined : process.env.DATABASE_URL });
      if (note) warn(note);
      const fb = feedbackToRecords(rows);
      warn(`${rows.length} corrections → ${fb.length} training records`);
      records.push(...fb);
    }
    if (records.length === 0) throw new Error('no usable records');
    const rules = compileRules(loadRuleSet(opt(args, 'rules') ?? DEFAULT_RULES_DIR));
    const heads = opt(args, 'heads')?.split(',').map((h) => h.trim()) as HeadName[] | undefined;
    const bad = heads?.find((h) => !HEADS.includes(h));
    if (bad) throw new UsageError(`--heads: unknown head "${bad}" (sentiment, complaint, topic)`);
    const basePath = opt(args, 'base') ?? (existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : 'none');
    const base = basePath === 'none' ? null : readModel(basePath);
    const model = trainModel(records, rules, { alpha: num('alpha'), folds: num('folds'), minCount: num('min-count'), heads, base, tune: !args.flags.has('no-tune'), meta: { sources: args.positionals } });
    mkdirSync(dirname(out), { recursive: true });
    writeModel(out, model);
    const estimates = (model.meta.estimates ?? {}) as Record<string, Estimate>;
    const summary = Object.entries(model.heads).map(([n, h]) => {
      const e = estimates[n];
      return `${n} (${h.classes.length} classes, ${h.docs} posts, ${h.features.size} features${h.calibration ? ', calibrated' : ''}${e ? `, out-of-fold ${e.metric} ${e.value.toFixed(3)}` : ''})`;
    });
    const inherited = (n: string, h: unknown) => n === 'prior' || (!!base && Object.values(base.heads).includes(h as never));
    const learned = Object.entries(model.heads).filter(([n, h]) => !inherited(n, h));
    const kept = Object.entries(model.heads).filter(([n, h]) => n !== 'prior' && inherited(n, h)).map(([n]) => n);
    warn(`${records.length} records in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${out} [${model.version}]: ${summary.join('; ') || 'no labels found'}${base ? ` (on top of ${basePath} [${base.version}]; kept from it: ${kept.join(', ') || 'nothing'})` : ''}`);
    return learned.length ? 0 : 1;
  } catch (e) {
    warn(`${(e as Error).message}${e instanceof UsageError ? '\n' + USAGE : ''}`);
    return 2;
  }
}
