/**
 * Property: no string makes the analysis throw or the graders leave [0, 1]. Arbitrary strings
 * (any code point, lone UTF-16 surrogates too) rarely reach the parser's interesting paths, so
 * a second generator glues Markdown-ish fragments together: headings, tables, fences, lists,
 * quotes, emphasis, P0 tags and the artifacts the graders parse (SQL, Redis, JSON, cursors).
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { boundText, type Limits } from '../../src/analysis/limits.js';
import { gradeAnswer } from '../../src/grade/grade-answer.js';
import { GradeResultSchema } from '../../src/grade/schema.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';

const rubric = loadRubric(fileURLToPath(new URL('../../rubrics/system-design.yaml', import.meta.url)));
/** Fixed seed: a failure reproduces on every run (fast-check prints the seed and the shrunk input). */
const SEED = 20_240_611;

/** Grades within [0, 1], finite, and the whole result in the documented shape. */
function gradesSanely(text: string): void {
  const result = gradeAnswer('property.md', text, { rubric });
  GradeResultSchema.parse(result);
  for (const score of Object.values(result.scores)) {
    expect(Number.isFinite(score)).toBe(true);
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(1);
  }
  for (const sub of Object.values(result.subScores)) for (const value of Object.values(sub)) expect(Number.isFinite(value)).toBe(true);
}

/** Any UTF-16 code unit, lone surrogates included: what a lossy decode or a cut string holds. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

const FENCE = '```';
const FRAGMENTS = [
  '\n', '\n\n', '\r\n', '\r', '\t', '    ', '  ', ' ',
  '# ', '## ', '### ', '#### ', '###### ', '####### ', '\n===\n', '\n---\n', '***', '---',
  '## 1. Functional Requirements\n', '## 3. Deep Dives\n', '### Deep Dive: Messaging (P0)\n', '### 3.1 Client → Server Flow\n',
  '#### Data Storage & Retrieval\n', '**Storage:** ', '**Edge cases**', 'Pagination', 'Performance & Scalability', 'Monitoring',
  '- ', '* ', '+ ', '1. ', '2) ', '  - ', '    - ', '-x', '• ', '> ', '>', '> - ', '- > ',
  'P0', 'P1', '(P0)', '[P0]', '`P0`', 'P0: upload, search and share', '— P0',
  '| Feature | Priority |', '| a | b |', '|---|---|', '|:--|--:|', '|', '\\|', '| P0 | Chat |',
  FENCE, `${FENCE}sql\n`, `${FENCE}json\n`, `${FENCE}redis\n`, `${FENCE}python\n`, `${FENCE}text\n`, '~~~', '````',
  'SELECT * FROM messages WHERE id = ?;', 'CREATE TABLE t (id int);', 'INSERT INTO t VALUES (...);', 'SET key value EX 60', 'GET',
  '{"event": "message_sent", "id": 1}', '{', '}', '[', ']', 'cursor: eyJpZCI6MX0=', 'next_cursor=abcDEF123456789xyz',
  '*', '**', '_', '__', '`', '``', '[', '](', ')', '![', '](u)', '<', '<!--', '-->', '<div>', '&amp;', '\\', '~~',
  '[SYSTEM_NAME]', '{{system}}', 'idempotency key', 'bloom filter', 'offline devices sync', 'p99 latency', 'the', ',',
  '\u0000', '\uFFFD', '\u200D', '\uFE0F', '🚀', '→', '\ud800', '\udc00', 'é', '中文',
];

const fragment = fc.constantFrom(...FRAGMENTS);
/** Fragments and short random strings: text of the size and shape of a short answer. */
const answerLike = fc.array(fc.oneof({ weight: 4, arbitrary: fragment }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) }), { maxLength: 300 }).map((parts) => parts.join(''));
/**
 * Markdown-ish text: fragments, short random strings and runs of one fragment (`> ` x 300 nests,
 * `|` x 300 makes wide rows) glued in any order.
 */
const markdownish = fc
  .array(
    fc.oneof(
      { weight: 8, arbitrary: fragment },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
      { weight: 1, arbitrary: fc.tuple(fragment, fc.integer({ min: 2, max: 300 })).map(([f, n]) => f.repeat(n)) },
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

describe('the analysis on arbitrary input', () => {
  it('never throws and grades in [0, 1]: any code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        analyze(text);
        gradesSanely(text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('never throws and grades in [0, 1]: any UTF-16 code units, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: codeUnit, maxLength: 400 }), (text) => {
        gradesSanely(text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });

  it('never throws and grades in [0, 1]: Markdown-ish fragments', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        gradesSanely(text);
      }),
      { numRuns: 500, seed: SEED },
    );
  });
});

describe('boundText', () => {
  const tiny: Limits = { maxChars: 200, maxLines: 12, maxLineNesting: 3, maxTotalNesting: 20, maxBlockDelimiters: 10, maxDelimiters: 30, maxPipes: 15, maxTreeDepth: 8 };

  it('keeps every answer within the limits it is given, and says so when it cuts', () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const bounded = boundText(text, tiny);
        const lines = bounded.text.split('\n');
        expect(lines.length).toBeLessThanOrEqual(tiny.maxLines);
        expect(bounded.text.length).toBeLessThanOrEqual(tiny.maxChars + tiny.maxLines);
        if (bounded.text !== text) expect(bounded.notices.length).toBeGreaterThan(0);
        for (const notice of bounded.notices) expect(notice.line).toBeGreaterThanOrEqual(1);
        // Cutting again changes nothing: what is graded is itself within the limits.
        expect(boundText(bounded.text, tiny).text).toBe(bounded.text);
      }),
      { numRuns: 500, seed: SEED },
    );
  });

  it('leaves an answer within the limits untouched', () => {
    fc.assert(
      fc.property(answerLike, (text) => {
        const bounded = boundText(text);
        expect(bounded.notices).toEqual([]);
        expect(bounded.text).toBe(text);
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
