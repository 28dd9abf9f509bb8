import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { OUR_ASSERTION } from '../../src/interop/assertion-value.js';

export interface Workload {
  name: string;
  cases: number;
  latencyMs: number;
  concurrency: number;
}

/**
 * One config both engines read: N cases through one short prompt to one OpenAI-compatible provider
 * (the loopback server). `graded.yaml` adds our assertion, so promptfoo does the grading work our
 * engine does; `plain.yaml` has none (promptfoo's lean run).
 */
export function writeWorkload(dir: string, workload: Workload, baseUrl: string, root: string): { plain: string; graded: string } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'prompt.md'), 'Design a scalable system for `{{system}}`.\n');
  writeFileSync(join(dir, 'cases.yaml'), stringify(Array.from({ length: workload.cases }, (_, i) => ({ vars: { system: `case-${i}` }, metadata: { id: `case-${i}` } }))));
  const config = {
    description: `bench ${workload.name}`,
    prompts: [{ id: 'file://prompt.md', label: 'bench' }],
    providers: [{ id: 'openai:chat:bench-model', label: 'bench-model', config: { apiBaseUrl: `${baseUrl}/v1` } }],
    tests: 'file://cases.yaml',
    evaluateOptions: { maxConcurrency: workload.concurrency },
  };
  const plain = join(dir, 'plain.yaml');
  const graded = join(dir, 'graded.yaml');
  writeFileSync(plain, stringify(config));
  // The assertion module by absolute path: promptfoo resolves it against the config's directory.
  writeFileSync(graded, stringify({ ...config, defaultTest: { assert: [{ type: OUR_ASSERTION.type, value: `file://${join(root, 'dist/src/interop/promptfoo-assertion.js')}:grade` }] } }));
  return { plain, graded };
}
