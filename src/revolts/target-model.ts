/**
 * The in-memory model of one target (pure data + arithmetic): rolling per-key windows of recent
 * posts, hourly history of negative voices per key, hourly volume for the daily and weekly rhythm,
 * and the messages that tell copies from new voices. Fed post by post; nothing here reads a database.
 */
import { CopyIndex, type Message } from './campaigns.js';
import { isBroad, isLevel, isRepost, kindOf, messageWords, ownText, type KeyKind } from './keys.js';
import { addVoice, dropRecentBefore, forgetVoices, isNegative, KINDS, newVoice, pruneOnce, reachOf, recentMsOf, voiceOf, type AddOptions, type EnginePost, type KeyState, type OnceEntry, type PoolEntry, type Ref } from './key-state.js';
import { KeyPool } from './key-pool.js';
import { HISTORY_HOURS, LEVEL_RECENT_MS, RECENT_MS, RHYTHM_HOURS } from './params.js';
import { rhythmAt, rhythmProfile, type Profile } from './rhythm.js';
import { HOUR } from './time.js';

export class TargetModel {
  /** Posts (reach excluded) and voices per hour. */
  readonly allByHour = new Map<number, number>();
  readonly negByHour = new Map<number, number>();
  readonly keys = new Map<string, KeyState>();
  firstAt = Infinity;
  lastAt = -Infinity;
  /** Keys that received a voice since the last evaluation. */
  readonly dirty = new Set<KeyState>();
  /** Publication times of the target's recent posts (reach excluded): every window's yardstick. */
  readonly recentTimes: number[] = [];
  private rhythmCache: { hour: number; profile: Profile } | null = null;
  private readonly once = new Map<string, OnceEntry>();
  private readonly onceQueue: OnceEntry[] = [];
  /** Keys touched in each hour: pruning visits only the keys of the hours that expire, never all keys. */
  private readonly touched = new Map<number, KeyState[]>();
  private recentPrunedTo = -Infinity;
  private histPrunedTo = -Infinity;
  /** Bumped when a post lands in an hour before the newest one seen (invalidates cached exposure). */
  lateVersion = 0;
  exposureCache: { hour: number; firstAt: number; lateVersion: number; value: unknown } | null = null;
  /** Posts in the 8-day history (for the pool). */
  histVolume = 0;
  /**
   * Members of revolts that resolved in the last RECENT_MS (post id → until when): they already made
   * one revolt, so they do not count toward opening another.
   */
  readonly claimed = new Map<string, number>();
  /** Keys of each kind with a voice in their widest window: the family tested at a tick. */
  readonly active: Record<KeyKind, number> = { target: 0, pillar: 0, touchpoint: 0, topic: 0, campaign: 0, hashtag: 0, link: 0, phrase: 0 };
  readonly copies = new CopyIndex();
  /** The first post of each message seen in the copy memory (a campaign's first voice). */
  private readonly firstOf = new Map<string, Ref>();

  constructor(
    readonly id: string,
    public name: string,
    readonly pool: KeyPool = new KeyPool(),
  ) {
    pool.join(this.allByHour);
  }

  /** The key's share of the posts of every other target (0 when no other target knows it). */
  pooledShare(ks: KeyState): number {
    const others = this.pool.volume - this.histVolume;
    if (others <= 0) return 0;
    return Math.max(0, ks.pooled.voices - ks.histTotal) / others;
  }

  private newKey(k: string, kind: KeyKind): KeyState {
    const level = isLevel(kind);
    const ks: KeyState = { key: k, kind, level, broad: isBroad(kind), histH: [], histN: [], histTotal: 0, recent: [], events: [], recentNeg: 0, voiceAuthors: [], voiceAt: [], touchedHour: -Infinity, lastAt: 0, pooled: this.pool.hold(k), drift: null };
    this.keys.set(k, ks);
    return ks;
  }

  /** Marks a post as a copy (or the start) of a message; a message said by several accounts is a campaign. */
  private copyCheck(p: EnginePost, ref: Ref, keys: string[]): void {
    const { copyOf, message } = this.copies.see(messageWords(ownText(p.text).text), { id: p.id, author: p.author, at: p.publishedAt, text: p.text });
    if (!message) return;
    if (!copyOf) {
      this.firstOf.set(message.id, ref);
      return;
    }
    ref.dup = true;
    ref.dupOf = copyOf.firstId;
    if (copyOf.authors.length < 2) return;
    ref.campaign = 'campaign:' + copyOf.id;
    keys.push(ref.campaign);
    // the second account makes it a campaign: its first post counts there too
    if (copyOf.authors.length === 2 && !this.keys.has(ref.campaign)) this.seedCampaign(copyOf, ref.campaign);
  }

