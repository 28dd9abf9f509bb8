import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/analyze.js';
import { buildDocument } from '../../src/analysis/document.js';
import { parseMarkdown } from '../../src/analysis/parse.js';
import { toSourceText } from '../../src/analysis/source.js';
import { remarkLint } from '../../src/markdown/lint.js';
import type { MarkdownIssue, MarkdownRule } from '../../src/markdown/rule.js';
import { brokenList } from '../../src/markdown/rules/broken-list.js';
import { escapedPipeTable } from '../../src/markdown/rules/escaped-pipe-table.js';
import { placeholderLeft } from '../../src/markdown/rules/placeholder-left.js';
import { tableColumnMismatch } from '../../src/markdown/rules/table-column-mismatch.js';
import { truncated } from '../../src/markdown/rules/truncated.js';
import { unclosedFence } from '../../src/markdown/rules/unclosed-fence.js';

type Found = Pick<MarkdownIssue, 'kind' | 'line'>;

const fence = '```';

/** Every issue all rules report for a snippet, as kind + line. */
function issues(lines: readonly string[]): Found[] {
  return analyze(lines.join('\n')).markdown.map(({ kind, line }) => ({ kind, line }));
}

/** One rule on its own, with full issues (message and severity included). */
function run(rule: MarkdownRule, lines: readonly string[]): MarkdownIssue[] {
  const md = lines.join('\n');
  return rule.check(buildDocument(parseMarkdown(md), toSourceText(md)));
}

describe('unclosed_fence', () => {
  it('reports a fence that is never closed at the line it opens', () => {
    const md = ['# Chat', '', 'Schema:', '', `${fence}sql`, 'SELECT 1;', '', '## Next', '', 'More.', ''];
    expect(issues(md)).toEqual([{ kind: 'unclosed_fence', line: 5 }]);
    expect(run(unclosedFence, md)).toEqual([
      {
        kind: 'unclosed_fence',
        line: 5,
        message: 'code fence opened at line 5 is never closed; the rest of the answer (6 lines, 1 headings) renders as code',
        severity: 'error',
      },
    ]);
  });

  it('reports an unclosed tilde fence', () => {
    expect(issues(['# Chat', '', '~~~', 'code', ''])).toEqual([{ kind: 'unclosed_fence', line: 3 }]);
  });

  it('reports a fence "closed" by a shorter run of backticks', () => {
    expect(issues(['# Chat', '', '````', 'code', fence, '', 'Done.', ''])).toEqual([{ kind: 'unclosed_fence', line: 3 }]);
  });

  it('reports a fence opened on the last line', () => {
    expect(issues(['# Chat', '', 'Done.', '', fence])).toEqual([{ kind: 'unclosed_fence', line: 5 }]);
  });

  it('accepts closed fences, including an empty block and a longer outer fence', () => {
    expect(issues(['# Chat', '', `${fence}sql`, 'SELECT 1;', fence, '', 'Done.', ''])).toEqual([]);
    expect(issues(['# Chat', '', fence, fence, '', 'Done.', ''])).toEqual([]);
    expect(issues(['# Chat', '', '````markdown', fence, 'inner', fence, '````', '', 'Done.', ''])).toEqual([]);
    expect(issues(['# Chat', '', '~~~', 'code', '~~~~', '', 'Done.', ''])).toEqual([]);
  });

  it('accepts a fence closed inside a list item', () => {
    expect(issues(['# Chat', '', '- Step one:', '', `  ${fence}sql`, '  SELECT 1;', `  ${fence}`, '', '- Step two.', ''])).toEqual([]);
    expect(issues(['# Chat', '', '1. Step one:', `   ${fence}json`, '   {"a": 1}', `   ${fence}`, '2. Step two.', ''])).toEqual([]);
  });
});

