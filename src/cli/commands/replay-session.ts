/**
 * One replay run's state: posts are ingested and classified in chunks on a simulated clock, and
 * fed to the revolt detector tick by tick; revolt events go out as JSONL lines naming the input's ids.
 */
import type { RevoltEvent } from '../../types.js';
import { RECENT_MS } from '../../revolts/params.js';
import type { EnginePost } from '../../revolts/key-state.js';
import type { ManualClock } from '../../util/clock.js';
import type { ReplayStages } from './replay-stored.js';

const QUIET_TICK_MS = 5 * 60_000;

/**
 * Replay speaks the ids of its input: the pipeline stores a post under an internal id (a hash of
 * source and id), and this maps it back to the "id" of the input line wherever a post is named.
 */
export type ExternalIds = ReadonlyMap<string, string>;

/** A copy of an explanation with every post `id` (firstPost, mostReached, …) mapped to the input's id. */
function externalExplain(v: unknown, ids: ExternalIds): unknown {
  if (Array.isArray(v)) return v.map((x) => externalExplain(x, ids));
  if (!v || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = k === 'id' && typeof x === 'string' ? (ids.get(x) ?? x) : externalExplain(x, ids);
  return out;
}

export function eventLine(e: RevoltEvent, ids?: ExternalIds): string {
  const r = e.revolt;
  const postIds = ids ? r.postIds.map((id) => ids.get(id) ?? id) : r.postIds;
  const explain = ids ? externalExplain(r.explain, ids) : r.explain;
  return JSON.stringify({
    type: e.type,
    at: new Date(e.at).toISOString(),
    revolt: { id: r.id, target: r.target, key: r.key, label: r.label, stage: r.stage, severity: r.severity, priority: r.priority, postIds, explain },
  });
}

export interface ReplayOptions {
  tickMs: number;
  tailMs: number;
}

/** A chunk's new posts, judged, as the engine reads them (in input order), with their input lines' ids. */
export interface JudgedPosts {
  posts: EnginePost[];
  externalIds: string[];
}

export class ReplaySession {
  private nextTick = -Infinity;
  /** judged posts of a tick that may continue in the next chunk */
  private readonly pending: EnginePost[] = [];
  /**
   * internal post id → the input line's "id"; kept while a post can still join a revolt (it is in
   * the widest detection window) or is a member of an open one, so a month's export stays small
   */
  private readonly external = new Map<string, string>();
  private readonly mapped: { id: string; at: number }[] = [];

  constructor(
    private readonly clock: ManualClock,
    private readonly stages: ReplayStages,
    private readonly opts: ReplayOptions,
    private readonly writeLine: (line: string) => void,
  ) {}

  /**
   * One chunk of input, in time order: the clock moves to its newest post (`now`), `judge` ingests
   * and classifies it (or hands over what another thread judged), then the verdicts are fed to the
   * detector in time order, evaluating at every tick boundary: detection sees exactly what a live
   * service ticking every `tick` would have seen, without a query per tick. `final`: the input's last chunk.
   */
  async chunk(now: number, judge: () => Promise<JudgedPosts>, final: boolean): Promise<void> {
    const { clock, stages } = this;
    clock.set(now);
    await stages.begin();
    try {
      const { posts, externalIds } = await judge();
      for (let i = 0; i < posts.length; i++) {
        this.external.set(posts[i].id, externalIds[i]);
        this.mapped.push({ id: posts[i].id, at: posts[i].publishedAt });
      }
      await this.step(posts.slice().sort((a, b) => a.publishedAt - b.publishedAt), final);
      this.forgetIds(clock.now());
      await stages.commit(clock.now());
    } catch (err) {
      await stages.rollback();
      throw err;
    }
  }

  /** Internal ids still mapped to the input's (debug). */
  get mappedIds(): number {
    return this.external.size;
  }

  /** After the last chunk: a tail in which open revolts subside and resolve. */
  async finish(): Promise<void> {
    if (this.pending.length) await this.step([], true);
    if (!Number.isFinite(this.nextTick)) return;
    await this.stages.begin();
    for (let t = this.nextTick + QUIET_TICK_MS; t <= this.nextTick + this.opts.tailMs && this.stages.engine.open.size > 0; t += QUIET_TICK_MS)
      this.write(await this.stages.tick(t));
    await this.stages.commit(null);
  }

  private write(events: RevoltEvent[]): void {
    for (const e of events) this.writeLine(eventLine(e, this.external));
  }

  private forgetIds(now: number): void {
    const mapped = this.mapped;
    let i = 0;
    while (i < mapped.length && mapped[i].at < now - 2 * RECENT_MS) {
      const { id } = mapped[i++];
      let member = false;
      for (const r of this.stages.engine.open.values()) if ((member = r.memberIds.has(id))) break;
      if (!member) this.external.delete(id);
    }
    if (i) mapped.splice(0, i);
  }

  /** Feeds judged posts tick by tick; a tick whose posts may continue in the next chunk waits for it. */
  private async step(judged: EnginePost[], final: boolean): Promise<void> {
    const { tickMs } = this.opts;
    const queue = this.pending.splice(0).concat(judged);
    const quiet = Math.max(tickMs, QUIET_TICK_MS);
    let i = 0;
    while (i < queue.length) {
      if (!Number.isFinite(this.nextTick)) this.nextTick = Math.ceil(queue[i].publishedAt / tickMs) * tickMs;
      let j = i;
      while (j < queue.length && queue[j].publishedAt <= this.nextTick) j++;
      if (j === queue.length && !final) {
        this.pending.push(...queue.slice(i));
        return;
      }
      await this.stages.feed(queue.slice(i, j));
      this.write(await this.stages.tick(this.nextTick));
      i = j;
      if (i < queue.length) {
        // quiet stretches still tick (lifecycles resolve), every 5 minutes rather than every tick
        const due = Math.ceil(queue[i].publishedAt / tickMs) * tickMs;
        for (let t = this.nextTick + quiet; t < due; t += quiet) this.write(await this.stages.tick(t));
        this.nextTick = due;
      } else this.nextTick += tickMs;
    }
  }
}
