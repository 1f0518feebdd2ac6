/**
 * A bounded memory of recent original posts by repost key, per target: the first stored post with a
 * given normalised text. During a retweet storm every new copy finds its original here in O(1)
 * instead of asking the database. Least recently used entries go first past `maxEntries`; an entry
 * older than `ttlMs` (by the original's fetched time) is forgotten, the same window the database
 * lookup is bounded by (LINK_WINDOW_MS), so the memory never links what the database would not.
 *
 * Only committed posts belong here: the ingest path hands over what it learned after its
 * transaction commits (processPosts). Each instance has its own; a miss falls back to the database.
 */
export interface RecentOriginal {
  id: string;
  /** fetched_at of the original */
  at: number;
}

export interface RecentEntry extends RecentOriginal {
  target: string;
  hash: string;
}

export const LINK_WINDOW_MS = 7 * 86_400_000;

export class RecentTexts {
  private readonly map = new Map<string, RecentOriginal>();

  constructor(
    readonly maxEntries = 50_000,
    readonly ttlMs = LINK_WINDOW_MS,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get(target: string, hash: string, now: number): RecentOriginal | undefined {
    const key = keyOf(target, hash);
    const hit = this.map.get(key);
    if (!hit) return undefined;
    this.map.delete(key);
    if (hit.at < now - this.ttlMs) return undefined;
    this.map.set(key, hit); // most recently used last
    return hit;
  }

  /** Records originals; an existing entry for the same key is kept when it is the earlier post. */
  remember(entries: Iterable<RecentEntry>): void {
    for (const e of entries) {
      const key = keyOf(e.target, e.hash);
      const cur = this.map.get(key);
      if (cur && (cur.at < e.at || (cur.at === e.at && cur.id <= e.id))) continue;
      this.map.delete(key);
      this.map.set(key, { id: e.id, at: e.at });
    }
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
  }
}

function keyOf(target: string, hash: string): string {
  return `${target}\u0000${hash}`;
}
