/** How pg reads the column types Backlash stores, set once on the pg module that will be used. */
import type pgModule from 'pg';

export function installPgTypeParsers(pg: typeof pgModule): void {
  // int8 (bigint) columns hold epoch milliseconds and counters: well inside Number's safe range.
  pg.types.setTypeParser(20, (v) => Number(v));
  pg.types.setTypeParser(1700, (v) => Number(v));
}