describe('table_column_mismatch', () => {
  it('reports rows with an extra or a missing cell', () => {
    const md = ['# Chat', '', '| a | b |', '| --- | --- |', '| 1 | 2 | 3 |', '| 4 |', '| 5 | 6 |', '', 'Done.', ''];
    expect(issues(md)).toEqual([
      { kind: 'table_column_mismatch', line: 5 },
      { kind: 'table_column_mismatch', line: 6 },
    ]);
    expect(run(tableColumnMismatch, md).map((i) => i.message)).toEqual([
      'table row has 3 cells, expected 2 (header at line 3)',
      'table row has 1 cells, expected 2 (header at line 3)',
    ]);
  });

  it('accepts rows matching the header, with or without outer pipes and with escaped pipes in cells', () => {
    expect(issues(['# Chat', '', '| a | b |', '| --- | --- |', '| 1 | 2 |', '| x \\| y | z |', '', 'Done.', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'a | b', '--- | ---', '1 | 2', '', 'Done.', ''])).toEqual([]);
  });
});

describe('escaped_pipe_table', () => {
  const templateLine = '\\| Feature | Client→Server | Server→DB/Cache | Server→Recipient | Messaging Events | Notes / Multi-device / Offline Handling |';

  it('reports the template’s own escaped-pipe summary line', () => {
    const md = ['# Chat', '', '## 3.9 Summary Table', '', templateLine, '', 'Done.', ''];
    expect(issues(md)).toEqual([{ kind: 'escaped_pipe_table', line: 5 }]);
    expect(run(escapedPipeTable, md)).toEqual([
      { kind: 'escaped_pipe_table', line: 5, message: 'table written with escaped pipes (\\|) renders as a paragraph, not a table', severity: 'error' },
    ]);
  });

  it('reports a row of escaped pipes inside a paragraph, once per paragraph', () => {
    expect(issues(['# Chat', '', 'Summary', 'a \\| b \\| c \\| d', 'e \\| f \\| g \\| h', '', 'Done.', ''])).toEqual([{ kind: 'escaped_pipe_table', line: 4 }]);
  });

  it('accepts a real table and a single escaped pipe in prose', () => {
    expect(issues(['# Chat', '', '| Feature | Notes |', '| --- | --- |', '| Send | Offline queue |', '', 'Done.', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'Use `a \\| b` to pipe the output.', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'Escape pipes as a \\| b \\| c in cells.', ''])).toEqual([]);
  });
});

describe('placeholder_left', () => {
  it('reports template placeholders copied into the answer', () => {
    const md = [
      '# Design for [SYSTEM_NAME / PROBLEM_STATEMENT]',
      '',
      'Events go to [MESSAGING_SYSTEM] topics.',
      '',
      'We build {{system}} now.',
      '',
      'Topics live in {{ messaging_system }}.',
      '',
      'The <SYSTEM_NAME> service.',
      '',
    ];
    expect(issues(md)).toEqual([
      { kind: 'placeholder_left', line: 1 },
      { kind: 'placeholder_left', line: 3 },
      { kind: 'placeholder_left', line: 5 },
      { kind: 'placeholder_left', line: 7 },
      { kind: 'placeholder_left', line: 9 },
    ]);
    expect(run(placeholderLeft, md).map((i) => i.message)).toEqual([
      'template placeholder [SYSTEM_NAME / PROBLEM_STATEMENT] left unfilled',
      'template placeholder [MESSAGING_SYSTEM] left unfilled',
      'template placeholder {{system}} left unfilled',
      'template placeholder {{ messaging_system }} left unfilled',
      'template placeholder <SYSTEM_NAME> left unfilled',
    ]);
  });

  it('accepts filled-in names, links, citations and other template variables', () => {
    expect(issues(['# Design for WhatsApp-style chat', '', 'Events go to Kafka topics [1].', '', 'See [the docs](https://kafka.apache.org).', '', 'Hello {{user_name}}.', ''])).toEqual([]);
  });
});

