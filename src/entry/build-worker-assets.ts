/**
 * Build step of the Worker (wrangler.toml's [build] command): packs every file under rules/ and the
 * default model (data/model/default.json, when present) and the learned escalation head
 * (data/model/escalation.json, when present) into one JS module that the bundle imports
 * as `backlash:worker-assets`. The Worker has no file system; this is how its rules arrive.
 *
 *   npx tsx src/entry/build-worker-assets.ts [outFile]
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const WORKER_ASSETS_FILE = path.join(ROOT, '.tmp', 'worker', 'assets.js');

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function buildWorkerAssets(out = WORKER_ASSETS_FILE): { file: string; rules: number; model: boolean; bytes: number } {
  const rulesDir = path.join(ROOT, 'rules');
  const rules = walk(rulesDir)
    .filter((f) => /\.(ya?ml|md|txt)$/.test(f))
    .map((f) => ({ path: path.relative(rulesDir, f).split(path.sep).join('/'), text: fs.readFileSync(f, 'utf8') }));
  const modelFile = path.join(ROOT, 'data', 'model', 'default.json');
  const model = fs.existsSync(modelFile) ? fs.readFileSync(modelFile, 'utf8') : null;
  const escFile = path.join(ROOT, 'data', 'model', 'escalation.json');
  const esc = fs.existsSync(escFile) ? fs.readFileSync(escFile, 'utf8') : null;
  // JSON.stringify is a valid JS literal for any string: the rule text cannot break out of it
  const js = `export const RULE_SOURCES = ${JSON.stringify(rules)};\nexport const MODEL_JSON = ${model === null ? 'null' : model.trim()};\nexport const ESCALATION_JSON = ${esc === null ? 'null' : esc.trim()};\n`;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, js);
  return { file: out, rules: rules.length, model: model !== null, bytes: js.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const r = buildWorkerAssets(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
  console.error(`worker assets: ${r.rules} rule files, model ${r.model ? 'included' : 'absent'}, ${r.bytes} bytes → ${path.relative(process.cwd(), r.file)}`);
}
