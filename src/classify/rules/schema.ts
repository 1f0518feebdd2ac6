/** The shapes of the rule files under rules/, as zod schemas: the single source of what a rule file may say. */
import { z } from 'zod';

// YAML reads `true`, `12315` or `null` as non-strings: a word list means words, so take them as text
const word = z
  .union([z.string(), z.number(), z.boolean()], 'a word or phrase')
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, 'an empty word'));
const lang = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, pl or zh');

export const ExampleSchema = z
  .object({
    text: z.string().min(1),
    lang: lang.optional(),
    expect: z
      .object({
        sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
        complaint: z.boolean().optional(),
        topics: z.array(z.string()).optional(),
        not_topics: z.array(z.string()).optional(),
        escalation: z.array(z.string()).optional(),
      })
      .strict(),
  })
  .strict();
export type Example = z.infer<typeof ExampleSchema>;

const examples = z.array(ExampleSchema).optional();

const WeightGroup = z
  .object({
    weight: z.number().min(-5).max(5).refine((w) => w !== 0, 'a non-zero weight between -5 and 5'),
    words: z.array(word).min(1),
  })
  .strict();

const FactorGroup = z
  .object({
    factor: z.number().positive().max(4),
    words: z.array(word).min(1),
  })
  .strict();

/** rules/sentiment/<lang>.yaml, and rules/sentiment/emoji.yaml with lang: any */
export const SentimentFileSchema = z
  .object({
    lang: z.union([lang, z.literal('any')]),
    description: z.string().optional(),
    lexicon: z.array(WeightGroup).default([]),
    /** words that carry no sentiment: they stop a stem or a Chinese sub-word from matching */
    neutral: z.array(word).default([]),
    negators: z.array(word).default([]),
    intensifiers: z.array(FactorGroup).default([]),
    diminishers: z.array(FactorGroup).default([]),
    contrast: z
      .object({
        /** "but": what follows outweighs what came before */
        after: z.array(word).default([]),
        /** "although": the clause it opens counts less */
        concessive: z.array(word).default([]),
      })
      .strict()
      .default({ after: [], concessive: [] }),
    examples,
  })
  .strict();
export type SentimentFile = z.infer<typeof SentimentFileSchema>;

/** rules/complaint/<lang>.yaml */
export const ComplaintFileSchema = z
  .object({
    lang,
    description: z.string().optional(),
    cues: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9_-]+$/, 'an id in lower-case letters, digits, - or _'),
            weight: z.number().min(-5).max(5),
            phrases: z.array(word).min(1),
          })
          .strict(),
      )
      .default([]),
    examples,
  })
  .strict();
export type ComplaintFile = z.infer<typeof ComplaintFileSchema>;

const PerLang = z.record(lang, z.array(word));

export const PILLARS = ['integrity', 'resolution', 'expectations', 'time-and-effort', 'personalisation', 'empathy'] as const;
export const TOUCHPOINTS = ['branch', 'phone', 'website-app', 'delivery', 'billing', 'staff', 'kiosk-atm', 'sms', 'product', 'social'] as const;

/** IBM's customer-experience factors: what about the interaction went wrong. */
export const OPERATIONAL_FACTORS = ['speed', 'availability', 'reliability', 'ease-of-use', 'price-and-value', 'consistency', 'flexibility', 'convenience'] as const;
export const EMOTIONAL_FACTORS = ['dignity', 'honesty', 'empathy', 'sincerity', 'authenticity'] as const;
export const FactorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('operational'), name: z.enum(OPERATIONAL_FACTORS) }).strict(),
  z.object({ kind: z.literal('emotional'), name: z.enum(EMOTIONAL_FACTORS) }).strict(),
]);
export type Factor = z.infer<typeof FactorSchema>;

/** rules/topics.yaml */
export const TopicsFileSchema = z
  .object({
    description: z.string().optional(),
    topics: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9_-]+$/, 'an id in lower-case letters, digits, - or _'),
            label: z.string().min(1),
            pillar: z.enum(PILLARS),
            touchpoint: z.enum(TOUCHPOINTS),
            /** the IBM CEM factor the topic is about (operational: speed…convenience; emotional: dignity…authenticity) */
            factor: FactorSchema,
            /** how strongly a match suggests the post is a complaint (0 = not at all) */
            complaint: z.number().min(0).max(3).default(1),
            cues: PerLang,
          })
          .strict(),
      )
      .min(1),
    examples,
  })
  .strict();
export type TopicsFile = z.infer<typeof TopicsFileSchema>;

