import { describe, expect, it } from 'vitest';
import { parseSync as parsePostgres } from 'libpg-query';
import { checkStatement, splitStatements, sqlStatements, type SqlStatement } from '../../src/artifacts/sql.js';

/** The statement checkStatement should return for `text` at `line` when it parses as written. */
function valid(text: string, line: number, cql = false): SqlStatement {
  return { line, text, valid: true, elided: false, cql, error: null, errorLine: null };
}

describe('splitStatements', () => {
  it('splits on semicolons and keeps each statement’s first line', () => {
    const block = ['SELECT 1;', 'SELECT', '  2;', '', '', 'SELECT 3'].join('\n');
    expect(splitStatements(block, 5)).toEqual([
      { text: 'SELECT 1', line: 5 },
      { text: 'SELECT\n  2', line: 6 },
      { text: 'SELECT 3', line: 10 },
    ]);
  });

  it('does not split on semicolons inside single, double or backtick quotes', () => {
    const block = "SELECT 'a;b' FROM t;\nSELECT \"x;y\" FROM t;\nSELECT `c;d` FROM t;";
    expect(splitStatements(block, 1)).toEqual([
      { text: "SELECT 'a;b' FROM t", line: 1 },
      { text: 'SELECT "x;y" FROM t', line: 2 },
      { text: 'SELECT `c;d` FROM t', line: 3 },
    ]);
  });

  it('reads a doubled quote inside a string as part of the string', () => {
    expect(splitStatements("SELECT 'it''s; fine' FROM t; SELECT 2", 1)).toEqual([
      { text: "SELECT 'it''s; fine' FROM t", line: 1 },
      { text: 'SELECT 2', line: 1 },
    ]);
  });

  it('ignores semicolons in -- and /* */ comments and drops the comment text', () => {
    const block = ['SELECT 1; -- trailing; comment', '/* block;', '   comment; */', 'SELECT 1 /* inline; */ + 1;'].join('\n');
    expect(splitStatements(block, 20)).toEqual([
      { text: 'SELECT 1', line: 20 },
      { text: 'SELECT 1  + 1', line: 23 },
    ]);
  });

  it('does not count comment-only pieces as statements', () => {
    expect(splitStatements('-- just a note\n/* and another */\n\n', 1)).toEqual([]);
    expect(splitStatements(';;\n;', 1)).toEqual([]);
  });

  it('starts a statement at its first non-blank character after a multi-line comment', () => {
    const block = ['/* schema', '   for messages */', '', 'CREATE TABLE m (id bigint);'].join('\n');
    expect(splitStatements(block, 40)).toEqual([{ text: 'CREATE TABLE m (id bigint)', line: 43 }]);
  });
});

describe('checkStatement: PostgreSQL', () => {
  it('accepts valid PostgreSQL as written', () => {
    const text = "SELECT id FROM jobs WHERE status = 'pending' ORDER BY id LIMIT 10 FOR UPDATE SKIP LOCKED";
    expect(checkStatement(text, 7, false)).toEqual(valid(text, 7));
  });

  it('accepts $1, ? and :name placeholders', () => {
    for (const text of [
      'SELECT * FROM users WHERE id = $1',
      'SELECT * FROM users WHERE id = ?',
      'SELECT * FROM users WHERE id = :user_id AND created_at > :since',
      'INSERT INTO messages (chat_id, body) VALUES (?, ?) ON CONFLICT (chat_id) DO NOTHING',
    ]) {
      expect(checkStatement(text, 3, false)).toEqual(valid(text, 3));
    }
  });

  it('does not mistake :: casts or quoted ? for placeholders', () => {
    const cast = "SELECT '2024-01-01'::date AS d, :since AS s";
    const quoted = "SELECT * FROM t WHERE a = '?' AND b = ?";
    expect(checkStatement(cast, 1, false)).toEqual(valid(cast, 1));
    expect(checkStatement(quoted, 1, false)).toEqual(valid(quoted, 1));
  });
});

