/**
 * A kysely dialect over Cloudflare D1. kysely's SqliteDialect wants a synchronous driver; D1 is
 * asynchronous (prepare → bind → all), so this implements Driver/Connection directly and reuses
 * kysely's SQLite compiler, adapter and introspector (D1 is SQLite).
 *
 * D1 limits a statement to 100 bound parameters. Rather than make every caller count, the
 * connection splits a multi-row INSERT into several statements run as one D1 batch (atomic), and
 * inlines the parameters of any other over-limit statement as escaped SQLite literals.
 * D1 has no interactive transactions: beginTransaction throws, so code must stay idempotent.
 */
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteQueryCompiler,
  sql,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DatabaseMetadata,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type SchemaMetadata,
  type TableMetadata,
} from 'kysely';

/** The part of D1's binding this dialect uses (declared here so the core needs no workers-types). */
export interface D1Like {
  prepare(sql: string): D1StatementLike;
  batch(statements: D1StatementLike[]): Promise<D1ResultLike[]>;
}
export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  all(): Promise<D1ResultLike>;
}
export interface D1ResultLike {
  results?: unknown[];
  meta?: { changes?: number; last_row_id?: number };
}

export const D1_MAX_PARAMS = 100;

export class D1Dialect implements Dialect {
  constructor(private readonly d1: D1Like) {}
  createDriver(): Driver {
    return new D1Driver(this.d1);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new D1Introspector(db);
  }
}

/**
 * kysely's SQLite introspector reads pragma_table_info for every table in sqlite_master, and D1
 * refuses that (SQLITE_AUTH) for its own `_cf_*` tables: list only ours.
 */
class D1Introspector implements DatabaseIntrospector {
  constructor(private readonly db: Kysely<any>) {}
  async getSchemas(): Promise<SchemaMetadata[]> {
    return [];
  }
  async getMetadata(): Promise<DatabaseMetadata> {
    return { tables: await this.getTables() };
  }
  async getTables(): Promise<TableMetadata[]> {
    const tables = await sql<{ name: string; type: string }>`select name, type from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%' and name not like '_cf_%' order by name`.execute(this.db);
    const out: TableMetadata[] = [];
    for (const t of tables.rows) {
      const cols = await sql<{ name: string; type: string; notnull: number; dflt_value: unknown; pk: number }>`select name, type, "notnull", dflt_value, pk from pragma_table_info(${t.name})`.execute(this.db);
      out.push({
        name: t.name,
        isView: t.type === 'view',
        columns: cols.rows.map((c) => ({
          name: c.name,
          dataType: c.type,
          isNullable: !c.notnull,
          isAutoIncrementing: false,
          hasDefaultValue: c.dflt_value != null,
        })),
      });
    }
    return out;
  }
}

class D1Driver implements Driver {
  constructor(private readonly d1: D1Like) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new D1Connection(this.d1);
  }
  async beginTransaction(): Promise<void> {
    throw new Error('D1 has no interactive transactions: write idempotently instead');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

class D1Connection implements DatabaseConnection {
  private readonly compiler = new SqliteQueryCompiler();
  constructor(private readonly d1: D1Like) {}

  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    if (q.parameters.length <= D1_MAX_PARAMS) return toResult<R>(await this.run(q.sql, q.parameters));
    const split = this.splitInsert(q);
    if (split) {
      const results = await this.d1.batch(split.map((s) => this.d1.prepare(s.sql).bind(...s.parameters.map(bindable))));
      const rows = results.flatMap((r) => (r.results ?? []) as R[]);
      const changes = results.reduce((n, r) => n + (r.meta?.changes ?? 0), 0);
      return { rows, numAffectedRows: BigInt(changes) };
    }
    return toResult<R>(await this.run(inlineParameters(q.sql, q.parameters), []));
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('D1 does not stream query results');
  }

  private run(sql: string, params: readonly unknown[]): Promise<D1ResultLike> {
    return this.d1
      .prepare(sql)
      .bind(...params.map(bindable))
      .all();
  }

  /** INSERT … VALUES (…), (…): the same statement over slices of rows, each under the limit. */
  private splitInsert(q: CompiledQuery): CompiledQuery[] | null {
    const node = q.query as { kind: string; values?: { kind: string; values: readonly unknown[] } };
    if (node.kind !== 'InsertQueryNode' || node.values?.kind !== 'ValuesNode') return null;
    const rows = node.values.values;
    if (rows.length < 2) return null;
    const perRow = Math.ceil(q.parameters.length / rows.length);
    const size = Math.max(1, Math.floor(D1_MAX_PARAMS / Math.max(1, perRow)));
    if (perRow > D1_MAX_PARAMS) return null;
    const out: CompiledQuery[] = [];
    for (let i = 0; i < rows.length; i += size) {
      const part = { ...node, values: { ...node.values, values: rows.slice(i, i + size) } };
      const compiled = this.compiler.compileQuery(part as never, q.queryId);
      if (compiled.parameters.length > D1_MAX_PARAMS) return null;
      out.push(compiled);
    }
    return out;
  }
}

function toResult<R>(r: D1ResultLike): QueryResult<R> {
  return {
    rows: (r.results ?? []) as R[],
    numAffectedRows: r.meta?.changes === undefined ? undefined : BigInt(r.meta.changes),
    insertId: r.meta?.last_row_id === undefined || r.meta.last_row_id === null ? undefined : BigInt(r.meta.last_row_id),
  };
}

function bindable(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** Replaces each `?` outside string literals and identifiers by the SQLite literal of its parameter. */
export function inlineParameters(sqlText: string, params: readonly unknown[]): string {
  let out = '';
  let p = 0;
  let quote: string | null = null;
  for (const ch of sqlText) {
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      if (p >= params.length) throw new Error('more placeholders than parameters');
      out += sqliteLiteral(params[p++]);
    } else out += ch;
  }
  if (p !== params.length) throw new Error('more parameters than placeholders');
  return out;
}

export function sqliteLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  // a negative number goes in brackets: after a minus (`x-?`) a bare `-3` would start a `--` comment
  if (typeof v === 'bigint') return v < 0n ? `(${v})` : v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'NULL';
    return v < 0 ? `(${v})` : String(v);
  }
  if (v instanceof Uint8Array) return `X'${hex(v)}'`;
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  // a NUL would end the statement early: such text goes in as hex, which cannot break out
  if (s.includes('\u0000')) return `CAST(X'${hex(new TextEncoder().encode(s))}' AS TEXT)`;
  return `'${s.replace(/'/g, "''")}'`;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
