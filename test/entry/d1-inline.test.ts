/**
 * The D1 dialect's parameter inlining (src/entry/d1-dialect.ts). D1 binds at most 100 parameters, and
 * callers chunk at 500–1,000 ids, so on D1 a large query goes in with its parameters written as SQLite
 * literals: the normal path, not an edge. Each case runs the inlined text in real SQLite (D1 is
 * SQLite) and compares it with the same statement run with bound parameters.
 */
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { inlineParameters, sqliteLiteral } from '../../src/entry/d1-dialect.js';

const db = new SQLite(':memory:');
db.defaultSafeIntegers(true); // bigints come back exact
db.exec(`create table t (id integer primary key, v)`);
afterAll(() => db.close());

/** Binds as D1's bind() would: booleans as 0/1, undefined as null. */
const bound = (v: unknown) => (v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0) : v);

/**
 * better-sqlite3 binds every JS number as a REAL, while a literal `8` is an INTEGER: the storage class
 * differs only in untyped expressions (a typed column converts both), so values are compared as numbers.
 */
const asNumber = (v: unknown) => (typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
const rowsOf = (rows: unknown[][]) => rows.map((r) => r.map(asNumber));

function viaBinding(sql: string, params: unknown[]): unknown[] {
  return rowsOf(db.prepare(sql).raw().all(...params.map(bound)) as unknown[][]);
}

function viaInlining(sql: string, params: unknown[]): unknown[] {
  return rowsOf(db.prepare(inlineParameters(sql, params)).raw().all() as unknown[][]);
}

describe('D1 parameter inlining', () => {
  it('writes text with quotes as a literal that cannot break out of the statement', () => {
    const texts = ["O'Brien", "''", "'; drop table t; --", "it''s", '"double"', '`tick`', 'back\\slash', 'new\nline', '😀 żółw 漢字'];
    for (const s of texts) {
      expect(viaInlining('select ?', [s]), s).toEqual([[s]]);
    }
    expect(sqliteLiteral("O'Brien")).toBe("'O''Brien'");
    expect(db.prepare(`select count(*) from sqlite_master where name = 't'`).pluck().get()).toBe(1n);
  });

  it('writes text holding a NUL as hex cast to text, and the whole string comes back', () => {
    const s = "a\u0000b'; drop table t; --";
    expect(sqliteLiteral(s)).toMatch(/^CAST\(X'[0-9a-f]+' AS TEXT\)$/);
    expect(viaInlining('select ?, length(?)', [s, s])).toEqual(viaBinding('select ?, length(?)', [s, s]));
    expect(viaInlining('select ?', [s])).toEqual([[s]]);
  });

  it('writes blobs (Uint8Array and Buffer) as X literals that come back byte for byte', () => {
    const bytes = new Uint8Array([0, 1, 39, 127, 128, 255]);
    expect(sqliteLiteral(bytes)).toBe("X'0001277f80ff'");
    const [[fromU8]] = viaInlining('select ?', [bytes]) as [[Buffer]];
    expect([...fromU8]).toEqual([...bytes]);
    const [[fromBuffer, type]] = viaInlining('select ?, typeof(?)', [Buffer.from(bytes), Buffer.from(bytes)]) as [[Buffer, string]];
    expect([...fromBuffer]).toEqual([...bytes]);
    expect(type).toBe('blob');
    expect(viaInlining('select length(?)', [new Uint8Array()])).toEqual([[0]]);
  });

  it('writes bigints exactly, beyond what a double holds', () => {
    const big = [2n ** 62n + 1n, -(2n ** 63n), 2n ** 63n - 1n, 0n, -1n];
    for (const b of big) expect(db.prepare(inlineParameters('select ?, typeof(?)', [b, b])).raw().get(), String(b)).toEqual([b, 'integer']);
  });

  it('writes booleans as 1 and 0, null and undefined as NULL, non-finite numbers as NULL', () => {
    expect(viaInlining('select ?, ?, ?, ?', [true, false, null, undefined])).toEqual([[1, 0, null, null]]);
    expect(viaInlining('select ?, ?, ?', [Number.NaN, Infinity, -Infinity])).toEqual([[null, null, null]]);
  });

  it('writes numbers so that a negative one after an operator is not read as a comment', () => {
    for (const n of [-3, -0.5, 1e21, -1e-7, 0.1 + 0.2, 2 ** 40, -(2 ** 40)]) {
      expect(viaInlining('select 5-?, ?*2, -?', [n, n, n]), String(n)).toEqual(viaBinding('select 5-?, ?*2, -?', [n, n, n]));
    }
  });

  it('leaves a ? inside string literals and quoted identifiers alone', () => {
    const sql = `select '?', 'it''s ?', ? as "a?b", ?`;
    expect(inlineParameters(sql, ['x', 1])).toBe(`select '?', 'it''s ?', 'x' as "a?b", 1`);
    expect(viaInlining(sql, ['x', 1])).toEqual([['?', "it's ?", 'x', 1]]);
    // a parameter holding ? or a quote does not shift the ones after it
    expect(viaInlining('select ?, ?, ?', ['?', "'", '?'])).toEqual([['?', "'", '?']]);
  });

  it('inlines 100+ parameters of mixed types, in order, as binding them would', () => {
    const params: unknown[] = Array.from({ length: 250 }, (_, i) =>
      [i, `id-${i}'x`, BigInt(i) * 2n ** 40n, i % 2 === 0, null, new Uint8Array([i % 256]), -i / 4][i % 7],
    );
    const placeholders = params.map(() => '?').join(', ');
    expect(viaInlining(`select ${placeholders}`, params)).toEqual(viaBinding(`select ${placeholders}`, params));

    // the shape callers use on D1: an IN list of 1,000 ids, against a table
    const insert = db.prepare('insert into t (id, v) values (?, ?)');
    db.transaction(() => {
      for (let i = 1; i <= 1200; i++) insert.run(i, `v'${i}`);
    })();
    const ids = Array.from({ length: 1000 }, (_, i) => i * 2 + 1);
    const sql = `select id, v from t where id in (${ids.map(() => '?').join(', ')}) order by id`;
    const rows = viaInlining(sql, ids);
    expect(rows).toHaveLength(600); // odd ids up to 1,200
    expect(rows).toEqual(viaBinding(sql, ids));
  });

  it('refuses a count of parameters that does not match the placeholders', () => {
    expect(() => inlineParameters('select ?, ?', [1])).toThrow(/more placeholders than parameters/);
    expect(() => inlineParameters('select ?', [1, 2])).toThrow(/more parameters than placeholders/);
    expect(() => inlineParameters("select '?'", [1])).toThrow(/more parameters than placeholders/);
  });

  it('writes other values (JSON columns) as their JSON text', () => {
    const v = { a: "it's", b: [1, 2] };
    expect(viaInlining('select ?', [v])).toEqual([[JSON.stringify(v)]]);
  });
});
