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

/** The messages packed into as few NOTIFY payloads as fit under the size limit, in order. */
function packPayloads(from: string, batch: BusMessage[]): string[] {
  const payloads: string[] = [];
  let cur: BusMessage[] = [];
  for (const m of batch) {
    const next = JSON.stringify({ from, m: [...cur, m] } satisfies Envelope);
    if (next.length > MAX_PAYLOAD && cur.length) {
      payloads.push(JSON.stringify({ from, m: cur } satisfies Envelope));
      cur = [m];
    } else cur.push(m);
  }
  if (cur.length) payloads.push(JSON.stringify({ from, m: cur } satisfies Envelope));
  return payloads;
}

async function notifyAll(pool: pg.Pool, channel: string, payloads: string[], log: Logger | undefined): Promise<void> {
  for (const p of payloads) {
    if (p.length > MAX_PAYLOAD) continue; // one message alone too big: ids and types never are
    await pool.query('select pg_notify($1, $2)', [channel, p]).catch((err: Error) => log?.warn('bus notify failed', { error: err.message }));
  }
}

/** Another instance's messages, published on this instance's local bus. */
function republish(payload: string, self: string, local: EventBus): void {
  try {
    const env = JSON.parse(payload) as Envelope;
    if (env.from === self) return; // our own, already heard locally
    for (const m of env.m) local.publish(m);
  } catch {
    // not ours: ignore
  }
}

/** A connection LISTENing on `channel`; `onLost` when it drops (the client is already ended). */
async function connectListener(connectionString: string, channel: string, onPayload: (payload: string) => void, onLost: (client: pg.Client, err: Error) => void): Promise<pg.Client> {
  const client = new pg.Client({ connectionString });
  client.on('notification', (n) => {
    if (n.channel === channel && n.payload) onPayload(n.payload);
  });
  client.on('error', (err) => {
    client.end().catch(() => {});
    onLost(client, err);
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${channel}`);
    return client;
  } catch (err) {
    client.end().catch(() => {});
    throw err;
  }
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
    await notifyAll(pool, channel, packPayloads(opts.instanceId, batch), opts.log);
  };

  const retry = () => {
    if (!closed) setTimeout(() => void listen(), RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]);
  };
  const listen = async () => {
    if (closed) return;
    try {
      listener = await connectListener(opts.connectionString, channel, (payload) => republish(payload, opts.instanceId, local), (client, err) => {
        opts.log?.warn('bus listener lost its connection', { error: err.message });
        if (listener === client) listener = null;
        retry();
      });
      attempt = 0;
      markReady();
    } catch (err) {
      opts.log?.warn('bus listener could not connect', { error: (err as Error).message });
      retry();
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
