/**
 * The built-in demo: the project's own post stream (data/demo/stream.jsonl), replayed on an
 * accelerated clock through the real pipeline. The revolts it shows come out of the detector.
 */
import type { AppContext } from '../context.js';
import type { NormalizedPost } from '../types.js';
import type { TargetConfig } from '../config/schema.js';

export interface DemoItem {
  id: string;
  source: string;
  target: string;
  author: { id: string; name?: string; handle?: string; followers?: number };
  text: string;
  lang?: string;
  offsetMinutes: number;
  url?: string;
  metrics?: { likes?: number; reposts?: number; replies?: number };
}

export const DEMO_TARGETS: TargetConfig[] = [
  { id: 'nimbus-air', name: 'Nimbus Air', sources: [], brandAccounts: ['@NimbusAirCare'] },
  { id: 'quickcart', name: 'QuickCart', sources: [], brandAccounts: ['@QuickCartHelp'] },
  { id: 'lumen-bank', name: 'Lumen Bank', sources: [], brandAccounts: ['@LumenBankSupport'] },
];

/** History replayed at once before the live part starts, so the detector has a baseline. */
export const DEMO_HISTORY_MINUTES = 30;

export function parseDemoStream(text: string): DemoItem[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DemoItem)
    .sort((a, b) => a.offsetMinutes - b.offsetMinutes);
}

/**
 * A cursor over the stream. `due(now)` returns the posts published up to `now`, with times laid
 * on the clock: offset 0 sits DEMO_HISTORY_MINUTES before the demo's start. At the end the stream
 * loops, shifted by its own length, with fresh ids.
 */
export class DemoStream {
  private i = 0;
  private loop = 0;
  private readonly span: number;
  constructor(
    private readonly items: DemoItem[],
    private readonly startAt: number,
  ) {
    this.span = Math.ceil((items.at(-1)?.offsetMinutes ?? 0) + 10) * 60_000;
  }

  private timeOf(item: DemoItem, loop: number): number {
    return this.startAt - DEMO_HISTORY_MINUTES * 60_000 + loop * this.span + item.offsetMinutes * 60_000;
  }

  due(now: number, max = 2000): NormalizedPost[] {
    const out: NormalizedPost[] = [];
    if (this.items.length === 0) return out;
    while (out.length < max) {
      if (this.i >= this.items.length) {
        this.i = 0;
        this.loop++;
      }
      const item = this.items[this.i];
      const at = this.timeOf(item, this.loop);
      if (at > now) break;
      out.push({
        source: item.source,
        target: item.target,
        externalId: this.loop ? `${item.id}~${this.loop}` : item.id,
        url: item.url ? (this.loop ? `${item.url}~${this.loop}` : item.url) : null,
        author: item.author,
        text: item.text,
        lang: item.lang ?? null,
        publishedAt: at,
        metrics: item.metrics ?? null,
      });
      this.i++;
    }
    return out;
  }
}

export async function registerDemoSources(ctx: AppContext, items: DemoItem[]): Promise<void> {
  const now = ctx.clock.now();
  const sources = new Map(items.map((i) => [i.source, i.target]));
  for (const [source, target] of sources) {
    await ctx.db
      .insertInto('sources')
      .values({ id: source, target_id: target, type: 'demo', config: '{}', every_ms: 60_000, enabled: 1, status: 'ok', next_poll_at: now, posts_seen: 0, failures: 0, updated_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
}
