import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/analysis/document.js';
import { parseMarkdown } from '../../src/analysis/parse.js';
import { toSourceText } from '../../src/analysis/source.js';
import { classifyCode, type CodeKind } from '../../src/artifacts/classify.js';
import { checkJson, isMessagingPayload } from '../../src/artifacts/json.js';
import { detectSignals, type Signals } from '../../src/artifacts/signals.js';

const fence = '```';

/** The kind of every code block of a Markdown snippet, in order. */
function kinds(md: string): CodeKind[] {
  return buildDocument(parseMarkdown(md), toSourceText(md)).code.map(classifyCode);
}

const NOTHING: Signals = { idempotency: false, dedupStrategy: false, multiDeviceOffline: false, multipleApproaches: false, metricsNamed: [] };

describe('checkJson', () => {
  it('accepts one JSON value', () => {
    expect(checkJson('{"a": 1}')).toEqual({ valid: true, error: null });
    expect(checkJson('[1, 2]')).toEqual({ valid: true, error: null });
  });

  it('accepts JSON Lines, blank lines included', () => {
    expect(checkJson('{"a":1}\n{"b":2}\n')).toEqual({ valid: true, error: null });
    expect(checkJson('{"a":1}\n\n{"b":2}')).toEqual({ valid: true, error: null });
  });

  it('rejects trailing commas, comments, stray text and empty blocks with the parser’s message', () => {
    expect(checkJson('{"a":1,}')).toEqual({ valid: false, error: 'Expected double-quoted property name in JSON at position 7' });
    expect(checkJson('{"a": 1 // c\n}')).toEqual({ valid: false, error: "Expected ',' or '}' after property value in JSON at position 8" });
    expect(checkJson('{"a":1}\nnot json')).toEqual({ valid: false, error: 'Unexpected non-whitespace character after JSON at position 8' });
    expect(checkJson('')).toEqual({ valid: false, error: 'Unexpected end of JSON input' });
  });

  it('rejects two pretty-printed objects in one block (not JSON Lines)', () => {
    expect(checkJson('{\n "a": 1\n}\n{\n "b": 2\n}').valid).toBe(false);
  });
});

describe('isMessagingPayload', () => {
  const event = '{"event": "message.sent", "id": 1}';
  const body = '{"id": 1, "text": "hi"}';

  it('reads a value that names its event type as a payload unless introduced as an API body', () => {
    expect(isMessagingPayload(event, 'Kafka topic `messages`:')).toBe(true);
    expect(isMessagingPayload(event, '')).toBe(true);
    expect(isMessagingPayload('{"type": "typing", "chat": "c1"}', '')).toBe(true);
    expect(isMessagingPayload('{"eventType": "x"}', '')).toBe(true);
    expect(isMessagingPayload(event, 'Response body:')).toBe(false);
    expect(isMessagingPayload(event, 'POST /v1/events response, published to Kafka')).toBe(true);
  });

  it('reads a value without an event key as a payload only in messaging context', () => {
    expect(isMessagingPayload(body, 'Kafka event payload:')).toBe(true);
    expect(isMessagingPayload(body, 'WebSocket frame pushed to recipient')).toBe(true);
    expect(isMessagingPayload(body, 'Response (200):')).toBe(false);
    expect(isMessagingPayload(body, 'Example:')).toBe(false);
    expect(isMessagingPayload(body, 'Request body published to the queue')).toBe(false);
  });
});

