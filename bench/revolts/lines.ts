/** A line of `backlash replay` input (the CLI's public JSONL contract). */
export interface ReplayLine {
  id: string;
  source: string;
  target: string;
  author: { id: string; followers?: number };
  text: string;
  lang?: string;
  publishedAt: string;
  url?: string;
  metrics?: { likes: number; reposts: number; replies: number };
}
