/** The topics the running rules know (rules/topics.yaml), for relabelling: only these may be chosen. */
import type { AppContext } from '../context.js';
import type { Factor } from '../classify/rules/schema.js';

export interface KnownTopic {
  id: string;
  label: string;
  pillar: string;
  touchpoint: string;
  /** the IBM CEM factor (null when the rules predate factors) */
  factor: Factor | null;
}

/** null when the classifier does not expose its rules (then any topic id is accepted). */
export function knownTopics(ctx: Pick<AppContext, 'classifier'>): KnownTopic[] | null {
  const c = ctx.classifier() as unknown as { rules?: { topics?: Map<string, KnownTopic> } };
  const topics = c.rules?.topics;
  if (!(topics instanceof Map)) return null;
  return [...topics.values()].map((t) => ({ id: t.id, label: t.label, pillar: t.pillar, touchpoint: t.touchpoint, factor: t.factor ?? null })).sort((a, b) => a.label.localeCompare(b.label));
}

/** The complaint threshold of the rules (scoring.yaml), when known. */
export function complaintThreshold(ctx: Pick<AppContext, 'classifier'>): number | null {
  const c = ctx.classifier() as unknown as { rules?: { scoring?: { complaint?: { threshold?: number } } } };
  const t = c.rules?.scoring?.complaint?.threshold;
  return typeof t === 'number' ? t : null;
}
