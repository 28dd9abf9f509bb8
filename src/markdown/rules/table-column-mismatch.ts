import type { MarkdownRule } from '../rule.js';

/** GFM pads or drops cells silently: a row with a different cell count loses or shifts data. */
export const tableColumnMismatch: MarkdownRule = {
  kind: 'table_column_mismatch',
  check(doc) {
    const issues = [];
    for (const table of doc.tables) {
      const [header, ...rows] = table.node.children;
      if (header === undefined) continue;
      const expected = header.children.length;
      for (const row of rows) {
        const actual = row.children.length;
        if (actual === expected) continue;
        issues.push({
          kind: 'table_column_mismatch',
          line: row.position!.start.line,
          message: `table row has ${actual} cells, expected ${expected} (header at line ${table.line})`,
          severity: 'error' as const,
        });
      }
    }
    return issues;
  },
};