  private seedCampaign(m: Message, key: string): void {
    const first = this.firstOf.get(m.id);
    if (!first) return;
    first.campaign = key;
    const ks = this.newKey(key, 'campaign');
    this.place(ks, first, Math.floor(first.at / HOUR), true);
  }

  /**
   * Adds a post under its keys; returns the model's view of it. An echo (a repost, a bare quote), a
   * copy of a message seen in the last day, and a post about another watched brand are not voices.
   */
  add(p: EnginePost, keys: string[], words: string[], opts: AddOptions = {}): Ref {
    const hour = Math.floor(p.publishedAt / HOUR);
    if (p.publishedAt < this.lastAt && hour < Math.floor(this.lastAt / HOUR)) this.lateVersion++;
    this.firstAt = Math.min(this.firstAt, p.publishedAt);
    this.lastAt = Math.max(this.lastAt, p.publishedAt);
    const neg = isNegative(p) && !opts.aboutAnother;
    const ref: Ref = {
      id: p.id,
      at: p.publishedAt,
      author: p.author,
      source: p.source,
      followers: p.followers,
      reach: reachOf(p.followers, p.metrics),
      neg,
      dup: !!opts.echo || isRepost(p.text),
      dupOf: null,
      campaign: null,
      negativity: Math.max(0, -p.sentimentScore),
      cues: p.escalation,
      text: p.text.slice(0, 280),
      words,
      topics: p.topics,
    };
    // every message is remembered, whatever its tone: a campaign's crowd includes its happy copies
    if (!ref.dup) this.copyCheck(p, ref, keys);
    if (!ref.dup) {
      this.allByHour.set(hour, (this.allByHour.get(hour) ?? 0) + 1);
      this.histVolume++;
      this.pool.volume++;
      this.recentTimes.push(p.publishedAt);
      if (neg) this.negByHour.set(hour, (this.negByHour.get(hour) ?? 0) + 1);
    }
    for (const k of keys) {
      let ks = this.keys.get(k);
      if (!ks) {
        const kind = kindOf(k);
        if (kind === 'hashtag' || kind === 'link') {
          // rare enough to follow from their first post: a launch tag or a news link keeps its
          // whole crowd, happy or neutral, for the negative share
          ks = this.newKey(k, kind);
        } else if (!isLevel(kind)) {
          // an ordinary key starts with its second voice (most words and pairs are said once in a
          // week): the first is remembered; other posts only count under keys already in play
          if (!voiceOf({ kind }, ref)) continue;
          const first = this.once.get(k);
          if (!first) {
            const e: OnceEntry = { key: k, kind, ref, live: true };
            this.once.set(k, e);
            this.onceQueue.push(e);
            this.active[kind]++; // in play like a key with one voice
            continue;
          }
          this.once.delete(k);
          ks = this.newKey(k, kind);
          this.seedFirstVoice(ks, first);
        } else {
          if (!voiceOf({ kind }, ref) && kind !== 'topic') continue; // broad levels start with a voice
          ks = this.newKey(k, kind);
        }
      }
      this.place(ks, ref, hour, voiceOf(ks, ref));
    }
    return ref;
  }

  /** Lists a post under a key: recent (a broad level keeps only voices), and its voice in the history. */
  private place(ks: KeyState, ref: Ref, hour: number, voice: boolean): void {
    if (ks.recent.length && ks.recent[ks.recent.length - 1] === ref) return; // a key the post carries twice
    if (ks.broad && !voice) return;
    if (ks.touchedHour !== hour) {
      // listed once per hour it is touched in (a late post may list it again: visited twice, harmless)
      ks.touchedHour = hour;
      let touched = this.touched.get(hour);
      if (!touched) this.touched.set(hour, (touched = []));
      touched.push(ks);
    }
    ks.recent.push(ref);
    if (ref.at > ks.lastAt) ks.lastAt = ref.at;
    if (!voice) return;
    if (++ks.recentNeg === 1) this.active[ks.kind]++;
    // one voice per author per key per hour: a ranting customer is one voice, not sixty
    if (newVoice(ks, ref.author, ref.at)) {
      addVoice(ks, hour);
      ks.pooled.voices++;
      ks.events.push(ref);
    }
    this.dirty.add(ks);
  }

