/**
 * An EventBus across instances over PostgreSQL LISTEN/NOTIFY: the dashboard's live updates reach
 * browsers connected to any instance. Local subscribers hear a message at once; other instances
 * hear it through one NOTIFY per flush (messages are coalesced for FLUSH_MS and packed under
 * PostgreSQL's 8,000-byte payload limit, so a burst of posts is a few NOTIFYs, not thousands).
 * Delivery is best effort, like the in-process bus: a live view, never the record.
 */
import pg from 'pg';
import { createEventBus, type BusMessage, type EventBus } from '../util/event-bus.js';
import type { Logger } from '../util/log.js';

const FLUSH_MS = 50;
const MAX_PAYLOAD = 7_900;
const RECONNECT_MS = [500, 1_000, 2_000, 5_000];

export interface PgEventBus extends EventBus {
  /** Resolves once LISTEN is active (tests; start-up waits so nothing is missed). */
  ready: Promise<void>;
  close(): Promise<void>;
}

interface Envelope {
  from: string;
  m: BusMessage[];
}

export function createPgEventBus(opts: { connectionString: string; instanceId: string; channel?: string; log?: Logger; pool?: pg.Pool }): PgEventBus {
  const channel = opts.channel ?? 'backlash_bus';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad LISTEN channel name ${JSON.stringify(channel)}`);
  const local = createEventBus();
  const pool = opts.pool ?? new pg.Pool({ connectionString: opts.connectionString, max: 1 });
  const ownPool = !opts.pool;
  let pending: BusMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let listener: pg.Client | null = null;
  let closed = false;
  let attempt = 0;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));

  const flush = async () => {
    timer = null;
    const batch = pending;
    pending = [];
    const payloads: string[] = [];
    let cur: BusMessage[] = [];
    for (const m of batch) {
      const next = JSON.stringify({ from: opts.instanceId, m: [...cur, m] } satisfies Envelope);
      if (next.length > MAX_PAYLOAD && cur.length) {
        payloads.push(JSON.stringify({ from: opts.instanceId, m: cur } satisfies Envelope));
        cur = [m];
      } else cur.push(m);
    }
    if (cur.length) payloads.push(JSON.stringify({ from: opts.instanceId, m: cur } satisfies Envelope));
    for (const p of payloads) {
      if (p.length > MAX_PAYLOAD) continue; // one message alone too big: ids and types never are
      await pool.query('select pg_notify($1, $2)', [channel, p]).catch((err: Error) => opts.log?.warn('bus notify failed', { error: err.message }));
    }
  };

  const listen = async () => {
    if (closed) return;
    const client = new pg.Client({ connectionString: opts.connectionString });
    client.on('notification', (n) => {
      if (n.channel !== channel || !n.payload) return;
      try {
        const env = JSON.parse(n.payload) as Envelope;
        if (env.from === opts.instanceId) return; // our own, already heard locally
        for (const m of env.m) local.publish(m);
      } catch {
        // not ours: ignore
      }
    });
    client.on('error', (err) => {
      opts.log?.warn('bus listener lost its connection', { error: err.message });
      client.end().catch(() => {});
      if (listener === client) listener = null;
      if (!closed) setTimeout(() => void listen(), RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      listener = client;
      attempt = 0;
      markReady();
    } catch (err) {
      client.end().catch(() => {});
      opts.log?.warn('bus listener could not connect', { error: (err as Error).message });
      if (!closed) setTimeout(() => void listen(), RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]);
    }
  };
  void listen();

  return {
    ready,
    publish(msg) {
      local.publish(msg);
      if (closed) return;
      pending.push(msg);
      timer ??= setTimeout(() => void flush(), FLUSH_MS);
    },
    subscribe: (fn) => local.subscribe(fn),
    async close() {
      closed = true;
      if (timer) {
        clearTimeout(timer);
        await flush();
      }
      await listener?.end().catch(() => {});
      listener = null;
      if (ownPool) await pool.end().catch(() => {});
    },
  };
}
