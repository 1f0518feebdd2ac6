/** `--name value` from the command line, or the default: the one argument reader of the benches. */
export function argOf(args: string[]): (name: string, def: string) => string {
  return (name, def) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : def;
  };
}
