/** Placeholder until the classification issue lands its full implementation (same JSONL contract). */
import readline from 'node:readline';
import { loadNodeClassifier } from '../../entry/classifier-node.js';

export async function run(argv: string[]): Promise<number> {
  const explain = argv.includes('--explain');
  const classifier = await loadNodeClassifier();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let rec: { id?: unknown; text?: unknown; lang?: unknown };
    try {
      rec = JSON.parse(line);
    } catch {
      process.stdout.write(JSON.stringify({ error: 'invalid JSON' }) + '\n');
      continue;
    }
    if (typeof rec.text !== 'string') {
      process.stdout.write(JSON.stringify({ id: rec.id, error: 'missing "text"' }) + '\n');
      continue;
    }
    const v = classifier.classify(rec.text, typeof rec.lang === 'string' ? rec.lang : null);
    const { explain: ex, ...rest } = v;
    process.stdout.write(JSON.stringify({ id: rec.id, ...rest, ...(explain ? { explain: ex } : {}) }) + '\n');
  }
  return 0;
}
