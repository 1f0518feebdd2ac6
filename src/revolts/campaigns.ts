/**
 * Copies and near-copies of a message (pure data): "Same. <text>", "<text>!!", "<text> #tag" are one
 * message. A message is cut into overlapping runs of three words; a post whose runs mostly belong to
 * one earlier message is a copy of it. Many accounts posting one message is a coordinated campaign
 * (a key of its own: `campaign:…`); one account repeating itself is only reach.
 */
import { COPY_MEMORY_MS } from './params.js';

/** Messages shorter than this coincide among real people ("this is terrible"): never called copies. */
export const MIN_COPY_WORDS = 6;
/** Share of a post's word runs that must belong to one earlier message. */
const COPY_SHARE = 0.6;
const RUN = 3;
/** Chinese comes as characters: runs of six of them, and at least fourteen (short reviews share their set phrases). */
const HAN_RUN = 6;
const MIN_HAN_CHARS = 14;
const HAN_RE = /^\p{Script=Han}$/u;

export interface Message {
  id: string;
  /** the first post saying it */
  firstId: string;
  firstAt: number;
  text: string;
  /** distinct authors, in order of their first copy */
  authors: string[];
  posts: number;
  lastAt: number;
}

/** FNV-1a of one word. */
function hashWord(w: string): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < w.length; j++) h = Math.imul(h ^ w.charCodeAt(j), 0x01000193);
  return h >>> 0;
}

/** A run of `run` words from their hashes (order matters). */
function hashRun(wordHashes: number[], i: number, run: number): number {
  let h = 0x811c9dc5;
  for (let k = i; k < i + run; k++) h = Math.imul(h ^ wordHashes[k], 0x01000193) ^ (h >>> 13);
  return h >>> 0;
}

/** Scratch space of `see` (one post at a time): no allocation per post. */
const scratch = { words: [] as number[], hashes: [] as number[], cands: [] as Message[], votes: [] as number[] };

export class CopyIndex {
  private readonly runs = new Map<number, { message: Message; at: number }>();
  /** Runs in the order they were last seen (hash and time side by side), to forget them after COPY_MEMORY_MS. */
  private orderH: number[] = [];
  private orderAt: number[] = [];
  private head = 0;

  /**
   * The earlier message this one copies (null for a new message, or one too short to tell), and
   * the message it now belongs to either way. Registers the post.
   */
  see(words: string[], post: { id: string; author: string; at: number; text: string }): { copyOf: Message | null; message: Message | null } {
    let han = 0;
    for (const w of words) if (w.length === 1 && HAN_RE.test(w)) han++;
    const chinese = han * 2 > words.length;
    if (words.length < (chinese ? MIN_HAN_CHARS : MIN_COPY_WORDS)) return { copyOf: null, message: null };
    const run = chinese ? HAN_RUN : RUN;
    const { hashes, cands, votes } = scratch;
    const wh = scratch.words;
    wh.length = 0;
    hashes.length = 0;
    cands.length = 0;
    votes.length = 0;
    for (const w of words) wh.push(hashWord(w));
    for (let i = 0; i + run <= words.length; i++) hashes.push(hashRun(wh, i, run));
    for (const h of hashes) {
      const e = this.runs.get(h);
      if (!e || post.at - e.at >= COPY_MEMORY_MS) continue;
      const j = cands.indexOf(e.message);
      if (j < 0) {
        cands.push(e.message);
        votes.push(1);
      } else votes[j]++;
    }
    let best: Message | null = null;
    let bestVotes = 0;
    for (let j = 0; j < cands.length; j++) if (votes[j] > bestVotes) [best, bestVotes] = [cands[j], votes[j]];
    const copyOf = best && bestVotes >= COPY_SHARE * hashes.length ? best : null;
    const message = copyOf ?? { id: post.id, firstId: post.id, firstAt: post.at, text: post.text.slice(0, 280), authors: [], posts: 0, lastAt: post.at };
    if (!message.authors.includes(post.author)) message.authors.push(post.author);
    message.posts++;
    message.lastAt = Math.max(message.lastAt, post.at);
    for (const h of hashes) {
      const e = this.runs.get(h);
      if (e && e.message === message) e.at = post.at;
      else this.runs.set(h, { message, at: post.at });
      this.orderH.push(h);
      this.orderAt.push(post.at);
    }
    cands.length = 0;
    return { copyOf, message };
  }

  /** Forgets runs not seen for COPY_MEMORY_MS. */
  prune(now: number): void {
    const from = now - COPY_MEMORY_MS;
    while (this.head < this.orderH.length && this.orderAt[this.head] < from) {
      const h = this.orderH[this.head];
      const at = this.orderAt[this.head++];
      const e = this.runs.get(h);
      if (e && e.at === at) this.runs.delete(h);
    }
    if (this.head > 4096 && this.head * 2 > this.orderH.length) {
      this.orderH = this.orderH.slice(this.head);
      this.orderAt = this.orderAt.slice(this.head);
      this.head = 0;
    }
  }

  get size(): number {
    return this.runs.size;
  }
}
