/** A tiny typed pub/sub for in-process notifications (dashboard live updates). */
export interface BusMessage {
  topic: 'revolt' | 'post' | 'queue' | 'source';
  id: string;
  type?: string;
  at: number;
}

export interface EventBus {
  publish(msg: BusMessage): void;
  subscribe(fn: (msg: BusMessage) => void): () => void;
}

export function createEventBus(): EventBus {
  const subs = new Set<(msg: BusMessage) => void>();
  return {
    publish(msg) {
      for (const fn of subs) {
        try {
          fn(msg);
        } catch {
          // one broken subscriber never stops the others
        }
      }
    },
    subscribe(fn) {
      subs.add(fn);
      return () => subs.delete(fn);
    },
  };
}
