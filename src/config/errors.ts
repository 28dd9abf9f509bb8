import type { z } from 'zod';

/** Bad configuration or input: names the file, the key path inside it and what was expected. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${file}: ${path === '' ? '(top level)' : path}: ${expected}`);
  }
}

/** `providers[2].config.maxConcurrency` from a zod issue path. */
export function keyPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

/** The first zod issue as a ConfigError; an unknown key is an unsupported promptfoo feature. */
export function fromZod(file: string, error: z.ZodError, supported: string): ConfigError {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    return new ConfigError(file, keyPath(issue.path), `unsupported key(s) ${keys}: blueprint-eval reads ${supported}; run this config with promptfoo itself to use ${keys}`);
  }
  return new ConfigError(file, keyPath(issue.path), issue.message);
}
