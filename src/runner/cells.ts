import type { PromptVersion } from '../config/prompt.js';
import type { Case } from '../dataset/load-cases.js';
import type { Provider } from '../providers/provider.js';

/** One prompt × provider × case × repeat. */
export interface Cell {
  /** Stable across runs and resumes: `prompt|provider|case|repeat`. */
  id: string;
  prompt: PromptVersion;
  provider: Provider;
  case: Case;
  repeat: number;
}

export function cellId(promptId: string, providerLabel: string, caseId: string, repeat: number): string {
  return `${promptId}|${providerLabel}|${caseId}|${repeat}`;
}

/** The matrix, case-major so early results already cover every prompt and provider. */
export function buildCells(prompts: readonly PromptVersion[], providers: readonly Provider[], cases: readonly Case[], repeat: number): Cell[] {
  const cells: Cell[] = [];
  for (let r = 0; r < repeat; r++)
    for (const c of cases)
      for (const prompt of prompts)
        for (const provider of providers) cells.push({ id: cellId(prompt.id, provider.label, c.id, r), prompt, provider, case: c, repeat: r });
  return cells;
}