describe('classifyCode', () => {
  it('trusts the language tag first', () => {
    expect(kinds(`${fence}sql\nSELECT 1;\n${fence}`)).toEqual(['sql']);
    expect(kinds(`${fence}SQL\nSELECT 1;\n${fence}`)).toEqual(['sql']);
    expect(kinds(`${fence}cql\nSELECT 1;\n${fence}`)).toEqual(['sql']);
    expect(kinds(`${fence}redis\nSET a b\n${fence}`)).toEqual(['redis']);
    expect(kinds(`${fence}json\n{"a":1}\n${fence}`)).toEqual(['json']);
    expect(kinds(`${fence}http\nGET /x\n${fence}`)).toEqual(['http']);
    expect(kinds(`${fence}mermaid\ngraph TD; A-->B\n${fence}`)).toEqual(['diagram']);
    expect(kinds(`${fence}python\nx = 1\n${fence}`)).toEqual(['program']);
    expect(kinds(`${fence}yaml\nkey: value\n${fence}`)).toEqual(['other']);
  });

  it('reads an untagged block by its content', () => {
    expect(kinds(`${fence}\nSELECT * FROM t WHERE id = 1;\n${fence}`)).toEqual(['sql']);
    expect(kinds(`${fence}\nSET user:1 v\nGET user:1\n${fence}`)).toEqual(['redis']);
    expect(kinds(`${fence}\n{"a": 1}\n${fence}`)).toEqual(['json']);
    expect(kinds(`${fence}\n[{"a": 1}]\n${fence}`)).toEqual(['json']);
    expect(kinds(`${fence}\nGET /api/v1/x HTTP/1.1\nHost: x\n${fence}`)).toEqual(['http']);
    expect(kinds(`${fence}\ndef handle(req):\n    return 1\n${fence}`)).toEqual(['program']);
    expect(kinds(`${fence}\nfunction f() {\n  return 1;\n}\n${fence}`)).toEqual(['program']);
    expect(kinds(`${fence}\nhello there\nplain words\n${fence}`)).toEqual(['other']);
    expect(kinds(`${fence}\n\n${fence}`)).toEqual(['other']);
  });

  it('reads box drawing and ASCII boxes or arrows as diagrams', () => {
    expect(kinds(`${fence}\n┌──┐\n│A │\n└──┘\n${fence}`)).toEqual(['diagram']);
    expect(kinds(`${fence}\n+-----+     +-----+\n| API | --> | DB  |\n+-----+     +-----+\n${fence}`)).toEqual(['diagram']);
    expect(kinds(`${fence}text\nClient --> Server --> DB\n${fence}`)).toEqual(['diagram']);
    expect(kinds(`${fence}ascii\nClient --> Server\n${fence}`)).toEqual(['diagram']);
  });

  it('reads a shell line running redis-cli as Redis', () => {
    expect(kinds(`${fence}bash\nredis-cli SET a b\n${fence}`)).toEqual(['redis']);
  });

  it('classifies indented code blocks too', () => {
    expect(kinds('Query:\n\n    SELECT * FROM t;\n')).toEqual(['sql']);
  });

  it('classifies every block of a document in order', () => {
    const md = [`${fence}sql`, 'SELECT 1;', fence, '', 'Then:', '', `${fence}json`, '{"a": 1}', fence, ''].join('\n');
    expect(kinds(md)).toEqual(['sql', 'json']);
  });
});

describe('detectSignals', () => {
  it('finds nothing in empty text', () => {
    expect(detectSignals('')).toEqual(NOTHING);
  });

  it('finds idempotency, dedup strategies and concrete offline handling in prose', () => {
    expect(detectSignals('Clients send an `Idempotency-Key` header; the server stores it for 24 h.')).toEqual({ ...NOTHING, idempotency: true });
    expect(detectSignals('We dedupe messages with a Bloom filter in front of the seen-set.')).toEqual({ ...NOTHING, dedupStrategy: true });
    expect(detectSignals('INSERT INTO t VALUES (1) ON CONFLICT (msg_id) DO NOTHING')).toEqual({ ...NOTHING, dedupStrategy: true });
    expect(detectSignals('Offline devices catch up from their last_ack sequence on reconnect.')).toEqual({ ...NOTHING, multiDeviceOffline: true });
  });

  it('needs a mechanism on the line for offline or multi-device handling', () => {
    expect(detectSignals('Users may go offline.')).toEqual(NOTHING);
    expect(detectSignals('| Feature | Notes / Multi-device / Offline Handling |')).toEqual(NOTHING);
  });

  it('needs both several approaches and a recommendation', () => {
    expect(detectSignals('Approach A: fan-out on write. Approach B: fan-out on read. We recommend A.')).toEqual({ ...NOTHING, multipleApproaches: true });
    expect(detectSignals('Approach A: fan-out on write.\n\nLater on, we recommend A.')).toEqual({ ...NOTHING, multipleApproaches: true });
    expect(detectSignals('Approach A is simple.')).toEqual(NOTHING);
    expect(detectSignals('We recommend Redis.')).toEqual(NOTHING);
  });

  it('names metrics in a fixed order', () => {
    expect(detectSignals('Metrics: QPS, error rate, Kafka consumer lag, cache hit ratio, p99 latency and RED per endpoint.').metricsNamed).toEqual([
      'RED',
      'latency percentiles',
      'cache hit ratio',
      'messaging lag',
      'error rate',
      'throughput',
    ]);
    expect(detectSignals('Track red flags in reviews.').metricsNamed).toEqual([]);
  });

  it('ignores instruction lines copied from the template', () => {
    expect(detectSignals('Include idempotency keys for every write.')).toEqual(NOTHING);
    expect(detectSignals('* Include **cursor examples** for paginated reads, **idempotency keys**, **deduplication strategies**.')).toEqual(NOTHING);
    expect(detectSignals('* Include **stepwise flows, DB schemas, cache commands, messaging events, pseudocode, cursors, and multi-device/offline handling** for every critical requirement.')).toEqual(NOTHING);
  });

  it('ignores headings', () => {
    expect(detectSignals('### Idempotency')).toEqual(NOTHING);
    expect(detectSignals('## Dedup with Bloom filters')).toEqual(NOTHING);
    expect(detectSignals('   ### Idempotent writes')).toEqual(NOTHING);
  });

  it('still counts the same words in a sentence below a heading', () => {
    expect(detectSignals('### Idempotency\n\nEvery send carries an idempotency key checked in Redis.')).toEqual({ ...NOTHING, idempotency: true });
  });
});
