import { describe, expect, it } from 'vitest';
import { looksLikeRedis, parseRedisLine, redisCommands, splitArgs } from '../../src/artifacts/redis.js';

describe('parseRedisLine: known commands and arity', () => {
  it('accepts commands with a correct number of arguments', () => {
    expect(parseRedisLine('GET user:1', 5, true)).toEqual({ line: 5, name: 'GET', args: 1, problem: null });
    expect(parseRedisLine('SET user:1 hello EX 60', 5, true)).toEqual({ line: 5, name: 'SET', args: 4, problem: null });
    expect(parseRedisLine('HSET h f v', 5, true)).toEqual({ line: 5, name: 'HSET', args: 3, problem: null });
    expect(parseRedisLine('XADD stream * field value', 5, true)).toEqual({ line: 5, name: 'XADD', args: 4, problem: null });
    expect(parseRedisLine('MULTI', 5, true)).toEqual({ line: 5, name: 'MULTI', args: 0, problem: null });
  });

  it('reports a fixed-arity command with too many or too few arguments', () => {
    expect(parseRedisLine('GET user:1 extra', 5, true)).toEqual({ line: 5, name: 'GET', args: 2, problem: 'GET takes exactly 1 argument(s), got 2' });
    expect(parseRedisLine('GET', 5, true)).toEqual({ line: 5, name: 'GET', args: 0, problem: 'GET takes exactly 1 argument(s), got 0' });
  });

  it('reports a variadic command below its minimum', () => {
    expect(parseRedisLine('HSET h f', 6, true)).toEqual({ line: 6, name: 'HSET', args: 2, problem: 'HSET takes at least 3 argument(s), got 2' });
    expect(parseRedisLine('ZADD z 1', 6, true)).toEqual({ line: 6, name: 'ZADD', args: 2, problem: 'ZADD takes at least 3 argument(s), got 2' });
    expect(parseRedisLine('XADD stream *', 6, true)).toEqual({ line: 6, name: 'XADD', args: 2, problem: 'XADD takes at least 4 argument(s), got 2' });
    expect(parseRedisLine('DEL', 6, true)).toEqual({ line: 6, name: 'DEL', args: 0, problem: 'DEL takes at least 1 argument(s), got 0' });
  });

  it('checks module commands such as BF.ADD', () => {
    expect(parseRedisLine('BF.ADD seen msg1', 1, true)).toEqual({ line: 1, name: 'BF.ADD', args: 2, problem: null });
    expect(parseRedisLine('bf.add seen msg1', 1, true)).toEqual({ line: 1, name: 'BF.ADD', args: 2, problem: null });
    expect(parseRedisLine('BF.ADD seen', 1, true)).toEqual({ line: 1, name: 'BF.ADD', args: 1, problem: 'BF.ADD takes exactly 2 argument(s), got 1' });
    expect(parseRedisLine('BF.EXISTS seen msg1 x', 1, true)).toEqual({ line: 1, name: 'BF.EXISTS', args: 3, problem: 'BF.EXISTS takes exactly 2 argument(s), got 3' });
    expect(parseRedisLine('BF.MADD seen a b c', 1, false)).toEqual({ line: 1, name: 'BF.MADD', args: 4, problem: null });
  });
});

describe('parseRedisLine: prompts, output, comments and quoting', () => {
  it('strips redis-cli prompts', () => {
    expect(parseRedisLine('127.0.0.1:6379> INCR counter', 2, true)).toEqual({ line: 2, name: 'INCR', args: 1, problem: null });
    expect(parseRedisLine('localhost:6379> INCR counter', 2, true)).toEqual({ line: 2, name: 'INCR', args: 1, problem: null });
    expect(parseRedisLine('redis> GET k', 2, true)).toEqual({ line: 2, name: 'GET', args: 1, problem: null });
    expect(parseRedisLine('redis-cli -h cache.local -p 6380 INCR counter', 2, true)).toEqual({ line: 2, name: 'INCR', args: 1, problem: null });
    expect(parseRedisLine('redis-cli -h x GET k', 2, false)).toEqual({ line: 2, name: 'GET', args: 1, problem: null });
    expect(parseRedisLine('127.0.0.1:6379> GET a b', 2, true)).toEqual({ line: 2, name: 'GET', args: 2, problem: 'GET takes exactly 1 argument(s), got 2' });
  });

  it('ignores output lines and comments', () => {
    for (const line of ['(integer) 1', '(nil)', '(error) WRONGTYPE', '(empty array)', 'OK', '"Alice"', '1) "a"', '# set the key', '// comment', '-- comment']) {
      expect(parseRedisLine(line, 1, true)).toBeNull();
    }
  });

  it('counts a quoted argument as one argument', () => {
    expect(parseRedisLine('SET user:1 "Alice Smith"', 1, true)).toEqual({ line: 1, name: 'SET', args: 2, problem: null });
    expect(parseRedisLine("SET k 'a b c'", 1, true)).toEqual({ line: 1, name: 'SET', args: 2, problem: null });
    expect(parseRedisLine('SET k "a \\"b\\" c"', 1, true)).toEqual({ line: 1, name: 'SET', args: 2, problem: null });
    expect(parseRedisLine('GET "user 1"', 1, true)).toEqual({ line: 1, name: 'GET', args: 1, problem: null });
  });

  it('drops a trailing comment outside quotes', () => {
    expect(parseRedisLine('SET k v  # set it', 1, true)).toEqual({ line: 1, name: 'SET', args: 2, problem: null });
    expect(parseRedisLine('SET k "a # b"', 1, true)).toEqual({ line: 1, name: 'SET', args: 2, problem: null });
  });
});

