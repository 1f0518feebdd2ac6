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
