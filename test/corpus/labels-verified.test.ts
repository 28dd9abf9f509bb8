/**
 * The labels are checked against the raw text by simple, independent means (no analyzer code),
 * so a test that compares the analyzer with them compares it with something true.
 */
import { describe, expect, it } from 'vitest';
import { labelledSamples } from './corpus.js';

const samples = labelledSamples();

const DEFECT_LINE: Record<string, RegExp> = {
  unclosed_fence: /^\s*(?:`{3,}|~{3,})/,
  table_column_mismatch: /^\s*\|/,
  escaped_pipe_table: /\\\|/,
  heading_skip: /^#{1,6}\s/,
  placeholder_left: /\[(?:SYSTEM_NAME|PROBLEM_STATEMENT|MESSAGING_SYSTEM)|\{\{/,
  broken_list: /^\s*(?:\d+[.)]\s|[-+]\S|[•▪◦])/,
};

function fencedBlocks(text: string): Array<{ lang: string; body: string }> {
  return [...text.matchAll(/^\s*```(\w*)[^\n]*\n([\s\S]*?)^\s*```\s*$/gm)].map((m) => ({ lang: m[1]!.toLowerCase(), body: m[2]! }));
}

describe('sample labels agree with the text they label', () => {
  it('there are at least 8 written samples plus the four near-zero answers', () => {
    expect(samples.filter((s) => s.labels.quality !== 'near-zero' && !s.path.includes('holdout')).length).toBeGreaterThanOrEqual(8);
    expect(samples.filter((s) => s.labels.quality === 'near-zero').map((s) => s.name)).toEqual([
      'near-zero-empty.md',
      'near-zero-refusal.md',
      'near-zero-skeleton.md',
      'near-zero-template-echo.md',
    ]);
  });

  for (const { name, text, labels } of samples) {
    const lines = text.split('\n');
    const lower = text.toLowerCase();
    it(`${name}: P0 names appear in the text`, () => {
      for (const p0 of labels.outline.p0Features) expect(lower, p0).toContain(p0.toLowerCase());
    });
    it(`${name}: each deep dive line is the heading or bold label naming its feature`, () => {
      for (const dive of labels.outline.deepDives) {
        const line = lines[dive.line - 1] ?? '';
        expect(line, `${dive.feature} @${dive.line}`).toMatch(/^#{1,6}\s|\*\*/);
        const firstWord = dive.feature.split(/\s+/)[0]!.toLowerCase();
        expect(line.toLowerCase(), `${dive.feature} @${dive.line}`).toContain(firstWord);
      }
    });
    it(`${name}: each planted defect is on a line that shows it`, () => {
      const last = lines.reduce((n, l, i) => (l.trim() === '' ? n : i + 1), 0);
      for (const issue of labels.markdown.issues) {
        if (issue.kind === 'truncated') expect(issue.line).toBe(last);
        else expect(lines[issue.line - 1] ?? '', `${issue.kind} @${issue.line}`).toMatch(DEFECT_LINE[issue.kind]!);
      }
    });
    it(`${name}: base64 cursors decode as labelled`, () => {
      const tokens = [...text.matchAll(/eyJ[A-Za-z0-9+/_-]+={0,2}/g)].map((m) => m[0]);
      const decodes = tokens.some((t) => {
        try {
          JSON.parse(Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
          return true;
        } catch {
          return false;
        }
      });
      expect(decodes).toBe(labels.artifacts.cursorBase64Decodes);
      expect(new Set(tokens).size).toBeLessThanOrEqual(labels.artifacts.cursorExamples);
    });
    it(`${name}: artifact counts are bounded by the fenced blocks`, () => {
      const blocks = fencedBlocks(text);
      const json = blocks.filter((b) => b.lang === 'json');
      expect(labels.artifacts.messagingPayloads).toBeLessThanOrEqual(json.length);
      expect(json.filter((b) => /"(?:event|type|event_type)"\s*:/.test(b.body)).length).toBeGreaterThanOrEqual(labels.artifacts.messagingPayloads);
      const sqlBlocks = blocks.filter((b) => b.lang === 'sql' || b.lang === 'cql');
      const statements = sqlBlocks.flatMap((b) => b.body.replace(/--[^\n]*/g, '').split(';')).filter((s) => s.trim().length > 0).length;
      expect(statements).toBe(labels.artifacts.sqlStatements);
      const redisLines = blocks.filter((b) => b.lang === 'redis').flatMap((b) => b.body.split('\n')).filter((l) => /^[A-Z][A-Z.]+(?:\s|$)/.test(l.trim()));
      expect(redisLines.length).toBe(labels.artifacts.cacheCommands);
      expect(labels.artifacts.asciiDiagrams + labels.artifacts.pseudocodeBlocks).toBeLessThanOrEqual(blocks.length);
    });
  }
});
