/** The service's configuration as every Node command reads it: env + the YAML file on disk. */
import fs from 'node:fs';
import { buildConfig, type Config, type Env } from '../config/config.js';

export function readConfig(env: Env): Config {
  return buildConfig(env, {
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
  });
}
