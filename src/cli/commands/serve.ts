import { startNode } from '../../entry/node.js';
import { ConfigError } from '../../config/config.js';
import { ValidationError } from '../../util/validated-yaml.js';

export async function run(argv: string[]): Promise<number> {
  if (argv.length) {
    process.stderr.write(`backlash serve: unexpected argument ${argv[0]} (configure with BACKLASH_CONFIG, PORT, BACKLASH_DB, DATABASE_URL)\n`);
    return 2;
  }
  let service;
  try {
    service = await startNode(process.env);
  } catch (err) {
    const e = err as Error;
    const kind = e instanceof ValidationError || e instanceof ConfigError ? 'configuration error' : 'cannot start';
    process.stderr.write(`backlash: ${kind}: ${e.message}\n`);
    return 1;
  }
  process.stderr.write(`Backlash is running at ${service.url}${service.ctx.config.demoEnabled ? ' (built-in demo)' : ''}\n`);
  return new Promise<number>((resolve) => {
    const shutdown = (signal: string) => {
      process.stderr.write(`backlash: ${signal} received, finishing in-flight work\n`);
      service.stop().then(
        () => resolve(0),
        (err: Error) => {
          process.stderr.write(`backlash: error during shutdown: ${err.message}\n`);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });
}
