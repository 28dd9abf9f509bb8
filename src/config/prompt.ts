import { basename } from 'node:path';
import { ConfigError } from './errors.js';
import { readText } from './read-input.js';

/** One version of the template, with `{{var}}` variables. */
export interface PromptVersion {
  /** The entry's label, else the file name without `.md`: `system-design.v1`. */
  id: string;
  path: string;
  template: string;
  variables: string[];
}

const VARIABLE = /\{\{\s*([A-Za-z_][\w]*)\s*\}\}/g;

export function loadPrompt(path: string, label: string | undefined, configFile: string, key: string): PromptVersion {
  const template = readText(path, 'prompt file', { file: configFile, key });
  // We render plain {{var}}; nunjucks logic or filters would render differently under promptfoo.
  if (/\{%|\{\{[^}]*\|/.test(template)) throw new ConfigError(configFile, key, `${path} uses nunjucks tags or filters; blueprint-eval renders only {{var}} substitutions`);
  const variables = [...new Set([...template.matchAll(VARIABLE)].map((m) => m[1]!))];
  return { id: label ?? basename(path).replace(/\.md$/i, ''), path, template, variables };
}

export function render(prompt: PromptVersion, vars: Readonly<Record<string, string>>): string {
  return prompt.template.replace(VARIABLE, (_m, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`prompt ${prompt.id} uses {{${name}}}, which the case does not set`);
    return value;
  });
}
