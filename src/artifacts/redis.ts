import { createRequire } from 'node:module';
import { z } from 'zod';

/**
 * Redis command names and arities from @ioredis/commands (generated from Redis's own COMMAND
 * output). Arity N > 0 means exactly N words including the name; N < 0 means at least |N|.
 */
const CommandTable = z.record(z.string(), z.object({ arity: z.number().int() }).loose());
const require = createRequire(import.meta.url);
const CORE: Record<string, { arity: number }> = CommandTable.parse(require('@ioredis/commands/built/commands.json'));

/**
 * Module commands answers use that the core table lacks, with arities from the RedisBloom,
 * RedisJSON and RediSearch command references.
 */
const MODULES: Record<string, { arity: number }> = {
  'bf.add': { arity: 3 },
  'bf.exists': { arity: 3 },
  'bf.madd': { arity: -3 },
  'bf.mexists': { arity: -3 },
  'bf.reserve': { arity: -4 },
  'bf.insert': { arity: -4 },
  'cf.add': { arity: 3 },
  'cf.addnx': { arity: 3 },
  'cf.exists': { arity: 3 },
  'cf.del': { arity: 3 },
  'cms.incrby': { arity: -4 },
  'topk.add': { arity: -3 },
  'json.set': { arity: -4 },
  'json.get': { arity: -2 },
  'json.del': { arity: -2 },
  'ft.search': { arity: -3 },
  'ft.create': { arity: -4 },
  'ts.add': { arity: -4 },
  'ts.range': { arity: -4 },
};

export interface RedisCommand {
  line: number;
  name: string;
  args: number;
  problem: string | null;
}

const PROMPT = /^\s*(?:(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|redis)(?::\d+)?>|redis-cli(?:\s+-[hpanu]\s+\S+)*)\s*/i;
const OUTPUT = /^\s*(?:\(integer\)|\(nil\)|\(error\)|\(empty|OK$|"[^"]*"$|\d+\)\s|-\s*>|=>)/;
const COMMENT = /^\s*(?:#|\/\/|--|;)/;

function lookup(name: string): { arity: number } | undefined {
  const key = name.toLowerCase();
  return Object.hasOwn(CORE, key) ? CORE[key] : Object.hasOwn(MODULES, key) ? MODULES[key] : undefined;
}

/** Split a command line the way redis-cli does: whitespace, with "…" and '…' quoting. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(line)) !== null) args.push(match[1] ?? match[2] ?? match[3] ?? '');
  return args;
}

/** Strip a trailing `# comment` or `// comment` that sits outside quotes. */
function stripTrailingComment(line: string): string {
  const re = /"(?:[^"\\]|\\.)*"|'[^']*'|\s(#|\/\/)\s.*$/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(line)) !== null) if (match[1] !== undefined) return line.slice(0, match.index);
  return line;
}

/**
 * One line as a Redis command, or null when the line is not one. Outside a Redis-tagged block
 * only upper-case names count, so prose like "set the flag" is not a command.
 */
export function parseRedisLine(raw: string, line: number, tagged: boolean): RedisCommand | null {
  if (COMMENT.test(raw) || OUTPUT.test(raw)) return null;
  const text = stripTrailingComment(raw.replace(PROMPT, '')).trim();
  const args = splitArgs(text);
  const name = args[0];
  if (name === undefined || !/^[A-Za-z][A-Za-z._]*$/.test(name)) return null;
  if (!tagged && name !== name.toUpperCase()) return null;
  const spec = lookup(name);
  if (spec === undefined) {
    if (tagged && name === name.toUpperCase() && name.length >= 3 && args.length >= 2) {
      return { line, name, args: args.length - 1, problem: `unknown Redis command ${name}` };
    }
    return null;
  }
  if (!tagged && args.length < 2 && spec.arity !== 1) return null;
  const ok = spec.arity > 0 ? args.length === spec.arity : args.length >= -spec.arity;
  const expected = spec.arity > 0 ? `exactly ${spec.arity - 1}` : `at least ${-spec.arity - 1}`;
  return { line, name: name.toUpperCase(), args: args.length - 1, problem: ok ? null : `${name.toUpperCase()} takes ${expected} argument(s), got ${args.length - 1}` };
}

/** Half or more of a block's non-comment lines are Redis commands. */
export function looksLikeRedis(lines: readonly string[], tagged: boolean): boolean {
  const meaningful = lines.filter((l) => !COMMENT.test(l) && !OUTPUT.test(l));
  if (meaningful.length === 0) return false;
  const commands = meaningful.filter((l, i) => parseRedisLine(l, i, tagged) !== null).length;
  return commands > 0 && commands * 2 >= meaningful.length;
}

export function redisCommands(value: string, firstLine: number, tagged: boolean): RedisCommand[] {
  const found: RedisCommand[] = [];
  for (const [index, raw] of value.split('\n').entries()) {
    const command = parseRedisLine(raw, firstLine + index, tagged);
    if (command !== null) found.push(command);
  }
  return found;
}