describe('parseRedisLine: tagged and untagged blocks', () => {
  it('counts lower-case commands only in Redis-tagged blocks', () => {
    expect(parseRedisLine('set user:1 v', 3, true)).toEqual({ line: 3, name: 'SET', args: 2, problem: null });
    expect(parseRedisLine('set user:1 v', 3, false)).toBeNull();
    expect(parseRedisLine('SET user:1 v', 3, false)).toEqual({ line: 3, name: 'SET', args: 2, problem: null });
  });

  it('flags an unknown upper-case command only in Redis-tagged blocks', () => {
    expect(parseRedisLine('FOOBAR a b', 4, true)).toEqual({ line: 4, name: 'FOOBAR', args: 2, problem: 'unknown Redis command FOOBAR' });
    expect(parseRedisLine('FOOBAR a b', 4, false)).toBeNull();
    expect(parseRedisLine('foobar a b', 4, true)).toBeNull();
    expect(parseRedisLine('FOOBAR', 4, true)).toBeNull();
  });

  it('does not read an untagged single word as a command unless it takes no arguments', () => {
    expect(parseRedisLine('PING', 1, false)).toBeNull();
    expect(parseRedisLine('MULTI', 1, false)).toEqual({ line: 1, name: 'MULTI', args: 0, problem: null });
    expect(parseRedisLine('SET a', 1, false)).toEqual({ line: 1, name: 'SET', args: 1, problem: 'SET takes at least 2 argument(s), got 1' });
  });

  it('rejects lines that do not start with a command name', () => {
    expect(parseRedisLine('', 1, true)).toBeNull();
    expect(parseRedisLine('user:1 -> hash', 1, true)).toBeNull();
    expect(parseRedisLine('42 GET k', 1, true)).toBeNull();
  });
});

describe('redisCommands', () => {
  it('numbers commands from the block’s first line and skips output', () => {
    const block = ['127.0.0.1:6379> SET a 1', 'OK', '127.0.0.1:6379> GET a', '"1"', '', 'INCR a b', '(integer) 2'].join('\n');
    expect(redisCommands(block, 10, true)).toEqual([
      { line: 10, name: 'SET', args: 2, problem: null },
      { line: 12, name: 'GET', args: 1, problem: null },
      { line: 15, name: 'INCR', args: 2, problem: 'INCR takes exactly 1 argument(s), got 2' },
    ]);
  });

  it('finds only upper-case commands in an untagged block', () => {
    expect(redisCommands('set the flag on login\nSETEX session:1 3600 token', 1, false)).toEqual([{ line: 2, name: 'SETEX', args: 3, problem: null }]);
  });
});

describe('splitArgs', () => {
  it('splits on whitespace with double and single quoting', () => {
    expect(splitArgs('SET k "a b" \'c d\' e')).toEqual(['SET', 'k', 'a b', 'c d', 'e']);
    expect(splitArgs('  GET   k  ')).toEqual(['GET', 'k']);
  });
});

describe('looksLikeRedis', () => {
  it('is true when half or more of the meaningful lines are commands', () => {
    expect(looksLikeRedis(['# cache the profile', 'SET user:1 v', 'OK', 'EXPIRE user:1 60'], false)).toBe(true);
    expect(looksLikeRedis(['SET user:1 v', 'then read it back'], false)).toBe(true);
  });

  it('is false for prose and for output alone', () => {
    expect(looksLikeRedis(['set the flag', 'then read it', 'GET user:1'], false)).toBe(false);
    expect(looksLikeRedis(['OK', '(integer) 1'], true)).toBe(false);
  });
});
