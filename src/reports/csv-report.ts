import { stringify } from 'csv-stringify/sync';
import type { Reporter } from './reporter.js';

/** One row per cell, for spreadsheets and notebooks. */
export const csvReport: Reporter = {
  name: 'csv',
  file: 'results.csv',
  render(data) {
    const rows = data.completions.map((c) => {
      const g = data.grades.get(c.cellId)?.result;
      return {
        cell: c.cellId,
        prompt: c.promptId,
        provider: c.provider,
        case: c.caseId,
        repeat: c.repeat,
        overall: g?.scores.overall ?? '',
        depth: g?.scores.depth ?? '',
        artifacts: g?.scores.artifacts ?? '',
        markdown: g?.scores.markdown ?? '',
        rubric: g?.rubric?.score ?? '',
        finish_reason: c.finishReason ?? '',
        truncated: c.truncated,
        tokens: c.tokenUsage?.total ?? '',
        cost: c.cost ?? '',
        latency_ms: c.latencyMs,
        cached: c.cached,
        error: c.error === null ? '' : `${c.error.kind}: ${c.error.message}`,
      };
    });
    return stringify(rows, { header: true });
  },
};
