/**
 * The one place that reads the environment and the config file. Everything below receives a
 * typed Config; no handler, job or stage reads process.env.
 */
import { configSchema, type FileConfig } from './schema.js';
import { duplicateIds, loadValidatedYaml, ValidationError, type CrossCheck } from '../util/validated-yaml.js';

export interface Config extends FileConfig {
  port: number;
  databaseUrl?: string;
  sqlitePath: string;
  configFile: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** True when the built-in demo runs (no config file, or demo.enabled). */
  demoEnabled: boolean;
}

export type Env = Record<string, string | undefined>;

export interface ConfigSource {
  /** Returns the file's text, or null when it does not exist. */
  readFile(path: string): string | null;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Ids that name rows or lookups must be unique: with a repeat, the last one silently won. */
const uniqueIds: CrossCheck<FileConfig> = (c, lineOf) => [
  ...duplicateIds('target', c.targets.map((t, i) => ({ path: ['targets', i], id: t.id })), lineOf),
  // sources are one table keyed by id: unique across every target, not only within one
  ...duplicateIds('source', c.targets.flatMap((t, i) => t.sources.map((s, j) => ({ path: ['targets', i, 'sources', j], id: s.id }))), lineOf),
  ...duplicateIds('channel', c.notifications.channels.map((ch, i) => ({ path: ['notifications', 'channels', i], id: ch.id })), lineOf),
];

export function buildConfig(env: Env, files: ConfigSource): Config {
  const explicit = env.BACKLASH_CONFIG;
  const file = explicit || 'backlash.config.yaml';
  const text = files.readFile(file);
  if (explicit && text === null) throw new ConfigError(`BACKLASH_CONFIG names ${explicit}, which does not exist`);
  const parsed: FileConfig = loadValidatedYaml(text ?? '', text === null ? '(defaults)' : file, configSchema, uniqueIds);

  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT: expected a port number 0-65535, got ${JSON.stringify(env.PORT)}`);
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) throw new ConfigError(`LOG_LEVEL: expected debug, info, warn or error, got ${JSON.stringify(env.LOG_LEVEL)}`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL: expected a postgres:// or postgresql:// URL');

  const demoEnabled = parsed.demo.enabled ?? (text === null || parsed.targets.length === 0);
  return {
    ...parsed,
    port,
    databaseUrl,
    sqlitePath: env.BACKLASH_DB || 'data/backlash.db',
    configFile: text === null ? null : file,
    logLevel,
    demoEnabled,
  };
}

export { ValidationError };
