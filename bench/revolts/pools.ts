/**
 * Text pools for the scenario weeks, from the real labelled sets in ../shared/datasets (read at
 * run time, never copied into the repository). Every set is split in two halves by line parity:
 * half A feeds the tuning seeds, half B the reported ones, so the reported weeks are built from
 * posts the tuning never saw.
 */
import { readDataset, type DatasetRow } from './datasets.js';

export type Half = 'A' | 'B';

export interface PoolText {
  /** dataset id (unique across sets) */
  ref: string;
  text: string;
  lang: 'en' | 'pl' | 'zh';
}

export interface LangPools {
  all: PoolText[];
  negative: PoolText[];
  positive: PoolText[];
  neutral: PoolText[];
  /** negative posts by topic label (airline set only) */
  byTopic: Map<string, PoolText[]>;
}

/** Every airline handle of the set: a tweet moved to another target gets that target's handle. */
const AIRLINE_HANDLES = /@(united|southwestair|delta|jetblue|usairways|americanair|virginamerica)\b/gi;

export function rehandle(text: string, handle: string): string {
  return text.replace(AIRLINE_HANDLES, handle);
}

/** Airline topic labels that make a "topic surge" (Can't Tell and the tiny Damaged Luggage are left out). */
export const SURGE_TOPICS = ['Late Flight', 'Customer Service Issue', 'Cancelled Flight', 'Lost Luggage', 'Flight Booking Problems', 'Bad Flight', 'Flight Attendant Complaints', 'longlines'];

function half<T>(rows: T[], h: Half): T[] {
  return rows.filter((_, i) => (i % 2 === 0) === (h === 'A'));
}

function toPool(rows: DatasetRow[], lang: PoolText['lang']): LangPools {
  const p: LangPools = { all: [], negative: [], positive: [], neutral: [], byTopic: new Map() };
  for (const r of rows) {
    if (!r.text?.trim()) continue;
    const t: PoolText = { ref: r.id, text: r.text, lang };
    p.all.push(t);
    if (r.sentiment === 'negative') p.negative.push(t);
    else if (r.sentiment === 'positive') p.positive.push(t);
    else if (r.sentiment === 'neutral') p.neutral.push(t);
    if (r.sentiment === 'negative' && r.topic) {
      const list = p.byTopic.get(r.topic) ?? [];
      list.push(t);
      p.byTopic.set(r.topic, list);
    }
  }
  return p;
}

export interface Pools {
  half: Half;
  airline: LangPools;
  /** Other English tweets (general tweets, tweets to customer-service accounts): background only. */
  englishChatter: PoolText[];
  pl: LangPools;
  zh: LangPools;
}

const cache = new Map<Half, Pools>();

export function loadPools(h: Half): Pools {
  let p = cache.get(h);
  if (!p) {
    p = {
      half: h,
      airline: toPool(half(readDataset('en_airline_tweets.jsonl'), h), 'en'),
      englishChatter: [...half(readDataset('en_tweeteval_val.jsonl'), h), ...half(readDataset('en_complaint_tweets.jsonl'), h)].filter((r) => r.text?.trim()).map((r) => ({ ref: r.id, text: r.text, lang: 'en' as const })),
      // PolEmo's ambivalent sentences carry no sentiment: they stay in the background mix only
      pl: toPool(half(readDataset('pl_medicine_reviews.jsonl'), h), 'pl'),
      zh: toPool(half(readDataset('zh_waimai_reviews.jsonl'), h), 'zh'),
    };
    cache.set(h, p);
  }
  return p;
}

/**
 * Draws texts from a pool in one shuffled order, round after round: a text comes back only after the
 * whole pool has been used, always the same number of posts later (for a week's background, days
 * apart, beyond the day a copy is remembered).
 */
export class Deck {
  private order: number[] = [];
  private i = 0;
  constructor(
    private readonly items: readonly PoolText[],
    private readonly next: () => number,
    private readonly taken?: Set<string>,
  ) {}

  draw(): PoolText {
    for (let guard = 0; guard < 2 * this.items.length + 2; guard++) {
      if (this.order.length === 0) this.shuffle();
      if (this.i >= this.order.length) this.i = 0;
      const t = this.items[this.order[this.i++]];
      if (!this.taken?.has(t.ref)) return t;
    }
    return this.items[0];
  }

  private shuffle(): void {
    this.order = this.items.map((_, k) => k);
    for (let k = this.order.length - 1; k > 0; k--) {
      const j = Math.floor(this.next() * (k + 1));
      [this.order[k], this.order[j]] = [this.order[j], this.order[k]];
    }
    this.i = 0;
  }
}