describe('truncated', () => {
  it('reports an answer that stops on a dangling word', () => {
    const md = ['# Chat', '', 'The service writes each message to the', ''];
    expect(issues(md)).toEqual([{ kind: 'truncated', line: 3 }]);
    expect(run(truncated, md)).toEqual([
      { kind: 'truncated', line: 3, message: 'answer ends mid-sentence at line 3: "The service writes each message to the"', severity: 'error' },
    ]);
  });

  it('reports an answer that stops on a comma', () => {
    expect(issues(['# Chat', '', 'We use Kafka, Redis,', ''])).toEqual([{ kind: 'truncated', line: 3 }]);
  });

  it('reports a long paragraph that stops on a lower-case word without punctuation', () => {
    expect(issues(['# Chat', '', 'The worker reads from the queue and then writes rows', ''])).toEqual([{ kind: 'truncated', line: 3 }]);
  });

  it('reports a last list item or quote that stops on a dangling word', () => {
    expect(issues(['# Chat', '', '- Alert on consumer lag.', '- Monitor consumer lag and', ''])).toEqual([{ kind: 'truncated', line: 4 }]);
    expect(issues(['# Chat', '', '> The worker reads the queue and writes the', ''])).toEqual([{ kind: 'truncated', line: 3 }]);
  });

  it('reports an unclosed code block that stops on an open expression', () => {
    const md = ['# Chat', '', `${fence}python`, 'def send(message,', ''];
    expect(issues(md)).toEqual([
      { kind: 'unclosed_fence', line: 3 },
      { kind: 'truncated', line: 4 },
    ]);
    expect(run(truncated, md)).toEqual([{ kind: 'truncated', line: 4, message: 'answer ends mid-code at line 4: "def send(message,"', severity: 'error' }]);
  });

  it('accepts normal endings', () => {
    expect(issues(['# Chat', '', 'The worker reads from the queue and writes rows.', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'What happens when the worker is down and the queue grows?', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'The final flow looks like this:', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'That is the whole design for the chat service 🚀', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'Thanks everyone', ''])).toEqual([]);
    expect(issues(['# Chat', '', '## Summary', ''])).toEqual([]);
  });

  it('accepts an answer ending with a table, even one whose last cell ends on a dangling word', () => {
    expect(issues(['# Chat', '', '| Feature | Notes |', '| --- | --- |', '| Send | write to the |', ''])).toEqual([]);
  });

  it('accepts an answer ending with a list item without a period', () => {
    expect(issues(['# Chat', '', '- Monitor consumer lag and alert on it', '- Track p99 latency per endpoint and region', ''])).toEqual([]);
  });

  it('accepts an answer ending with a closed code block whose last line is open', () => {
    expect(issues(['# Chat', '', `${fence}python`, 'items = [', fence, ''])).toEqual([]);
  });
});

describe('broken_list', () => {
  it('reports an ordered item other than 1 right after a paragraph line', () => {
    const md = ['# Chat', '', 'Steps:', '2. Validate the token.', '3. Store the row.', ''];
    expect(issues(md)).toEqual([{ kind: 'broken_list', line: 4 }]);
    expect(run(brokenList, md)).toEqual([
      { kind: 'broken_list', line: 4, message: '"2. Validate the token." does not render as a list item (it is paragraph text)', severity: 'warn' },
    ]);
  });

  it('reports -item without a space', () => {
    expect(issues(['# Chat', '', '-item one', '-item two', ''])).toEqual([{ kind: 'broken_list', line: 3 }]);
  });

  it('reports • bullets, also after a lead-in line', () => {
    expect(issues(['# Chat', '', '• Fast reads', '• Cheap writes', ''])).toEqual([{ kind: 'broken_list', line: 3 }]);
    expect(issues(['# Chat', '', 'Features:', '• Fast reads', ''])).toEqual([{ kind: 'broken_list', line: 4 }]);
  });

  it('reports a list indented as code', () => {
    const md = ['# Chat', '', 'Steps:', '', '    1. First', '    2. Second', '', 'Done.', ''];
    expect(issues(md)).toEqual([{ kind: 'broken_list', line: 5 }]);
    expect(run(brokenList, md)).toEqual([{ kind: 'broken_list', line: 5, message: 'list indented as code renders as a code block', severity: 'warn' }]);
    expect(issues(['# Chat', '', 'Steps', '', '    - a', '    - b', '    - c', '', 'Done.', ''])).toEqual([{ kind: 'broken_list', line: 5 }]);
  });

  it('accepts valid lists, 1. after a paragraph line, and real indented code', () => {
    expect(issues(['# Chat', '', 'Steps:', '', '1. Validate.', '2. Store.', '', '- one', '- two', '', '* three', '+ four', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'Steps:', '1. Validate the token.', '2. Store the row.', ''])).toEqual([]);
    expect(issues(['# Chat', '', 'Code:', '', '    x = 1', '    y = 2', '', 'Done.', ''])).toEqual([]);
    expect(issues(['# Chat', '', '-1 is the sentinel value.', ''])).toEqual([]);
  });
});

