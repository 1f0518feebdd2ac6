/** Domain types shared by every stage. Pure data: no I/O, no runtime-specific imports. */

export type Sentiment = 'negative' | 'neutral' | 'positive';

/** A post as every source hands it to ingest: the same shape whatever the network. */
export interface NormalizedPost {
  source: string; // source id
  target: string; // target id (brand or product the source watches)
  externalId: string;
  url?: string | null;
  author: { id: string; name?: string | null; handle?: string | null; followers?: number | null };
  text: string;
  lang?: string | null;
  publishedAt: number; // epoch ms
  metrics?: { likes?: number; reposts?: number; replies?: number } | null;
  raw?: unknown;
}

/** A stored post: a NormalizedPost with its id and fetch time. */
export interface Post extends NormalizedPost {
  id: string;
  fetchedAt: number;
  duplicateOf?: string | null;
}

export interface TopicHit {
  id: string;
  score: number;
  pillar?: string;
  touchpoint?: string;
}

export interface EscalationHit {
  id: string; // e.g. 'legal', 'leave', 'regulator', 'press', 'safety', 'boycott', 'amplify'
  cue?: string; // the matched text
}

/** The verdict of the classifier for one post (the public `classify` JSONL contract). */
export interface Verdict {
  lang: string;
  sentiment: { label: Sentiment; score: number; confidence?: number };
  complaint: { is: boolean; score: number };
  topics: TopicHit[];
  escalation: EscalationHit[];
  explain?: Record<string, unknown>;
}

export interface Classifier {
  readonly version: string;
  classify(text: string, lang?: string | null): Verdict;
}

export type RevoltStage = 'emerging' | 'escalating' | 'peaking' | 'subsiding' | 'resolved';
export type Priority = 'P1' | 'P2' | 'P3' | 'P4';

export interface Revolt {
  id: string;
  target: string;
  key: string;
  label: string;
  stage: RevoltStage;
  severity: number; // 0..100
  priority: Priority;
  openedAt: number;
  updatedAt: number;
  resolvedAt?: number | null;
  explain: Record<string, unknown>;
  postIds: string[];
}

export type RevoltEventType = 'revolt.opened' | 'revolt.escalated' | 'revolt.updated' | 'revolt.resolved';

export interface RevoltEvent {
  id: string;
  type: RevoltEventType;
  at: number;
  revolt: Revolt;
}