/** rules/escalation.yaml */
export const EscalationFileSchema = z
  .object({
    description: z.string().optional(),
    escalation: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9_-]+$/, 'an id in lower-case letters, digits, - or _'),
            label: z.string().min(1),
            /** matched on stems (en, pl) or as substrings (zh) */
            cues: PerLang,
            /** matched on the words exactly as written (lower-cased): "reporter" without "reporting" */
            exact: PerLang.default({}),
            /** look-alikes: a cue inside one of these phrases is the word in another sense ("food court") */
            unless: PerLang.default({}),
            /** a cue in a question is asked about, not threatened (suppress); keep for requests ("can we get this trending?") */
            questions: z.enum(['suppress', 'keep']).default('suppress'),
          })
          .strict(),
      )
      .min(1),
    /** how cue matches are judged in context, per language; without it every match counts */
    context: z
      .record(
        lang,
        z
          .object({
            /** a negator this many words before a cue (function words not counted, no clause break between) suppresses it; zh: characters */
            window: z.number().int().min(0).max(12).default(3),
            negators: z.array(word).default([]),
            /** words not counted in the window ("to", "the") */
            skip: z.array(word).default([]),
            /** words that end the negation's reach ("if this isn't fixed, I'll sue": "I'll") */
            breakers: z.array(word).default([]),
            /** phrases of a brand's own replies: a post that has one is the brand speaking, its cues are not threats */
            brand_voice: z.array(word).default([]),
          })
          .strict(),
      )
      .optional(),
    examples,
  })
  .strict();
export type EscalationFile = z.infer<typeof EscalationFileSchema>;

/** rules/regulators.yaml: regulators and ombudsmen per country, feeding the regulator cue */
export const RegulatorsFileSchema = z
  .object({
    description: z.string().optional(),
    regulators: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9_-]+$/, 'an id in lower-case letters, digits, - or _'),
            name: z.string().min(1),
            country: z.string().regex(/^[A-Z]{2}$/, 'an ISO country code such as GB, US, PL, CN'),
            sector: z.string().min(1),
            /** the escalation cue type a mention feeds */
            cue: z.string().default('regulator'),
            /** names matched like cues: on stems (en, pl) or as substrings (zh) */
            names: PerLang.default({}),
            /** abbreviations matched only as written, in capitals, as whole words, in every language ("CAA", "UOKiK", not "dot") */
            acronyms: z.array(word).default([]),
          })
          .strict(),
      )
      .min(1),
    examples,
  })
  .strict();
export type RegulatorsFile = z.infer<typeof RegulatorsFileSchema>;

/** rules/scoring.yaml: the tuning constants of the lexicon scorer and of the rule-only combination */
export const ScoringFileSchema = z
  .object({
    description: z.string().optional(),
    lexicon: z
      .object({
        negation_window: z.number().int().min(1).max(6),
        negated_positive: z.number().min(-2).max(0),
        negated_negative: z.number().min(-2).max(0),
        caps: z.number().min(1).max(3),
        elongation: z.number().min(1).max(3),
        exclamation: z.number().min(0).max(1),
        exclamation_max: z.number().int().min(0).max(5),
        before_contrast: z.number().min(0).max(1),
        after_contrast: z.number().min(1).max(3),
        concessive_clause: z.number().min(0).max(1),
        normalise_alpha: z.number().positive(),
      })
      .strict(),
    sentiment: z
      .object({
        positive_above: z.number().min(0).max(1),
        negative_below: z.number().min(-1).max(0),
        complaint_cue_push: z.number().min(0).max(1),
      })
      .strict(),
    complaint: z
      .object({
        bias: z.number(),
        score: z.number(),
        negativity: z.number(),
        positivity: z.number(),
        cues: z.number(),
        topics: z.number(),
        escalation: z.number(),
        question: z.number(),
        /** the post addresses someone (@mention), a customer-service handle (@brand_help), carries a link */
        mention: z.number().default(0),
        service_handle: z.number().default(0),
        link: z.number().default(0),
        threshold: z.number().min(0).max(1),
        /** weights that differ in one language (the keys above, any of them) */
        by_lang: z.record(lang, z.object(Object.fromEntries(['bias', 'score', 'negativity', 'positivity', 'cues', 'topics', 'escalation', 'question', 'mention', 'service_handle', 'link'].map((k) => [k, z.number().optional()]))).strict()).optional(),
      })
      .strict(),
    topics: z.object({ min_score: z.number().min(0).max(1) }).strict(),
  })
  .strict();
export type ScoringFile = z.infer<typeof ScoringFileSchema>;

/** rules/sentiment/shapes.yaml: the shapes of real speech that turn a reading around (sarcasm) or even it out (balanced phrases) */
export const ShapesFileSchema = z
  .object({
    description: z.string().optional(),
    shapes: z
      .array(
        z
          .object({
            id: z.string().regex(/^[a-z0-9_-]+$/, 'an id in lower-case letters, digits, - or _'),
            /** sarcasm: a positive reading becomes negative; balanced: a polar reading becomes neutral */
            kind: z.enum(['sarcasm', 'balanced']),
            /** strong: the marker alone decides; weak: only with negative evidence beside it (a negative word, a complaint cue, a topic) */
            strength: z.enum(['strong', 'weak']).default('strong'),
            /** phrases per language (any: every language), matched in the text as whole words, case-insensitive */
            markers: z.record(z.union([lang, z.literal('any')]), z.array(word)).default({}),
            /** a positive lexicon word in quotes ("helpful" staff) counts as this shape's marker */
            scare_quotes: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    examples,
  })
  .strict();
export type ShapesFile = z.infer<typeof ShapesFileSchema>;
