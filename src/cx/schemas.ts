/** Exact zod schemas of the CX API's responses (described in the OpenAPI document). */
import { z } from 'zod';

export const IntervalSchema = z.object({ value: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() }).describe('a figure with its 95 % interval (null: unbounded or undefined)');
const Trend = z.enum(['up', 'down', 'flat']).describe('up/down only when the 95 % interval of the ratio excludes 1');
const FactorCountSchema = z.object({ kind: z.enum(['operational', 'emotional']), name: z.string(), count: z.number().int() });

export const MomentsCellSchema = z.object({
  pillar: z.string(),
  touchpoint: z.string(),
  complaints: z.number().int().describe('complaints this period with a topic of this pillar and touchpoint'),
  previous: z.number().int().describe('the same, over the previous period of the same length'),
  change: IntervalSchema.nullable().describe('rate ratio this period / previous, with its Poisson 95 % interval; null when both are 0'),
  trend: Trend,
  factor: FactorCountSchema.nullable().describe('the IBM CEM factor most of these complaints are about'),
  factors: z.array(FactorCountSchema),
});

export const MomentsSchema = z.object({
  from: z.string(),
  to: z.string(),
  previousFrom: z.string(),
  targets: z.array(
    z.object({
      target: z.string(),
      complaints: z.number().int(),
      previous: z.number().int(),
      change: IntervalSchema.nullable(),
      trend: Trend,
      cells: z.array(MomentsCellSchema),
      headline: z.object({ pillar: z.string(), touchpoint: z.string(), factor: FactorCountSchema.nullable(), complaints: z.number().int(), text: z.string() }).nullable(),
    }),
  ),
});

const WindowSchema = z.object({
  from: z.string(),
  to: z.string(),
  posts: z.number().int(),
  negatives: z.number().int(),
  negativePerHour: IntervalSchema.nullable().describe('negative posts per hour, Poisson 95 % interval'),
  negativeShare: IntervalSchema.nullable().describe('negatives / posts, Wilson 95 % interval'),
});
const DurationsSchema = z.object({ count: z.number().int(), medianMs: z.number().nullable(), meanMs: z.number().nullable() });
const SlaSchema = z.object({ met: z.number().int(), due: z.number().int(), share: IntervalSchema.nullable().describe('met / due, Wilson 95 % interval; cases still running are left out') });
const GroupSchema = z.object({
  key: z.string(),
  cases: z.number().int(),
  firstResponse: DurationsSchema,
  resolution: DurationsSchema,
  firstResponseSla: SlaSchema,
  resolutionSla: SlaSchema,
  afterAnswer: z.object({ revolts: z.number().int(), negativesBefore: z.number().int(), negativesAfter: z.number().int(), rateRatio: IntervalSchema.nullable(), trend: Trend }).describe('negative voices after / before the first public answer, pooled over the group’s revolts'),
});

export const AnswersSchema = z.object({
  from: z.string(),
  to: z.string(),
  windowMs: z.number().int().describe('length of the windows before and after the answer'),
  revolts: z.array(
    z.object({
      id: z.string(),
      target: z.string(),
      label: z.string(),
      openedAt: z.string(),
      caseId: z.string().nullable(),
      answer: z.object({ at: z.string(), via: z.enum(['reply', 'brand-post']), channel: z.string().nullable(), postId: z.string().nullable() }).nullable().describe('the first public answer: a reply sent from the case, or a brand account’s post seen through the feeds'),
      timeToAnswerMs: z.number().nullable(),
      effect: z.object({ before: WindowSchema, after: WindowSchema, rateRatio: IntervalSchema.nullable(), trend: Trend, shareChange: z.number().nullable() }).nullable(),
      authors: z.object({ answered: z.number().int(), postedAgain: z.number().int(), laterPosts: z.number().int(), laterNegative: z.number().int(), laterNeutral: z.number().int(), laterPositive: z.number().int(), laterNegativeShare: IntervalSchema.nullable() }),
    }),
  ),
  team: z.array(GroupSchema),
  template: z.array(GroupSchema),
  channel: z.array(GroupSchema),
});

const TrendPointSchema = z.object({
  at: z.number().describe('bucket start, epoch ms'),
  posts: z.number().int(),
  index: IntervalSchema.nullable().describe('promoter/detractor index −100..100 with an adjusted Wald 95 % interval'),
  complaintShare: IntervalSchema.nullable().describe('complaints / the target’s posts, Wilson 95 % interval'),
});
const ScopeSeriesSchema = z.object({ id: z.string(), points: z.array(TrendPointSchema) });

export const TrendsSchema = z.object({
  from: z.string(),
  to: z.string(),
  bucketMs: z.number().int(),
  buckets: z.array(z.number()),
  targets: z.array(z.object({ target: z.string(), overall: z.array(TrendPointSchema), pillars: z.array(ScopeSeriesSchema), touchpoints: z.array(ScopeSeriesSchema) })),
  shareOfVoice: z.array(z.object({ target: z.string(), points: z.array(z.object({ at: z.number(), posts: z.number().int(), share: IntervalSchema.nullable().describe('the target’s posts / all targets’ posts, Wilson 95 % interval') })) })),
});
