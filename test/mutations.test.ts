import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../src/analysis/analyze.js';
import { gradeAnswer } from '../src/grade/grade-answer.js';
import { MUTATIONS } from '../src/mutations/operators.js';
import { SAMPLES_DIR } from './corpus/corpus.js';

/** Clean, strong answers in different layouts: each mutation degrades them in one way. */
const BASES = ['chat-excellent.md', 'ticketing-excellent.md', 'url-shortener-good.md', 'news-feed-mixed.md', 'file-sync-good.md', 'notification-transcript.md'];

/** The Markdown issue each Markdown mutation must produce. */
const PLANTS: Record<string, string> = {
  'break-table-row': 'table_column_mismatch',
  'unclose-fence': 'unclosed_fence',
  'truncate-60': 'truncated',
  'leave-placeholder': 'placeholder_left',
  'escape-table-pipes': 'escaped_pipe_table',
};

describe('sensitivity: each mutation lowers its targeted score and raises none', () => {
  for (const base of BASES) {
    const text = readFileSync(join(SAMPLES_DIR, base), 'utf8');
    const before = gradeAnswer(base, text);
    const analysis = analyze(text);
    for (const mutation of MUTATIONS) {
      it(`${base} × ${mutation.name}`, () => {
        const mutated = mutation.apply(text, analysis);
        expect(mutated, 'every base answer has something to mutate').not.toBeNull();
        const after = gradeAnswer(base, mutated!);
        expect(after.scores[mutation.target]).toBeLessThan(before.scores[mutation.target]);
        for (const key of ['depth', 'artifacts', 'markdown', 'overall'] as const) {
          expect(after.scores[key], key).toBeLessThanOrEqual(before.scores[key]);
        }
        const plant = PLANTS[mutation.name];
        if (plant !== undefined) expect(after.markdown.issues.map((i) => i.kind)).toContain(plant);
      });
    }
  }
});

describe('mutations compound', () => {
  it('hollowing every aspect costs more depth than dropping one', () => {
    const text = readFileSync(join(SAMPLES_DIR, 'chat-excellent.md'), 'utf8');
    const analysis = analyze(text);
    const drop = MUTATIONS.find((m) => m.name === 'drop-one-aspect')!.apply(text, analysis)!;
    const hollow = MUTATIONS.find((m) => m.name === 'hollow-every-aspect')!.apply(text, analysis)!;
    const headingsOnly = MUTATIONS.find((m) => m.name === 'keep-only-headings')!.apply(text, analysis)!;
    const depth = (t: string): number => gradeAnswer('x.md', t).scores.depth;
    expect(depth(hollow)).toBeLessThan(depth(drop));
    expect(depth(hollow)).toBe(0);
    expect(gradeAnswer('x.md', headingsOnly).scores.overall).toBeLessThanOrEqual(0.1);
  });
});
