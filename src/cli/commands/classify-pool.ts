/**
 * Worker threads for `backlash classify`: each builds its own classifier and classifies batches
 * of lines; results come back tagged with the batch's sequence number so the caller keeps order.
 * The batches of a thread that dies are handed back to the caller (`onOrphan`); a classifier that
 * cannot be built (the same error for every thread) fails the run with its message.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerSetup } from './classify-lines.js';

/** batches in flight per thread: one running, one queued, so a thread never waits for input */
const IN_FLIGHT = 2;

export interface LinePool {
  /** hand a batch to a ready thread, waiting for a free slot; false when no thread is ready (yet) */
  submit(seq: number, lines: string[], firstLine: number): Promise<boolean>;
  /** wait until a thread is ready (or none can be: then submit answers false) */
  whenReady(): Promise<void>;
  /** wait until every submitted batch is back */
  drain(): Promise<void>;
  close(): void;
}

export interface PoolHandlers {
  done(seq: number, out: string): void;
  /** a batch whose thread died: the caller classifies it itself */
  orphan(seq: number, lines: string[], firstLine: number): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  dead: boolean;
  inFlight: Map<number, { lines: string[]; firstLine: number }>;
}

interface SlotEvents {
  fatal(msg: string): void;
  done(seq: number, out: string): void;
  /** a batch the thread held when it died, to be classified elsewhere */
  orphaned(seq: number, batch: { lines: string[]; firstLine: number }): void;
  changed(): void;
}

/** A worker thread running classify-worker, and its batches in flight. */
function startSlot(setup: WorkerSetup, ev: SlotEvents): Slot {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './classify-worker.ts' : './classify-worker.js', import.meta.url);
  // running from source (tsx), the thread needs the same TypeScript loader
  const execArgv = fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : undefined;
  const slot: Slot = { worker: new Worker(url, { workerData: setup, execArgv }), ready: false, dead: false, inFlight: new Map() };
  const fail = () => {
    if (slot.dead) return;
    slot.dead = true;
    for (const [seq, b] of slot.inFlight) ev.orphaned(seq, b);
    slot.inFlight.clear();
    ev.changed();
  };
  slot.worker.on('message', (m: { ready?: true; fatal?: string; seq?: number; out?: string }) => {
    if (m.ready) slot.ready = true;
    else if (m.fatal !== undefined) {
      ev.fatal(m.fatal);
      fail();
    } else if (m.seq !== undefined) {
      slot.inFlight.delete(m.seq);
      ev.done(m.seq, m.out ?? '');
    }
    ev.changed();
  });
  slot.worker.on('error', fail);
  slot.worker.on('exit', fail);
  return slot;
}

/** The live thread with the fewest batches in flight (null when all are full), and whether any thread is live. */
function leastBusy(slots: Slot[]): { slot: Slot | null; anyReady: boolean } {
  let slot: Slot | null = null;
  let anyReady = false;
  for (const s of slots) {
    if (!s.ready || s.dead) continue;
    anyReady = true;
    if (s.inFlight.size < IN_FLIGHT && (!slot || s.inFlight.size < slot.inFlight.size)) slot = s;
  }
  return { slot, anyReady };
}

export function createLinePool(threads: number, setup: WorkerSetup, on: PoolHandlers): LinePool {
  let fatal: string | null = null;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const orphans: { seq: number; lines: string[]; firstLine: number }[] = [];
  const events: SlotEvents = {
    fatal: (msg) => (fatal ??= msg),
    done: on.done,
    orphaned: (seq, b) => orphans.push({ seq, ...b }),
    changed: notify,
  };
  const slots: Slot[] = Array.from({ length: threads }, () => startSlot(setup, events));
  const check = () => {
    if (fatal !== null) throw new Error(fatal);
    while (orphans.length) {
      const o = orphans.shift()!;
      on.orphan(o.seq, o.lines, o.firstLine);
    }
  };
  const changed = () => new Promise<void>((r) => (wake = r));
  return {
    async submit(seq, lines, firstLine) {
      for (;;) {
        check();
        const { slot, anyReady } = leastBusy(slots);
        if (!anyReady) return false;
        if (slot) {
          slot.inFlight.set(seq, { lines, firstLine });
          slot.worker.postMessage({ seq, lines, firstLine });
          return true;
        }
        await changed();
      }
    },
    async whenReady() {
      for (;;) {
        check();
        if (slots.some((s) => s.ready && !s.dead) || slots.every((s) => s.dead)) return;
        await changed();
      }
    },
    async drain() {
      for (;;) {
        check();
        if (!slots.some((s) => s.inFlight.size > 0)) return; // a dead thread's batches came back as orphans
        await changed();
      }
    },
    close() {
      for (const s of slots) {
        s.dead = true;
        void s.worker.terminate();
      }
    },
  };
}
