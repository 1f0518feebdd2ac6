/** Reads rules/routing.yaml and rules/templates/*.yaml from disk (Node) and validates them. */
import fs from 'node:fs';
import path from 'node:path';
import { loadRoutingRules, BUILTIN_ROUTING } from '../routing/rules.js';
import { loadTemplates } from '../routing/templates.js';
import type { RoutingSetup } from '../routing/setup.js';

export function loadNodeRouting(rulesDir: string, channelIds: string[]): RoutingSetup {
  const file = path.join(rulesDir, 'routing.yaml');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  const rules = loadRoutingRules(text ?? BUILTIN_ROUTING, text === null ? '(built-in routing)' : file, { channelIds });
  const dir = path.join(rulesDir, 'templates');
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
        .sort()
        .map((f) => ({ lang: f.replace(/\.ya?ml$/, ''), file: path.join(dir, f), text: fs.readFileSync(path.join(dir, f), 'utf8') }))
    : [];
  return { rules, templates: loadTemplates(files) };
}
