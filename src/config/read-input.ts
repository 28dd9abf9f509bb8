import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { ConfigError } from './errors.js';

/** Where a file was named: the config file and the key that points at it. */
export interface Referrer {
  file: string;
  key: string;
}

/**
 * A file that is missing or could not be read. Named from where it was referred to when there is
 * such a place (`promptfooconfig.yaml: prompts[0]: prompt file … could not be read: …`), else by
 * its own path.
 */
export class UnreadableFileError extends ConfigError {
  constructor(
    readonly target: string,
    what: string,
    reason: string | null,
    referrer?: Referrer,
  ) {
    super(referrer?.file ?? target, referrer?.key ?? '', reason === null ? `${what} ${target} not found` : `${what} ${target} could not be read: ${reason}`);
    if (referrer === undefined) this.message = `${target}: ${reason === null ? `${what} not found` : `${what} could not be read: ${reason}`}`;
  }
}

/** Why reading `path` failed, in words; null when it simply does not exist. */
function reasonOf(path: string, error: unknown): string | null {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      try {
        if (lstatSync(path).isSymbolicLink()) return `it is a symlink to ${readlinkSync(path)}, which does not exist`;
      } catch {
        // not there at all
      }
      return null;
    case 'EISDIR':
      return 'it is a directory, expected a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'it is a symlink loop';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** A text file's contents, or an UnreadableFileError saying which file and why. */
export function readText(path: string, what: string, referrer?: Referrer): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UnreadableFileError(path, what, reasonOf(path, error), referrer);
  }
}

/** Parse YAML; a syntax error names its line and column. `lines` maps the document's node offsets to lines. */
export function parseYaml(file: string, text: string): { value: unknown; document: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const document = parseDocument(text, { prettyErrors: true, lineCounter: lines });
  const error = document.errors[0];
  if (error !== undefined) {
    const pos = error.linePos?.[0];
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(file, `line ${pos?.line ?? '?'}`, `invalid YAML${pos === undefined ? '' : ` (column ${pos.col})`}: ${message}`);
  }
  return { value: document.toJS(), document, lines };
}
