import { readConfig } from '../../entry/node.js';
import { openDb } from '../../entry/open-db.js';
import { migrateToLatest } from '../../store/migrate.js';

export async function run(argv: string[]): Promise<number> {
  if (argv.length) {
    process.stderr.write(`backlash migrate: unexpected argument ${argv[0]}\n`);
    return 2;
  }
  try {
    const config = readConfig(process.env);
    const opened = await openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
    try {
      const { applied } = await migrateToLatest(opened.db);
      process.stderr.write(applied.length ? `applied ${applied.length} migration(s) to ${opened.where}: ${applied.join(', ')}\n` : `${opened.where} is up to date\n`);
    } finally {
      await opened.close();
    }
    return 0;
  } catch (err) {
    process.stderr.write(`backlash migrate: ${(err as Error).message}\n`);
    return 1;
  }
}
