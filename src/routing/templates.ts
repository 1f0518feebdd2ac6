/**
 * Reply templates per language, from rules/templates/<lang>.yaml: one-to-one replies to a post
 * (`default`, `topics`) and public holding statements for a revolt's case (`revolt`, `holding` per
 * topic). A suggestion is a draft an agent edits; replies are published only when a person sends
 * (and, where the route asks, a lead approves) them. Pure: the caller reads files.
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
    // public holding statements for a revolt about this topic (falls back to `revolt`)
    holding: z.record(z.string(), template).default({}),
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
  /** A revolt or a case of several posts gets a public holding statement; a post a one-to-one reply. */
  kind: 'revolt' | 'post' | 'case';
  lang: string | null;
  topic: string | null;
  vars: Partial<Record<Placeholder, string>>;
}

export interface SuggestedReply {
  lang: string;
  template: string; // which template: <lang>:<topic|revolt|default>
  text: string;
}

function langsOf(lang: string | null, fallbackLang: string): string[] {
  return [...new Set([lang?.toLowerCase(), lang?.toLowerCase().split('-')[0], fallbackLang].filter((l): l is string => Boolean(l)))];
}

/**
 * Most specific first, in the item's language, then in English. A revolt or a case: the holding
 * statement for its topic, the language's `revolt` statement; a post: the topic's reply; then `default`.
 */
export function suggestReply(templates: Templates, input: ReplyInput, fallbackLang = 'en'): SuggestedReply | null {
  for (const lang of langsOf(input.lang, fallbackLang)) {
    const t = templates[lang];
    if (!t) continue;
    const group = input.kind !== 'post';
    const pick: [string, string | undefined][] = group
      ? [
          [`holding:${input.topic ?? ''}`, input.topic ? t.holding[input.topic] : undefined],
          ['revolt', t.revolt],
          ['default', t.default],
        ]
      : [
          [input.topic ?? '', input.topic ? t.topics[input.topic] : undefined],
          ['default', t.default],
        ];
    const [name, text] = pick.find(([, x]) => x !== undefined)!;
    return { lang, template: `${lang}:${name}`, text: fillTemplate(text!, input.vars) };
  }
  return null;
}

export interface TemplateChoice {
  id: string; // <lang>:<name>
  lang: string;
  kind: 'holding' | 'one-to-one';
  label: string;
  text: string;
}

/** The templates an agent may pick for an item, in its language (then English): holding statements first for revolts and cases. */
export function templateChoices(templates: Templates, input: ReplyInput, fallbackLang = 'en'): TemplateChoice[] {
  const out: TemplateChoice[] = [];
  for (const lang of langsOf(input.lang, fallbackLang)) {
    const t = templates[lang];
    if (!t) continue;
    const f = (x: string) => fillTemplate(x, input.vars);
    const holding: TemplateChoice[] = [
      ...(input.topic && t.holding[input.topic] ? [{ id: `${lang}:holding:${input.topic}`, lang, kind: 'holding' as const, label: `Holding statement: ${input.topic} (${lang})`, text: f(t.holding[input.topic]) }] : []),
      ...(t.revolt ? [{ id: `${lang}:revolt`, lang, kind: 'holding' as const, label: `Holding statement (${lang})`, text: f(t.revolt) }] : []),
    ];
    const personal: TemplateChoice[] = [
      ...(input.topic && t.topics[input.topic] ? [{ id: `${lang}:${input.topic}`, lang, kind: 'one-to-one' as const, label: `Reply: ${input.topic} (${lang})`, text: f(t.topics[input.topic]) }] : []),
      { id: `${lang}:default`, lang, kind: 'one-to-one' as const, label: `Reply (${lang})`, text: f(t.default) },
    ];
    out.push(...(input.kind === 'post' ? [...personal, ...holding] : [...holding, ...personal]));
  }
  return out;
}

/** Fills placeholders; one given as undefined in `vars` is left as it is (filled later, per post). */
export function fillTemplate(text: string, vars: Partial<Record<Placeholder, string>>): string {
  return text
    .replace(/\{([a-z_]+)\}/g, (m, k: Placeholder) => (k in vars ? (vars[k] === undefined ? m : vars[k]!) : ''))
    .replace(/[ \t]+([,.!?，。！？])/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
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
  if (lang.startsWith('zh')) {
    if (ms < 3_600_000) return `${Math.max(1, Math.round(ms / 60_000))}分钟`;
    if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)}小时`;
    return `${Math.round(ms / 86_400_000)}天`;
  }
  const w = words[lang] ?? words.en;
  const n = (x: number, one: string, many: string) => `${x} ${x === 1 ? one : many}`;
  if (ms < 3_600_000) return n(Math.max(1, Math.round(ms / 60_000)), w[0], w[1]);
  if (ms < 2 * 86_400_000) return n(Math.round(ms / 3_600_000), w[2], w[3]);
  return n(Math.round(ms / 86_400_000), w[4], w[5]);
}
