import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface Fixture {
  dir: string;
  config: string;
  results: string;
  cache: string;
}

/** A temporary project: one prompt, `cases` systems, the given providers. */
export function fixture(providers: unknown[], cases = 3, extra: Record<string, unknown> = {}): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'eval-'));
  mkdirSync(join(dir, 'prompts'));
  writeFileSync(join(dir, 'prompts', 'p.md'), 'Design {{system}} with {{messaging_system}}.\n');
  const tests = Array.from({ length: cases }, (_, i) => ({ vars: { system: `system ${i}`, messaging_system: 'Kafka' }, metadata: { id: `case-${i}` } }));
  const config = join(dir, 'promptfooconfig.yaml');
  writeFileSync(config, stringify({ prompts: ['file://prompts/p.md'], providers, tests, ...extra }));
  return { dir, config, results: join(dir, 'results'), cache: join(dir, 'cache') };
}

/** A short answer the graders can read. */
export const ANSWER = '# Design\n\n## 1. Requirements\n\n- Send (P0)\n\n## 3. Deep Dives\n\n### 3.1 Send\n\n#### Storage\n\n```sql\nSELECT 1;\n```\n';
