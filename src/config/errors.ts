import { z } from 'zod';

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

type Issue = z.core.$ZodIssue;

/**
 * The issue to report, with its full path. A union (a provider is a string or an object) reports
 * the branch whose type matched, at its deepest point (`providers[1].config.temperature`), rather
 * than zod's bare "Invalid input"; when no branch's type matched, the types it accepts.
 */
function resolveIssue(issue: Issue, base: readonly PropertyKey[]): { issue: Issue; path: PropertyKey[]; union: number | null } {
  const path = [...base, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path, union: null };
  const branches = issue.errors.flatMap((branch) => (branch[0] === undefined ? [] : [resolveIssue(branch[0], path)]));
  const matched = branches.filter((b) => !(b.issue.code === 'invalid_type' && b.path.length === path.length));
  if (matched.length > 0) return { ...matched.reduce((best, b) => (b.path.length > best.path.length ? b : best)), union: path.length };
  const expected = [...new Set(branches.flatMap((b) => (b.issue.code === 'invalid_type' ? [b.issue.expected] : [])))];
  const received = /received (\w+)/.exec(branches[0]?.issue.message ?? '')?.[1];
  if (expected.length === 0) return { issue, path, union: null };
  return { issue: { ...issue, message: `expected ${expected.join(' or ')}${received === undefined ? '' : `, received ${received}`}` }, path, union: null };
}

/** zod's "Invalid input: expected number, received undefined" as "missing: expected number". */
function plainMessage(message: string): string {
  const type = /^Invalid input: expected (.+), received (\w+)$/.exec(message);
  if (type !== null) return type[2] === 'undefined' ? `missing: expected ${type[1]}` : `expected ${type[1]}, received ${type[2]}`;
  return message.replace(/^Invalid input: /, '');
}

/** The keys a strict object accepts at `path` of `schema`, walking through optionals, arrays and unions. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] | null {
  let node: z.ZodType = schema;
  let i = 0;
  for (;;) {
    if (node instanceof z.ZodOptional || node instanceof z.ZodNullable || node instanceof z.ZodDefault) {
      node = node.unwrap() as z.ZodType;
      continue;
    }
    if (node instanceof z.ZodUnion) {
      const wanted = typeof path[i] === 'number' ? z.ZodArray : z.ZodObject;
      const next = (node.options as readonly z.ZodType[]).find((o) => o instanceof wanted);
      if (next === undefined) return null;
      node = next;
      continue;
    }
    if (i === path.length) return node instanceof z.ZodObject ? Object.keys(node.shape) : null;
    const key = path[i++];
    if (node instanceof z.ZodArray && typeof key === 'number') node = node.element as z.ZodType;
    else if (node instanceof z.ZodObject && typeof key === 'string' && key in node.shape) node = node.shape[key] as z.ZodType;
    else return null;
  }
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = row;
  }
  return previous[b.length]!;
}

/** The known keys `key` is a near miss of (a typo, another case): `lable` → label. */
export function nearMisses(key: string, known: Iterable<string>): string[] {
  return [...known].filter((k) => k !== key && distance(key.toLowerCase(), k.toLowerCase()) <= (k.length <= 4 ? 1 : 2));
}

function didYouMean(key: string, known: readonly string[]): string {
  const close = nearMisses(key, known);
  return close.length === 0 ? '' : ` (did you mean ${close.join(' or ')}?)`;
}

/**
 * The first zod issue as a ConfigError. An unknown key is an unsupported promptfoo feature: at the
 * top level the message lists what we read (`supported`); inside an object (given `schema`) it
 * lists the keys that object accepts, with a "did you mean" for a near miss.
 */
export function fromZod(file: string, error: z.ZodError, supported: string, options: { schema?: z.ZodType; promptfoo?: boolean } = {}): ConfigError {
  const { issue, path, union } = resolveIssue(error.issues[0]!, []);
  // Inside a union the entry is the place and the rest of the path leads the message:
  // `providers[1]: config.temperature: expected number, received string`.
  const place = keyPath(union === null ? path : path.slice(0, union));
  const within = union === null || path.length === union ? '' : `${keyPath(path.slice(union))}: `;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.join(', ');
    const known = options.schema === undefined ? null : keysAt(options.schema, path);
    const hint = issue.keys.map((k) => didYouMean(k, known ?? [])).join('');
    const reads = path.length > 0 && known !== null ? `expected only ${known.join(', ')} here` : `blueprint-eval reads ${supported}`;
    const promptfoo = options.promptfoo === false ? '' : `; run this config with promptfoo itself to use ${keys}`;
    return new ConfigError(file, place, `${within}unsupported key(s) ${keys}${hint}: ${reads}${promptfoo}`);
  }
  return new ConfigError(file, place, `${within}${plainMessage(issue.message)}`);
}