describe('checkStatement: MySQL', () => {
  const mysqlOnly = [
    'SELECT `name` FROM `users` LIMIT 5, 10',
    'INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = VALUES(a)',
    'CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(10)) ENGINE=InnoDB',
    'INSERT IGNORE INTO t (a) VALUES (1)',
    'REPLACE INTO t (a) VALUES (1)',
    'UPDATE t SET a = a + 1 LIMIT 1',
  ];

  it.each(mysqlOnly)('PostgreSQL rejects %s', (text) => {
    expect(() => parsePostgres(text)).toThrow();
  });

  it.each(mysqlOnly)('accepts MySQL-only syntax through the MySQL grammar: %s', (text) => {
    expect(checkStatement(text, 12, false)).toEqual(valid(text, 12));
  });

  it('accepts MySQL-only syntax with ? and :name placeholders', () => {
    for (const text of [
      'INSERT INTO t (a) VALUES (?) ON DUPLICATE KEY UPDATE a = VALUES(a)',
      'SELECT `name` FROM `users` WHERE id = ?',
      'SELECT `name` FROM `users` WHERE id = :id',
    ]) {
      expect(checkStatement(text, 1, false)).toEqual(valid(text, 1));
    }
  });
});

describe('checkStatement: CQL', () => {
  it('accepts a composite partition key with a clustering order and flags it as CQL', () => {
    const text =
      'CREATE TABLE messages (chat_id uuid, bucket int, msg_id timeuuid, body text, PRIMARY KEY ((chat_id, bucket), msg_id)) WITH CLUSTERING ORDER BY (msg_id DESC)';
    expect(checkStatement(text, 2, false)).toEqual(valid(text, 2, true));
  });

  it('accepts table options after the clustering order', () => {
    const text = 'CREATE TABLE t (a int, b int, PRIMARY KEY ((a), b)) WITH CLUSTERING ORDER BY (b ASC) AND default_time_to_live = 3600';
    expect(checkStatement(text, 2, false)).toEqual(valid(text, 2, true));
  });

  it('accepts USING TTL with placeholders', () => {
    const text = 'INSERT INTO sessions (id, user_id) VALUES (?, ?) USING TTL 86400';
    expect(checkStatement(text, 4, false)).toEqual(valid(text, 4, true));
  });

  it('accepts set, map and list collection types', () => {
    const text = 'CREATE TABLE user_devices (user_id uuid PRIMARY KEY, devices set<text>, prefs map<text, text>, tags list<text>)';
    expect(checkStatement(text, 1, false)).toEqual(valid(text, 1, true));
  });

  it('accepts lightweight transactions, ALLOW FILTERING and CREATE KEYSPACE', () => {
    for (const text of [
      'INSERT INTO users (id, name) VALUES (?, ?) IF NOT EXISTS',
      'SELECT * FROM messages WHERE chat_id = ? AND msg_id < ? LIMIT 50 ALLOW FILTERING',
      "CREATE KEYSPACE chat WITH replication = {'class': 'NetworkTopologyStrategy', 'dc1': 3}",
    ]) {
      expect(checkStatement(text, 1, false)).toEqual(valid(text, 1, true));
    }
  });

  it('flags a plain statement as CQL when the block is tagged cql or cassandra', () => {
    expect(sqlStatements('CREATE TABLE x (a int PRIMARY KEY, b text);', 8, 'cql')).toEqual([valid('CREATE TABLE x (a int PRIMARY KEY, b text)', 8, true)]);
    expect(sqlStatements('SELECT a FROM x WHERE a = ?', 8, 'cassandra')).toEqual([valid('SELECT a FROM x WHERE a = ?', 8, true)]);
    expect(sqlStatements('SELECT a FROM x WHERE a = ?', 8, 'sql')).toEqual([valid('SELECT a FROM x WHERE a = ?', 8, false)]);
  });
});

