import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export class InputError extends Error {}

/**
 * The answers named on the command line: files as given, directories searched recursively for
 * `*.md` (skipping README.md, which documents a folder rather than answering the prompt).
 */
export async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  if (inputs.length === 0) throw new InputError('no FILE or DIR given');
  const files: string[] = [];
  for (const input of inputs) {
    let info;
    try {
      info = await stat(input);
    } catch {
      throw new InputError(`${input}: no such file or directory`);
    }
    if (info.isDirectory()) files.push(...(await markdownUnder(input)));
    else files.push(input);
  }
  if (files.length === 0) throw new InputError(`no Markdown answers (*.md) under ${inputs.join(', ')}`);
  return files;
}

async function markdownUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') out.push(...(await markdownUnder(path)));
    else if (entry.isFile() && /\.md$/i.test(entry.name) && entry.name.toLowerCase() !== 'readme.md') out.push(path);
  }
  return out;
}