describe('heading_skip (remark-lint heading-increment)', () => {
  it('reports only the heading that jumps a level, not the ones below it', () => {
    const md = ['# Chat', '', '### Skipped', '', '### Sibling', '', '##### Deeper', '', '###### Deepest', ''];
    expect(issues(md)).toEqual([
      { kind: 'heading_skip', line: 3 },
      { kind: 'heading_skip', line: 7 },
    ]);
    expect(run(remarkLint, md)).toEqual([
      { kind: 'heading_skip', line: 3, message: 'Unexpected heading rank `3`, expected rank `2`', severity: 'warn' },
      { kind: 'heading_skip', line: 7, message: 'Unexpected heading rank `5`, expected rank `4`', severity: 'warn' },
    ]);
  });

  it('does not report a heading that only follows a jump', () => {
    expect(issues(['# Chat', '', '#### Deep', '', '### Less deep', ''])).toEqual([{ kind: 'heading_skip', line: 3 }]);
  });

  it('reports a jump after a setext heading', () => {
    expect(issues(['Chat', '====', '', '### Sub', ''])).toEqual([{ kind: 'heading_skip', line: 4 }]);
  });

  it('accepts steady headings, going back up, and a first heading below h1', () => {
    expect(issues(['# Chat', '', '## A', '', '### B', '', '## C', '', '# D', ''])).toEqual([]);
    expect(issues(['### Start', '', '#### Next', ''])).toEqual([]);
  });
});

describe('no-empty-url (remark-lint)', () => {
  it('reports a link with an empty URL', () => {
    const md = ['# Chat', '', 'See [docs]().', ''];
    expect(issues(md)).toEqual([{ kind: 'no-empty-url', line: 3 }]);
    expect(run(remarkLint, md)).toEqual([
      { kind: 'no-empty-url', line: 3, message: 'Unexpected empty link URL referencing the current document, expected URL', severity: 'warn' },
    ]);
  });

  it('accepts a link with a URL', () => {
    expect(issues(['# Chat', '', 'See [docs](https://example.com).', ''])).toEqual([]);
  });
});

describe('checkMarkdown', () => {
  it('reports every rule’s issues sorted by line', () => {
    const md = [
      '# Design for [SYSTEM_NAME / PROBLEM_STATEMENT]',
      '',
      '### Skipped level',
      '',
      '| a | b |',
      '| --- | --- |',
      '| 1 | 2 | 3 |',
      '',
      '-item',
      '',
      `${fence}sql`,
      'SELECT 1;',
      '',
    ];
    expect(issues(md)).toEqual([
      { kind: 'placeholder_left', line: 1 },
      { kind: 'heading_skip', line: 3 },
      { kind: 'table_column_mismatch', line: 7 },
      { kind: 'broken_list', line: 9 },
      { kind: 'unclosed_fence', line: 11 },
    ]);
  });

  it('finds nothing in a clean answer', () => {
    const md = [
      '# WhatsApp-style chat',
      '',
      '## 1. Requirements',
      '',
      '- P0: send and receive messages',
      '- P1: read receipts',
      '',
      '## 3. Deep dives',
      '',
      '### 3.2 Data Storage & Retrieval',
      '',
      `${fence}sql`,
      'SELECT * FROM messages WHERE chat_id = $1;',
      fence,
      '',
      '| Feature | Notes |',
      '| --- | --- |',
      '| Send | Offline queue |',
      '',
      'That covers the design.',
      '',
    ];
    expect(issues(md)).toEqual([]);
  });
});