describe('checkStatement: syntax errors', () => {
  it('rejects a misspelled keyword', () => {
    expect(checkStatement('SELECT * FORM t', 9, false)).toEqual({
      line: 9,
      text: 'SELECT * FORM t',
      valid: false,
      elided: false,
      cql: false,
      error: 'syntax error at or near "FORM"',
      errorLine: 9,
    });
  });

  it('rejects a trailing comma in a select list and in a column list', () => {
    expect(checkStatement('SELECT a, b, FROM t', 1, false)).toEqual({
      line: 1,
      text: 'SELECT a, b, FROM t',
      valid: false,
      elided: false,
      cql: false,
      error: 'syntax error at or near "FROM"',
      errorLine: 1,
    });
    expect(checkStatement('CREATE TABLE t (a int, b int,)', 1, false)).toEqual({
      line: 1,
      text: 'CREATE TABLE t (a int, b int,)',
      valid: false,
      elided: false,
      cql: false,
      error: 'syntax error at or near ")"',
      errorLine: 1,
    });
  });

  it('rejects prose', () => {
    expect(checkStatement('hello world', 1, false)).toEqual({
      line: 1,
      text: 'hello world',
      valid: false,
      elided: false,
      cql: false,
      error: 'syntax error at or near "hello"',
      errorLine: 1,
    });
  });

  it('reports the line of the error inside a multi-line statement', () => {
    const trailingComma = 'CREATE TABLE t (\n  a int,\n  b int,\n)';
    expect(checkStatement(trailingComma, 10, false)).toEqual({
      line: 10,
      text: trailingComma,
      valid: false,
      elided: false,
      cql: false,
      error: 'syntax error at or near ")"',
      errorLine: 13,
    });
    const cutOff = 'SELECT *\nFROM t\nWHERE a = ?\nORDER BY';
    expect(checkStatement(cutOff, 10, false)).toMatchObject({ valid: false, error: 'syntax error at end of input', errorLine: 13 });
    const withPlaceholders = 'SELECT *\nFROM t\nWHERE a = :x AND\n  b = ? ORDER BY LIMIT 5';
    expect(checkStatement(withPlaceholders, 10, false)).toMatchObject({ valid: false, error: 'syntax error at or near "LIMIT"', errorLine: 13 });
  });
});

describe('checkStatement: elisions', () => {
  it('accepts ... elisions as valid but elided', () => {
    for (const text of ['INSERT INTO t (a, b, c) VALUES (...)', 'SELECT ... FROM t WHERE id = 1', 'SELECT * FROM t WHERE id IN (...)']) {
      expect(checkStatement(text, 5, false)).toEqual({ line: 5, text, valid: true, elided: true, cql: false, error: null, errorLine: null });
    }
  });

  it('reports the as-written error when the statement is broken even with elisions filled in', () => {
    expect(checkStatement('SELECT * FORM t WHERE id IN (...)', 5, false)).toEqual({
      line: 5,
      text: 'SELECT * FORM t WHERE id IN (...)',
      valid: false,
      elided: false,
      cql: false,
      error: 'syntax error at or near "FORM"',
      errorLine: 5,
    });
  });

  it('does not call a quoted ... an elision', () => {
    const text = "INSERT INTO t (a) VALUES ('...')";
    expect(checkStatement(text, 1, false)).toEqual(valid(text, 1));
  });
});

describe('sqlStatements', () => {
  it('checks every statement of a block at its own line', () => {
    const block = ['-- users', 'SELECT * FROM users WHERE id = $1;', '', 'SELECT *', 'FORM t;', "INSERT INTO t (a) VALUES ('x;y');"].join('\n');
    expect(sqlStatements(block, 20, 'sql')).toEqual([
      valid('SELECT * FROM users WHERE id = $1', 21),
      { line: 23, text: 'SELECT *\nFORM t', valid: false, elided: false, cql: false, error: 'syntax error at or near "FORM"', errorLine: 24 },
      valid("INSERT INTO t (a) VALUES ('x;y')", 25),
    ]);
  });

  it('returns nothing for a comment-only block', () => {
    expect(sqlStatements('-- TODO: schema', 1, 'sql')).toEqual([]);
  });
});
