/** Cases found by reading the analysis against how models write; each was wrong once. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { checkStatement, sqlStatements } from '../../src/artifacts/sql.js';
import { cursorsOnLine, decodeCursor } from '../../src/artifacts/cursor.js';
import { detectSignals } from '../../src/artifacts/signals.js';

const w = (n: number): string => Array.from({ length: n }, () => 'word').join(' ');
const dives = (md: string): Array<[string, number, boolean, string[]]> => analyze(md).outline.deepDives.map((d) => [d.feature, d.line, d.p0, d.aspects]);

describe('outline regressions', () => {
  it('features worded like aspects ("Delivery Tracking", "Push Notifications") stay features', () => {
    const md = `## 1. Requirements\n- Order placement (P0)\n- Delivery tracking (P0)\n## 3. Deep Dives\n### 3.1 Order Placement\n#### Client → Server\n${w(50)}\n### 3.2 Delivery Tracking\n#### Client → Server\n${w(50)}\n#### Storage\n${w(50)}\n### 3.3 Push Notifications\n#### Request flow\n${w(50)}\n#### Failure modes\n${w(50)}\n`;
    expect(dives(md)).toEqual([
      ['Order Placement', 5, true, ['client_server']],
      ['Delivery Tracking', 8, true, ['client_server', 'storage']],
      ['Push Notifications', 13, false, ['client_server', 'edge_cases']],
    ]);
  });

  it('a P1 feature sharing a word with a P0 feature is not P0', () => {
    expect(dives(`## 1. Requirements\n- 1:1 messaging (P0)\n- Message search (P1)\n## 3. Deep Dives\n### 3.1 1:1 Messaging\n${w(10)}\n### 3.2 Message Search\n${w(10)}\n`).map((d) => d[2])).toEqual([true, false]);
  });

  it('sibling "Deep Dive: X" headings are one answer with one deep dive each', () => {
    const outline = analyze(`## Requirements\nUpload and transcoding.\n## Deep Dive: Video Upload\n### Client → Server Flow\n${w(50)}\n## Deep Dive: Video Transcoding\n### Data Storage\n${w(50)}\n`).outline;
    expect(outline.turns).toEqual([1]);
    expect(outline.deepDives.map((d) => [d.feature, d.aspects])).toEqual([
      ['Video Upload', ['client_server']],
      ['Video Transcoding', ['storage']],
    ]);
  });

  it('"Deep Dive into X" names feature X', () => {
    const md = `## Requirements\n- Checkout (P0)\n- Product search (P0)\n## Deep Dive into Checkout\n### Client → Server Flow\n${w(50)}\n## Deep Dive into Product Search\n### Data Storage & Retrieval\n${w(50)}\n`;
    expect(dives(md)).toEqual([
      ['Checkout', 4, true, ['client_server']],
      ['Product Search', 7, true, ['storage']],
    ]);
  });

  it('a table cell "Checkout: cards and wallets" names Checkout; "Server → DB/Cache" is the storage part', () => {
    const outline = analyze(`## 1. Req\n| Feature | Priority |\n| --- | --- |\n| Checkout: cards and wallets | P0 |\n## 3. Functional Requirement Deep Dives\n### 3.1 Checkout\n#### Server → DB/Cache\n${w(50)}\n`).outline;
    expect(outline.p0Features.map((f) => f.name)).toEqual(['Checkout']);
    expect(dives(`## 1. Req\n| Feature | Priority |\n| --- | --- |\n| Checkout: cards and wallets | P0 |\n## 3. Functional Requirement Deep Dives\n### 3.1 Checkout\n#### Server → DB/Cache\n${w(50)}\n`)).toEqual([['Checkout', 6, true, ['storage']]]);
  });

  it('`P0` in a code span tags the bullet', () => {
    expect(analyze('## 1. Requirements\n* Send message `P0`\n* `P0` Group chat\n* Search `P1`\n').outline.p0Features.map((f) => f.name)).toEqual(['Send message', 'Group chat']);
  });
});

describe('artifact and rule regressions', () => {
  it('fences opened after a list marker or inside a quote are fenced code', () => {
    expect(analyze('# T\n\n1. Outer\n   1. Inner:\n      ```\n      1. a\n      2. b\n      ```\n\nDone.\n').markdown).toEqual([]);
    expect(analyze('# T\n\n> ```\n> - a\n> - b\n> ```\n\nDone.\n').markdown).toEqual([]);
    expect(analyze('# T\n\n- ```sql\n  SELECT * FORM t;\n  ```\n').artifacts.sql.map((s) => [s.line, s.errorLine])).toEqual([[4, 4]]);
  });

  it('a PL/pgSQL body is one statement', () => {
    expect(sqlStatements('CREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n  RETURN 1;\nEND;\n$$ LANGUAGE plpgsql;', 1, 'sql').map((s) => [s.line, s.valid])).toEqual([[1, true]]);
  });

  it('"…" is an elision, not an identifier', () => {
    expect(checkStatement('SELECT * FROM t WHERE id IN (…)', 1, false)).toMatchObject({ valid: true, elided: true });
  });

  it('an eyJ cursor with slashes is a cursor; base64 of cut-off JSON does not decode', () => {
    expect(cursorsOnLine('cursor: eyJpZCI6Ing/Pz95Pz8/In0=', 1).map((c) => c.decodes)).toEqual(['json']);
    expect(decodeCursor(Buffer.from('{"ts":1700000000,', 'utf8').toString('base64'))).toBe('invalid');
  });

  it('an answer\'s own "Use an Idempotency-Key" step counts; the template\'s "Include … idempotency keys" does not', () => {
    expect(detectSignals('- Use an `Idempotency-Key` header on every POST.').idempotency).toBe(true);
    expect(detectSignals('* Include **cursor examples** for paginated reads, **idempotency keys**.').idempotency).toBe(false);
  });

  it('{{system}} inside code is the answer\'s own templating; a wrapped "2024." line is prose', () => {
    expect(analyze('# T\n\n```jinja\nHello {{system}}\n```\n').markdown).toEqual([]);
    expect(analyze('# T\n\nThe migration was done in\n2024. It is fine.\n').markdown).toEqual([]);
  });
});
