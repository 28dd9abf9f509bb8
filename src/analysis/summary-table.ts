import type { DocumentModel } from './document.js';
import { normaliseTitle } from './text.js';

/** The six columns of the template's 3.9 summary table. */
export const SUMMARY_COLUMNS = ['feature', 'client_server', 'server_storage', 'server_recipient', 'messaging_events', 'notes'] as const;
export type SummaryColumn = (typeof SUMMARY_COLUMNS)[number];

const COLUMN_PATTERNS: ReadonlyArray<readonly [SummaryColumn, RegExp]> = [
  ['client_server', /client\s*(?:->|to|-)?\s*server|^request|^api\b|ingress/],
  ['server_recipient', /recipient|deliver|push|fan-?out|server\s*(?:->|to)\s*(?:client|device|user)|downstream/],
  ['server_storage', /\bdb\b|database|cache|storage|persist|server\s*(?:->|to)\s*(?:db|data|store)/],
  ['messaging_events', /messag|event|kafka|topic|queue|stream/],
  ['notes', /notes?|multi-?device|offline|remarks|comments/],
  ['feature', /feature|requirement|capabilit|^fr\b|use case|flow$|^name$/],
];

export interface SummaryTable {
  line: number;
  columns: SummaryColumn[];
  missing: SummaryColumn[];
  rows: number;
}

/** Enough of the six columns to be the summary table, not just any table. */
const MIN_COLUMNS = 4;

export function findSummaryTable(doc: DocumentModel): SummaryTable | null {
  let best: SummaryTable | null = null;
  for (const table of doc.tables) {
    const columns: SummaryColumn[] = [];
    for (const cell of table.header) {
      const normal = normaliseTitle(cell);
      const hit = COLUMN_PATTERNS.find(([column, pattern]) => !columns.includes(column) && pattern.test(normal));
      if (hit !== undefined) columns.push(hit[0]);
    }
    if (columns.length < MIN_COLUMNS) continue;
    if (best === null || columns.length > best.columns.length) {
      best = { line: table.line, columns, missing: SUMMARY_COLUMNS.filter((c) => !columns.includes(c)), rows: table.rows.length };
    }
  }
  return best;
}
