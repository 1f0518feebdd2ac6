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
            cues: PerLang,
          })
          .strict(),
      )
      .min(1),
    examples,
  })
  .strict();
export type EscalationFile = z.infer<typeof EscalationFileSchema>;

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
        threshold: z.number().min(0).max(1),
      })
      .strict(),
    topics: z.object({ min_score: z.number().min(0).max(1) }).strict(),
  })
  .strict();
export type ScoringFile = z.infer<typeof ScoringFileSchema>;
