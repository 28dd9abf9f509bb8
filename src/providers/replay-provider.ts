import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Replays recorded answers: `<dir>/<model>/<prompt id>/<case id>.md`. Written in promptfoo's
 * custom-provider contract so `promptfoo eval` can load the same file (issue 6); our engine loads
 * it through the same `file://` path. `dir` is relative to the working directory.
 */
export default class ReplayProvider {
  readonly cacheable = false;
  private readonly model: string;
  private readonly dir: string;
  private readonly name: string;

  constructor(options: { id?: string; label?: string; config?: Record<string, unknown> } = {}) {
    const config = options.config ?? {};
    this.model = typeof config.model === 'string' ? config.model : 'thorough';
    this.dir = resolve(typeof config.dir === 'string' ? config.dir : 'datasets/recorded');
    this.name = options.label ?? `replay:${this.model}`;
  }

  id(): string {
    return `replay:${this.model}`;
  }

  async callApi(_prompt: string, context?: { prompt?: { label?: string }; vars?: Record<string, unknown>; test?: { metadata?: Record<string, unknown> } }): Promise<{ output?: string; error?: string; cost?: number; finishReason?: string }> {
    const promptId = context?.prompt?.label ?? 'system-design.v1';
    const caseId = context?.test?.metadata?.id ?? context?.vars?.id;
    if (typeof caseId !== 'string') return { error: `replay ${this.name}: the case has no metadata.id to find its recorded answer by` };
    const path = `${this.dir}/${this.model}/${promptId}/${caseId}.md`;
    try {
      return { output: readFileSync(path, 'utf8'), cost: 0, finishReason: 'stop' };
    } catch {
      return { error: `replay ${this.name}: no recorded answer at ${path}` };
    }
  }
}
