/** A tiny argv parser for the classification commands: --flag, --opt value, --opt=value, positionals. */
export interface ParsedArgs {
  flags: Set<string>;
  options: Map<string, string[]>;
  positionals: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseArgs(argv: string[], spec: { flags: string[]; options: string[] }): ParsedArgs {
  const out: ParsedArgs = { flags: new Set(), options: new Map(), positionals: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      out.positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (spec.flags.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
    } else if (spec.options.includes(name)) {
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      out.options.set(name, [...(out.options.get(name) ?? []), value]);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return out;
}

export function opt(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return v ? v[v.length - 1] : undefined;
}
