import { afterEach, describe, expect, it } from 'vitest';
import { openAiProvider } from '../../src/providers/openai.js';
import { judgeCheck, type LabelledAnswer } from '../../src/rubric/judge-check.js';
import type { Criterion } from '../../src/rubric/schema.js';
import { startLoopback, type Loopback, type SeenRequest } from '../support/loopback-server.js';

let server: Loopback | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const criteria: Criterion[] = [
  { id: 'db-choice-justified', points: 2, tags: ['storage'], decide: 'judge', description: 'The database choice is justified against an alternative.' },
  { id: 'cursor-algorithm-works', points: 2, tags: ['pagination'], decide: 'judge', description: 'The cursor is keyset-based.' },
];

const label = (db: boolean, cursor: boolean): LabelledAnswer['labels'] => ({
  rubricVersion: 1,
  criteria: { 'db-choice-justified': { met: db, line: db ? 1 : null, why: 'x' }, 'cursor-algorithm-works': { met: cursor, line: cursor ? 1 : null, why: 'x' } },
});

const answers: LabelledAnswer[] = [
  { file: 'a.md', text: 'PostgreSQL was rejected for write throughput.\nCursors are keyset pages on (ts, id).', labels: label(true, true) },
  { file: 'b.md', text: 'We use Postgres.\nCursors are keyset pages on (ts, id).', labels: label(false, true) },
  { file: 'c.md', text: 'We compared stores and chose one.\nPages use OFFSET.', labels: label(true, false) },
];

/** A keyword judge: "met" when the answer has the keyword, quoting its line; on c.md it invents a quote. */
function keywordJudge(request: SeenRequest): string {
  const answer = /<<<ANSWER-\w+>>>\n([\s\S]*)\n<<<END-ANSWER-\w+>>>$/.exec(request.prompt)![1]!;
  const line = (word: string): string | undefined => answer.split('\n').find((l) => l.includes(word));
  const db = line('rejected');
  const cursor = line('keyset');
  const invented = answer.includes('OFFSET');
  return JSON.stringify({
    criteria: [
      { id: 'db-choice-justified', met: db !== undefined, quotes: db === undefined ? [] : [db], explanation: 'e' },
      { id: 'cursor-algorithm-works', met: cursor !== undefined || invented, quotes: cursor !== undefined ? [cursor] : invented ? ['keyset pagination on a unique key'] : [], explanation: 'e' },
    ],
  });
}

describe('judge-check against hand labels', () => {
  it('reports per-criterion precision/recall/F1, unsupported quotes and self-agreement', async () => {
    server = await startLoopback((r) => ({ kind: 'answer', text: keywordJudge(r) }));
    const provider = openAiProvider({ id: 'openai:chat:judge', label: 'judge', config: { apiBaseUrl: `${server.url}/v1` } }, 'k');
    const call = async (prompt: string): Promise<string> => (await provider.call({ prompt, promptId: 'j', caseId: 'c', vars: {}, metadata: {}, signal: AbortSignal.timeout(2000) })).output;
    const report = await judgeCheck(answers, criteria, { judgeId: 'kw', rubricVersion: 1, mode: 'per-answer', samples: 2, maxInvalidReplies: 2, cacheDir: null }, call);
    // db: a tp, b tn, c fn → P 1, R 0.5. cursor: a tp, b tp, c claimed with an invented quote → not met → tn.
    expect(report.criteria).toEqual([
      { id: 'db-choice-justified', tp: 1, fp: 0, fn: 1, tn: 1, precision: 1, recall: 0.5, f1: 2 / 3 },
      { id: 'cursor-algorithm-works', tp: 2, fp: 0, fn: 0, tn: 1, precision: 1, recall: 1, f1: 1 },
    ]);
    expect(report.macroF1).toBeCloseTo((2 / 3 + 1) / 2, 12);
    // Two samples each: 4 "met" claims per sample, one of them unsupported.
    expect([report.metClaims, report.unsupportedClaims, report.unsupportedRate]).toEqual([8, 2, 0.25]);
    expect(report.alpha).toBe(1);
    expect(report.errors).toEqual([]);
    expect(server.requests).toHaveLength(6);
  });
});
