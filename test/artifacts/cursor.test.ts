import { describe, expect, it } from 'vitest';
import { cursorsOnLine, decodeCursor } from '../../src/artifacts/cursor.js';

const base64 = (text: string): string => Buffer.from(text).toString('base64');
const base64url = (text: string): string => Buffer.from(text).toString('base64url');

const JSON_CURSOR = JSON.stringify({ ts: 1700000000000, id: 'msg_9f2c' });
/** `>` and `~` put `+` in standard base64, hence `-` in base64url. */
const JSON_WITH_URL_CHARS = JSON.stringify({ id: '~~~>>>' });
const TEXT_CURSOR = 'ts:1700000000|id:42';
/** Not UTF-8: decodes to bytes, not to text. */
const BINARY = Buffer.from([0xde, 0xad, 0xbe, 0xef, 0xca, 0xfe, 0xba, 0xbe, 0x01, 0x23, 0x45, 0x67, 0x89]);

describe('decodeCursor', () => {
  it('decodes base64 and base64url JSON', () => {
    expect(base64(JSON_WITH_URL_CHARS)).toContain('+');
    expect(base64url(JSON_WITH_URL_CHARS)).toContain('-');
    expect(decodeCursor(base64(JSON_CURSOR))).toBe('json');
    expect(decodeCursor(base64url(JSON_CURSOR))).toBe('json');
    expect(decodeCursor(base64(JSON_WITH_URL_CHARS))).toBe('json');
    expect(decodeCursor(base64url(JSON_WITH_URL_CHARS))).toBe('json');
  });

  it('decodes base64 of plain text to text', () => {
    expect(decodeCursor(base64(TEXT_CURSOR))).toBe('text');
    expect(decodeCursor(base64url('ts=1700000000;id=42'))).toBe('text');
  });

  it('reports bytes that are not text, control characters and impossible lengths as invalid', () => {
    expect(decodeCursor(BINARY.toString('base64'))).toBe('invalid');
    expect(decodeCursor(BINARY.toString('base64url'))).toBe('invalid');
    expect(decodeCursor(base64('ab\u0001cd\u0002ef\u0003gh'))).toBe('invalid');
    // 4n+1 characters cannot be base64.
    expect(decodeCursor('abcde')).toBe('invalid');
  });
});

describe('cursorsOnLine: base64 tokens', () => {
  it('finds an eyJ… token without any cursor wording', () => {
    const token = base64(JSON_CURSOR);
    expect(token.startsWith('eyJ')).toBe(true);
    expect(cursorsOnLine(`Example: ${token}`, 3)).toEqual([{ line: 3, value: token, kind: 'base64', decodes: 'json' }]);
  });

  it('finds a base64url eyJ… token inside a JSON response line', () => {
    const token = base64url(JSON_WITH_URL_CHARS);
    expect(cursorsOnLine(`  "next_cursor": "${token}",`, 8)).toEqual([{ line: 8, value: token, kind: 'base64', decodes: 'json' }]);
  });

  it('finds a token in a query string', () => {
    const token = base64url(JSON.stringify({ ts: 1700000000, id: 'm1' }));
    expect(cursorsOnLine(`GET /v1/chats/c1/messages?cursor=${token}&limit=50`, 2)).toEqual([{ line: 2, value: token, kind: 'base64', decodes: 'json' }]);
  });

  it('finds a non-eyJ token only where the line talks about cursors or page tokens', () => {
    const token = base64(TEXT_CURSOR);
    expect(token.startsWith('eyJ')).toBe(false);
    expect(cursorsOnLine(`cursor=${token}`, 4)).toEqual([{ line: 4, value: token, kind: 'base64', decodes: 'text' }]);
    expect(cursorsOnLine(`page_token: ${token}`, 4)).toEqual([{ line: 4, value: token, kind: 'base64', decodes: 'text' }]);
    expect(cursorsOnLine(`see ${token} here`, 4)).toEqual([]);
  });

  it('reports a cursor that decodes to no text as invalid', () => {
    const token = BINARY.toString('base64');
    const urlToken = BINARY.toString('base64url');
    expect(cursorsOnLine(`cursor: ${token}`, 6)).toEqual([{ line: 6, value: token, kind: 'base64', decodes: 'invalid' }]);
    expect(cursorsOnLine(`page_token=${urlToken}`, 6)).toEqual([{ line: 6, value: urlToken, kind: 'base64', decodes: 'invalid' }]);
  });

  it('ignores words and identifiers that are not mixed-case alphanumerics', () => {
    expect(cursorsOnLine('cursor: abcdefghijklmnopqrstuvwxyz', 1)).toEqual([]);
    expect(cursorsOnLine('cursor: conversation_id_timestamp', 1)).toEqual([]);
  });

  it('does not read URL paths as cursors', () => {
    expect(cursorsOnLine('GET /api/v1/links/aZ3kP9qXy7LmN2bV/clicks?cursor=abc', 1)).toEqual([]);
    expect(cursorsOnLine('next: /v1/chats/c1/messages/Ab3dEf5hIj7kLm9n', 1)).toEqual([]);
    expect(cursorsOnLine('cursor: api/v1/Ab3dEf5hIj7kLm9nOp', 1)).toEqual([]);
    expect(cursorsOnLine('cursor: https://api.example.com/v1/Ab3dEf5hIj7kLm9nOp/x', 1)).toEqual([]);
  });
});

describe('cursorsOnLine: inline JSON cursors', () => {
  const object = '{"ts": 1700000000, "id": "m1"}';

  it('finds a JSON object on a line that names a cursor', () => {
    expect(cursorsOnLine(`cursor: ${object}`, 9)).toEqual([{ line: 9, value: object, kind: 'json', decodes: null }]);
    expect(cursorsOnLine(`{"cursor": ${object}}`, 9)).toEqual([{ line: 9, value: object, kind: 'json', decodes: null }]);
    expect(cursorsOnLine(`Decoded cursor JSON: \`${object}\``, 9)).toEqual([{ line: 9, value: object, kind: 'json', decodes: null }]);
  });

  it('ignores a JSON object on a line that does not name a cursor', () => {
    expect(cursorsOnLine(object, 1)).toEqual([]);
    expect(cursorsOnLine(`\`${object}\``, 1)).toEqual([]);
  });

  it('ignores <placeholder> JSON and JSON that does not parse', () => {
    expect(cursorsOnLine('cursor = {"ts": "<timestamp>", "id": "<id>"}', 1)).toEqual([]);
    expect(cursorsOnLine('cursor: {"ts": 1700000000, "id": }', 1)).toEqual([]);
  });
});