  /** A key's first voice, remembered before the key existed, becomes part of its state. */
  private seedFirstVoice(ks: KeyState, first: OnceEntry): void {
    const ref = first.ref;
    const hour = Math.floor(ref.at / HOUR);
    this.touched.get(hour)?.push(ks); // its history hour leaves with that hour
    ks.lastAt = ref.at;
    if (first.live) {
      ks.recent.push(ref);
      ks.recentNeg = 1; // already counted among the keys in play: the key's state carries that count now
      ks.events.push(ref);
      first.live = false;
    }
    newVoice(ks, ref.author, ref.at);
    addVoice(ks, hour);
    ks.pooled.voices++;
  }

  /** Drops a key's recent refs older than its widest window, keeping the count of keys in play. */
  pruneKey(ks: KeyState, now: number): void {
    const before = ks.recentNeg;
    dropRecentBefore(ks, now - recentMsOf(ks));
    if (before > 0 && ks.recentNeg <= 0) this.active[ks.kind]--;
  }

  /**
   * Drops what fell out of every window: recent refs, old history hours, dead keys. Incremental:
   * only the keys touched in the hours that just expired are visited.
   */
  prune(now: number): void {
    const nowHour = Math.floor(now / HOUR);
    const histFrom = nowHour - HISTORY_HOURS;
    const recentHour = Math.floor((now - RECENT_MS) / HOUR); // hours < recentHour are out of every ordinary window
    const fromR = Number.isFinite(this.recentPrunedTo) ? this.recentPrunedTo : this.minTouchedHour();
    for (let h = fromR; h < recentHour; h++) {
      const set = this.touched.get(h);
      if (!set) continue;
      for (const ks of set) {
        this.pruneKey(ks, now);
        forgetVoices(ks, now - HOUR);
      }
    }
    if (recentHour > fromR) this.recentPrunedTo = recentHour;
    const fromH = Number.isFinite(this.histPrunedTo) ? this.histPrunedTo : this.minTouchedHour();
    for (let h = fromH; h < histFrom; h++) {
      const gone = this.allByHour.get(h) ?? 0;
      this.histVolume -= gone;
      this.pool.volume -= gone;
      const set = this.touched.get(h);
      if (!set) continue;
      this.touched.delete(h);
      for (const ks of set) this.forgetHour(ks, h, now);
    }
    if (histFrom > fromH) this.histPrunedTo = histFrom;
    pruneOnce(this.once, this.onceQueue, this.active, now, histFrom);
    const recentFrom = now - LEVEL_RECENT_MS;
    let cut = 0;
    while (cut < this.recentTimes.length && this.recentTimes[cut] < recentFrom) cut++;
    if (cut) this.recentTimes.splice(0, cut);
    const rhythmFrom = nowHour - RHYTHM_HOURS;
    for (const h of this.allByHour.keys()) if (h < rhythmFrom) this.allByHour.delete(h);
    for (const h of this.negByHour.keys()) if (h < rhythmFrom) this.negByHour.delete(h);
    for (const [id, until] of this.claimed) if (until <= now) this.claimed.delete(id);
    this.copies.prune(now);
    for (const [id, ref] of this.firstOf) {
      if (ref.at >= now - 24 * HOUR) break; // in time order
      this.firstOf.delete(id);
    }
  }

  /** An hour leaves the history: the key's voices of that hour go, and the key if nothing is left. */
  private forgetHour(ks: KeyState, h: number, now: number): void {
    // hours leave the history in ascending order: the key's oldest hours are at the front
    let n = 0;
    let cut = 0;
    while (cut < ks.histH.length && ks.histH[cut] <= h) n += ks.histN[cut++];
    if (cut) {
      ks.histH.splice(0, cut);
      ks.histN.splice(0, cut);
      ks.histTotal -= n;
      ks.pooled.voices -= n;
    }
    if (Math.floor(ks.lastAt / HOUR) <= h) {
      this.pruneKey(ks, now);
      if (ks.recent.length === 0 && ks.histTotal <= 0 && this.keys.get(ks.key) === ks) {
        this.keys.delete(ks.key);
        this.pool.release(ks.key, ks.pooled as PoolEntry);
      }
    }
  }

  /** Keys said once: out of play after the widest window, forgotten after the history (time order). */
  private minTouchedHour(): number {
    let min = Infinity;
    for (const h of this.touched.keys()) if (h < min) min = h;
    return min; // Infinity when nothing was touched: no hour to visit
  }

  /** The rhythm factor of an hour: how busy that hour of the day (and of the week) is against the average hour. */
  rhythm(hour: number, nowHour: number): number {
    if (!this.rhythmCache || this.rhythmCache.hour !== nowHour) this.rhythmCache = { hour: nowHour, profile: rhythmProfile(this.allByHour, Math.floor(this.firstAt / HOUR), nowHour, this.pool.pooledHod(nowHour)) };
    return rhythmAt(this.rhythmCache.profile, hour);
  }
}
