/**
 * `backlash eval FILE [--model FILE | --no-model] [--rules DIR] [--json]`
 * Prints per-class precision, recall, F1 and a confusion matrix for every label the file carries
 * (sentiment, complaint, topic).
 */
import { existsSync } from 'node:fs';
import { opt, parseArgs, UsageError } from '../../classify/args.js';
import { NO_TOPIC } from '../../classify/bayes/model.js';
import { buildClassifier, DEFAULT_MODEL_PATH, DEFAULT_RULES_DIR } from '../../entry/classifier-files.js';
import { readRecordFiles } from '../../entry/record-files.js';
import { evaluate, formatReport, type Report } from '../../classify/metrics.js';

const USAGE = `usage: backlash eval FILE... [--model FILE | --no-model] [--rules DIR] [--json]
  FILE  JSONL or CSV with "text" and any of "sentiment", "complaint", "topic"
`;

export async function run(argv: string[]): Promise<number> {
  try {
    const args = parseArgs(argv, { flags: ['no-model', 'json', 'help'], options: ['model', 'rules'] });
    if (args.flags.has('help')) return void process.stdout.write(USAGE), 0;
    if (!args.positionals.length) throw new UsageError('give a labelled FILE');
    const modelPath = args.flags.has('no-model') ? null : (opt(args, 'model') ?? (existsSync(DEFAULT_MODEL_PATH) ? DEFAULT_MODEL_PATH : null));
    const clf = buildClassifier(opt(args, 'rules') ?? DEFAULT_RULES_DIR, modelPath);
    const records = readRecordFiles(args.positionals, (m) => process.stderr.write(`backlash eval: ${m}\n`));
    const gold = { sentiment: [] as string[], complaint: [] as string[], topic: [] as string[] };
    const pred = { sentiment: [] as string[], complaint: [] as string[], topic: [] as string[] };
    const learned = new Set(clf.model?.heads.topic?.classes.filter((c) => c !== NO_TOPIC) ?? []);
    for (const r of records) {
      const v = clf.classify(r.text, r.lang);
      if (r.sentiment) gold.sentiment.push(r.sentiment), pred.sentiment.push(v.sentiment.label);
      if (typeof r.complaint === 'boolean') gold.complaint.push(String(r.complaint)), pred.complaint.push(String(v.complaint.is));
      if (r.topic) {
        gold.topic.push(r.topic);
        const best = v.topics.find((t) => learned.size === 0 || learned.has(t.id)) ?? bestLearnedTopic(clf, r.text, r.lang);
        pred.topic.push(best?.id ?? '(none)');
      }
    }
    const reports: Record<string, Report> = {};
    for (const k of ['sentiment', 'complaint', 'topic'] as const) if (gold[k].length) reports[k] = evaluate(gold[k], pred[k]);
    if (!Object.keys(reports).length) throw new Error('the file has no sentiment, complaint or topic labels');
    if (args.flags.has('json')) process.stdout.write(JSON.stringify({ model: clf.version, reports }) + '\n');
    else {
      process.stdout.write(`classifier ${clf.version}, ${records.length} records\n\n`);
      for (const [k, r] of Object.entries(reports)) process.stdout.write(formatReport(r, `== ${k}`) + '\n\n');
    }
    return 0;
  } catch (e) {
    process.stderr.write(`backlash eval: ${(e as Error).message}\n${e instanceof UsageError ? USAGE : ''}`);
    return 2;
  }
}

/** For topic evaluation: the model's best learned topic even below the reporting threshold. */
function bestLearnedTopic(clf: ReturnType<typeof buildClassifier>, text: string, lang?: string | null): { id: string } | undefined {
  const v = clf.classify(text, lang, { explain: true });
  const t = (v.explain?.model as { topic?: { best?: string } } | undefined)?.topic?.best;
  return t ? { id: t } : undefined;
}
