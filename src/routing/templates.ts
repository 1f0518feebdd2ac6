/**
 * Suggested replies per topic and language, from rules/templates/<lang>.yaml. A suggestion is a
 * draft an agent edits before use: Backlash never posts on its own. Pure: the caller reads files.
 */
import { z } from 'zod';
import { loadValidatedYaml, ValidationError } from '../util/validated-yaml.js';

export const PLACEHOLDERS = ['author', 'brand', 'topic', 'team', 'first_response', 'resolve'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const template = z.string().min(1).superRefine((text, ctx) => {
  for (const m of text.matchAll(/\{([a-z_]+)\}/g)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(m[1])) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${m[1]}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})` });
  }
});

const fileSchema = z
  .object({
    default: template,
    revolt: template.optional(),
    topics: z.record(z.string(), template).default({}),
  })
  .strict();

export type TemplateFile = z.output<typeof fileSchema>;
export type Templates = Record<string, TemplateFile>; // by language

export function loadTemplates(files: { lang: string; file: string; text: string }[]): Templates {
  const out: Templates = {};
  for (const f of files) {
    if (!/^[a-z]{2,3}(-[a-z0-9]+)?$/i.test(f.lang)) throw new ValidationError(f.file, [`file name: expected a language code like en.yaml or pt-br.yaml`]);
    out[f.lang.toLowerCase()] = loadValidatedYaml(f.text, f.file, fileSchema);
  }
  return out;
}

export interface ReplyInput {
  kind: 'revolt' | 'post';
  lang: string | null;
  topic: string | null;
  vars: Partial<Record<Placeholder, string>>;
}

export interface SuggestedReply {
  lang: string;
  template: string; // which template: <lang>:<topic|revolt|default>
  text: string;
}

/** Most specific first: language + topic, language + kind, language default; then the same in English. */
export function suggestReply(templates: Templates, input: ReplyInput, fallbackLang = 'en'): SuggestedReply | null {
  const langs = [...new Set([input.lang?.toLowerCase(), input.lang?.toLowerCase().split('-')[0], fallbackLang].filter((l): l is string => Boolean(l)))];
  for (const lang of langs) {
    const t = templates[lang];
    if (!t) continue;
    const pick: [string, string | undefined][] = [
      [input.topic ?? '', input.topic ? t.topics[input.topic] : undefined],
      ['revolt', input.kind === 'revolt' ? t.revolt : undefined],
      ['default', t.default],
    ];
    const [name, text] = pick.find(([, x]) => x !== undefined)!;
    return { lang, template: `${lang}:${name}`, text: fill(text!, input.vars) };
  }
  return null;
}

function fill(text: string, vars: Partial<Record<Placeholder, string>>): string {
  return text.replace(/\{([a-z_]+)\}/g, (_, k: Placeholder) => vars[k] ?? '').replace(/[ \t]+([,.!?])/g, '$1').replace(/ {2,}/g, ' ').trim();
}

/** "45 minutes", "4 hours", "2 days": the SLA as a customer reads it. */
export function humanDuration(ms: number, lang = 'en'): string {
  const words: Record<string, [string, string, string, string, string, string]> = {
    en: ['minute', 'minutes', 'hour', 'hours', 'day', 'days'],
    fr: ['minute', 'minutes', 'heure', 'heures', 'jour', 'jours'],
    de: ['Minute', 'Minuten', 'Stunde', 'Stunden', 'Tag', 'Tagen'],
    es: ['minuto', 'minutos', 'hora', 'horas', 'día', 'días'],
    pl: ['minuty', 'minut', 'godziny', 'godzin', 'dnia', 'dni'],
  };
  const w = words[lang] ?? words.en;
  const n = (x: number, one: string, many: string) => `${x} ${x === 1 ? one : many}`;
  if (ms < 3_600_000) return n(Math.max(1, Math.round(ms / 60_000)), w[0], w[1]);
  if (ms < 2 * 86_400_000) return n(Math.round(ms / 3_600_000), w[2], w[3]);
  return n(Math.round(ms / 86_400_000), w[4], w[5]);
}
