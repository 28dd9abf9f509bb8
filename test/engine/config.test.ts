import { OUR_ASSERTION } from '../../src/interop/assertion-value.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { fixture } from './fixture.js';

const provider = { id: 'openai:chat:m', label: 'm' };

function configWith(yaml: string): string {
  const f = fixture([provider], 1);
  writeFileSync(f.config, yaml);
  return f.config;
}

describe('config errors name the file, the key path and what was expected', () => {
  it('an unsupported promptfoo feature is an error, not ignored', () => {
    const f = fixture([provider], 1, { scenarios: [{ config: [] }] });
    expect(() => loadConfig(f.config)).toThrow(`${f.config}: (top level): unsupported key(s) scenarios: blueprint-eval reads description, prompts`);
  });

  it('a wrong type inside a provider', () => {
    const f = fixture([{ id: 'openai:chat:m', config: { maxConcurrency: 'four' } }], 1);
    expect(() => loadConfig(f.config)).toThrow(`${f.config}: providers[0]: `);
  });

  it('an unknown provider kind', () => {
    const f = fixture([{ id: 'bedrock:claude' }], 1);
    expect(() => loadConfig(f.config)).toThrow(`${f.config}: providers[0].id: unsupported provider "bedrock:claude": expected openai:chat:MODEL, anthropic:messages:MODEL or file://path.js`);
  });

  it('a variable the prompt uses but a case does not set, before any request', () => {
    const f = fixture([provider], 1);
    writeFileSync(join(f.dir, 'prompts', 'p.md'), 'Design {{system}} for {{audience}}.');
    expect(() => loadConfig(f.config)).toThrow(`${f.config}: case case-0: vars: missing {{audience}} used by prompt p`);
  });

  it('a prompt file that does not exist', () => {
    const path = configWith('prompts: [file://prompts/missing.md]\nproviders: [openai:chat:m]\ntests: [{vars: {system: x}}]\n');
    expect(() => loadConfig(path)).toThrow(`${path}: prompts[0]: prompt file ${join(path, '..', 'prompts', 'missing.md')} not found`);
  });

  it('invalid YAML names the line', () => {
    const path = configWith('prompts: [file://prompts/p.md\nproviders: x\n');
    expect(() => loadConfig(path)).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: line \\d+: invalid YAML`));
  });

  it('duplicate case ids and nunjucks logic are rejected', () => {
    const dup = configWith('prompts: [file://prompts/p.md]\nproviders: [openai:chat:m]\ntests:\n  - {vars: {system: a, messaging_system: k}, metadata: {id: x}}\n  - {vars: {system: b, messaging_system: k}, metadata: {id: x}}\n');
    expect(() => loadConfig(dup)).toThrow('[1]: case id "x" is used twice');
    const f = fixture([provider], 1);
    writeFileSync(join(f.dir, 'prompts', 'p.md'), '{% if system %}Design {{system}}{% endif %}');
    expect(() => loadConfig(f.config)).toThrow('uses nunjucks tags or filters');
  });

  it('the repository config loads: 2 prompts × 5 providers × 10 recorded cases, equal to their systems.yaml entries', async () => {
    const config = loadConfig('promptfooconfig.yaml');
    expect(config.prompts.map((p) => p.id)).toEqual(['system-design.v1', 'system-design.v2']);
    expect(config.providers.map((p) => p.label)).toEqual(['replay-thorough', 'replay-uneven', 'replay-shallow', 'gpt-4.1-mini', 'claude-sonnet-4.5']);
    expect(config.cases).toHaveLength(10);
    const { loadCasesFile } = await import('../../src/dataset/load-cases.js');
    const all = new Map(loadCasesFile('datasets/systems.yaml').map((c) => [c.id, c]));
    expect(all.size).toBeGreaterThanOrEqual(30);
    for (const c of config.cases) expect(c).toEqual(all.get(c.id));
    for (const c of all.values()) expect((c.metadata.expected_p0 as string[]).length).toBeGreaterThanOrEqual(3);
  });
});

describe('promptfoo assertions', () => {
  it('other assertions are refused by name instead of being ignored', () => {
    const f = fixture([provider], 1, { defaultTest: { assert: [OUR_ASSERTION, { type: 'contains', value: 'Kafka' }] } });
    expect(() => loadConfig(f.config)).toThrow(`${f.config}: defaultTest.assert[1]: only blueprint-eval's own assertion`);
    expect(() => loadConfig(f.config)).toThrow('got {"type":"contains","value":"Kafka"}');
  });

  it('our own assertion (the same graders, for promptfoo) is accepted; a changed copy of it is not', () => {
    const f = fixture([provider], 1, { defaultTest: { assert: [OUR_ASSERTION] } });
    expect(loadConfig(f.config).cases).toHaveLength(1);
    const g = fixture([provider], 1, { defaultTest: { assert: [{ ...OUR_ASSERTION, weight: 2 }] } });
    expect(() => loadConfig(g.config)).toThrow('defaultTest.assert[0]');
  });
});
