/**
 * Node only: read every rule file under a directory into RuleSource pairs. Parsing and validating
 * the YAML costs more than half a second, so a validated rule set is cached as JSON in the OS temp
 * directory, keyed by a hash of every rule file's path and text and of the parser's own code
 * (a changed rule or parser misses the cache; a broken file is never cached, so it is always
 * reported). BACKLASH_RULES_CACHE=0 turns the cache off.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kindOf, parseRules, type RuleSet, type RuleSource } from '../classify/rules/parse.js';

const CACHE_FORMAT = 1;

export function readRuleSources(dir: string): RuleSource[] {
  const out: RuleSource[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const path = relative(dir, full).split(sep).join('/');
        if (kindOf(path)) out.push({ path, text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(dir);
  return out;
}

/** mtimes of the code that turns rule text into a RuleSet (the bundle chunk, or parse.ts + schema.ts). */
function parserStamp(): string {
  const here = fileURLToPath(import.meta.url);
  const stamps: number[] = [];
  const rules = join(dirname(here), '../classify/rules');
  for (const f of [here, join(rules, 'parse.ts'), join(rules, 'schema.ts')]) {
    try {
      stamps.push(statSync(f).mtimeMs);
    } catch {
      /* bundled: only `here` exists */
    }
  }
  return stamps.join(',');
}

function hashSources(sources: RuleSource[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x12345678;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
  };
  mix(`${CACHE_FORMAT}|${parserStamp()}`);
  for (const s of sources) mix(`\u0000${s.path}\u0000${s.text}`);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function loadRuleSet(dir: string): RuleSet {
  const sources = readRuleSources(dir);
  if (process.env.BACKLASH_RULES_CACHE === '0') return parseRules(sources);
  const cacheDir = join(tmpdir(), 'backlash-rules-cache');
  const file = join(cacheDir, `${hashSources(sources)}.json`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RuleSet;
  } catch {
    /* not cached yet (or unreadable): parse and validate */
  }
  const set = parseRules(sources);
  try {
    mkdirSync(cacheDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(set));
    renameSync(tmp, file);
  } catch {
    /* a read-only temp dir only costs speed */
  }
  return set;
}
